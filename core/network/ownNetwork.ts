/**
 * The one resolver of a network id (SITE-MODEL.md "Network identifiers": `cert:<CERT>` = an institution,
 * `hc:<RSSDHCR>` = a holding company) against the branch table, used by every tab (scoring, outlets, coverage,
 * scenarios, optimisation). One branch-count rule: a network's branches are its FDIC SOD branches **with valid
 * coordinates** — the ones every map and every distance can use.
 */

/** The branch columns the resolver reads (server/geo/geoData.ts `BranchColumns` has them). */
export interface NetworkBranchColumns {
  size: number;
  /** FDIC CERT per branch. */
  cert: ArrayLike<number>;
  /** Holding company RSSD id per branch, null when none. */
  rssdhcr: ArrayLike<number | null>;
  institutionName: ArrayLike<string>;
  holdingCompany: ArrayLike<string | null>;
}

/** The network a request picked: its id, kind, FDIC name and branch count (branches with valid coordinates). */
export interface NetworkInfo {
  id: string;
  kind: 'institution' | 'holdingCompany';
  name: string;
  branches: number;
}

/** A resolved network: its info, its branch positions (ascending) and a 0/1 flag per branch (1 = in the network). */
export interface OwnNetwork {
  info: NetworkInfo;
  positions: number[];
  own: Uint8Array;
}

/** Bad network input; `field` names the request field (the server answers 400 naming it). */
export class NetworkInputError extends Error {
  readonly code = 'bad_request';
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'NetworkInputError';
  }
}

/**
 * Resolve a network id to its branches among `branches` (which holds only branches with valid coordinates).
 * The name is the FDIC institution name (cert) or holding-company name (hc) of its first branch, else the id.
 * @throws NetworkInputError naming `field` when the id is malformed or no branch with valid coordinates matches it.
 */
export function resolveOwnNetwork(branches: NetworkBranchColumns, id: string, field = 'ownNetwork'): OwnNetwork {
  const m = /^(cert|hc):(\d+)$/.exec(id);
  if (!m) throw new NetworkInputError(field, `${field}: "${id}" is not "cert:<CERT>" or "hc:<RSSDHCR>"`);
  const value = Number(m[2]);
  const isCert = m[1] === 'cert';
  const own = new Uint8Array(branches.size);
  const positions: number[] = [];
  for (let k = 0; k < branches.size; k++) {
    if (isCert ? branches.cert[k] === value : branches.rssdhcr[k] === value) { own[k] = 1; positions.push(k); }
  }
  if (positions.length === 0) {
    throw new NetworkInputError(field, `${field}: unknown ${isCert ? 'institution' : 'holding company'} "${id}" (no FDIC SOD 2023 branch ` +
      `with valid coordinates has ${isCert ? 'CERT' : 'RSSDHCR'} ${value}); pick one from GET /api/institutions`);
  }
  const first = positions[0];
  const name = (isCert ? branches.institutionName[first] : branches.holdingCompany[first]) ?? id;
  return { info: { id, kind: isCert ? 'institution' : 'holdingCompany', name, branches: positions.length }, positions, own };
}
