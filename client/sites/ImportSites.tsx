import { useRef, useState } from 'react';
import { MAX_SITES_PER_REQUEST } from '../../core/api/sites';
import { parseCandidateFile, type CandidateSite } from '../../core/scoring/candidateFile';
import { useI18n } from '../i18n/i18n';
import { formatInt } from './format';

/**
 * "Import sites" button: reads a CSV (`id,lng,lat`) or GeoJSON of points in the browser with the shared parser
 * (core/scoring/candidateFile.ts). A file with any bad row is refused whole, naming file, row and field; more than
 * {@link MAX_SITES_PER_REQUEST} sites are refused (the CLI handles larger sets). Good files go to `onSites`.
 */
export function ImportSites(props: { onSites: (sites: CandidateSite[], file: string) => Promise<void>; disabled?: boolean }) {
  const { t, locale } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const onFile = async (file: File) => {
    setErrors([]);
    setNote(null);
    const parsed = parseCandidateFile(await file.text(), file.name);
    if (parsed.errors.length) {
      setErrors(parsed.errors.slice(0, 5).map((e) => e.message).concat(parsed.errors.length > 5 ? [`… +${parsed.errors.length - 5}`] : []));
      return;
    }
    if (parsed.sites.length === 0) { setErrors([t('sites.import.empty', { file: file.name })]); return; }
    if (parsed.sites.length > MAX_SITES_PER_REQUEST) {
      setErrors([t('sites.import.tooMany', { n: formatInt(locale, parsed.sites.length), max: formatInt(locale, MAX_SITES_PER_REQUEST) })]);
      return;
    }
    await props.onSites(parsed.sites, file.name);
    setNote(t('sites.import.done', { n: formatInt(locale, parsed.sites.length), file: file.name }));
  };
  return (
    <div className="import-sites">
      <button type="button" onClick={() => input.current?.click()} disabled={props.disabled} data-testid="import-sites">{t('sites.import')}</button>
      <input ref={input} type="file" accept=".csv,.geojson,.json,text/csv,application/geo+json" hidden data-testid="import-file"
        onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void onFile(f); }} />
      {errors.length > 0 && (
        <div className="field-error" role="alert" data-testid="import-errors">
          <strong>{t('sites.import.refused')}</strong>
          <ul>{errors.map((m, k) => <li key={k}>{m}</li>)}</ul>
        </div>
      )}
      {note && <p className="hint" data-testid="import-note">{note}</p>}
    </div>
  );
}
