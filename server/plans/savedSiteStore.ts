/**
 * Saved sites: snapshots of a scored site (coordinates, own network, parameters, expectedCustomers) that a
 * floor plan links to (`plan.siteId`) and that queue sizing reads. Stored in `deps.userDb`, never changed.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { SavedSite, SaveSiteRequest } from '../../core/api/plans';
import { notFound } from '../errors';

const ready = new WeakMap<Database, Promise<void>>();

function ensure(db: Database): Promise<void> {
  let p = ready.get(db);
  if (!p) {
    p = db.run(`CREATE TABLE IF NOT EXISTS saved_sites (
      id VARCHAR PRIMARY KEY, created_at VARCHAR NOT NULL, name VARCHAR NOT NULL, lng DOUBLE NOT NULL, lat DOUBLE NOT NULL,
      expected_customers DOUBLE NOT NULL, snapshot VARCHAR NOT NULL)`);
    ready.set(db, p);
    p.catch(() => ready.delete(db));
  }
  return p;
}

/** Store a snapshot; @returns its new id (`site-<16 hex>`). */
export async function saveSite(db: Database, site: SaveSiteRequest): Promise<{ id: string }> {
  await ensure(db);
  const id = `site-${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await db.run('INSERT INTO saved_sites VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, new Date().toISOString(), site.name, site.lng, site.lat, site.expectedCustomers, JSON.stringify(site)]);
  return { id };
}

/** Read a snapshot. @throws AppError 404 for an unknown id. */
export async function getSavedSite(db: Database, id: string): Promise<SavedSite> {
  await ensure(db);
  const rows = await db.all<{ created_at: string; snapshot: string }>('SELECT created_at, snapshot FROM saved_sites WHERE id = $1', [id]);
  if (!rows.length) throw notFound(`No saved site with id "${id}"`);
  return { id, createdAt: rows[0].created_at, ...(JSON.parse(rows[0].snapshot) as SaveSiteRequest) };
}
