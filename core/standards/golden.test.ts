/**
 * Golden files: every sample plan in layouts/plans through the standards check, under every profile, without a demand
 * figure and with one (the demand rules run) — the whole result (findings with place, measured and required values,
 * messages and sources; the summary) compared exactly with `__golden__/<plan>.<profile>.json`.
 * A change in any check shows here as a diff; regenerate with `UPDATE=1` only when the change is intended.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../testing/golden';
import { loadPlan } from '../floorplan/load';
import { sizingFromRequest } from '../queueing/sizingRequest';
import { checkPlan } from './checkPlan';
import { PROFILE_IDS, RULE_SETS } from './ruleSets';

const PLANS_DIR = path.join(import.meta.dirname, '..', '..', 'layouts', 'plans');
const samples = fs.readdirSync(PLANS_DIR).filter((f) => f.endsWith('.plan.json')).sort();
/** Demand figures (expected customers of the linked site): a typical one, and a heavy one the small samples fail. */
const EXPECTED_CUSTOMERS = [12_000, 60_000];

describe('plans → findings (golden files)', () => {
  it('finds the shipped samples (a new one needs its golden files: UPDATE=1)', () => {
    expect(samples).toEqual(expect.arrayContaining(['community-150-noncompliant.plan.json', 'community-150.plan.json', 'flagship-400.plan.json', 'pod-24h.plan.json']));
  });
  for (const file of samples) {
    const id = file.replace(/\.plan\.json$/, '');
    for (const profile of PROFILE_IDS) {
      it(`${id} × ${profile}`, () => {
        const plan = loadPlan(JSON.parse(fs.readFileSync(path.join(PLANS_DIR, file), 'utf8')));
        expectGolden(import.meta.url, `${id}.${profile}`, {
          plan: id,
          profile,
          withoutDemand: checkPlan(plan, RULE_SETS[profile]),
          withDemand: EXPECTED_CUSTOMERS.map((expectedCustomers) => {
            const { sizing } = sizingFromRequest({ expectedCustomers });
            return { expectedCustomers, sizing, result: checkPlan(plan, RULE_SETS[profile], { sizing }) };
          }),
        });
      });
    }
  }
});
