import { featureRecords, type SourceFeature } from './geometry';
import type { RecordOptions } from './records';
import { refusal, refusalMessage, type RefusalText } from './refusals';
import { emptyReport, type ParseResult } from './types';

/**
 * Import a GeoJSON text (a FeatureCollection or one Feature) as records of `opts.kind` with {@link featureRecords}.
 * A `crs` member (pre-RFC 7946 files exported in a projected system) is reported; it is used only when the caller
 * passes the CRS (`opts.transform`), so projected files are still refused without one.
 * @returns the records and report; `refusal` (field `file`) when the text is not JSON or not GeoJSON features.
 */
export function parseGeoJson(text: string, opts: RecordOptions): ParseResult {
  const refuse = (text: RefusalText): ParseResult => {
    const message = refusalMessage(text);
    const report = emptyReport();
    report.problems.push({ file: opts.file, row: null, id: null, field: 'file', value: null, severity: 'error', message });
    return { records: [], report, refusal: { field: 'file', message, text } };
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return refuse(refusal('notJson', { file: opts.file, detail: (err as Error).message }));
  }
  const d = doc as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  let list: unknown[];
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) list = d.features;
  else if (d?.type === 'Feature') list = [d];
  else return refuse(d?.type === undefined ? refusal('notGeoJsonNoType', { file: opts.file }) : refusal('notGeoJson', { file: opts.file, type: String(d.type) }));
  const features: SourceFeature[] = list.map((f, k) => {
    const feat = f as { geometry?: unknown; id?: unknown; properties?: unknown } | null;
    return {
      row: k + 1,
      geometry: feat?.geometry ?? null,
      featureId: typeof feat?.id === 'string' || typeof feat?.id === 'number' ? feat.id : null,
      props: feat?.properties && typeof feat.properties === 'object' ? (feat.properties as Record<string, unknown>) : {},
    };
  });
  const declared = typeof d.crs?.properties?.name === 'string' ? d.crs.properties.name : null;
  const result = featureRecords(features, { ...opts, details: { format: 'geojson', ...(declared ? { declaredCrs: declared } : {}) } });
  if (declared && result.refusal?.field === 'crs') {
    result.refusal.message += ` (the file declares ${declared})`;
    result.report.problems[result.report.problems.length - 1].message = result.refusal.message;
  }
  return result;
}
