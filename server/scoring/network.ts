import type { Database } from '../db/database';
import type { BranchColumns } from '../geo/geoData';
import { badRequest } from '../errors';

/** The own network a request picked: its typed id, FDIC name and branch count (all SOD branches). */
export interface NetworkInfo {
  id: string;
  kind: 'institution' | 'holdingCompany';
  name: string;
  branches: number;
}

/**
 * Resolve a network id (`cert:<CERT>` or `hc:<RSSDHCR>`, SITE-MODEL.md "Network identifiers") against the imported
 * branches, and flag its valid-coordinate branches in `own` (1 = own).
 * @throws AppError 400 naming `field` when no SOD branch has that CERT / RSSDHCR.
 */
export async function resolveNetwork(db: Database, branches: BranchColumns, id: string, field = 'ownNetwork'): Promise<{ info: NetworkInfo; own: Uint8Array }> {
  const m = /^(cert|hc):(\d+)$/.exec(id);
  if (!m) throw badRequest(`${field}: "${id}" is not "cert:<CERT>" or "hc:<RSSDHCR>"`, field);
  const value = Number(m[2]);
  const isCert = m[1] === 'cert';
  const rows = await db.all<{ name: string | null; n: bigint }>(isCert
    ? 'SELECT any_value(institution_name) AS name, count(*) AS n FROM branches WHERE cert = $1'
    : 'SELECT any_value(holding_company) AS name, count(*) AS n FROM branches WHERE rssdhcr = $1', [value]);
  const n = Number(rows[0]?.n ?? 0);
  if (n === 0) throw badRequest(`${field}: unknown ${isCert ? 'institution' : 'holding company'} "${id}" (no FDIC SOD 2023 branch has ${isCert ? 'CERT' : 'RSSDHCR'} ${value}); pick one from GET /api/institutions`, field);
  const own = new Uint8Array(branches.size);
  for (let k = 0; k < branches.size; k++) {
    if (isCert ? branches.cert[k] === value : branches.rssdhcr[k] === value) own[k] = 1;
  }
  return { info: { id, kind: isCert ? 'institution' : 'holdingCompany', name: rows[0].name ?? id, branches: n }, own };
}
