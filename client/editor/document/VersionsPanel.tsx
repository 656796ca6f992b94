import type { PlanVersionInfo } from '../../api/plans';
import type { PlanRef } from '../state/editorStore';

/** The open plan's versions, newest as the server orders them: open any, restore any but the newest. */
export function VersionsPanel({ versions, current, latestVersion, locale, onOpen, onRestore, t }: {
  versions: PlanVersionInfo[];
  current: PlanRef;
  latestVersion: number | null;
  locale: 'en' | 'zh';
  onOpen: (v: number) => void;
  onRestore: (v: number) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}) {
  return (
    <section className="ed-props" data-testid="ed-versions-list">
      <h3>{t('editor.versions.title')}</h3>
      <ol className="ed-versions">
        {versions.map((v) => (
          <li key={v.version} className={v.version === current.version ? 'current' : ''}>
            <span>v{v.version}</span>
            <small>{new Date(v.createdAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB')}{v.restoredFrom ? ` · ${t('editor.versions.restoredFrom', { v: v.restoredFrom })}` : ''}{v.message ? ` · ${v.message}` : ''}</small>
            <button onClick={() => onOpen(v.version)}>{t('editor.versions.open')}</button>
            {v.version !== latestVersion && <button onClick={() => onRestore(v.version)}>{t('editor.versions.restore')}</button>}
          </li>
        ))}
      </ol>
    </section>
  );
}
