import Papa from 'papaparse';
import { checkPoint } from './records';
import { refusal, refusalMessage } from './refusals';
import { emptyReport, type DatasetRecord, type ParseResult } from './types';

/**
 * The LODES 8 Workplace Area Characteristics columns (LEHD "LODES Technical Document", WAC file structure):
 * the 2020 census block of the workplace, total jobs, jobs by age, earnings, NAICS sector, race, ethnicity,
 * education, sex, firm age and firm size, and the file's creation date.
 */
export const WAC_COLUMNS = [
  'w_geocode', 'C000', 'CA01', 'CA02', 'CA03', 'CE01', 'CE02', 'CE03',
  ...Array.from({ length: 20 }, (_, i) => `CNS${String(i + 1).padStart(2, '0')}`),
  'CR01', 'CR02', 'CR03', 'CR04', 'CR05', 'CR07', 'CT01', 'CT02', 'CD01', 'CD02', 'CD03', 'CD04', 'CS01', 'CS02',
  'CFA01', 'CFA02', 'CFA03', 'CFA04', 'CFA05', 'CFS01', 'CFS02', 'CFS03', 'CFS04', 'CFS05', 'createdate',
] as const;

/** The crosswalk columns the import reads (the file has ~40: state, county, tract, CBSA, ZCTA … names). */
export const XWALK_COLUMNS = ['tabblk2020', 'blklatdd', 'blklondd'] as const;

/** Stream a comma-separated table: `onHeader` sees the header before `onRow` sees any data row (1-based). */
function table(text: string, onHeader: (headers: string[]) => void, onRow: (values: string[], row: number) => void): string[] {
  let headers: string[] = [];
  let k = -1;
  Papa.parse<string[]>(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), {
    delimiter: ',', newline: '\n', skipEmptyLines: 'greedy',
    step: (res) => {
      const values = (res.data as string[]).map((v) => v.trim());
      if (++k === 0) { headers = values; onHeader(headers); } else onRow(values, k);
    },
  });
  return headers;
}

/**
 * Workplace jobs from a LODES WAC file placed at its blocks' internal points from the state crosswalk (issue 10,
 * item 3, kind `jobs`). Each WAC row becomes a record: id = `w_geocode` (15-digit 2020 block, kept as a string),
 * value = `C000` (all jobs), position = the crosswalk's `blklondd` / `blklatdd`. Refused rows (listed with file,
 * row, field and value): a geocode that is not 15 digits or repeats, a C000 that is not a whole number ≥ 0, a block
 * absent from the crosswalk or whose crosswalk coordinates are bad. Only the crosswalk rows of blocks in the WAC
 * file are kept in memory.
 * @returns a refusal (field `file`) when a required column is missing from either file.
 */
export function parseLodes(wac: { file: string; text: string }, xwalk: { file: string; text: string }): ParseResult {
  const report = emptyReport();
  const refuse = (file: string, missing: string[], headers: string[]): ParseResult => {
    const text = refusal(file === wac.file ? 'lodesWacColumns' : 'lodesXwalkColumns',
      { file, count: missing.length, missing: missing.join(', '), header: `${headers.slice(0, 12).join(',')}${headers.length > 12 ? ',…' : ''}` });
    const message = refusalMessage(text);
    report.problems.push({ file, row: null, id: null, field: missing[0], value: null, severity: 'error', message });
    return { records: [], report, refusal: { field: 'file', message, headers, text } };
  };
  const rows: { row: number; geocode: string; jobs: string }[] = [];
  let gi = -1, ci = -1, di = -1;
  let createdate: string | null = null;
  const wacHeaders = table(wac.text, (h) => { gi = h.indexOf('w_geocode'); ci = h.indexOf('C000'); di = h.indexOf('createdate'); }, (v, row) => {
    if (gi < 0 || ci < 0) return;
    rows.push({ row, geocode: v[gi] ?? '', jobs: v[ci] ?? '' });
    if (di >= 0 && createdate === null) createdate = v[di] ?? null;
  });
  const missingWac = ['w_geocode', 'C000'].filter((c) => !wacHeaders.includes(c));
  if (missingWac.length) return refuse(wac.file, missingWac, wacHeaders);
  report.read = rows.length;
  const wanted = new Set(rows.map((r) => r.geocode));
  const blocks = new Map<string, { row: number; lat: string; lon: string }>();
  let bi = -1, lai = -1, loi = -1;
  const xHeaders = table(xwalk.text, (h) => { bi = h.indexOf('tabblk2020'); lai = h.indexOf('blklatdd'); loi = h.indexOf('blklondd'); }, (v, row) => {
    if (bi < 0) return;
    const id = v[bi] ?? '';
    if (wanted.has(id) && !blocks.has(id)) blocks.set(id, { row, lat: v[lai] ?? '', lon: v[loi] ?? '' });
  });
  const missingX = XWALK_COLUMNS.filter((c) => !xHeaders.includes(c));
  if (missingX.length) return refuse(xwalk.file, [...missingX], xHeaders);

  const records: DatasetRecord[] = [];
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const before = report.problems.length;
    const fail = (file: string, row: number, field: string, value: string, message: string) =>
      report.problems.push({ file, row, id: r.geocode || null, field, value, severity: 'error', message: `${file} row ${row}, ${field}: ${message}` });
    if (!/^\d{15}$/.test(r.geocode)) fail(wac.file, r.row, 'w_geocode', r.geocode, 'expected a 15-digit 2020 census block code');
    else if (firstRow.has(r.geocode)) fail(wac.file, r.row, 'w_geocode', r.geocode, `block ${r.geocode} appears more than once (first at row ${firstRow.get(r.geocode)})`);
    if (!/^\d+$/.test(r.jobs)) fail(wac.file, r.row, 'C000', r.jobs, 'expected a whole number of jobs ≥ 0');
    let point: [number, number] | null = null;
    if (report.problems.length === before) {
      const b = blocks.get(r.geocode);
      if (!b) fail(wac.file, r.row, 'w_geocode', r.geocode, `block ${r.geocode} is not in ${xwalk.file} (is it the crosswalk of the same state?)`);
      else {
        const x = Number(b.lon), y = Number(b.lat);
        if (b.lat === '' || b.lon === '' || !Number.isFinite(x) || !Number.isFinite(y)) {
          fail(xwalk.file, b.row, b.lat === '' || !Number.isFinite(y) ? 'blklatdd' : 'blklondd', b.lat === '' || !Number.isFinite(y) ? b.lat : b.lon,
            `block ${r.geocode}: coordinates are not numbers`);
        } else {
          point = checkPoint(x, y, 'blklondd', 'blklatdd', `${b.lon}, ${b.lat}`, { file: xwalk.file, kind: 'jobs' },
            (field, value, message) => fail(xwalk.file, b.row, field ?? 'blklatdd', value ?? '', message));
        }
      }
    }
    if (report.problems.length > before || !point) { report.skipped++; continue; }
    firstRow.set(r.geocode, r.row);
    records.push({ row: r.row, id: r.geocode, lng: point[0], lat: point[1], value: Number(r.jobs), name: null, geometry: null, props: {} });
  }
  report.imported = records.length;
  report.details = { format: 'lodes-wac', wac: wac.file, xwalk: xwalk.file, createdate, jobs: records.reduce((a, r) => a + (r.value ?? 0), 0) };
  return { records, report };
}
