import type { PlanRef } from '../state/editorStore';
import type { PlanDocument } from './usePlanDocument';

/**
 * Banners over the canvas: a save conflict (save as copy, reload the newest, keep editing) and an old version open
 * read-only (restore it, open the newest, or save the edits as a copy).
 */
export function PlanBanners({ doc, current, dirty, onRestore, t }: {
  doc: PlanDocument;
  current: PlanRef | null;
  dirty: boolean;
  onRestore: (v: number) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}) {
  return (
    <>
      {doc.conflict && (
        <div className="ed-banner error" role="alert" data-testid="ed-conflict">
          <strong>{t('editor.conflict.title')}</strong> {doc.conflict.message} <em>{t('editor.conflict.kept')}</em>
          <button onClick={() => void doc.saveAsCopy()}>{t('editor.conflict.saveCopy')}</button>
          <button onClick={doc.reloadLatest} data-testid="ed-reload-latest">{t('editor.conflict.reload')}</button>
          <button onClick={doc.dismissConflict}>{t('editor.conflict.keepEditing')}</button>
        </div>
      )}
      {doc.isOldVersion && current && (
        <div className="ed-banner info" data-testid="ed-old-version">
          {t('editor.status.oldVersion', { v: current.version, latest: doc.latestVersion ?? '?' })}
          <button onClick={() => onRestore(current.version)}>{t('editor.versions.restore')}</button>
          <button onClick={() => void doc.openPlan(current.id)}>{t('editor.versions.openLatest')}</button>
          {dirty && <button onClick={() => void doc.saveAsCopy()}>{t('editor.conflict.saveCopy')}</button>}
        </div>
      )}
    </>
  );
}
