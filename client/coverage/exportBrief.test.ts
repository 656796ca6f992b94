import { describe, expect, it } from 'vitest';
import { buildKpiRows, kpiLines } from '../../core/coverage/kpi';
import { translate } from '../i18n/i18n';
import { briefSitesTable, briefTable, composeBrief, slug } from './exportBrief';

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

describe('composeBrief', () => {
  const ctx = (locale: 'en' | 'zh') => ({
    t: (k: string, v?: Record<string, string | number>) => translate(locale, k, v),
    locale,
    bank: { id: 'cert:628', name: 'Jpmorgan Chase Bank, National Association' },
    nameA: locale === 'zh' ? '现状' : 'Today',
    nameB: '+5 best sites (1 km)',
    sideA: { title: 'Today', subtitle: 'Residents not covered · 1 km' },
    sideB: { title: '+5 best sites (1 km)' },
    captures: [null, null],
    lines: [],
    areaLabel: () => '',
    radiiM: [500, 1000, 2000],
    mapRadiusM: 1000,
    changes: { added: 5, closed: 0 },
    date: '2026-11-29',
    fileName: 'x.pdf',
  });

  it('states the parameters, the scenarios compared and the sources', () => {
    const b = composeBrief(ctx('en'));
    expect(b.title).toBe('Network coverage brief');
    expect(b.subtitle).toBe('Jpmorgan Chase Bank, National Association — New York City — 2026-11-29');
    expect(b.params).toContainEqual(['Study area', 'New York City (Census 2020 block groups)']);
    const bk = composeBrief({ ...ctx('en'), areaName: 'Brooklyn' });
    expect(bk.subtitle).toBe('Jpmorgan Chase Bank, National Association — Brooklyn — 2026-11-29');
    expect(bk.params).toContainEqual(['Study area', 'Brooklyn (Census 2020 block groups)']);
    expect(b.maps.map((m) => m.label)).toEqual(['A — Today (Residents not covered · 1 km)', 'B — +5 best sites (1 km)']);
    expect(b.tableTitle).toBe('Key figures: A = Today, B = +5 best sites (1 km)');
    expect(b.params).toContainEqual(['Own network', 'Jpmorgan Chase Bank, National Association (cert:628)']);
    expect(b.params).toContainEqual(['Radii', '500 m, 1 km, 2 km']);
    expect(b.params).toContainEqual(['Changes (right)', '5 added, 0 closed']);
    expect(b.sources).toHaveLength(3);
    expect(b.sources[0]).toContain('FDIC Summary of Deposits 2023');
    expect(b.table.headers).toEqual(['Area', 'Radius', 'A', 'B', 'Change', 'A', 'B', 'Change']);
  });

  it('names the gap colours of the ramp the maps were captured in', () => {
    expect(composeBrief(ctx('en')).legend).toContain('not covered (purple), within 1 km');
    expect(composeBrief({ ...ctx('en'), ramp: 'viridis' }).legend).toContain('not covered (pale yellow = few to dark purple = many), within 1 km');
    expect(composeBrief({ ...ctx('zh'), ramp: 'viridis' }).legend).toContain('浅黄 = 少，深紫 = 多');
  });

  it('speaks Chinese when the UI does', () => {
    const b = composeBrief(ctx('zh'));
    expect(b.title).toBe('网络覆盖简报');
    expect(b.tableTitle).toBe('关键指标: A = 现状, B = +5 best sites (1 km)');
    expect(b.params).toContainEqual(['变化（右侧）', '新增 5，关闭 0']);
    expect(b.table.groups!.map((g) => g.label)).toEqual(['覆盖居民', '覆盖率']);
  });
});

describe('briefSitesTable', () => {
  const t = (locale: 'en' | 'zh') => (k: string, v?: Record<string, string | number>) => translate(locale, k, v);
  const scenario = {
    id: 's1', name: '+2 best sites (1 km)', baseNetwork: 'cert:628', moved: [], createdAt: '', updatedAt: '', version: 1,
    added: [
      { id: '892a100d2c3ffff', lng: -73.9054123, lat: 40.8491234, name: 'Mount Hope' },
      { id: 'typed-1', lng: -73.99, lat: 40.7 },
    ],
    closed: [4711],
    params: { marginalPopulation: { '892a100d2c3ffff': 23456.4, 4711: 1200 } },
  };
  const outlets = new Map([[4711, { lng: -73.98765432, lat: 40.75, name: 'Chase — Times Square' }]]);

  it('lists added sites and closed outlets with lat, lng to 5 decimals and their marginal residents', () => {
    const s = briefSitesTable(scenario, outlets, t('en'), 'en')!;
    expect(s.title).toBe('Sites in scenario B');
    expect(s.table.headers).toEqual(['Site', 'Lat, lng', 'Marginal residents']);
    expect(s.table.rows.map((r) => r.cells)).toEqual([
      ['Added (2 sites)'],
      ['Mount Hope', '40.84912, -73.90541', '+23,456'],
      ['New site 2', '40.70000, -73.99000', '–'], // added by hand: no marginal figure
      ['Closed (1 outlet)'],
      ['Chase — Times Square', '40.75000, -73.98765', '\u22121,200'],
    ]);
    expect(s.table.rows.map((r) => r.tones?.[2])).toEqual([undefined, 'good', 'neutral', undefined, 'bad']);
    expect(s.table.rows.filter((r) => r.section)).toHaveLength(2);
  });
  it('speaks Chinese, and is null when the scenario changes nothing', () => {
    const s = briefSitesTable(scenario, outlets, t('zh'), 'zh')!;
    expect(s.table.headers).toEqual(['网点', '纬度, 经度', '边际覆盖居民']);
    expect(s.table.rows[0].cells).toEqual(['新增（2 个）']);
    expect(s.table.rows[2].cells[0]).toBe('新网点 2');
    expect(briefSitesTable({ ...scenario, added: [], closed: [] }, outlets, t('en'), 'en')).toBeNull();
    expect(briefSitesTable(null, outlets, t('en'), 'en')).toBeNull();
  });
});

describe('briefHeadline (the answer first)', () => {
  it('states the whole-area change at the map radius with the numbers of that KPI row, in both languages', async () => {
    const { briefHeadline } = await import('./exportBrief');
    const rows = buildKpiRows(
      { radii: [{ radiusM: 500, coveredPopulation: 2_000_000, totalPopulation: 8_804_190, share: 2_000_000 / 8_804_190 },
        { radiusM: 1000, coveredPopulation: 4_000_000, totalPopulation: 8_804_190, share: 4_000_000 / 8_804_190 }], byArea: [] },
      { radii: [{ radiusM: 500, coveredPopulation: 2_100_000, totalPopulation: 8_804_190, share: 2_100_000 / 8_804_190 },
        { radiusM: 1000, coveredPopulation: 4_264_538, totalPopulation: 8_804_190, share: 4_264_538 / 8_804_190 }], byArea: [] },
    );
    const en = (k: string, v?: Record<string, string | number>) => translate('en', k, v);
    const zh = (k: string, v?: Record<string, string | number>) => translate('zh', k, v);
    // 264,538 / 8,804,190 = 3.0047 pp
    expect(briefHeadline(kpiLines(rows), 1000, { added: 5, closed: 0 }, en, 'en')).toBe('+264,538 residents (+3.0 pp) within 1 km with 5 added sites');
    // 500 m: 22.716% → 23.852%, shown 22.7% → 23.9% in the table: the headline states their +1.2 pp (not the exact 1.136)
    expect(briefHeadline(kpiLines(rows), 500, { added: 1, closed: 2 }, en, 'en')).toBe('+100,000 residents (+1.2 pp) within 500 m with 1 added site and 2 outlets closed');
    expect(briefHeadline(kpiLines(rows), 1000, { added: 5, closed: 0 }, zh, 'zh')).toBe('1 km 范围内覆盖居民 +264,538（+3.0 个百分点），新增 5 个网点');
    expect(briefHeadline([], 1000, { added: 5, closed: 0 }, en, 'en')).toBeNull();

    // an optimisation by forecast deposits leads with its total and interval, with units: 2.312e9 → $2.31 B, 23.1 亿美元
    const deposits = { totalUsd: 2_312_000_000, level: 0.8, lowUsd: 1_600_000_000, highUsd: 5_000_000_000 };
    expect(briefHeadline(kpiLines(rows), 1000, { added: 5, closed: 0, deposits }, en, 'en'))
      .toBe('$2.31 B (80%: $1.6–5.0 B) forecast deposits at 10 years from 5 added sites; +264,538 residents (+3.0 pp) within 1 km');
    expect(briefHeadline(kpiLines(rows), 1000, { added: 5, closed: 0, deposits }, zh, 'zh'))
      .toBe('新增 5 个网点，10 年预测存款合计 23.1 亿美元（80% 区间：16–50 亿美元）；1 km 范围内覆盖居民 +264,538（+3.0 个百分点）');
    // below a billion in millions; without an interval the total alone
    expect(briefHeadline(kpiLines(rows), 1000, { added: 1, closed: 0, deposits: { totalUsd: 412_400_000, level: 0.8, lowUsd: null, highUsd: null } }, en, 'en'))
      .toBe('$412 M forecast deposits at 10 years from 1 added site; +264,538 residents (+3.0 pp) within 1 km');
  });

  it('scenarioDepositTotal: the total an optimisation by forecast deposits saved, until the scenario is edited', async () => {
    const { scenarioDepositTotal } = await import('./exportBrief');
    const saved = {
      added: [{ id: 'h3:a', lng: -73.98, lat: 40.75 }, { id: 'h3:b', lng: -73.96, lat: 40.77 }], closed: [] as number[], moved: [],
      params: { forecastDeposits: { totalUsd: 1_500_000_000, level: 0.8, independent: { lowUsd: 1_000_000_000, highUsd: 3_000_000_000, meanUsd: 1.7e9 } },
        forecastDepositsUsd: { 'h3:a': 900_000_000, 'h3:b': 600_000_000 } },
    };
    expect(scenarioDepositTotal(saved)).toEqual({ totalUsd: 1_500_000_000, level: 0.8, lowUsd: 1_000_000_000, highUsd: 3_000_000_000 });
    expect(scenarioDepositTotal({ ...saved, added: [...saved.added, { id: 'site-x', lng: -73.9, lat: 40.7 }] })).toBeNull(); // a site added by hand
    expect(scenarioDepositTotal({ ...saved, added: saved.added.slice(1) })).toBeNull(); // one removed
    expect(scenarioDepositTotal({ ...saved, closed: [12] })).toBeNull();
    expect(scenarioDepositTotal({ ...saved, params: {} })).toBeNull(); // an MCLP by residents
    expect(scenarioDepositTotal(null)).toBeNull();
  });
});
