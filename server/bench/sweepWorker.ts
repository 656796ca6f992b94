import { parentPort, workerData } from 'node:worker_threads';
import { createPointIndex } from '../../core/geo/pointIndex';
import { computeFactorTable, createScoringContext } from '../../core/scoring/factorTable';
import { DEFAULT_SCORING_PARAMS as P } from '../../core/scoring/params';
import type { StopMode } from '../../core/scoring/types';

/**
 * One worker of the national sweep benchmark (areas.bench.ts): builds the spatial indexes over the block groups,
 * branches and stops it is given, computes the full factor table (every stat of every factor) for its slice of the
 * cells, and posts back the columns the main thread normalises and ranks (raw values, transit coverage and the
 * stats the benchmark checks), plus its own timings.
 */
interface Input {
  bg: { lng: Float64Array; lat: Float64Array; population: Float64Array };
  br: { lng: Float64Array; lat: Float64Array };
  st: { stopId: string[]; mode: StopMode[]; departures: Float64Array; imputed: Uint8Array; routeIds: string[][]; lng: Float64Array; lat: Float64Array };
  lng: Float64Array;
  lat: Float64Array;
}

const input = workerData as Input;
const t0 = performance.now();
const bgIndex = createPointIndex(input.bg.lng, input.bg.lat);
const brIndex = createPointIndex(input.br.lng, input.br.lat);
const stIndex = createPointIndex(input.st.lng, input.st.lat);
const n = input.br.lng.length;
const ctx = createScoringContext({ ...P, competitorServiceTypes: [] },
  { population: input.bg.population, index: bgIndex },
  { stopId: input.st.stopId, mode: input.st.mode, departures: input.st.departures, imputed: input.st.imputed, routeIds: input.st.routeIds, index: stIndex },
  { own: new Uint8Array(n), competitor: new Uint8Array(n).fill(1), attractiveness: new Float64Array(n).fill(1), index: brIndex });
const t1 = performance.now();
const table = computeFactorTable(ctx, input.lng, input.lat);
const t2 = performance.now();
const m = input.lng.length;
const expected = new Float64Array(m), pop1000 = new Float64Array(m), nearestStopM = new Float64Array(m);
for (let j = 0; j < m; j++) {
  expected[j] = table.competition[j].expectedCustomers;
  pop1000[j] = table.demand[j].populationWithin1000m;
  nearestStopM[j] = table.transit[j].nearestStopM ?? -1;
}
const out = { raw: table.raw, scoredTransit: table.scored.transit, expected, pop1000, nearestStopM, setupMs: t1 - t0, factorsMs: t2 - t1 };
parentPort!.postMessage(out, [out.raw.transit, out.raw.demand, out.raw.competition, out.scoredTransit, expected, pop1000, nearestStopM].map((a) => a.buffer as ArrayBuffer));
