import type { GeoData } from '../geo/geoData';
import { createHuffContext, huffExpectedForOutlet } from '../../core/scoring/huffModel';
import { spearmanRho } from '../../core/scoring/rankCorrelation';
import { collectWithin, createNeighbourBuffer } from '../../core/geo/pointIndex';
import { DEFAULT_SCORING_PARAMS } from '../../core/scoring/params';

/** The five NYC counties (Bronx, Kings, New York, Queens, Richmond). */
export const NYC_COUNTY_FIPS = ['36005', '36047', '36061', '36081', '36085'];

export interface DepositValidation {
  /** Branches compared. */
  n: number;
  beta: number;
  /** Spearman ρ between Huff-expected residents and deposits. */
  rho: number;
}

/**
 * Does the Huff model mean something? (SITE-MODEL.md "Validating the model on real outcomes"): for the full-service
 * (BRSERTYP 11/12), non-main-office branches of the given counties with 0 < deposits ≤ `maxDepositsK` (head-office-
 * booked outliers excluded), compute each branch's Huff-expected residents (every valid-coordinate branch competes,
 * A = 1, dMin 100 m, Dmax 3 km) and its Spearman ρ with the branch's deposits.
 * @param keep optional extra filter on branch positions (e.g. a hold-out half).
 */
export function validateOnDeposits(geo: GeoData, opts: { beta?: number; countyFips?: string[]; maxDepositsK?: number; keep?: (k: number) => boolean } = {}): DepositValidation {
  const beta = opts.beta ?? DEFAULT_SCORING_PARAMS.huffBeta;
  const counties = new Set(opts.countyFips ?? NYC_COUNTY_FIPS);
  const maxDepositsK = opts.maxDepositsK ?? 5_000_000; // $5 bn (SOURCE.md: 20 NYC branches above it hold $1.35 trn)
  const br = geo.branches;
  const ones = new Uint8Array(br.size).fill(1);
  const outlets = { own: new Uint8Array(br.size), competitor: ones, attractiveness: new Float64Array(br.size).fill(1), index: br.index };
  const ctx = createHuffContext(geo.blockGroups, outlets, { huffDMinM: DEFAULT_SCORING_PARAMS.huffDMinM, huffBeta: beta, huffDMaxM: DEFAULT_SCORING_PARAMS.huffDMaxM });
  const near = createNeighbourBuffer(4096);
  const expected: number[] = [], deposits: number[] = [];
  for (let k = 0; k < br.size; k++) {
    if (!counties.has(br.countyFips[k]) || br.isMainOffice[k] || (br.serviceType[k] !== 11 && br.serviceType[k] !== 12)) continue;
    if (!(br.depositsK[k] > 0 && br.depositsK[k] <= maxDepositsK)) continue;
    if (opts.keep && !opts.keep(k)) continue;
    collectWithin(geo.blockGroups.index, br.lng[k], br.lat[k], ctx.dMaxM, near);
    expected.push(huffExpectedForOutlet(ctx, near, k));
    deposits.push(br.depositsK[k]);
  }
  return { n: expected.length, beta, rho: spearmanRho(expected, deposits) };
}
