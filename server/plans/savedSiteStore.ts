/**
 * Saved sites: snapshots of a scored site (coordinates, own network, parameters, expectedCustomers) that a
 * floor plan links to (`plan.siteId`) and that queue sizing reads. Stored in `deps.userDb`, never changed.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { SavedSite, SaveSiteRequest } from '../../core/api/plans';
import { notFound } from '../errors';

/** The saved sites of one user database (one store per app, server/services.ts); the table is created on first use. */
export class SavedSiteStore {
  private ready: Promise<void> | null = null;

  constructor(readonly db: Database) {}

  private ensure(): Promise<void> {
    if (!this.ready) {
      const p = this.db.run(`CREATE TABLE IF NOT EXISTS saved_sites (
        id VARCHAR PRIMARY KEY, created_at VARCHAR NOT NULL, name VARCHAR NOT NULL, lng DOUBLE NOT NULL, lat DOUBLE NOT NULL,
        expected_customers DOUBLE NOT NULL, snapshot VARCHAR NOT NULL)`);
      this.ready = p;
      p.catch(() => { if (this.ready === p) this.ready = null; });
    }
    return this.ready;
  }

  /** Store a snapshot; @returns its new id (`site-<16 hex>`). */
  async save(site: SaveSiteRequest): Promise<{ id: string }> {
    await this.ensure();
    const id = `site-${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await this.db.run('INSERT INTO saved_sites VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, new Date().toISOString(), site.name, site.lng, site.lat, site.expectedCustomers, JSON.stringify(site)]);
    return { id };
  }

  /** Read a snapshot. @throws AppError 404 for an unknown id. */
  async get(id: string): Promise<SavedSite> {
    await this.ensure();
    const rows = await this.db.all<{ created_at: string; snapshot: string }>('SELECT created_at, snapshot FROM saved_sites WHERE id = $1', [id]);
    if (!rows.length) throw notFound(`No saved site with id "${id}"`);
    return { id, createdAt: rows[0].created_at, ...(JSON.parse(rows[0].snapshot) as SaveSiteRequest) };
  }
}
