import { describe, expect, it } from 'vitest';
import { filterProblems, problemsToCsv } from './report';
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
