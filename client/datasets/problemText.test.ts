import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/datasets/csv';
import { parseGeoJson } from '../../core/datasets/geojson';
import { parseGtfs } from '../../core/datasets/gtfs';
import { parseLodes } from '../../core/datasets/lodes';
import type { ImportProblem } from '../../core/datasets/types';
import { problemMessage } from './problemText';

/** Problems as the real parsers write them, from small files with one bad row per kind of problem. */
function problems(): ImportProblem[] {
  const semicolon = parseCsv('\uFEFFFiliale;Name;Breite;Länge;Kunden\r\n' +
    '0012;"Atlantic; Ave";40,6866;-73,9785;1200\r\n' +
    '0012;Dup;40,6800;-73,9700;100\r\n' +
    '0013;Blank;;-73,9500;100\r\n' +
    '0014;Zero;0;0;100\r\n' +
    '0015;Swapped;-73,9500;40,6500;100\r\n' +
    '0016;Neg;40,6500;-73,9400;-5\r\n' +
    '0017;Short;40,6500\r\n' +
    '0018;Text;abc;-73,9400;10\r\n' +
    '0019;Far;95;-73,9400;10\r\n', { file: 'kunden.csv', kind: 'demand', mapping: { id: 'Filiale', lat: 'Breite', lng: 'Länge', count: 'Kunden', name: 'Name' } });
  const points = parseCsv('id,lat,lng,count\nA,40.7,-73.9,12\n,40.7,-73.9,1\nB,40.7,-190,3\nC,x,-73.9,3\nD,40.7,-73.9,many\n',
    { file: 'branches.csv', kind: 'outlets' });
  const outcomes = parseCsv('id,lng,lat,outcome\nb1,-73.9,40.7,1\nb2,-73.8,40.6,n/a\nb3,-73.8,40.6,\n', { file: 'outcomes.csv', kind: 'outcomes' });
  const geo = parseGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Point', coordinates: [-73.9, 40.7] } },
    { type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Point', coordinates: [-73.8, 40.6] } },
  ] }), { file: 'sites.geojson', kind: 'candidates' });
  const gtfs = parseGtfs(new Map(Object.entries({
    'stops.txt': 'stop_id,stop_name,stop_lat,stop_lon\nS1,One,40.75,-73.99\nS1,Again,40.76,-73.98\n,Nameless,40.7,-73.9\nS3,Blank,,-73.9\n',
    'routes.txt': 'route_id,route_type\nR1,4\n',
    'trips.txt': 'route_id,service_id,trip_id\nR1,ALL,T1\n',
    'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,S1,1\nT1,8h10,08:10:00,S1,2\nT1,08:20:00,08:20:00,S9,3\nT9,08:30:00,08:30:00,S1,4\nT1,08:40:00,08:40:00,S1,x\n',
    'calendar.txt': 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nALL,1,1,1,1,1,1,1,20260101,20261231\n',
  })), '2026-10-07', 'ferry.zip/');
  const wac = 'w_geocode,C000\n360610092001000,5120\n360610092001000,10\n3.6061E+14,3\n360610007001099,6\n360610094001001,12.5\n360470015001003,7\n';
  const xwalk = 'tabblk2020,blklatdd,blklondd\n360610092001000,40.7549123,-73.9840451\n360610094001001,40.7580214,-73.9855012\n360470015001003,abc,-73.99\n';
  const lodes = parseLodes({ file: 'ny_wac.csv', text: wac }, { file: 'ny_xwalk.csv', text: xwalk });
  return [semicolon, points, outcomes, geo, gtfs, lodes].flatMap((r) => r.report.problems);
}

describe('validation report problems in the UI language', () => {
  const all = problems();

  it('the English templates are the server\'s own wording: every row problem reads back exactly as written', () => {
    expect(all.length).toBe(27);
    for (const p of all) expect(problemMessage(p, 'en')).toBe(p.message);
  });

  it('every row problem of these files is written in Chinese, values, file names and fields as in the file', () => {
    const zh = all.map((p) => problemMessage(p, 'zh'));
    const untranslated = zh.filter((m, k) => m === all[k].message);
    expect(untranslated).toEqual([]);
    expect(zh.slice(0, 9)).toEqual([
      'kunden.csv 第 7 行：该行有 3 个字段，而表头有 5 个（分隔符“;”）',
      'kunden.csv 第 2 行，Filiale：编号“0012”重复出现（首次在第 1 行）；跳过此行',
      'kunden.csv 第 3 行，Breite：为空（缺少纬度）',
      'kunden.csv 第 4 行，Länge,Breite：(0, 0) 不是有效位置（缺失的坐标被写成了 0）',
      'kunden.csv 第 5 行，Länge,Breite：经度 40.65 与纬度 -73.95 似乎颠倒了（若纬度为 40.65、经度为 -73.95，该点位于美国境内）；请修正文件，或将两列反过来对应',
      'kunden.csv 第 6 行，Kunden：数量 -5 为负数',
      'kunden.csv 第 8 行，Breite：“abc”不是数字（纬度，小数点为逗号）',
      'kunden.csv 第 9 行，Breite：纬度 95 超出 −90…90 范围',
      'branches.csv 第 2 行，id：编号为空',
    ]);
    expect(zh).toContain('ferry.zip/stop_times.txt 第 3 行，stop_id：stop_id“S9”不在 stops.txt 中');
    expect(zh).toContain('ny_wac.csv 第 4 行，w_geocode：街区 360610007001099 不在 ny_xwalk.csv 中（是否为同一州的对照表？）');
    expect(zh).toContain('sites.geojson 第 2 个要素，id：编号“a”重复出现（首次在第 1 个要素）；跳过此要素');
  });

  it('a message no template knows is shown as the server wrote it', () => {
    const p: ImportProblem = { file: 'a.csv', row: 2, id: null, field: null, value: null, severity: 'error', message: 'a.csv row 2: something new' };
    expect(problemMessage(p, 'zh')).toBe('a.csv row 2: something new');
    const whole: ImportProblem = { ...p, row: null, message: 'a.csv: the delimiter cannot be told' };
    expect(problemMessage(whole, 'zh')).toBe('a.csv: the delimiter cannot be told');
  });
});
