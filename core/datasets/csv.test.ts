import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { toWgs84 } from './crs';
import type { DatasetKind } from './types';

const run = (file: string, text: string, kind: DatasetKind = 'outlets', mapping = {}) => parseCsv(text, { file, kind, mapping });
const rows = (r: ReturnType<typeof run>) => r.records.map((x) => [x.id, x.lng, x.lat]);
const probs = (r: ReturnType<typeof run>) => r.report.problems.map((p) => [p.row, p.id, p.field, p.value, p.message]);

describe('CSV import: one fixture per problem kind (issue 10, item 5)', () => {
  it('UTF-8 BOM: dropped, the first header is still "id"', () => {
    const r = run('bom.csv', '\uFEFFid,lat,lng\nA,40.7,-73.9\n');
    expect(r.report.details.columns).toEqual({ id: 'id', lat: 'lat', lng: 'lng' });
    expect(rows(r)).toEqual([['A', -73.9, 40.7]]);
  });

  it('CR, CRLF and mixed line endings: every record read, rows numbered 1…4', () => {
    const r = run('endings.csv', 'id,lat,lng\r1,40.1,-73.1\r\n2,40.2,-73.2\n3,40.3,-73.3\r4,40.4,-73.4');
    expect(r.report).toMatchObject({ read: 4, imported: 4, skipped: 0 });
    expect(r.records.map((x) => [x.row, x.id, x.lat])).toEqual([[1, '1', 40.1], [2, '2', 40.2], [3, '3', 40.3], [4, '4', 40.4]]);
  });

  it('quoted fields holding the delimiter, doubled quotes and a newline; later rows keep their numbers', () => {
    const r = run('quoted.csv', 'id,name,lat,lng\n1,"Smith, Jones & Co",40.1,-73.1\n2,"The ""Big"" Branch",40.2,-73.2\n3,"Two\nlines",40.3,-73.3\n4,plain,95,-73.4\n');
    expect(r.records.map((x) => [x.row, x.name])).toEqual([[1, 'Smith, Jones & Co'], [2, 'The "Big" Branch'], [3, 'Two\nlines']]);
    expect(probs(r)).toEqual([[4, '4', 'lat', '95', 'quoted.csv row 4, lat: latitude 95 is outside −90…90']]);
  });

  it('ids kept as strings: 0012, NA and 1E5 stay as written', () => {
    const r = run('ids.csv', 'id,lat,lng\n0012,40.1,-73.1\nNA,40.2,-73.2\n1E5,40.3,-73.3\n');
    expect(r.records.map((x) => x.id)).toEqual(['0012', 'NA', '1E5']);
  });

  it('the id from a column ending in _id, or from the column the user maps; else row numbers', () => {
    expect(run('a.csv', 'store_id,lat,lng\n007,40.1,-73.1\n').records[0].id).toBe('007');
    expect(run('b.csv', 'ref,store_id,bank_id,lat,lng\nR9,7,8,40.1,-73.1\n', 'outlets', { id: 'ref' }).records[0].id).toBe('R9');
    expect(run('c.csv', 'lat,lng\n40.1,-73.1\n40.2,-73.2\n').records.map((x) => x.id)).toEqual(['1', '2']);
    const amb = run('d.csv', 'store_id,bank_id,lat,lng\n7,8,40.1,-73.1\n');
    expect(amb.refusal).toEqual({ field: 'mapping.id', headers: ['store_id', 'bank_id', 'lat', 'lng'],
      message: 'id: 2 columns could be it ("store_id", "bank_id"); name the right one in mapping.id; headers found: "store_id", "bank_id", "lat", "lng"',
      text: { code: 'columns', params: { headers: '"store_id", "bank_id", "lat", "lng"', problems: [
        { code: 'columnAmbiguous', params: { what: [{ code: 'fieldId', params: {} }], n: 2, hits: '"store_id", "bank_id"', field: 'id' } }] } } });
  });

  it('duplicate ids: the later row is skipped, naming the first', () => {
    const r = run('dups.csv', 'id,lat,lng\nA,40.1,-73.1\nB,40.2,-73.2\nA,40.3,-73.3\n');
    expect(r.report).toMatchObject({ read: 3, imported: 2, skipped: 1 });
    expect(probs(r)).toEqual([[3, 'A', 'id', 'A', 'dups.csv row 3, id: id "A" appears more than once (first at row 1); this row is skipped']]);
  });

  it('coordinates blank, (0,0), out of range and swapped: each row skipped with file, row, field and value', () => {
    const r = run('coords.csv', 'id,lat,lng\nok,40.7,-73.9\nblank,,-73.9\nzero,0,0\nfar,40.7,-190\nswap,-73.95,40.75\n');
    expect(r.report).toMatchObject({ read: 5, imported: 1, skipped: 4 });
    expect(probs(r)).toEqual([
      [2, 'blank', 'lat', '', 'coords.csv row 2, lat: empty (no latitude)'],
      [3, 'zero', 'lng,lat', '0, 0', 'coords.csv row 3, lng,lat: (0, 0) is not a location (missing coordinates written as zeros)'],
      [4, 'far', 'lng', '-190', 'coords.csv row 4, lng: longitude -190 is outside −180…180'],
      [5, 'swap', 'lng,lat', '40.75, -73.95', 'coords.csv row 5, lng,lat: longitude 40.75 and latitude -73.95 look swapped (as latitude 40.75, ' +
        'longitude -73.95 the point would be in the United States); fix the file, or map the columns the other way round'],
    ]);
  });

  it('projected coordinates: refused without a CRS; with EPSG:2263 (NY Long Island, US feet) reprojected', () => {
    const text = 'id,x,y\nesb,988223,211951\nwtc,980600,198850\n';
    const refused = run('feet.csv', text);
    expect(refused.refusal?.field).toBe('crs');
    expect(refused.refusal?.message).toContain('2 of 2 rows are outside ±180 / ±90, e.g. row 1: x = 988223, y = 211951');
    const def = '+proj=lcc +lat_0=40.1666666666667 +lon_0=-74 +lat_1=41.0333333333333 +lat_2=40.6666666666667 +x_0=300000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs';
    const r = parseCsv(text, { file: 'feet.csv', kind: 'outlets', transform: toWgs84(def), crs: 'EPSG:2263' });
    expect(r.report).toMatchObject({ imported: 2, skipped: 0 });
    // Empire State Building ≈ (-73.9857, 40.7484); World Trade Center ≈ (-74.0134, 40.7127)
    expect(r.records[0].lng).toBeCloseTo(-73.9857, 3);
    expect(r.records[0].lat).toBeCloseTo(40.7484, 3);
    expect(r.records[1].lng).toBeCloseTo(-74.0132, 3);
    expect(r.records[1].lat).toBeCloseTo(40.7125, 3);
  });

  it('semicolon delimiter, decimal commas, thousands separators and stray spaces', () => {
    const r = run('eu.csv', ' ID ; Latitude ; Longitude ; Population \n 0001 ; 40,7128 ; -74,0060 ; 1.234 \n0002;40,75;-73,99;"12.500,5"\n', 'demand');
    expect(r.report.details).toMatchObject({ delimiter: ';', decimal: ',', columns: { id: 'ID', lat: 'Latitude', lng: 'Longitude', count: 'Population' } });
    expect(r.records.map((x) => [x.id, x.lng, x.lat, x.value])).toEqual([['0001', -74.006, 40.7128, 1234], ['0002', -73.99, 40.75, 12500.5]]);
    const us = run('us.csv', 'id,lat,lng,count\n1,40.7,-73.9,"1,234"\n2,40.8,-73.8,"2 500"\n', 'demand');
    expect(us.records.map((x) => x.value)).toEqual([1234, 2500]);
  });

  it('a demand count that is blank, not a number or negative skips the row', () => {
    const r = run('counts.csv', 'id,lat,lng,count\n1,40.7,-73.9,\n2,40.7,-73.9,lots\n3,40.7,-73.9,-4\n4,40.7,-73.9,12\n', 'demand');
    expect(probs(r)).toEqual([
      [1, '1', 'count', '', 'counts.csv row 1, count: empty (no count)'],
      [2, '2', 'count', 'lots', 'counts.csv row 2, count: "lots" is not a number'],
      [3, '3', 'count', '-4', 'counts.csv row 3, count: count -4 is negative'],
    ]);
    expect(r.records.map((x) => x.value)).toEqual([12]);
  });

  it('a row with too many fields is skipped; an unclear delimiter or decimal mark is asked for, never guessed', () => {
    const wide = run('wide.csv', 'id,lat,lng\n1,40.7,-73.9\n2,40.7,-73.9,extra\n');
    expect(probs(wide)).toEqual([[2, '2', null, '2,40.7,-73.9,extra', 'wide.csv row 2: 4 fields where the header has 3 (delimiter ",")']]);
    expect(wide.report).toMatchObject({ read: 2, imported: 1, skipped: 1 });
    const delim = run('both.csv', 'a;b,c;d\n1;2,3;4\n');
    expect(delim.refusal?.field).toBe('mapping.delimiter');
    expect(delim.refusal?.message).toContain('"," and ";" both split every row evenly');
    const mixed = run('mixed.csv', 'id;lat;lng\n1;40.71;-73.9\n2;40,72;-73,9\n');
    expect(mixed.refusal?.field).toBe('mapping.decimal');
    expect(mixed.refusal?.message).toContain('2 values read only with a decimal point (e.g. row 1, lng: "-73.9") and 2 only with a decimal comma (e.g. row 2, lng: "-73,9")');
    const told = run('mixed.csv', 'id;lat;lng\n1;40.71;-73.9\n2;40,72;-73,9\n', 'outlets', { decimal: ',' });
    expect(told.records.map((x) => x.id)).toEqual(['2']);
    expect(probs(told)).toEqual([
      [1, '1', 'lng', '-73.9', 'mixed.csv row 1, lng: "-73.9" is not a number (longitude, decimal comma)'],
      [1, '1', 'lat', '40.71', 'mixed.csv row 1, lat: "40.71" is not a number (latitude, decimal comma)'],
    ]);
  });

  it('outcomes need a numeric outcome column', () => {
    const r = run('outcomes.csv', 'id,lng,lat,outcome\nb1,-73.9,40.7,125000000\nb2,-73.8,40.6,n/a\n', 'outcomes');
    expect(r.records.map((x) => [x.id, x.value])).toEqual([['b1', 125000000]]);
    expect(probs(r)).toEqual([[2, 'b2', 'outcome', 'n/a', 'outcomes.csv row 2, outcome: "n/a" is not a number']]);
  });

  it('a semicolon file with decimal commas, a BOM, CRLF and German headers: one refusal listing the headers once, then with a mapping every bad row named', () => {
    // the file as a spreadsheet in a decimal-comma locale writes it: BOM, CRLF, a quoted delimiter and a quoted newline
    const text = '\uFEFFFiliale;Name;Breite;Länge;Kunden\r\n' +
      '0012;"Atlantic; Ave";40,6866;-73,9785;1200\r\n' +
      'NA;"Fulton\r\nMall";40,6925;-73,9870;850,5\r\n' +
      '1E5;Park Slope;40,6710;-73,9770;430\r\n' +
      '0012;Dup;40,6800;-73,9700;100\r\n' +
      '0015;Swapped;-73,9500;40,6500;100\r\n' +
      '0017;Short;40,6500\r\n';
    const refused = run('kunden.csv', text, 'demand');
    expect(refused.refusal?.field).toBe('mapping.lng');
    expect(refused.refusal?.message).toBe(
      'longitude: no column recognised (expected one of lon, lng, long, longitude, x); name it in mapping.lng; ' +
      'latitude: no column recognised (expected one of lat, latitude, y); name it in mapping.lat; ' +
      'count: no column recognised (expected one of population, count); name it in mapping.count; ' +
      'headers found: "Filiale", "Name", "Breite", "Länge", "Kunden"');

    const r = run('kunden.csv', text, 'demand', { id: 'Filiale', lat: 'Breite', lng: 'Länge', count: 'Kunden', name: 'Name' });
    expect(r.report).toMatchObject({ read: 6, imported: 3, skipped: 3 });
    expect(r.report.details).toMatchObject({ delimiter: ';', decimal: ',' });
    expect(r.records.map((x) => [x.row, x.id, x.name, x.lng, x.lat, x.value])).toEqual([
      [1, '0012', 'Atlantic; Ave', -73.9785, 40.6866, 1200],
      [2, 'NA', 'Fulton\nMall', -73.987, 40.6925, 850.5],
      [3, '1E5', 'Park Slope', -73.977, 40.671, 430],
    ]);
    expect(probs(r)).toEqual([
      // refused while reading, still named by its id
      [6, '0017', null, '0017;Short;40,6500', 'kunden.csv row 6: 3 fields where the header has 5 (delimiter ";")'],
      [4, '0012', 'Filiale', '0012', 'kunden.csv row 4, Filiale: id "0012" appears more than once (first at row 1); this row is skipped'],
      // the pair as written, separated so that its decimal commas stay readable
      [5, '0015', 'Länge,Breite', '40,6500; -73,9500',
        'kunden.csv row 5, Länge,Breite: longitude 40.65 and latitude -73.95 look swapped (as latitude 40.65, longitude -73.95 the point ' +
        'would be in the United States); fix the file, or map the columns the other way round'],
    ]);
  });
});
