import { scoreRequestSchema } from '../../core/api/sites';
import type { ScoringService } from './scoringService';

/** What a warm-up did: grid cells scored and the wall time it took, in milliseconds. */
export interface WarmUpResult { cells: number; ms: number }

/**
 * Warm the scoring service the way the Sites view's first request would: score the NYC H3 res-9 grid with the
 * default weights, parameters and normalisation and no own network, through `scoreJson` (the path the route
 * uses). That loads the geo data (block groups, branches, stops, spatial indexes), computes the NYC-grid
 * reference factor table and builds the grid's JSON fragments, so the first user request only joins them; then it
 * fills the competition model's sums around the grid (ScoringService.prefillCompetitionSums) for the first explicit sites.
 * Run it in the background after the server listens (server/main.ts); it never throws — a failure is logged
 * with `log` and the service simply computes on the first request as before.
 * @param log receives one line when ready (cells and milliseconds) or when the warm-up failed.
 */
export async function warmUpScoring(service: ScoringService, log: (line: string) => void = () => undefined): Promise<WarmUpResult | null> {
  const t0 = performance.now();
  try {
    const req = scoreRequestSchema.parse({ grid: { resolution: 9, area: 'nyc' } });
    await service.scoreJson(req);
    const ref = await service.reference(undefined, req.params);
    // the competition sums a first explicit-sites request in NYC would fill here at once, in pieces now
    await service.prefillCompetitionSums(req.params);
    const ms = Math.round(performance.now() - t0);
    log(`Site scoring warmed up: ${ref.cells.length} NYC grid cells in ${ms} ms`);
    return { cells: ref.cells.length, ms };
  } catch (err) {
    log(`Site scoring warm-up failed (the first request will compute instead): ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
