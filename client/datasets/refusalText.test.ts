import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/datasets/csv';
import { parseLodes } from '../../core/datasets/lodes';
import { REFUSAL_TEXTS } from '../../core/datasets/refusals';
import type { ImportProblem, ParseResult } from '../../core/datasets/types';
import { AppError, type Problem } from '../../server/errors';
import { resolveCrs } from '../../server/datasets/crs';
import { ImportRefusedError, importDataset, parseUpload, type ImportRequest, type ParseContext } from '../../server/datasets/importer';
import type { DatasetStore } from '../../server/datasets/store';
import { messages } from '../i18n/messages';
import { refusalInLocale } from './refusalText';

const ctx: ParseContext = { serviceDate: '2026-10-07', limits: { maxBytes: 10_000, maxEntries: 50 } };
const calendar = 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nALL,1,1,1,1,1,1,1,20260101,20261231\n';

/** The error body (`error` of the API's answer) of a parser's refusal, as `POST /api/datasets` sends it. */
function bodyOfRefusal(r: ParseResult): Problem['error'] {
  expect(r.refusal).toBeDefined();
  return new ImportRefusedError(400, r.refusal!.text, r.report, r.refusal!.field, r.refusal!.headers).toProblem().error;
}

/** The error body of what `run` throws (an AppError of the upload's reading). */
async function bodyOfThrow(run: () => unknown): Promise<Problem['error']> {
  try { await run(); } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const body = (err as AppError).toProblem() as Problem & { report?: unknown };
    return body.report ? { ...body.error, report: body.report } as Problem['error'] : body.error;
  }
  throw new Error('expected a refusal');
}

const upload = (name: string, bytes: Uint8Array, kind: ImportRequest['kind'] = 'outlets', extra: Partial<ImportRequest> = {}) =>
  parseUpload({ file: { name, bytes }, kind, ...extra }, ctx);

/** One whole-file refusal of each kind, from small files read by the real parsers and the real upload reader. */
async function refusals(): Promise<Record<string, Problem['error']>> {
  const out: Record<string, Problem['error']> = {};
  out.gtfsNoStops = bodyOfRefusal(await upload('feed.zip', zipSync({ 'routes.txt': strToU8('route_id,route_type\nR1,3\n'), 'calendar.txt': strToU8(calendar) }), 'transit'));
  out.gtfsColumns = bodyOfRefusal(await upload('feed.zip', zipSync({
    'stops.txt': strToU8('id,stop_name,stop_lat,stop_lon\nS1,One,40.75,-73.99\n'), 'routes.txt': strToU8('route_id,route_type\nR1,3\n'),
    'trips.txt': strToU8('route_id,service_id,trip_id\nR1,ALL,T1\n'), 'stop_times.txt': strToU8('trip_id,stop_id,stop_sequence\nT1,S1,1\n'),
    'calendar.txt': strToU8(calendar) }), 'transit'));
  out.lodes = bodyOfRefusal(parseLodes({ file: 'ny_wac.csv', text: 'geocode,C000\n360610092001000,5\n' },
    { file: 'ny_xwalk.csv', text: 'tabblk2020,blklatdd,blklondd\n360610092001000,40.75,-73.98\n' }));
  out.columns = bodyOfRefusal(parseCsv('Filiale,Breite,Laenge\n1,40.7,-73.9\n', { file: 'kunden.csv', kind: 'outlets' }));
  out.decimal = bodyOfRefusal(parseCsv('id;lat;lng\n1;40.5;-73,9\n', { file: 'mixed.csv', kind: 'outlets', mapping: { delimiter: ';' } }));
  out.projected = bodyOfRefusal(parseCsv('id,x,y\n1,987654,201234\n2,987700,201300\n', { file: 'stateplane.csv', kind: 'outlets' }));
  out.notJson = bodyOfRefusal(await upload('sites.geojson', strToU8('{"type": "FeatureCollection", "features": [')));
  out.tooLarge = await bodyOfThrow(() => upload('big.zip', zipSync({ 'big.csv': strToU8(`id,lat,lng\n${'1,40.7,-73.9\n'.repeat(2000)}`) })));
  out.unsafe = await bodyOfThrow(() => upload('evil.zip', zipSync({ 'ok.csv': strToU8('id,lat,lng\n'), '../../etc/passwd.csv': strToU8('x') })));
  out.transitNotZip = await bodyOfThrow(() => upload('stops.txt', strToU8('stop_id\n'), 'transit'));
  out.jobsNoXwalk = await bodyOfThrow(() => upload('ny_wac_S000_JT00_2021.csv', strToU8('w_geocode,C000\n'), 'jobs'));
  out.format = await bodyOfThrow(() => upload('plan.xlsx', strToU8('PK')));
  out.crs = await bodyOfThrow(() => resolveCrs('EPSG:99999'));
  const store = {} as DatasetStore; // never reached: nothing is stored when nothing is usable
  out.nothing = await bodyOfThrow(() => importDataset(store, { file: { name: 'empty.csv', bytes: strToU8('id,lat,lng\n1,abc,-73.9\n') }, kind: 'outlets' }, ctx));
  return out;
}

describe('whole-file refusals of an import in the UI language', () => {
  it('every refusal of these files carries a code whose English text is the server\'s message, and a Chinese text', async () => {
    const all = await refusals();
    expect(Object.keys(all).length).toBe(14);
    for (const [k, e] of Object.entries(all)) {
      expect(e.messageCode, k).toBeDefined();
      expect(refusalInLocale(e.messageCode, e.params, 'en', 'fallback'), k).toBe(e.message);
      const zh = refusalInLocale(e.messageCode, e.params, 'zh', 'fallback');
      expect(zh, k).not.toBe(e.message);
      expect(zh, k).toMatch(/[\u4e00-\u9fff]/);
    }
    const zh = (k: string) => refusalInLocale(all[k].messageCode, all[k].params, 'zh', all[k].message);
    expect(all.gtfsNoStops.message).toBe('feed.zip/: not a GTFS feed: missing stops.txt, trips.txt, stop_times.txt (found routes.txt, calendar.txt)');
    expect(zh('gtfsNoStops')).toBe('feed.zip/：不是 GTFS 数据：缺少 stops.txt, trips.txt, stop_times.txt（找到 routes.txt, calendar.txt）');
    expect(all.gtfsColumns).toMatchObject({ code: 'invalid_file', messageCode: 'gtfsMissingColumns', params: { file: 'feed.zip/stops.txt', missing: 'stop_id', count: 1 } });
    expect(zh('gtfsColumns')).toBe('feed.zip/stops.txt：缺少 1 个必需的列 stop_id；表头：id,stop_name,stop_lat,stop_lon');
    expect(all.lodes.message).toBe('ny_wac.csv: not a LODES WAC file: column w_geocode missing; header: geocode,C000');
    expect(zh('lodes')).toBe('ny_wac.csv：不是 LODES WAC 文件：缺少 1 列 w_geocode；表头：geocode,C000');
    expect(all.columns.message).toBe('longitude: no column recognised (expected one of lon, lng, long, longitude, x); name it in mapping.lng; ' +
      'latitude: no column recognised (expected one of lat, latitude, y); name it in mapping.lat; headers found: "Filiale", "Breite", "Laenge"');
    expect(zh('columns')).toBe('经度：未识别出对应的列（应为 lon, lng, long, longitude, x 之一）；请在 mapping.lng 中指明；' +
      '纬度：未识别出对应的列（应为 lat, latitude, y 之一）；请在 mapping.lat 中指明；文件中的列："Filiale", "Breite", "Laenge"');
    expect(all.decimal.messageCode).toBe('decimalMixed');
    expect(all.decimal.message).toBe('mixed.csv: both decimal marks occur: 1 values read only with a decimal point (e.g. row 1, lat: "40.5") and ' +
      '1 only with a decimal comma (e.g. row 1, lng: "-73,9"); say which the file uses in mapping.decimal ("." or ",")');
    expect(zh('decimal')).toBe('mixed.csv：两种小数点同时出现：1 个值只能按小数点读取（例如第 1 行 lat：“40.5”），1 个值只能按小数逗号读取（例如第 1 行 lng：“-73,9”）；' +
      '请在 mapping.decimal 中指明文件所用的小数点（“.”或“,”）');
    expect(all.projected.params).toMatchObject({ projected: 2, pairs: 2, row: 1, lngColumn: 'x', x: '987654', latColumn: 'y', y: '201234' });
    expect(all.notJson.messageCode).toBe('notJson');
    expect(all.tooLarge).toMatchObject({ code: 'too_large', messageCode: 'zipTooLarge', params: { file: 'big.zip', max: '10,000' } });
    expect(zh('tooLarge')).toBe('big.zip：解压后超过 10,000 字节（上限）；拒绝此 zip');
    expect(all.unsafe.message).toBe('evil.zip: entry "../../etc/passwd.csv" has a path outside the archive (".." or absolute); the zip is refused');
    expect(zh('unsafe')).toBe('evil.zip：条目“../../etc/passwd.csv”的路径在压缩包之外（含“..”或为绝对路径）；拒绝此 zip');
    expect(zh('jobsNoXwalk')).toMatch(/；缺少：对照表$/);
    expect(all.format.params).toEqual({ file: 'plan.xlsx', ext: '.xlsx' });
    expect(all.crs).toMatchObject({ code: 'bad_request', field: 'crs', messageCode: 'crsUnknown', message: 'crs: EPSG:99999 is not a known coordinate reference system' });
    expect(zh('crs')).toBe('crs：EPSG:99999 不是已知的坐标参考系');
    expect(all.nothing).toMatchObject({ code: 'nothing_imported', messageCode: 'nothingImportedFirst', params: { file: 'empty.csv', read: 1, skipped: 1 } });
    expect(all.nothing.message).toBe('empty.csv: nothing to import: 1 read, 1 skipped (first problem: empty.csv row 1, lat: "abc" is not a number (latitude))');
    const report = (all.nothing as Problem['error'] & { report: { problems: ImportProblem[] } }).report;
    expect(refusalInLocale(all.nothing.messageCode, all.nothing.params, 'zh', all.nothing.message, report.problems))
      .toBe('empty.csv：没有可导入的内容：读取 1 条，跳过 1 条（第一个问题：empty.csv 第 1 行，lat：“abc”不是数字（纬度））');
  });

  it('every refusal code has a Chinese text with the same parameters (a new code without one fails here)', () => {
    const vars = (s: string) => [...new Set(s.match(/\{\w+/g) ?? [])].sort();
    for (const [code, en] of Object.entries(REFUSAL_TEXTS)) {
      const zh = messages.zh[`datasets.refusal.${code}`];
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(vars(zh), code).toEqual(vars(en));
      expect(messages.en[`datasets.refusal.${code}`], code).toBe(en);
    }
  });

  it('a code or parameter this client does not know gives the server\'s message', () => {
    expect(refusalInLocale('somethingNew', { file: 'a.csv' }, 'zh', 'a.csv: something new')).toBe('a.csv: something new');
    expect(refusalInLocale(undefined, undefined, 'zh', 'plain')).toBe('plain');
    expect(refusalInLocale('columns', { problems: [{ code: 'nope', params: {} }], headers: '"a"' }, 'zh', 'as sent')).toBe('as sent');
    expect(refusalInLocale('zipInZip', { file: 'a.zip' }, 'zh', 'x')).toBe('a.zip：不读取 zip 中的 zip；请上传里面的文件');
  });
});
