/**
 * Every standards finding reads in Simplified Chinese: for the shipped samples and for broken variants of them
 * (walls, doors, fixtures, 24-hour zone, demand changed so that every rule of both profiles reports), under both
 * profiles, each finding has a message key whose zh template exists (no English fallback), the ids in its values are
 * named in Chinese, its rule title has a zh form, and the rendered text keeps no English words once the plan's own
 * names, the source document / clause and units are taken out.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import nonJson from '../../layouts/plans/community-150-noncompliant.plan.json';
import communityJson from '../../layouts/plans/community-150.plan.json';
import flagshipJson from '../../layouts/plans/flagship-400.plan.json';
import podJson from '../../layouts/plans/pod-24h.plan.json';
import { loadPlan } from '../../core/floorplan/load';
import type { FloorPlan } from '../../core/floorplan/model';
import { checkPlan } from '../../core/standards/checkPlan';
import { RULE_SETS, PROFILE_IDS } from '../../core/standards/ruleSets';
import { sizeBranch, DEFAULT_SIZING } from '../../core/queueing/erlangC';
import type { Finding } from '../../core/standards/findings';
import { messages } from '../i18n/messages';
import { translate } from '../i18n/i18n';
import { assumptionText, findingText, ruleTitle, sizingFailText, skipText } from './report';
import { sizingFromRequest } from '../../core/queueing/sizingRequest';

const zhT = (k: string, v?: Record<string, string | number>) => translate('zh', k, v);
const enT = (k: string, v?: Record<string, string | number>) => translate('en', k, v);
const clone = (p: FloorPlan): FloorPlan => structuredClone(p);

/** Broken variants: each breaks rules the samples pass. */
function variants(): { name: string; plan: FloorPlan; heavyDemand?: boolean }[] {
  const non = loadPlan(nonJson), community = loadPlan(communityJson), flagship = loadPlan(flagshipJson), pod = loadPlan(podJson);
  const fixtures = clone(community);
  for (const f of fixtures.fixtures) {
    if (f.kind === 'counter' || f.kind === 'low-counter') { f.heightM = 0.5; f.depthM = 0.3; f.attributes = { cash: true, glazed: true, voiceComm: false }; }
    if (f.kind === 'atm') f.attributes = { throughWall: true };
  }
  fixtures.fixtures = fixtures.fixtures.filter((f) => f.kind !== 'alarm');
  const walls = clone(community);
  walls.outline.walls = walls.outline.walls.map((w, i) => (i % 3 === 0 ? { ...w, fullHeight: false } : i % 3 === 1 ? { ...w, thicknessM: 0.1 } : w));
  const thinWalls = clone(community);
  thinWalls.outline.walls = thinWalls.outline.walls.filter((_, i) => i % 2 === 0);
  const tall = clone(community);
  for (const f of tall.fixtures) if (f.kind === 'counter' || f.kind === 'low-counter') f.heightM = 1.1;
  const noDoors = clone(community);
  noDoors.doors = [];
  const narrowDoors = clone(flagship);
  for (const d of narrowDoors.doors) d.clearWidthM = 0.6;
  narrowDoors.doors = narrowDoors.doors.filter((d, i) => !d.exit || i === narrowDoors.doors.findIndex((x) => x.exit));
  const pod24 = clone(pod);
  pod24.doors = pod24.doors.map((d) => (d.connects.includes('z-lobby') ? { ...d, connects: ['z-lobby', 'z-loading'], lockable: false, mainEntrance: false } : d));
  const shapes = clone(community);
  shapes.zones[0] = { ...shapes.zones[0], polygon: [[0, 0], [1, 0], [2, 0]] };
  shapes.zones[1] = { ...shapes.zones[1], polygon: shapes.zones[1].polygon.map(([x, y]) => [x - 3, y]) as typeof shapes.zones[1]['polygon'] };
  const noZones = clone(community);
  noZones.zones = noZones.zones.map((z) => (['reception', 'waiting'].includes(z.kind) ? { ...z, kind: 'storage' } : z));
  const podNoSelf = clone(pod);
  podNoSelf.zones = podNoSelf.zones.map((z) => (z.kind === 'atm-lobby' ? { ...z, kind: 'storage' } : z));
  const facing = clone(community);
  const counter = facing.fixtures.find((f) => f.kind === 'counter' || f.kind === 'low-counter')!;
  facing.doors = facing.doors.map((d) => (d.mainEntrance ? { ...d, a: [counter.at[0] - 0.6, d.a[1]], b: [counter.at[0] + 0.6, d.b[1]] } : d));
  const bands = clone(non);
  for (const f of bands.fixtures) if (f.kind === 'atm') f.at = [bands.fixtures.find((x) => x.kind === 'atm')!.at[0] + 0.3 * bands.fixtures.filter((x) => x.kind === 'atm').indexOf(f), f.at[1]];
  return [
    { name: 'non-compliant', plan: non }, { name: 'community', plan: community }, { name: 'flagship', plan: flagship }, { name: 'pod', plan: pod },
    { name: 'non-compliant + heavy demand', plan: non, heavyDemand: true },
    { name: 'fixtures', plan: fixtures }, { name: 'walls', plan: walls }, { name: 'missing walls', plan: thinWalls }, { name: 'tall counters', plan: tall },
    { name: 'no doors', plan: noDoors }, { name: 'narrow doors', plan: narrowDoors }, { name: '24h pod', plan: pod24 },
    { name: 'bad shapes', plan: shapes }, { name: 'reception and waiting missing', plan: noZones }, { name: 'pod without self-service', plan: podNoSelf },
    { name: 'entrance facing the counters', plan: facing }, { name: 'ATMs in each other\'s band', plan: bands },
  ];
}

/** English words left after removing the plan's own names, standard names (GB, GA, ADA, IBC …) and units. */
function englishLeft(text: string, f: Finding): string[] {
  let s = text.replace(/“[^”]*”/g, ' ');
  for (const v of Object.values(f.messageVars ?? {})) if (typeof v === 'string' && /[A-Za-z]/.test(v) && !/[\u3400-\u9fff]/.test(v) && /\s|\d|^[A-Z]/.test(v)) s = s.split(v).join(' ');
  // standard names and model names stay as written in Chinese text too
  s = s.replace(/FLOORPLAN-STANDARDS\.md|Erlang C|M\/M\/c|OVERLAP\(a,b\)|CONTAINS\(outline, zone\)|\b(ADA|IBC|GB\/T|GB|GA|CBSS\d*)\b/g, ' ');
  s = s.replace(/\b[A-Z]{2,}-[0-9][0-9A-Za-z.]*\b/g, ' ').replace(/\b(m²|m|mm|min|h)\b/g, ' '); // rule ids (CNA-06), units
  return s.match(/[A-Za-z]{2,}/g) ?? [];
}

describe('standards findings in Simplified Chinese', () => {
  const all: { profile: string; variant: string; f: Finding }[] = [];
  const skipped: { reason: string; reasonKey?: string; reasonVars?: Record<string, string | number> }[] = [];
  for (const profile of PROFILE_IDS) {
    for (const v of variants()) {
      const sizing = v.heavyDemand ? sizeBranch({ ...DEFAULT_SIZING, visitsPerDay: 2500 }) : null;
      const r = checkPlan(v.plan, RULE_SETS[profile], { sizing });
      for (const f of r.findings) all.push({ profile, variant: v.name, f });
      skipped.push(...r.summary.rulesSkipped);
    }
    // limits no shipped sample comes near: the same rules with a tightened parameter (the message, not the limit, is under test)
    const tight = RULE_SETS[profile].rules.filter((r) => r.kind === 'turning-circle' || r.kind === 'travel-distance')
      .map((r) => (r.kind === 'turning-circle' ? { ...r, params: { ...r.params, diameterM: 4 } } : { ...r, params: { ...r.params, maxM: 5, maxSprinkleredM: 5 } })) as typeof RULE_SETS[typeof profile]['rules'];
    const r = checkPlan(loadPlan(communityJson), { ...RULE_SETS[profile], rules: tight }, { sizing: null });
    for (const f of r.findings) all.push({ profile, variant: 'tightened limits', f });
  }

  it('the samples and their variants make every rule of both profiles report (so each message is tried)', () => {
    for (const profile of PROFILE_IDS) {
      const hit = new Set(all.filter((x) => x.profile === profile).map((x) => x.f.ruleId));
      const missing = RULE_SETS[profile].rules.map((r) => r.id).filter((id) => !hit.has(id));
      expect(missing, profile).toEqual([]);
    }
  });


  it('every rule of both profiles has a zh title, and its source reference has a zh form when it has words', () => {
    for (const profile of PROFILE_IDS) {
      for (const r of RULE_SETS[profile].rules) {
        expect(messages.zh[`standards.rule.${r.id}`], `${profile} ${r.id}`).toMatch(/[\u3400-\u9fff]/);
        const src = messages.zh[`standards.source.${r.source.document}|${r.source.clause}`];
        expect(src, `${profile} ${r.id} source`).toBeTruthy();
        const words = (src.replace(/FLOORPLAN-STANDARDS\.md|Erlang C|M\/M\/c|OVERLAP\(a,b\)|CONTAINS\(outline, zone\)|\b(ADA|IBC|GB\/T|GB|GA|CBSS\d*)\b/g, ' ').replace(/\b[A-Z]{2,}-[0-9A-Z][0-9A-Za-z.]*\b/g, ' ').match(/[A-Za-z]{2,}/g) ?? []);
        expect(words, `${profile} ${r.id}: ${src}`).toEqual([]);
      }
    }
  });

  it('every finding has a message key with a zh template of its own, and no English words are left', () => {
    for (const { profile, variant, f } of all) {
      const where = `${profile} / ${variant} / ${f.ruleId}: ${f.message}`;
      expect(f.messageKey, where).toBeTruthy();
      expect(messages.zh[`standards.msg.${f.messageKey}`], where).toBeTruthy();
      const zh = findingText(f, zhT);
      expect(zh, where).not.toBe(f.message);
      expect(zh, where).toMatch(/[\u3400-\u9fff]/);
      expect(englishLeft(zh, f), `${where}\n→ ${zh}`).toEqual([]);
      expect(ruleTitle(f, zhT), where).toMatch(/[\u3400-\u9fff]/);
    }
  });

  it('English text from the templates equals the checker’s own message for keys that carry all its values', () => {
    const neck = all.find((x) => x.f.messageKey === 'neck' && x.profile === 'us-ada-ibc')!.f;
    expect(findingText(neck, enT)).toBe('Customer route narrows to 0.80 m in "Main aisle"; needs ≥ 0.915 m clear.');
    expect(findingText(neck, enT)).toBe(neck.message);
    expect(findingText(neck, zhT)).toBe('客户通道在“Main aisle”处收窄至 0.80 m；无障碍通道净宽应 ≥ 0.915 m。');
  });

  it('ids in values are named in Chinese (fixture kinds, attributes, zone kinds, functional groups)', () => {
    const lacks = all.find((x) => x.f.messageKey === 'fixtureLacksWhen')!.f;
    expect(findingText(lacks, zhT)).toMatch(/^(低位柜台|柜台)“.+”（防护玻璃）未设对讲装置。$/);
    const tw = all.find((x) => x.f.messageKey === 'throughWall')!.f;
    expect(findingText(tw, zhT)).toContain('未安装在客户区与加钞间之间的墙上');
    const acc = all.find((x) => x.f.messageKey === 'accessibleDevice');
    expect(acc, 'the "fixtures" variant (no ATM marked accessible) reports accessibleDevice').toBeDefined();
    expect(findingText(acc!.f, zhT)).toMatch(/自动柜员机，其中标为“无障碍”的 0 台/);
  });

  it('skip reasons with a key read in Chinese', () => {
    const keyed = skipped.filter((s) => s.reasonKey);
    expect(keyed.length).toBeGreaterThan(0);
    for (const s of keyed) expect(skipText(s, zhT)).toMatch(/[\u3400-\u9fff]/);
    expect(skipText({ reason: 'x', reasonKey: 'branchType', reasonVars: { type: 'community' } }, zhT)).toBe('不适用于网点类型 社区网点');
  });

  it('every message key a check can emit has en and zh templates with the same placeholders', () => {
    const dir = new URL('../../core/standards/checks/', import.meta.url);
    const emitted = new Set<string>(['demand.counters', 'demand.atms', 'demand.seats']);
    for (const file of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      for (const line of readFileSync(new URL(file, dir), 'utf8').split('\n').filter((l) => /\bkey: /.test(l))) {
        for (const m of line.slice(line.indexOf('key: ')).split(/vars:|message:/)[0].matchAll(/'([a-zA-Z.]+)'(?! ?\?)/g)) emitted.add(m[1]);
      }
    }
    expect(emitted.size).toBeGreaterThanOrEqual(40);
    for (const k of emitted) { expect(messages.en[`standards.msg.${k}`], k).toBeTruthy(); expect(messages.zh[`standards.msg.${k}`], k).toBeTruthy(); }
    const enKeys = Object.keys(messages.en).filter((k) => k.startsWith('standards.msg.')).map((k) => k.slice(14));
    expect(enKeys.length).toBeGreaterThanOrEqual(45);
    for (const k of enKeys) {
      const en = messages.en[`standards.msg.${k}`], zh = messages.zh[`standards.msg.${k}`];
      expect(zh, k).toBeTruthy();
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      if (k !== 'missingZone') expect(ph(zh), k).toEqual(ph(en));
    }
  });

  it('sizing assumptions (every key, from a site’s customers) and sizing failures read in Chinese', () => {
    const r = sizingFromRequest({ expectedCustomers: 40000 } as never);
    expect(r.assumptions.length).toBe(11);
    for (const a of r.assumptions) {
      const x = assumptionText(a, r, zhT);
      expect(x.label, a.key).toMatch(/[\u3400-\u9fff]/);
      expect(x.source, a.key).not.toBe(a.source);
      expect(englishLeft(`${x.label} ${x.unit} ${x.source}`, { messageVars: {}, source: { document: '', clause: '' } } as unknown as Finding), a.key).toEqual([]);
    }
    const target = r.assumptions.find((a) => a.key === 'counters.target')!;
    expect(assumptionText(target, r, zhT).label).toBe(`柜台服务目标：${r.sizing.counters.targetWaitMin} 分钟内办理的比例`);
    expect(assumptionText(target, r, enT).label).toBe(target.label);
    expect(sizingFailText({ message: 'Invalid json: visitsPerDay: Too big', field: 'visitsPerDay' }, zhT)).toBe('日均到访量无效：须为 0 至 1,000,000 之间的数值。');
    expect(sizingFailText({ message: '1,000 visits/day cannot be served by one branch', field: 'visitsPerDay' }, zhT)).toMatch(/超出单个网点的服务能力/);
    expect(sizingFailText({ message: 'network down' }, zhT)).toBe('network down');
    expect(sizingFailText({ message: 'x cannot be served', field: 'visitsPerDay' }, enT)).toBe('x cannot be served');
  });
});
