import { describe, expect, it } from 'vitest';
import { buildKpiRows, kpiLines } from '../../core/coverage/kpi';
import { briefTable, slug } from './exportBrief';

describe('briefTable', () => {
  const rows = buildKpiRows(
    { radii: [{ radiusM: 1000, coveredPopulation: 450_000, totalPopulation: 1_000_000, share: 0.45 }],
      byArea: [
        { areaType: 'borough', areaId: '36005', name: 'Bronx', radiusM: 500, coveredPopulation: 50_000, totalPopulation: 400_000, share: 0.125 },
        { areaType: 'borough', areaId: '36005', name: 'Bronx', radiusM: 1000, coveredPopulation: 120_000, totalPopulation: 400_000, share: 0.3 },
      ], cannibalisation: 0 },
    { radii: [{ radiusM: 1000, coveredPopulation: 440_000, totalPopulation: 1_000_000, share: 0.44 }],
      byArea: [
        { areaType: 'borough', areaId: '36005', name: 'Bronx', radiusM: 500, coveredPopulation: 80_000, totalPopulation: 400_000, share: 0.2 },
        { areaType: 'borough', areaId: '36005', name: 'Bronx', radiusM: 1000, coveredPopulation: 120_000, totalPopulation: 400_000, share: 0.3 },
      ], cannibalisation: 1_200 },
  );
  const label = (l: ReturnType<typeof kpiLines>[number]) => (l.kind === 'cannibalisation' ? 'Cannibalisation' : l.areaName ?? 'NYC');
  const table = briefTable(kpiLines(rows), ['Area', 'Radius', 'A', 'B', 'Change', 'A', 'B', 'Change'], ['Covered', 'Share'], label, 'en');

  it('formats cells like the on-screen table and names each area once', () => {
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['NYC', '1 km', '450,000', '440,000', '\u221210,000', '45.0%', '44.0%', '\u22121.0 pp'],
      ['Bronx', '500 m', '50,000', '80,000', '+30,000', '12.5%', '20.0%', '+7.5 pp'],
      ['', '1 km', '120,000', '120,000', '±0', '30.0%', '30.0%', '±0.0 pp'],
      ['Cannibalisation', '', '0', '1,200', '+1,200', '', '', ''],
    ]);
  });
  it('colours deltas (cannibalisation up is bad) and groups the numeric columns', () => {
    expect(table.rows.map((r) => [r.tones![4], r.tones![7]])).toEqual([
      ['bad', 'bad'], ['good', 'good'], ['neutral', 'neutral'], ['bad', 'neutral'],
    ]);
    expect(table.groups).toEqual([{ label: 'Covered', from: 2, span: 3 }, { label: 'Share', from: 5, span: 3 }]);
  });
});

describe('slug', () => {
  it('makes file-name-safe names', () => {
    expect(slug('Jpmorgan Chase Bank, National Association')).toBe('jpmorgan-chase-bank-national-association');
    expect(slug('招商银行')).toBe('network');
  });
});
