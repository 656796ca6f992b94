import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseRuleSet, effectiveSeverity, ruleSetJsonSchema, RuleSetError } from './ruleSet';
import { RULE_SETS } from './ruleSets';
import { CHECKS, checkPlan, recheckZones } from './checkPlan';
import { RULE_KINDS } from './ruleKinds';
import { generatePlan, moveZone } from './testing/generatePlan';
import usJson from '../../layouts/standards/us-ada-ibc.json';

describe('rule sets as data', () => {
  it('both profiles parse; every kind has a check module; ids unique', () => {
    expect(RULE_SETS['us-ada-ibc'].rules.length).toBeGreaterThanOrEqual(15);
    expect(RULE_SETS['cn-gb-ga'].rules.length).toBeGreaterThanOrEqual(15);
    for (const k of RULE_KINDS) expect(CHECKS[k].kind).toBe(k);
  });
  it('every rule carries a source clause and a verification status', () => {
    for (const rs of Object.values(RULE_SETS)) for (const r of rs.rules) {
      expect(r.source.document.length).toBeGreaterThan(0);
      expect(r.source.clause.length).toBeGreaterThan(0);
      expect(['verified', 'secondary', 'unverified', 'derived', 'heuristic']).toContain(r.status);
    }
  });
  it('unverified rules never report errors', () => {
    expect(effectiveSeverity({ severity: 'error', status: 'unverified' })).toBe('warning');
    expect(effectiveSeverity({ severity: 'error', status: 'secondary' })).toBe('error');
  });
  it('a bad rule names the field', () => {
    const bad = JSON.parse(JSON.stringify(usJson));
    bad.rules[5].params.minWidthM = -1;
    bad.rules[6].kind = 'no-such-kind';
    try { parseRuleSet(bad, 'test'); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(RuleSetError);
      const paths = (e as RuleSetError).issues.map((i) => i.path);
      expect(paths).toContain('rules.5.params.minWidthM');
      expect(paths.some((p) => p.startsWith('rules.6'))).toBe(true);
    }
  });
  it('a new rule of an existing kind is a data edit', () => {
    const more = JSON.parse(JSON.stringify(usJson));
    more.rules.push({ id: 'BR-10', kind: 'clear-width', title: 'Busy hall aisle 1.8 m', appliesTo: { zoneKinds: ['circulation'] }, params: { minWidthM: 1.8 }, severity: 'warning', source: { document: 'GB 50763-2012', clause: '§3.5.1(1) busy halls' }, status: 'verified' });
    const rs = parseRuleSet(more);
    expect(rs.rules.at(-1)!.kind).toBe('clear-width');
  });
  it('layouts/standards/ruleset.schema.json is generated from the zod schema (UPDATE=1 rewrites it)', () => {
    const file = path.join(__dirname, '../../layouts/standards/ruleset.schema.json');
    const want = JSON.stringify(ruleSetJsonSchema(), null, 2) + '\n';
    if (process.env.UPDATE === '1') fs.writeFileSync(file, want);
    expect(fs.readFileSync(file, 'utf8')).toBe(want);
  });
});

describe('recheckZones', () => {
  it('after a drag, equals a full check of the moved plan (overlap appears at the moved zone)', () => {
    const plan = generatePlan(8, 5);
    const rs = RULE_SETS['us-ada-ibc'];
    const before = checkPlan(plan, rs);
    const moved = moveZone(plan, 'z-3-2', 0.5, 0);
    const re = recheckZones(before, plan, moved, rs, ['z-3-2']);
    const full = checkPlan(moved, rs);
    const key = (r: typeof full) => r.findings.map((f) => `${f.ruleId}|${f.zoneIds.join(',')}|${f.measured}`).sort();
    expect(key(re)).toEqual(key(full));
    const ov = re.findings.filter((f) => f.ruleId === 'PLAN-02');
    expect(ov).toHaveLength(1);
    expect(ov[0].measured).toBeCloseTo(1.5, 9); // 0.5 m × 3 m
    expect(re.deferredRuleIds).toEqual(['EG-04']);
    // and moving it back clears the finding
    const back = recheckZones(re, moved, plan, rs, ['z-3-2']);
    expect(back.findings.filter((f) => f.ruleId === 'PLAN-02')).toEqual([]);
  });
});
