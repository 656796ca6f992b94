/**
 * Floor-plan store over `deps.userDb`: append-only versions. A save never overwrites: it writes version
 * `latest + 1` only when the caller's `baseVersion` is still the newest, otherwise it throws
 * {@link PlanVersionConflictError} (HTTP 409) so concurrent edits are detected, never lost.
 * The samples in layouts/plans/*.plan.json are loaded as version 1 of a plan named after the file stem
 * (the files are only read).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { REPO_ROOT } from '../config';
import { loadPlan, parsePlan, type PlanIssue } from '../../core/floorplan/load';
import { parseGeoJsonPlan } from '../../core/floorplan/export/geojson';
import type { FloorPlan } from '../../core/floorplan/model';
import type { PlanSummary, PlanVersionBody, PlanVersionInfo, PlanVersionRef } from '../../core/api/plans';
import { AppError, notFound } from '../errors';

/** Folder of the shipped sample plans. */
export const SAMPLES_DIR = path.join(REPO_ROOT, 'layouts', 'plans');

/** 409: the plan has a newer version than the one the edit started from. */
export class PlanVersionConflictError extends AppError {
  constructor(readonly planId: string, readonly baseVersion: number, readonly latestVersion: number) {
    super(409, 'version_conflict',
      `Plan ${planId} is at version ${latestVersion}, but this save started from version ${baseVersion}. ` +
      `Nothing was overwritten: reload version ${latestVersion} and re-apply your edit, or save it as a new plan.`,
      { field: 'baseVersion' });
  }
}

/** 400 naming each bad field inside the plan (`plan.units`, `plan.zones.1.polygon` …). */
export function planInvalid(issues: PlanIssue[], prefix = 'plan'): AppError {
  const named = issues.map((i) => ({ path: i.path === '(root)' ? prefix : `${prefix}.${i.path}`, message: i.message }));
  return new AppError(400, 'bad_request',
    'Invalid plan: ' + named.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ') + (named.length > 5 ? ` (+${named.length - 5} more)` : ''),
    { issues: named, field: named[0]?.path });
}

/**
 * Parse an untrusted plan — our JSON envelope (any supported version/units) or a GeoJSON FeatureCollection
 * of zones with top-level `units` — or throw a 400 naming the fields.
 */
export function parsePlanOrThrow(raw: unknown): FloorPlan {
  const isGeoJson = !!raw && typeof raw === 'object' && (raw as { type?: unknown }).type === 'FeatureCollection';
  let r: ReturnType<typeof parsePlan>;
  try {
    r = isGeoJson ? parseGeoJsonPlan(raw) : parsePlan(raw);
  } catch (err) {
    // the parsers promise not to throw; if one still does on some odd input, the client sent it, so it is a 400
    if (err instanceof AppError) throw err;
    throw planInvalid([{ path: '(root)', message: `the ${isGeoJson ? 'GeoJSON ' : ''}plan could not be read: ${(err as Error)?.message ?? String(err)}` }]);
  }
  if (!r.plan) throw planInvalid(r.issues);
  return r.plan;
}

interface VersionRow {
  plan_id: string; version: number; created_at: string; name: string; message: string | null; restored_from: number | null; plan: string;
}


/** Read every sample plan file: `{ id, plan }` per `<id>.plan.json`. @throws Error naming the file and field. */
export function readSamplePlans(dir = SAMPLES_DIR): { id: string; file: string; plan: FloorPlan }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.plan.json')).sort().map((f) => {
    const file = path.join(dir, f);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
    }
    return { id: f.replace(/\.plan\.json$/, ''), file, plan: loadPlan(raw, file) };
  });
}

/**
 * The plan store for one user database (one per app, server/services.ts). Tables are created on first use, and
 * the sample plans are inserted as version 1 unless already there. Writes go one at a time through this store.
 */
export class PlanStore {
  private ready: Promise<void> | null = null;
  private lock: Promise<unknown> = Promise.resolve();

  /** Most versions kept per plan (see {@link saveVersion}). */
  readonly maxVersions: number;

  constructor(readonly db: Database, readonly samplesDir = SAMPLES_DIR, opts: { maxVersions?: number } = {}) {
    this.maxVersions = opts.maxVersions ?? 500;
  }

  private ensure(): Promise<void> {
    if (!this.ready) {
      const p = this.init();
      this.ready = p;
      p.catch(() => { if (this.ready === p) this.ready = null; });
    }
    return this.ready;
  }

  /** Run `fn` after every earlier write through this store has finished (one writer at a time in-process). */
  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lock.then(fn, fn);
    this.lock = next.catch(() => undefined);
    return next;
  }

  private async init(): Promise<void> {
    await this.db.run(`CREATE TABLE IF NOT EXISTS floor_plans (
      id VARCHAR PRIMARY KEY, sample BOOLEAN NOT NULL, created_at VARCHAR NOT NULL)`);
    await this.db.run(`CREATE TABLE IF NOT EXISTS floor_plan_versions (
      plan_id VARCHAR NOT NULL, version INTEGER NOT NULL, created_at VARCHAR NOT NULL, name VARCHAR NOT NULL,
      branch_type VARCHAR NOT NULL, site_id VARCHAR, message VARCHAR, restored_from INTEGER, plan VARCHAR NOT NULL,
      PRIMARY KEY (plan_id, version))`);
    if (this.db.readOnly) return;
    const samples = readSamplePlans(this.samplesDir);
    const have = new Set((await this.db.all<{ id: string }>('SELECT id FROM floor_plans')).map((r) => r.id));
    for (const s of samples) {
      if (have.has(s.id)) continue;
      await this.db.transaction(async (tx) => {
        const now = new Date().toISOString();
        await tx.run('INSERT INTO floor_plans VALUES ($1, true, $2)', [s.id, now]);
        await this.insertVersion(tx, s.id, 1, s.plan, `sample ${path.basename(s.file)}`, null, now);
      });
    }
  }

  private async insertVersion(db: Database, id: string, version: number, plan: FloorPlan, message: string | null, restoredFrom: number | null, now = new Date().toISOString()) {
    await db.run('INSERT INTO floor_plan_versions VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [id, version, now, plan.name, plan.branchType, plan.siteId ?? null, message, restoredFrom, JSON.stringify(plan)]);
  }

  private async latest(id: string): Promise<number> {
    const rows = await this.db.all<{ v: number | null; sample: boolean | null }>(
      'SELECT (SELECT max(version) FROM floor_plan_versions WHERE plan_id = $1) AS v', [id]);
    const v = rows[0]?.v;
    if (v === null || v === undefined) throw notFound(`No floor plan with id "${id}"`);
    return Number(v);
  }

  /** Store a new plan as version 1. @returns its id and version. */
  async create(plan: FloorPlan, message?: string): Promise<PlanVersionRef> {
    await this.ensure();
    return this.serialised(() => this.db.transaction(async (tx) => {
      const id = `plan-${randomUUID().replaceAll('-', '').slice(0, 8)}`;
      const now = new Date().toISOString();
      await tx.run('INSERT INTO floor_plans VALUES ($1, false, $2)', [id, now]);
      await this.insertVersion(tx, id, 1, plan, message ?? null, null, now);
      return { id, version: 1 };
    }));
  }

  /**
   * Append a version. @throws PlanVersionConflictError (409) when `baseVersion` is not the newest;
   * AppError 409 `version_limit` when the plan already keeps {@link maxVersions} versions (nothing is dropped silently:
   * an administrator prunes older ones with {@link prune}); AppError 404 for an unknown plan.
   */
  async saveVersion(id: string, baseVersion: number, plan: FloorPlan, message?: string, restoredFrom: number | null = null): Promise<PlanVersionRef> {
    await this.ensure();
    return this.serialised(async () => {
      const latest = await this.latest(id);
      if (baseVersion !== latest) throw new PlanVersionConflictError(id, baseVersion, latest);
      const kept = await this.versionCount(id);
      if (kept >= this.maxVersions) {
        throw new AppError(409, 'version_limit', `Plan ${id} keeps ${kept} versions, the most kept per plan (MAX_PLAN_VERSIONS=${this.maxVersions}). ` +
          'Nothing was saved: an administrator can prune older versions (POST /api/plans/' + id + '/versions/prune), or save it as a new plan.');
      }
      try {
        await this.insertVersion(this.db, id, latest + 1, plan, message ?? null, restoredFrom);
      } catch (err) {
        // a writer in another process got there first: the primary key (plan_id, version) refuses the duplicate
        if (/constraint|duplicate|primary key/i.test(String((err as Error).message))) {
          throw new PlanVersionConflictError(id, baseVersion, await this.latest(id));
        }
        throw err;
      }
      return { id, version: latest + 1 };
    });
  }

  private async versionCount(id: string): Promise<number> {
    const rows = await this.db.all<{ n: bigint | number }>('SELECT count(*) AS n FROM floor_plan_versions WHERE plan_id = $1', [id]);
    return Number(rows[0].n);
  }

  /**
   * Delete every version of a plan but the newest `keepLatest` (an administrator's explicit act; the newest version is
   * always kept, version numbers are never reused). @returns the deleted and the kept version numbers, ascending.
   * @throws AppError 404 for an unknown plan.
   */
  async prune(id: string, keepLatest: number): Promise<{ pruned: number[]; kept: number[] }> {
    await this.ensure();
    if (!(Number.isInteger(keepLatest) && keepLatest >= 1)) throw new AppError(400, 'bad_request', `keepLatest must be a whole number ≥ 1, got ${keepLatest}`, { field: 'keepLatest' });
    return this.serialised(async () => {
      await this.latest(id);
      const all = (await this.db.all<{ version: number }>('SELECT version FROM floor_plan_versions WHERE plan_id = $1 ORDER BY version', [id])).map((r) => Number(r.version));
      const cut = Math.max(0, all.length - keepLatest);
      const pruned = all.slice(0, cut);
      if (pruned.length) await this.db.run('DELETE FROM floor_plan_versions WHERE plan_id = $1 AND version <= $2', [id, pruned[pruned.length - 1]]);
      return { pruned, kept: all.slice(cut) };
    });
  }

  /**
   * Copy version `v` as the newest version (the history keeps every version). `baseVersion` is the newest version the
   * caller has seen: @throws 409 (as a save) when another version was written since, 404 for an unknown version.
   */
  async restore(id: string, v: number, baseVersion: number): Promise<PlanVersionRef & { restoredFrom: number }> {
    const old = await this.getVersion(id, v);
    const ref = await this.saveVersion(id, baseVersion, old.plan, `restored version ${v}`, v);
    return { ...ref, restoredFrom: v };
  }

  /** Every plan with its newest version's name and type, newest first. */
  async list(): Promise<PlanSummary[]> {
    await this.ensure();
    const rows = await this.db.all<{ id: string; sample: boolean; created_at: string; version: number; name: string; branch_type: string; site_id: string | null; updated_at: string }>(`
      SELECT p.id, p.sample, p.created_at, v.version, v.name, v.branch_type, v.site_id, v.created_at AS updated_at
      FROM floor_plans p
      JOIN floor_plan_versions v ON v.plan_id = p.id
      WHERE v.version = (SELECT max(version) FROM floor_plan_versions w WHERE w.plan_id = p.id)
      ORDER BY p.sample, v.created_at DESC, p.id`);
    return rows.map((r) => ({
      id: r.id, name: r.name, branchType: r.branch_type as PlanSummary['branchType'], siteId: r.site_id, version: Number(r.version),
      sample: r.sample, createdAt: r.created_at, updatedAt: r.updated_at,
    }));
  }

  /** Version history, oldest first. @throws 404 for an unknown plan. */
  async versions(id: string): Promise<PlanVersionInfo[]> {
    await this.ensure();
    const rows = await this.db.all<VersionRow>('SELECT * FROM floor_plan_versions WHERE plan_id = $1 ORDER BY version', [id]);
    if (!rows.length) throw notFound(`No floor plan with id "${id}"`);
    return rows.map(toInfo);
  }

  /** One version (newest when `v` is undefined). @throws 404 for an unknown plan or version. */
  async getVersion(id: string, v?: number): Promise<PlanVersionBody> {
    await this.ensure();
    const latest = await this.latest(id);
    const want = v ?? latest;
    const rows = await this.db.all<VersionRow>('SELECT * FROM floor_plan_versions WHERE plan_id = $1 AND version = $2', [id, want]);
    if (!rows.length) throw notFound(`Plan "${id}" has no version ${want} (newest is ${latest})`);
    const sample = (await this.db.all<{ sample: boolean }>('SELECT sample FROM floor_plans WHERE id = $1', [id]))[0]?.sample ?? false;
    return { id, ...toInfo(rows[0]), latestVersion: latest, sample, plan: JSON.parse(rows[0].plan) as FloorPlan };
  }
}

function toInfo(r: VersionRow): PlanVersionInfo {
  return { version: Number(r.version), name: r.name, createdAt: r.created_at, message: r.message, restoredFrom: r.restored_from === null ? null : Number(r.restored_from) };
}
