import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createTestApp } from '../testing/testApp';
import type { DatasetsResponse, HealthResponse } from '../../core/api/health';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('GET /api/health', () => {
  it('reports the imported catalog and the service date', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    expect((await res.json()) as HealthResponse).toEqual({ ok: true, datasets: 16, serviceDate: '2026-10-07' });
  });

  it('is not ok on an empty database', async () => {
    const db = await openDatabase(':memory:');
    try {
      const app = createApp({ config: { ...loadConfig(), serviceDate: '2026-10-07' }, db, userDb: db });
      const res = await app.request('/api/health');
      expect(await res.json()).toEqual({ ok: false, datasets: 0, serviceDate: '2026-10-07' });
    } finally {
      db.close();
    }
  });
});

describe('GET /api/health without database reads once the data is imported', () => {
  it('reads the catalog until it has rows, then keeps that answer (the catalog cannot change while the server holds the file)', async () => {
    const db = await openDatabase(':memory:');
    try {
      const app = createApp({ config: { ...loadConfig(), serviceDate: '2026-10-07' }, db, userDb: db });
      const health = async () => (await app.request('/api/health')).json() as Promise<HealthResponse>;
      expect(await health()).toEqual({ ok: false, datasets: 0, serviceDate: '2026-10-07' });
      await db.run(`CREATE TABLE datasets (id VARCHAR)`);
      await db.run(`INSERT INTO datasets VALUES ('census-block-groups')`);
      expect(await health()).toEqual({ ok: true, datasets: 1, serviceDate: '2026-10-07' });
      await db.run(`INSERT INTO datasets VALUES ('fdic-sod-2023')`);
      expect(await health()).toEqual({ ok: true, datasets: 1, serviceDate: '2026-10-07' });
    } finally {
      db.close();
    }
  });
});

describe('GET /api/datasets', () => {
  it('lists the catalog with checksums that match the files, and the 10 transit feeds', async () => {
    const res = await t.app.request('/api/datasets');
    expect(res.status).toBe(200);
    const body = (await res.json()) as DatasetsResponse;
    expect(body.datasets).toHaveLength(16);
    const census = body.datasets.find((d) => d.id === 'census-block-groups')!;
    const buf = fs.readFileSync(path.join(t.deps.config.dataDir, census.file));
    expect(census).toMatchObject({ file: 'census-cenpop2020/block_group2020.csv', rowCount: 242_335, bytes: buf.length, vintage: '2020-04-01',
      sha256: createHash('sha256').update(buf).digest('hex') });
    expect(census.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((census.details.files as unknown[]).length).toBe(1);
    expect(body.datasets.find((d) => d.id === 'fdic-sod-2023')).toMatchObject({ rowCount: 77_796, vintage: '2023-06-30' });
    expect(body.transitFeeds).toHaveLength(10);
    expect(body.transitFeeds.find((f) => f.feed === 'subway')).toMatchObject({ mode: 'subway', scheduled: true, calendarStart: '2026-05-26',
      calendarEnd: '2026-10-31', serviceDate: '2026-10-07', stopCount: 496 });
    expect(body.transitFeeds.find((f) => f.feed === 'lirr')).toMatchObject({ mode: 'rail', scheduled: false, stopCount: 127 });
  });
});
