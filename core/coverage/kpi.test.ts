import { describe, expect, it } from 'vitest';
import { buildKpiRows, csvField, kpiLines, deltaTone, formatDelta, formatPeople, formatRowDelta, shownDelta, formatRadius, formatShare, kpiCsv, type ScenarioKpiInput } from './kpi';

// Two tiny scenarios over a study area of 1,000,000 people in two boroughs (600k Manhattan, 400k Bronx).
const today: ScenarioKpiInput = {
  radii: [
    { radiusM: 1000, coveredPopulation: 450_000, totalPopulation: 1_000_000, share: 0.45 },
    { radiusM: 500, coveredPopulation: 200_000, totalPopulation: 1_000_000, share: 0.2 },
  ],
  byArea: [
    { areaType: 'borough', areaId: '36061', name: 'Manhattan', radiusM: 500, coveredPopulation: 150_000, totalPopulation: 600_000, share: 0.25 },
    { areaType: 'borough', areaId: '36061', name: 'Manhattan', radiusM: 1000, coveredPopulation: 330_000, totalPopulation: 600_000, share: 0.55 },
    { areaType: 'borough', areaId: '36005', name: 'Bronx', radiusM: 500, coveredPopulation: 50_000, totalPopulation: 400_000, share: 0.125 },
    { areaType: 'borough', areaId: '36005', name: 'Bronx', radiusM: 1000, coveredPopulation: 120_000, totalPopulation: 400_000, share: 0.3 },
  ],
  expectedDemand: 81_234.4,
  cannibalisation: 0,
};
const plus5: ScenarioKpiInput = {
  radii: [
    { radiusM: 500, coveredPopulation: 230_000, totalPopulation: 1_000_000, share: 0.23 },
    { radiusM: 1000, coveredPopulation: 440_000, totalPopulation: 1_000_000, share: 0.44 },
  ],
  byArea: [
    { areaType: 'borough', areaId: '36061', name: 'Manhattan', radiusM: 500, coveredPopulation: 150_000, totalPopulation: 600_000, share: 0.25 },
    { areaType: 'borough', areaId: '36061', name: 'Manhattan', radiusM: 1000, coveredPopulation: 300_000, totalPopulation: 600_000, share: 0.5 },
    { areaType: 'borough', areaId: '36005', name: 'Bronx', radiusM: 500, coveredPopulation: 80_000, totalPopulation: 400_000, share: 0.2 },
    { areaType: 'borough', areaId: '36005', name: 'Bronx', radiusM: 1000, coveredPopulation: 140_000, totalPopulation: 400_000, share: 0.35 },
  ],
  expectedDemand: 90_000,
  cannibalisation: 2_500,
};

describe('buildKpiRows', () => {
  const rows = buildKpiRows(today, plus5);

  it('orders whole-area rows by radius, then areas by name, then demand rows', () => {
    expect(rows.map((r) => r.key)).toEqual([
      'coveredPopulation@500', 'share@500', 'coveredPopulation@1000', 'share@1000',
      'coveredPopulation@500:36005', 'share@500:36005', 'coveredPopulation@1000:36005', 'share@1000:36005',
      'coveredPopulation@500:36061', 'share@500:36061', 'coveredPopulation@1000:36061', 'share@1000:36061',
      'expectedDemand', 'cannibalisation',
    ]);
  });

  it('computes b − a deltas in people and share fractions', () => {
    const get = (k: string) => rows.find((r) => r.key === k)!;
    expect(get('coveredPopulation@500').delta).toBe(30_000);
    expect(get('coveredPopulation@1000').delta).toBe(-10_000);
    expect(get('share@500').delta).toBeCloseTo(0.03, 12);
    expect(get('share@1000:36005').delta).toBeCloseTo(0.05, 12);
    expect(get('share@1000:36061')).toMatchObject({ a: 0.55, b: 0.5, areaName: 'Manhattan', radiusM: 1000 });
    expect(get('expectedDemand').delta).toBeCloseTo(8_765.6, 6);
    expect(get('cannibalisation')).toMatchObject({ a: 0, b: 2_500, delta: 2_500, higherIsBetter: false });
  });

  it('keeps rows present on one side only, with a null delta', () => {
    const onlyB: ScenarioKpiInput = { radii: [{ radiusM: 2000, coveredPopulation: 5, totalPopulation: 10, share: 0.5 }], byArea: [] };
    const r = buildKpiRows({ radii: [], byArea: [] }, onlyB);
    expect(r).toEqual([
      expect.objectContaining({ key: 'coveredPopulation@2000', a: null, b: 5, delta: null }),
      expect.objectContaining({ key: 'share@2000', a: null, b: 0.5, delta: null }),
    ]);
  });
});

describe('formatting for executives', () => {
  it('groups thousands and prints shares with one decimal', () => {
    expect(formatPeople(8_804_190)).toBe('8,804,190');
    expect(formatPeople(8_804_190, 'zh')).toBe('8,804,190');
    expect(formatPeople(-1234.6)).toBe('\u22121,235');
    expect(formatPeople(null)).toBe('–');
    expect(formatShare(0.45678)).toBe('45.7%');
    expect(formatShare(1)).toBe('100.0%');
  });

  it('signs deltas, in percentage points for shares', () => {
    expect(formatDelta(30_000, 'people')).toBe('+30,000');
    expect(formatDelta(-10_000.4, 'people')).toBe('\u221210,000');
    expect(formatDelta(0.4, 'people')).toBe('±0');
    expect(formatDelta(0.03, 'share')).toBe('+3.0 pp');
    expect(formatDelta(-0.0512, 'share')).toBe('\u22125.1 pp');
    expect(formatDelta(0.0004, 'share')).toBe('±0.0 pp');
    expect(formatDelta(0.012, 'share', 'zh')).toBe('+1.2 个百分点');
    expect(formatDelta(null, 'share')).toBe('–');
  });

  it('states the delta between the shown values, not the exact one', () => {
    // 41.856% → 42.938%: shown 41.9% and 42.9%; the exact difference 1.082 pp would read "+1.1 pp" beside them
    const share = { a: 0.41856, b: 0.42938, delta: 0.42938 - 0.41856, unit: 'share' as const };
    expect(formatShare(share.a)).toBe('41.9%');
    expect(formatShare(share.b)).toBe('42.9%');
    expect(formatDelta(share.delta, 'share')).toBe('+1.1 pp');
    expect(shownDelta(share)).toBeCloseTo(0.01, 12);
    expect(formatRowDelta(share)).toBe('+1.0 pp');
    // people: 1,000.4 → 2,000.6 is shown 1,000 → 2,001, so +1,001 (the exact 1,000.2 would print +1,000)
    expect(formatRowDelta({ a: 1000.4, b: 2000.6, delta: 1000.2, unit: 'people' })).toBe('+1,001');
    // a side missing: the row's own delta (null)
    expect(formatRowDelta({ a: null, b: 0.5, delta: null, unit: 'share' })).toBe('–');
    // 0.04951 → 0.04949 shows 5.0% → 4.9%: a red −0.1 pp, though the exact change rounds to ±0.0
    expect(deltaTone({ a: 0.04951, b: 0.04949, delta: -0.00002, unit: 'share', higherIsBetter: true })).toBe('bad');
  });

  it('colours deltas by whether more is better', () => {
    expect(deltaTone({ delta: 10, unit: 'people', higherIsBetter: true })).toBe('good');
    expect(deltaTone({ delta: -10, unit: 'people', higherIsBetter: true })).toBe('bad');
    expect(deltaTone({ delta: 2_500, unit: 'people', higherIsBetter: false })).toBe('bad');
    expect(deltaTone({ delta: 0.0004, unit: 'share', higherIsBetter: true })).toBe('neutral');
    expect(deltaTone({ delta: null, unit: 'share', higherIsBetter: true })).toBe('neutral');
  });

  it('labels radii', () => {
    expect([500, 1000, 2000, 2500].map(formatRadius)).toEqual(['500 m', '1 km', '2 km', '2.5 km']);
  });
});

describe('kpiCsv', () => {
  it('quotes fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.25)).toBe('0.25');
  });

  it('writes a header, raw values and deltas, one line per row', () => {
    const rows = buildKpiRows(today, plus5);
    const csv = kpiCsv(rows, { scenarioA: 'Today', scenarioB: '+5 sites, "greedy"', label: (r) => `${r.metric} ${r.radiusM ?? ''}`.trim() });
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.length).toBe(rows.length + 2);
    expect(lines[0]).toBe('metric,area_id,area,radius_m,label,Today,"+5 sites, ""greedy""",delta,unit');
    expect(lines[1]).toBe('coveredPopulation,all,,500,coveredPopulation 500,200000,230000,30000,people');
    expect(lines[2]).toBe('share,all,,500,share 500,0.2,0.23,0.03,share_0_1');
    expect(lines[5]).toBe('coveredPopulation,36005,Bronx,500,coveredPopulation 500,50000,80000,30000,people');
    expect(lines[13]).toBe('expectedDemand,all,,,expectedDemand,81234,90000,8766,people');
    expect(lines[14]).toBe('cannibalisation,all,,,cannibalisation,0,2500,2500,people');
  });

  it('names the study area in the area column of the whole-area rows', () => {
    const rows = buildKpiRows(today, plus5);
    const lines = kpiCsv(rows, { scenarioA: 'Today', scenarioB: 'B', studyArea: 'Cook, Illinois', label: (r) => r.metric }).split('\r\n');
    expect(lines[1]).toBe('coveredPopulation,all,"Cook, Illinois",500,coveredPopulation,200000,230000,30000,people');
    expect(lines[5]).toBe('coveredPopulation,36005,Bronx,500,coveredPopulation,50000,80000,30000,people');
    expect(lines[13]).toBe('expectedDemand,all,"Cook, Illinois",,expectedDemand,81234,90000,8766,people');
  });
});

describe('kpiLines', () => {
  it('pairs people and share rows of the same area and radius', () => {
    const lines = kpiLines(buildKpiRows(today, plus5));
    expect(lines.map((l) => l.key)).toEqual(['500', '1000', '500:36005', '1000:36005', '500:36061', '1000:36061', 'expectedDemand', 'cannibalisation']);
    expect(lines[2]).toMatchObject({ kind: 'coverage', areaName: 'Bronx', radiusM: 500, people: { a: 50_000, b: 80_000 }, share: { a: 0.125, b: 0.2 } });
    expect(lines[7]).toMatchObject({ kind: 'cannibalisation', people: { delta: 2_500 } });
    expect(lines[7].share).toBeUndefined();
  });
});
