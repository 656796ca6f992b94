/**
 * How findings read in the panel, tooltip and reports: measured vs a signed bound ("allowed ≤ 0.01 m²" for a maximum),
 * counts as what was counted, the unverified status once, and sources citing the standard or "Outlet Planner reference".
 */
import { describe, expect, it } from 'vitest';
import noncompliant from '../../layouts/plans/community-150-noncompliant.plan.json';
import { loadPlan } from '../../core/floorplan/load';
import { checkPlan } from '../../core/standards/checkPlan';
import { RULE_SETS, PROFILE_IDS } from '../../core/standards/ruleSets';
import { translate } from '../i18n/i18n';
import { zoneKind } from '../../core/floorplan/zoneKinds';

const labelEn = (k: string) => zoneKind(k)!.label.en;
const labelZh = (k: string) => zoneKind(k)!.label.zh;
import { boundOf, buildReportHtml, findingText, requiredText, sourceText, valuesText } from './report';

const enT = (k: string, v?: Record<string, string | number>) => translate('en', k, v);
const zhT = (k: string, v?: Record<string, string | number>) => translate('zh', k, v);
const plan = loadPlan(noncompliant);
const us = checkPlan(plan, RULE_SETS['us-ada-ibc']);
const cn = checkPlan(plan, RULE_SETS['cn-gb-ga']);
const by = (r: typeof us, id: string) => r.findings.find((f) => f.ruleId === id)!;

describe('finding values', () => {
  it('a maximum (overlap) reads "allowed ≤", a minimum (clear width) "required ≥"', () => {
    const overlap = by(us, 'PLAN-02');
    expect(boundOf(overlap)).toBe('max');
    expect(requiredText(overlap)).toBe('≤ 0.01 m²');
    expect(valuesText(overlap, enT)).toBe('measured 3.00 m² · allowed ≤ 0.01 m²');
    expect(valuesText(overlap, zhT)).toBe('实测 3.00 m² · 允许 ≤ 0.01 m²');
    const neck = by(us, 'ADA-01');
    expect(boundOf(neck)).toBe('min');
    expect(valuesText(neck, enT)).toBe('measured 0.80 m · required ≥ 0.915 m');
    expect(valuesText(by(cn, 'CNA-01'), zhT)).toBe('实测 0.80 m · 要求 ≥ 1.20 m');
  });
  it('the uncontrolled cash-area door (BR-11 / SEC-05) reads as a count of doors, not "measured 1 required 0"', () => {
    expect(valuesText(by(us, 'BR-11'), enT)).toBe('1 door without access control · allowed 0');
    expect(valuesText(by(cn, 'SEC-05'), zhT)).toBe('1 扇门未设门禁 · 允许 0');
    // a yes/no requirement (0 found, 1 needed) without its own phrase
    expect(valuesText({ ...by(us, 'BR-11'), messageKey: 'fixtureLacks', measured: 0, required: 1 }, enT)).toBe('requirement not met');
  });
  it('an unverified rule says so once: not in the message when the status is printed beside it', () => {
    const cfs = by(cn, 'CNA-CFS');
    expect(cfs.status).toBe('unverified');
    expect(findingText(cfs, enT, { unverifiedNote: false })).toBe('"ATM 2": only 0.60 m clear in front; a 0.76 m × 1.22 m clear floor space is required.');
    expect(findingText(cfs, enT)).toMatch(/\[unverified source/);
    const html = buildReportHtml(plan, cn, null, enT, 'en');
    const at = html.indexOf('<td><b>CNA-CFS');
    const row = html.slice(at, html.indexOf('</tr>', at));
    expect(row.match(/unverified source/gi)).toHaveLength(1);
  });
  it('no finding cites FLOORPLAN-STANDARDS.md as if it were a standard; our own rules say "Outlet Planner reference" once', () => {
    for (const p of PROFILE_IDS) {
      for (const r of RULE_SETS[p].rules) {
        const en = sourceText(r.source, enT);
        if (!en.includes('FLOORPLAN-STANDARDS.md')) continue;
        expect(en).toMatch(/^Outlet Planner reference \(FLOORPLAN-STANDARDS\.md\) §\d[a-z]? /);
        expect(en.match(/FLOORPLAN-STANDARDS/g)).toHaveLength(1);
        expect(sourceText(r.source, zhT)).toMatch(/^本系统参考文档（FLOORPLAN-STANDARDS\.md）§\d[a-z]? /);
      }
    }
    // the US profile's cash-area door rule has no US code clause: it is our own bank-practice rule, not GA 38's (a Chinese standard)
    expect(by(us, 'BR-11')).toMatchObject({ status: 'heuristic', source: { document: 'Outlet Planner reference (FLOORPLAN-STANDARDS.md)' } });
    expect(sourceText(by(us, 'PLAN-02').source, enT)).toBe('Outlet Planner reference (FLOORPLAN-STANDARDS.md) §3 overlap test (zones may touch, not overlap)');
    expect(sourceText(by(cn, 'SEC-05').source, enT)).toBe('GA 38-2021 / GA 38-2004 §6.2.1; 2004 §5.3.7');
  });
  it('the HTML report names zones, not ids, and signs the bound', () => {
    const html = buildReportHtml(plan, us, null, enT, 'en');
    const at = html.indexOf('<td><b>PLAN-02');
    const row = html.slice(at, html.indexOf('</tr>', at));
    expect(row).toContain('≤ 0.01 m²');
    expect(row).toContain('Self-service, Main aisle');
  });
  it('an unnamed zone is named by its kind and index, in the UI language', () => {
    const p2 = structuredClone(plan);
    const ss = p2.zones.find((z) => z.name === 'Self-service')!;
    ss.name = '';
    const f = checkPlan(p2, RULE_SETS['us-ada-ibc']).findings.find((x) => x.ruleId === 'PLAN-02')!;
    expect(findingText(f, enT)).toBe(`Zones "${labelEn(ss.kind)} 1" and "Main aisle" overlap by 3.00 m².`);
    expect(findingText(f, zhT)).toBe(`区域“${labelZh(ss.kind)} 1”与“Main aisle”重叠 3.00 m²。`);
    expect(findingText(f, zhT)).not.toMatch(/zone-|[A-Za-z]+ 1/);
  });
});

