/**
 * Deposit-forecast benchmark (issue "Scores that predict real branches"): the whole calibration on the four SOD years
 * (training table with every feature, 8 models × (5 seeds × 5 spatial folds with inner CV, leave-one-borough-out,
 * temporal) with bootstrap intervals, the sensitivity row and the final fit with coefficient intervals) against the
 * target of ≤ 10 s, and the nested spatial CV of the full model beside a naive peer in the same run (design and
 * cross-products rebuilt for every inner fit) — same forecasts, so the same ρ. Prints the validation table.
 * Run: `npm run bench forecast`.
 */
import os from 'node:os';
import type { BenchEnv, BenchResult } from './run';
import { ForecastService } from '../forecast/forecastService';
import { fullStats, ScoringService } from '../scoring/scoringService';
import { geoDataCache } from '../geo/geoData';
import { loadForecastInputs } from '../forecast/trainingData';
import { formatReport } from '../cli/fit';
import { buildDesign, FULL_MODEL, planBankEffects } from '../../core/forecast/design';
import { buildTrainingTable } from '../../core/forecast/trainingTable';
import { assignFolds, fitAndPredict } from '../../core/forecast/validation';
import { chooseLambda, fitRidge, predictRows } from '../../core/forecast/ridge';
import { DEFAULT_EXCLUSION_RULE, FORECAST_PROTOCOL, NYC_BOROUGH_BY_COUNTY } from '../../core/forecast/protocol';
import { spearmanRho } from '../../core/scoring/rankCorrelation';
import type { TrainingTable } from '../../core/forecast/trainingTable';
import type { ElsewhereMedians } from '../../core/forecast/bankEffect';

/** The naive peer: every inner and outer fit rebuilds its design and sums its cross-products from scratch. */
function naiveFitAndPredict(table: TrainingTable, train: number[], test: number[], out: Float64Array, elsewhere: ElsewhereMedians, seed: number): void {
  const inner = assignFolds(table.block, train, FORECAST_PROTOCOL.innerFolds, seed * 7919 + 17);
  const { lambda } = chooseLambda(FORECAST_PROTOCOL.innerFolds, (f) => {
    const tr = train.filter((r) => inner[r] !== f), te = train.filter((r) => inner[r] === f);
    return { design: buildDesign(table, FULL_MODEL, planBankEffects(table, tr, elsewhere)), y: table.logDeposits, train: tr, test: te };
  });
  const design = buildDesign(table, FULL_MODEL, planBankEffects(table, train, elsewhere));
  predictRows(fitRidge(design, table.logDeposits, lambda, train), design, test, out);
}

function spatialCv(table: TrainingTable, fit: (train: number[], test: number[], out: Float64Array, seed: number) => void): number {
  const all = [...Array(table.n).keys()];
  const test2023 = all.filter((r) => table.year[r] === FORECAST_PROTOCOL.testYear);
  let sum = 0;
  for (const seed of FORECAST_PROTOCOL.seeds) {
    const folds = assignFolds(table.block, all, FORECAST_PROTOCOL.folds, seed);
    const out = new Float64Array(table.n);
    for (let f = 0; f < FORECAST_PROTOCOL.folds; f++) fit(all.filter((r) => folds[r] !== f), all.filter((r) => folds[r] === f), out, seed * 101 + f);
    sum += spearmanRho(test2023.map((r) => out[r]), test2023.map((r) => table.logDeposits[r]));
  }
  return sum / FORECAST_PROTOCOL.seeds.length;
}

export default async function forecastBench(env: BenchEnv): Promise<BenchResult[]> {
  const { db, config, log } = env;
  log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min) — shared machines inflate wall times; CPU seconds are given beside them`);
  // The app's shared geo data (block groups, stops, branches), loaded once at start-up for scoring and handed to the
  // forecast service (server/services.ts): loaded here before the clock starts, as in the server.
  const cpuLoad0 = process.cpuUsage(), tLoad = performance.now();
  const geo = geoDataCache(db);
  await geo();
  const scoring = new ScoringService(db, config.dataDir, config.serviceDate, { geo });
  await scoring.reference(undefined, (await import('../../core/scoring/params')).DEFAULT_SCORING_PARAMS);
  const cpuLoad = process.cpuUsage(cpuLoad0);
  log(`start-up loading before the clock (geo data, scoring reference): ${((performance.now() - tLoad) / 1000).toFixed(1)} s wall, ` +
    `${((cpuLoad.user + cpuLoad.system) / 1e6).toFixed(1)} s CPU`);
  const svc = new ForecastService(db, db, config, () => scoring, log, { geo });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // Timed: the service's own inputs (SOD rows of every year, ATMs, poverty layer, NTA lookups) + the calibration.
  const set = await svc.calibrateSod();
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  const cpuS = (cpu.user + cpu.system) / 1e6;
  for (const line of formatReport(set.report)) log(line);
  // Every row to 6 decimals (spatial / within-bank / leave-one-borough-out / temporal / closure AUC, chosen λ): a speed
  // change must leave these lines as they were.
  for (const v of [...set.report.variants, set.report.sensitivity]) {
    if (!v) continue;
    log(`to 6 decimals, ${v.id}${v === set.report.sensitivity ? ' (sensitivity)' : ''}: ${[v.spearmanHoldout.value, v.withinBankSpearman.value, v.leaveOneBoroughOut.value,
      v.temporalSpearman.value, v.closureAuc.value].map((x) => (x === null ? 'NaN' : x.toFixed(6))).join(' / ')}, λ ${v.lambda}`);
  }
  log(`load average after the calibration: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}`);
  const results: BenchResult[] = [{
    name: `forecast calibration, 4 SOD years (${set.fit.n.toLocaleString('en-US')} NYC rows): inputs + table + ${set.report.variants.length} models × (5×5 block CV + LOBO + temporal) + sensitivity + final fit`,
    ms: wallMs, runs: 1, targetMs: 10_000, note: `${cpuS.toFixed(1)} s CPU (user+system) in this process; the fit alone (table to final fit): ${set.calibrationSeconds?.toFixed(1)} s CPU`,
  }];
  const inputs = await loadForecastInputs(db, await geo(), config.dataDir);

  // Nested spatial CV of the full model: ours (cross-products summed once per inner fold, reused) vs the naive peer.
  const ref = await scoring.reference(undefined, { ...(await import('../../core/scoring/params')).DEFAULT_SCORING_PARAMS });
  const { DEFAULT_WEIGHTS } = await import('../../core/scoring/siteScore');
  const table = buildTrainingTable({ rows: inputs.rows, studyCounties: NYC_BOROUGH_BY_COUNTY, rule: DEFAULT_EXCLUSION_RULE, layers: inputs.layers,
    povertyShareAt: (x, y) => inputs.poverty.at(x, y), composite: { reference: fullStats(ref), weights: DEFAULT_WEIGHTS }, blockSizeM: FORECAST_PROTOCOL.blockSizeM });
  const tOurs = performance.now();
  const rhoOurs = spatialCv(table, (train, test, out, seed) => fitAndPredict(table, FULL_MODEL, train, test, out,
    { elsewhere: inputs.elsewhere, innerFolds: FORECAST_PROTOCOL.innerFolds, seed }));
  const oursMs = performance.now() - tOurs;
  const tNaive = performance.now();
  const rhoNaive = spatialCv(table, (train, test, out, seed) => naiveFitAndPredict(table, train, test, out, inputs.elsewhere, seed));
  const naiveMs = performance.now() - tNaive;
  log(`nested spatial CV of the full model: ρ = ${rhoOurs.toFixed(6)} (ours) vs ${rhoNaive.toFixed(6)} (naive peer)`);
  results.push({
    name: 'nested spatial-block CV of the full model (5 seeds × 5 folds × 4 inner folds × 9 λ)', ms: oursMs, runs: 1,
    baseline: { name: 'naive: design and cross-products rebuilt per fit', ms: naiveMs },
    note: `same ρ: ${rhoOurs.toFixed(4)} vs ${rhoNaive.toFixed(4)}`,
  });
  return results;
}
