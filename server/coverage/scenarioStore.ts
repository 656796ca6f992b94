import { nextTurn } from '../eventLoop';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { ScenarioDto } from '../../core/api/coverage';
import { nextRunName } from '../../core/coverage/scenarioList';

export type ScenarioFields = Omit<ScenarioDto, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

interface Row { id: string; name: string; base_network: string; added: string; closed: string; moved: string; params: string; created_at: string; updated_at: string; version: number | null }

function toDto(r: Row): ScenarioDto {
  return { id: r.id, name: r.name, baseNetwork: r.base_network, added: JSON.parse(r.added), closed: JSON.parse(r.closed),
    moved: JSON.parse(r.moved), params: JSON.parse(r.params), createdAt: r.created_at, updatedAt: r.updated_at, version: r.version ?? 1 };
}

/** The scenario changed since the caller read it: 409 with the version it now has. */
export class ScenarioConflict extends Error {
  constructor(readonly id: string, readonly expected: number, readonly current: number) {
    super(`Scenario "${id}" was changed by someone else (you edited version ${expected}; it is now at version ${current}): reload it and apply your change again`);
  }
}

/**
 * Scenarios persisted in the user database (`deps.userDb`): one row per scenario, its lists stored as JSON text.
 * The table is created on first use. A scenario alone reproduces every result: base network + added/closed/moved
 * + params. One store per app (server/services.ts).
 */
export class ScenarioStore {
  private ready: Promise<void> | null = null;
  /** The last {@link createRun} in flight: runs pick their number one after the other. */
  private runs: Promise<unknown> = Promise.resolve();

  constructor(readonly db: Database) {}

  private ensureTable(): Promise<void> {
    if (!this.ready) {
      const p = this.db.run(`CREATE TABLE IF NOT EXISTS scenarios (
        id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, base_network VARCHAR NOT NULL,
        added VARCHAR NOT NULL, closed VARCHAR NOT NULL, moved VARCHAR NOT NULL, params VARCHAR NOT NULL,
        created_at VARCHAR NOT NULL, updated_at VARCHAR NOT NULL)`)
        // optimistic concurrency (issue 11): tables created before it get the column, every row at version 1
        .then(() => this.db.run('ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS version INTEGER DEFAULT 1'));
      this.ready = p;
      p.catch(() => { if (this.ready === p) this.ready = null; });
    }
    return this.ready;
  }

  /** Every scenario, newest created first (an update never moves one): core/coverage/scenarioList.ts `compareNewestCreatedFirst`. */
  async list(): Promise<ScenarioDto[]> {
    await this.ensureTable();
    const rows = await this.db.all<Row>('SELECT * FROM scenarios ORDER BY created_at DESC, id');
    // one scenario a turn: each may hold 100,000 closed or moved branches (six such read at once held the loop ≈ 150 ms)
    const out: ScenarioDto[] = [];
    for (let k = 0; k < rows.length; k++) {
      if (k > 0) await nextTurn();
      out.push(toDto(rows[k]));
    }
    return out;
  }

  /** One scenario, or null. */
  async get(id: string): Promise<ScenarioDto | null> {
    await this.ensureTable();
    const rows = await this.db.all<Row>('SELECT * FROM scenarios WHERE id = $1', [id]);
    return rows.length ? toDto(rows[0]) : null;
  }

  /** Insert a new scenario with a fresh id and timestamps. */
  async create(s: ScenarioFields): Promise<ScenarioDto> {
    await this.ensureTable();
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.run(`INSERT INTO scenarios (id, name, base_network, added, closed, moved, params, created_at, updated_at, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)`, [id, s.name, s.baseNetwork,
      JSON.stringify(s.added), JSON.stringify(s.closed), JSON.stringify(s.moved), JSON.stringify(s.params), now, now]);
    return (await this.get(id))!;
  }

  /**
   * Insert the scenario an optimisation run saves, named `s.name` when no scenario of the same base network has that
   * name yet, else `<name> #n`, one above the highest run number of that name (core/coverage/scenarioList.ts
   * `nextRunName`): repeated runs get distinct names, and an existing scenario is never replaced. Runs finishing at
   * once are numbered one after the other.
   */
  createRun(s: ScenarioFields): Promise<ScenarioDto> {
    const next = this.runs.then(async () => {
      await this.ensureTable();
      const taken = await this.db.all<{ name: string }>('SELECT name FROM scenarios WHERE base_network = $1', [s.baseNetwork]);
      return this.create({ ...s, name: nextRunName(s.name, taken.map((r) => r.name)) });
    });
    this.runs = next.catch(() => undefined);
    return next;
  }

  /**
   * Replace a scenario's fields (keeps id and createdAt) if it is still at `expectedVersion`, and bump its version —
   * one conditional UPDATE, so of two writers that read the same version exactly one wins.
   * @returns the updated scenario, or null when it does not exist.
   * @throws ScenarioConflict when its version is no longer `expectedVersion`.
   */
  async update(id: string, s: ScenarioFields, expectedVersion: number): Promise<ScenarioDto | null> {
    await this.ensureTable();
    const now = new Date().toISOString();
    const updated = await this.db.all<{ version: number }>(`UPDATE scenarios SET name = $2, base_network = $3, added = $4, closed = $5, moved = $6,
      params = $7, updated_at = $8, version = coalesce(version, 1) + 1 WHERE id = $1 AND coalesce(version, 1) = $9 RETURNING version`,
    [id, s.name, s.baseNetwork, JSON.stringify(s.added), JSON.stringify(s.closed), JSON.stringify(s.moved), JSON.stringify(s.params), now, expectedVersion]);
    if (!updated.length) {
      const existing = await this.get(id);
      if (!existing) return null;
      throw new ScenarioConflict(id, expectedVersion, existing.version);
    }
    return this.get(id);
  }

  /** Delete; true when a row went. */
  async delete(id: string): Promise<boolean> {
    await this.ensureTable();
    const existing = await this.get(id);
    if (!existing) return false;
    await this.db.run('DELETE FROM scenarios WHERE id = $1', [id]);
    return true;
  }
}
