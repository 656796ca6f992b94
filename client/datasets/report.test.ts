import { describe, expect, it } from 'vitest';
import { filterProblems, mappingAsks, problemsToCsv, reportCountsText } from './report';
import { parseCsv } from '../../core/datasets/csv';
import { translate } from '../i18n/i18n';
import type { ImportProblem } from '../../core/datasets/types';

const P: ImportProblem[] = [
  { file: 'b.csv', row: 3, id: '0014', field: 'lat', value: '95', severity: 'error', message: 'b.csv row 3, lat: latitude 95 is outside −90…90' },
  { file: 'b.csv', row: 7, id: 'A,1', field: 'name', value: 'say "hi"', severity: 'warning', message: 'b.csv row 7, name: note' },
];

describe('validation report table', () => {
  it('filters by severity and by text in any column', () => {
    expect(filterProblems(P, { severity: 'error', text: '' }).map((p) => p.row)).toEqual([3]);
    expect(filterProblems(P, { severity: 'all', text: 'NAME' }).map((p) => p.row)).toEqual([7]);
    expect(filterProblems(P, { severity: 'all', text: '0014' }).map((p) => p.row)).toEqual([3]);
    expect(filterProblems(P, { severity: 'warning', text: 'lat' })).toEqual([]);
    // the message as the table shows it (Chinese) is searched too
    expect(filterProblems(P, { severity: 'all', text: '超出' }, (p) => (p.row === 3 ? 'b.csv 第 3 行，lat：纬度 95 超出 −90…90 范围' : p.message)).map((p) => p.row)).toEqual([3]);
    expect(filterProblems(P, { severity: 'all', text: '超出' })).toEqual([]);
  });

  it('downloads as CSV with quoting', () => {
    expect(problemsToCsv(P)).toBe('severity,file,row,id,field,value,message\r\n' +
      'error,b.csv,3,0014,lat,95,"b.csv row 3, lat: latitude 95 is outside −90…90"\r\n' +
      'warning,b.csv,7,"A,1",name,"say ""hi""","b.csv row 7, name: note"\r\n');
  });
});

describe('what a refused import asks for (the mapping step in the UI language)', () => {
  const refusal = (text: string, kind: 'demand' | 'outlets' = 'outlets') => parseCsv(text, { file: 'f.csv', kind }).refusal!;

  it('every column the server names, a delimiter, a decimal mark or a CRS', () => {
    const cols = refusal('Filiale;Name;Breite;Länge;Kunden\n1;a;40,1;-73,9;5\n', 'demand');
    expect(mappingAsks(cols.message, cols.field)).toEqual(['lng', 'lat', 'count']);
    const delim = refusal('a;b,c;d\n1;2,3;4\n');
    expect(mappingAsks(delim.message, delim.field)).toEqual(['delimiter']);
    const projected = refusal('id,x,y\nA,583000,4507000\nB,584000,4508000\n');
    expect(projected.field).toBe('crs');
    expect(mappingAsks(projected.message, projected.field)).toEqual(['crs']);
  });

  it('the Chinese sentence names the fields and the file\'s columns', () => {
    const cols = refusal('Filiale;Name;Breite;Länge;Kunden\n1;a;40,1;-73,9;5\n', 'demand');
    const fields = mappingAsks(cols.message, cols.field).map((f) => translate('zh', `datasets.mapping.${f}`)).join('、');
    expect(translate('zh', 'datasets.mapping.needs', { fields, headers: cols.headers!.map((h) => `“${h}”`).join('、') }))
      .toBe('请指明以下字段对应的列：经度（x）、纬度（y）、数量。文件中的列：“Filiale”、“Name”、“Breite”、“Länge”、“Kunden”。');
  });
});

describe('the report counts line', () => {
  it('groups digits: a 200,000-row import reads 200,000, not 200000; one warning stays singular', async () => {
    const r = { read: 200000, imported: 199999, skipped: 1, problems: [{ file: 'b.csv', row: 5, id: null, field: 'count', value: 'x', severity: 'warning' as const, message: 'm' }], warnings: [], details: {} };
    const c = reportCountsText(r, 'en');
    expect(c).toEqual({ read: '200,000', imported: '199,999', skipped: '1', warnings: '1' });
    expect(translate('en', 'datasets.report.counts', c)).toBe('200,000 read · 199,999 imported · 1 skipped · 1 warning');
    expect(translate('zh', 'datasets.report.counts', reportCountsText(r, 'zh'))).toBe('读取 200,000 · 导入 199,999 · 跳过 1 · 警告 1');
  });
});
