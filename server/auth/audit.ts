import Papa from 'papaparse';
import type { Database } from '../db/database';
import type { User } from './accounts';

/** What the audit log records (issue 11 item 3). */
export type AuditEntity = 'scenario' | 'dataset' | 'plan_version' | 'user' | 'parameter_set';
export type AuditAction = 'create' | 'update' | 'delete';

/** One audit row. */
export interface AuditEntryDto {
  seq: number;
  /** ISO time of the change. */
  at: string;
  userId: string;
  userEmail: string;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string;
  /** A short human note (e.g. `version 4 from version 2`, `role analyst → designer`). */
  detail: string;
}

/**
 * Append-only audit log in the user database: who created, changed or deleted a scenario, dataset, plan version or
 * user, and when. This module only ever INSERTs and SELECTs; no route updates or deletes a row. `seq` orders the
 * rows (a sequence, so two changes in the same millisecond keep their order).
 */
export class AuditLog {
  private ready: Promise<void> | undefined;
  constructor(readonly db: Database) {}

  private init(): Promise<void> {
    this.ready ??= (async () => {
      await this.db.run('CREATE SEQUENCE IF NOT EXISTS audit_seq START 1');
      await this.db.run(`CREATE TABLE IF NOT EXISTS audit_log (seq BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'), changed_at VARCHAR NOT NULL,
        user_id VARCHAR NOT NULL, user_email VARCHAR NOT NULL, action VARCHAR NOT NULL, entity VARCHAR NOT NULL,
        entity_id VARCHAR NOT NULL, detail VARCHAR NOT NULL)`);
    })();
    this.ready.catch(() => { this.ready = undefined; });
    return this.ready;
  }

  /** Append one entry for `user`. */
  async record(user: User, action: AuditAction, entity: AuditEntity, entityId: string, detail = ''): Promise<void> {
    await this.init();
    await this.db.run(`INSERT INTO audit_log (changed_at, user_id, user_email, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [new Date().toISOString(), user.id, user.email, action, entity, entityId, detail]);
  }

  /** Entries newest first; `beforeSeq` pages backwards; `entity` filters. */
  async list(opts: { limit?: number; beforeSeq?: number; entity?: AuditEntity } = {}): Promise<AuditEntryDto[]> {
    await this.init();
    const limit = Math.min(Math.max(1, opts.limit ?? 200), 10_000);
    const rows = await this.db.all<{ seq: bigint; changed_at: string; user_id: string; user_email: string; action: AuditAction; entity: AuditEntity; entity_id: string; detail: string }>(
      `SELECT * FROM audit_log WHERE ($1::BIGINT IS NULL OR seq < $1) AND ($2::VARCHAR IS NULL OR entity = $2) ORDER BY seq DESC LIMIT ${limit}`,
      [opts.beforeSeq ?? null, opts.entity ?? null]);
    return rows.map((r) => ({ seq: Number(r.seq), at: r.changed_at, userId: r.user_id, userEmail: r.user_email, action: r.action, entity: r.entity,
      entityId: r.entity_id, detail: r.detail }));
  }

  /** Every entry, oldest first, as CSV (header `seq,at,user_id,user_email,action,entity,entity_id,detail`). */
  async csv(): Promise<string> {
    await this.init();
    const rows = await this.db.all<Record<string, unknown>>('SELECT seq, changed_at AS at, user_id, user_email, action, entity, entity_id, detail FROM audit_log ORDER BY seq');
    const fields = ['seq', 'at', 'user_id', 'user_email', 'action', 'entity', 'entity_id', 'detail'];
    // escapeFormulae: a cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula
    return Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => String(r[f] ?? ''))) }, { escapeFormulae: true, newline: '\r\n' }) + '\r\n';
  }
}
