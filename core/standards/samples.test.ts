import { describe, expect, it } from 'vitest';
import samplesNon from '../../layouts/plans/community-150-noncompliant.plan.json';
import community from '../../layouts/plans/community-150.plan.json';
import flagship from '../../layouts/plans/flagship-400.plan.json';
import pod from '../../layouts/plans/pod-24h.plan.json';
import { loadPlan } from '../floorplan/load';
import { checkPlan } from './checkPlan';
import { RULE_SETS } from './ruleSets';

const non = loadPlan(samplesNon);

describe('the deliberately non-compliant community branch yields each README break, at its place, with the tape value', () => {
  for (const profile of ['us-ada-ibc', 'cn-gb-ga'] as const) {
    const r = checkPlan(non, RULE_SETS[profile]);
    const by = (ruleId: string) => r.findings.filter((f) => f.ruleId === ruleId);
    it(`${profile}: 1 — the 0.80 m aisle to the WC, located in z-circulation at x 0–4, y 6.7–7.5`, () => {
      const f = by(profile === 'us-ada-ibc' ? 'ADA-01' : 'CNA-01');
      expect(f).toHaveLength(1);
      expect(f[0].measured).toBeCloseTo(0.8, 3);
      expect(f[0].required).toBe(profile === 'us-ada-ibc' ? 0.915 : 1.2);
      expect(f[0].zoneIds).toEqual(['z-circulation']);
      expect(f[0].at.type).toBe('segment');
      if (f[0].at.type === 'segment') {
        // measured across the aisle (within one 2.5 cm grid cell of its mouth at x = 4)
        for (const p of [f[0].at.a, f[0].at.b]) { expect(p[0]).toBeGreaterThanOrEqual(0); expect(p[0]).toBeLessThanOrEqual(4.03); }
        expect([f[0].at.a[1], f[0].at.b[1]].sort()).toEqual([6.7, 7.5]);
      }
    });
    it(`${profile}: 2 — ATM 2 has only 0.60 m clear in front (rack), needs 1.22 m`, () => {
      const f = by(profile === 'us-ada-ibc' ? 'ADA-05' : 'CNA-CFS');
      expect(f).toHaveLength(1);
      expect(f[0].elementIds).toEqual(['f-atm-2']);
      expect(f[0].measured).toBeCloseTo(0.6, 3);
      expect(f[0].required).toBe(1.22);
      // CN rule is "unverified": a warning labelled unverified, never an error
      expect(f[0].severity).toBe(profile === 'us-ada-ibc' ? 'error' : 'warning');
      if (profile === 'cn-gb-ga') expect(f[0].message).toMatch(/unverified/);
    });
    it(`${profile}: 3 — waiting 7.50 m² for 8 seats = 0.94 m² a seat`, () => {
      const f = by('BR-09');
      expect(f).toHaveLength(1);
      expect(f[0].zoneIds).toEqual(['z-waiting']);
      expect(f[0].measured).toBeCloseTo(0.9375, 6);
      expect(f[0].required).toBe(1.4);
    });
    it(`${profile}: 4 — self-service overlaps the aisle by 3.00 m² at x 10–15, y 4.0–4.6`, () => {
      const f = by('PLAN-02');
      expect(f).toHaveLength(1);
      expect(new Set(f[0].zoneIds)).toEqual(new Set(['z-self-service', 'z-circulation']));
      expect(f[0].measured).toBeCloseTo(3, 6);
      const at = f[0].at;
      expect(at.type).toBe('polygon');
      if (at.type !== 'polygon') throw new Error(`PLAN-02 located as a ${at.type}, not the overlap polygon`); // narrows the type
      const pts = at.rings.flat();
      expect(pts.length).toBeGreaterThanOrEqual(4);
      expect(Math.min(...pts.map((p) => p[0]))).toBeCloseTo(10, 6);
      expect(Math.max(...pts.map((p) => p[0]))).toBeCloseTo(15, 6);
      expect(Math.min(...pts.map((p) => p[1]))).toBeCloseTo(4, 6);
      expect(Math.max(...pts.map((p) => p[1]))).toBeCloseTo(4.6, 6);
    });
    it(`${profile}: 5 — the cash area is reachable through d-cash-side, which is not access-controlled`, () => {
      const f = by(profile === 'us-ada-ibc' ? 'BR-11' : 'SEC-05');
      expect(f).toHaveLength(1);
      expect(f[0].elementIds).toEqual(['d-cash-side']);
      expect(f[0].zoneIds[0]).toBe('z-cash');
      expect(f[0].at).toEqual({ type: 'segment', a: [10, 1.5], b: [10, 2.4] });
    });
    it(`${profile}: nothing else is an error`, () => {
      const errs = r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId).sort();
      expect(errs).toEqual(profile === 'us-ada-ibc' ? ['ADA-01', 'ADA-05', 'BR-09', 'BR-11', 'PLAN-02'] : ['BR-09', 'CNA-01', 'PLAN-02', 'SEC-05']);
    });
  }
});

describe('the compliant samples raise no error under either profile for their branch type', () => {
  for (const [name, raw] of [['community-150', community], ['flagship-400', flagship], ['pod-24h', pod]] as const) {
    for (const profile of ['us-ada-ibc', 'cn-gb-ga'] as const) {
      it(`${name} × ${profile}`, () => {
        const r = checkPlan(loadPlan(raw), RULE_SETS[profile]);
        expect(r.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
        expect(r.summary.rulesRun).toBeGreaterThan(10);
      });
    }
  }
});
