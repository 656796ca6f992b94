import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import v2 from '../../core/floorplan/fixtures/plan.v2.json';
import { loadPlan } from '../../core/floorplan/load';
import { openDatabase } from '../db/database';
import { PlanStore, PlanVersionConflictError, readSamplePlans } from './planStore';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planstore-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('PlanStore on a database file', () => {
  it('keeps every version across a restart and inserts the samples only once', async () => {
    const file = path.join(dir, 'plans.duckdb');
    const plan = loadPlan(v2);
    let db = await openDatabase(file);
    let store = new PlanStore(db);
    const { id } = await store.create(plan);
    await store.saveVersion(id, 1, { ...plan, name: 'second' });
    await expect(store.saveVersion(id, 1, { ...plan, name: 'lost?' })).rejects.toBeInstanceOf(PlanVersionConflictError);
    db.close();

    db = await openDatabase(file);
    store = new PlanStore(db);
    expect((await store.versions(id)).map((v) => [v.version, v.name])).toEqual([[1, 'Tiny v2 fixture'], [2, 'second']]);
    const list = await store.list();
    const samples = readSamplePlans();
    expect(list.filter((p) => p.sample)).toHaveLength(samples.length);
    expect(list.find((p) => p.id === id)).toMatchObject({ version: 2, name: 'second', sample: false });
    expect((await store.getVersion(id, 1)).plan).toEqual(JSON.parse(JSON.stringify(plan)));
    db.close();
  });

  it('names the file and field when a sample is broken', () => {
    const bad = path.join(dir, 'samples');
    fs.mkdirSync(bad);
    const { units: _u, ...noUnits } = v2;
    fs.writeFileSync(path.join(bad, 'broken.plan.json'), JSON.stringify(noUnits));
    expect(() => readSamplePlans(bad)).toThrow(/broken\.plan\.json: units: units is required/);
    fs.writeFileSync(path.join(bad, 'broken.plan.json'), '{ not json');
    expect(() => readSamplePlans(bad)).toThrow(/broken\.plan\.json: not valid JSON/);
  });
});
