/**
 * Queue sizing for counters, ATMs and waiting seats with the M/M/c (Erlang C) model.
 *
 * Method and worked example: ../shared/docs/FLOORPLAN-STANDARDS.md §5 (Erlang C derivation as used in
 * call-centre workforce management). Assumes Poisson arrivals, exponential service and no abandonment, so
 * it is pessimistic when customers balk. Pure: no I/O.
 */

/** Defaults that turn a saved site's expected customers into daily visits. ASSUMPTIONS, to be replaced with the bank's own ticket-machine data. */
export const VISIT_ASSUMPTIONS = {
  /** Branch visits a resident customer makes per year (assumption). */
  visitsPerResidentPerYear: 6,
  /** Days the branch opens per year (assumption). */
  openDaysPerYear: 300,
} as const;

/**
 * Expected visits per opening day from a site's expected customers.
 * `visitsPerDay = expectedCustomers × visitsPerResidentPerYear / openDaysPerYear` (issue 5; defaults 6 and 300 are assumptions).
 * @throws RangeError for a negative customer count or a non-positive number of open days.
 */
export function visitsPerDayFromCustomers(
  expectedCustomers: number,
  visitsPerResidentPerYear: number = VISIT_ASSUMPTIONS.visitsPerResidentPerYear,
  openDaysPerYear: number = VISIT_ASSUMPTIONS.openDaysPerYear,
): number {
  if (!(expectedCustomers >= 0)) throw new RangeError(`expectedCustomers must be ≥ 0, got ${expectedCustomers}`);
  if (!(visitsPerResidentPerYear >= 0)) throw new RangeError(`visitsPerResidentPerYear must be ≥ 0, got ${visitsPerResidentPerYear}`);
  if (!(openDaysPerYear > 0)) throw new RangeError(`openDaysPerYear must be > 0, got ${openDaysPerYear}`);
  return (expectedCustomers * visitsPerResidentPerYear) / openDaysPerYear;
}

/**
 * Erlang B blocking probability B(c, a) by the numerically stable recursion
 * B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
 * @param servers c ≥ 0 (integer) @param offeredLoadErlangs a = λ·E[S] ≥ 0
 */
export function erlangB(servers: number, offeredLoadErlangs: number): number {
  checkServers(servers);
  if (!(offeredLoadErlangs >= 0)) throw new RangeError(`offered load must be ≥ 0 erlangs, got ${offeredLoadErlangs}`);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoadErlangs * b) / (k + offeredLoadErlangs * b);
  return b;
}

/**
 * Erlang C: probability an arriving customer waits, for c servers and offered load a erlangs.
 * C(c,a) = [aᶜ/c! · c/(c−a)] / [Σ_{k<c} aᵏ/k! + aᶜ/c! · c/(c−a)], computed as c·B / (c − a·(1 − B)).
 * Returns 1 when the queue is unstable (a ≥ c): everyone waits, the wait grows without bound.
 */
export function erlangC(servers: number, offeredLoadErlangs: number): number {
  checkServers(servers);
  if (offeredLoadErlangs <= 0) return 0;
  if (servers === 0 || offeredLoadErlangs >= servers) return 1;
  const b = erlangB(servers, offeredLoadErlangs);
  return (servers * b) / (servers - offeredLoadErlangs * (1 - b));
}

/** Performance of one M/M/c configuration. Times in minutes, lengths in persons. */
export interface QueueMetrics {
  servers: number;
  offeredLoadErlangs: number;
  /** ρ = a/c */
  utilisationShare: number;
  /** C(c,a) */
  waitProbability: number;
  /** W_q = C / (cμ − λ), minutes; Infinity when unstable */
  meanWaitMin: number;
  /** P(W ≤ targetWaitMin) = 1 − C·e^{−(c−a)·t/E[S]} */
  serviceLevelShare: number;
  targetWaitMin: number;
  /** L_q = C·ρ/(1−ρ); Infinity when unstable */
  meanQueueLength: number;
  /** smallest k with P(N_q > k) = C·ρ^{k+1} ≤ 0.05; Infinity when unstable */
  queueLengthP95: number;
  stable: boolean;
}

/**
 * Metrics of an M/M/c queue.
 * @param servers c (integer ≥ 0)
 * @param arrivalsPerHour λ, customers per hour
 * @param meanServiceMin E[S], minutes
 * @param targetWaitMin t for the service level P(W ≤ t)
 * Formulas: FLOORPLAN-STANDARDS.md §5 step 4.
 */
export function queueMetrics(servers: number, arrivalsPerHour: number, meanServiceMin: number, targetWaitMin: number): QueueMetrics {
  checkServers(servers);
  if (!(arrivalsPerHour >= 0)) throw new RangeError(`arrivalsPerHour must be ≥ 0, got ${arrivalsPerHour}`);
  if (!(meanServiceMin > 0)) throw new RangeError(`meanServiceMin must be > 0, got ${meanServiceMin}`);
  if (!(targetWaitMin >= 0)) throw new RangeError(`targetWaitMin must be ≥ 0, got ${targetWaitMin}`);
  const a = (arrivalsPerHour * meanServiceMin) / 60;
  const c = servers;
  const stable = a < c || a === 0;
  const C = erlangC(c, a);
  const rho = c > 0 ? a / c : Infinity;
  if (!stable) {
    return {
      servers: c, offeredLoadErlangs: a, utilisationShare: rho, waitProbability: 1, meanWaitMin: Infinity,
      serviceLevelShare: 0, targetWaitMin, meanQueueLength: Infinity, queueLengthP95: Infinity, stable: false,
    };
  }
  const lambdaPerMin = arrivalsPerHour / 60;
  const muPerMin = 1 / meanServiceMin;
  const meanWaitMin = C === 0 ? 0 : C / (c * muPerMin - lambdaPerMin);
  const serviceLevelShare = 1 - C * Math.exp((-(c - a) * targetWaitMin) / meanServiceMin);
  const meanQueueLength = C === 0 ? 0 : (C * rho) / (1 - rho);
  return {
    servers: c, offeredLoadErlangs: a, utilisationShare: rho, waitProbability: C, meanWaitMin, serviceLevelShare,
    targetWaitMin, meanQueueLength, queueLengthP95: queueLengthPercentile(C, rho, 0.95), stable: true,
  };
}

/**
 * Smallest queue length k with P(N_q > k) = C·ρ^{k+1} ≤ 1 − p (the p-quantile of the number waiting).
 * @param waitProbability C(c,a) @param utilisationShare ρ < 1 @param p e.g. 0.95
 */
export function queueLengthPercentile(waitProbability: number, utilisationShare: number, p: number): number {
  const tail = 1 - p;
  if (waitProbability <= tail) return 0;
  if (utilisationShare <= 0) return 0;
  if (utilisationShare >= 1) return Infinity;
  // C·ρ^{k+1} ≤ tail  ⇔  k+1 ≥ ln(tail/C)/ln ρ
  const k = Math.ceil(Math.log(tail / waitProbability) / Math.log(utilisationShare) - 1e-12) - 1;
  return Math.max(0, k);
}

/** A service-level target such as "90 % of customers wait ≤ 5 min". */
export interface ServiceTarget {
  /** share 0–1 that must wait at most targetWaitMin */
  serviceLevelShare: number;
  targetWaitMin: number;
}

/**
 * Most servers (counters or ATMs) one branch is sized for. A demand that needs more is not one branch's
 * (the largest flagship branches run a few dozen counters), so sizing stops here and says so instead of
 * counting on: see {@link ServiceTargetUnreachableError}.
 */
export const MAX_SERVERS = 500;

/**
 * No server count up to `maxServers` meets the service target. `reason` says which input to change:
 * `"demand"` when the offered load a = λ·E[S] alone needs ≥ maxServers servers (the queue is not even stable),
 * `"target"` when a stable count exists but the service level asked for is out of reach within maxServers.
 * A RangeError, so callers that treat it as bad input keep working; `channel` is set by {@link sizeBranch}.
 */
export class ServiceTargetUnreachableError extends RangeError {
  channel?: 'counters' | 'atms';
  constructor(
    readonly arrivalsPerHour: number,
    readonly offeredLoadErlangs: number,
    readonly target: ServiceTarget,
    readonly maxServers: number,
    readonly reason: 'demand' | 'target',
  ) {
    super(reason === 'demand'
      ? `the demand (${fmt(arrivalsPerHour)} arrivals/hour, ${fmt(offeredLoadErlangs)} erlangs) needs more than ${maxServers} servers: beyond one branch`
      : `no server count ≤ ${maxServers} serves ${target.serviceLevelShare * 100}% within ${target.targetWaitMin} min (${fmt(arrivalsPerHour)} arrivals/hour, ${fmt(offeredLoadErlangs)} erlangs): the target is out of reach`);
    this.name = 'ServiceTargetUnreachableError';
  }
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toLocaleString('en-US');

/**
 * Smallest number of servers c whose service level P(W ≤ t) reaches the target (the "counters" answer).
 * Cost: O(maxServers²) at worst (Erlang B recursion per candidate c), and no work when a ≥ maxServers.
 * @returns the metrics at that c.
 * @throws ServiceTargetUnreachableError (a RangeError) if no c ≤ maxServers meets it; RangeError for a share outside (0,1).
 */
export function minServersForTarget(
  arrivalsPerHour: number, meanServiceMin: number, target: ServiceTarget, maxServers = MAX_SERVERS,
): QueueMetrics {
  if (!(target.serviceLevelShare > 0 && target.serviceLevelShare < 1)) {
    throw new RangeError(`serviceLevelShare must be in (0,1), got ${target.serviceLevelShare}`);
  }
  const a = (arrivalsPerHour * meanServiceMin) / 60;
  const start = Math.max(arrivalsPerHour > 0 ? 1 : 0, Math.floor(a));
  for (let c = start; c <= maxServers; c++) {
    const m = queueMetrics(c, arrivalsPerHour, meanServiceMin, target.targetWaitMin);
    if (m.stable && m.serviceLevelShare >= target.serviceLevelShare - 1e-12) return m;
  }
  throw new ServiceTargetUnreachableError(arrivalsPerHour, a, target, maxServers, a >= maxServers ? 'demand' : 'target');
}

/** One service channel (staffed counters, ATMs) to size. */
export interface ChannelSpec {
  /** share of daily visits using this channel, 0–1 */
  useShare: number;
  /** mean transaction time, minutes */
  meanServiceMin: number;
  target: ServiceTarget;
}

/** Inputs to {@link sizeBranch}. */
export interface BranchSizingInput {
  visitsPerDay: number;
  /** share of the day's visits arriving in the peak hour, 0–1 */
  peakHourShare: number;
  counters: ChannelSpec;
  atms: ChannelSpec;
  /** seats per person in the queue (companions), default 1.2 (FLOORPLAN-STANDARDS.md BR-08) */
  companionFactor: number;
  /** waiting-area floor per seat, m² (IBC Table 1004.5 waiting 15 ft² ≈ 1.4 m²; BR-09) */
  waitingAreaPerSeatM2: number;
}

/** Default sizing assumptions (FLOORPLAN-STANDARDS.md §5 worked example); every one is an assumption to replace with the bank's data. */
export const DEFAULT_SIZING: Omit<BranchSizingInput, 'visitsPerDay'> = {
  peakHourShare: 0.15,
  counters: { useShare: 0.45, meanServiceMin: 6, target: { serviceLevelShare: 0.9, targetWaitMin: 5 } },
  atms: { useShare: 0.3, meanServiceMin: 2.5, target: { serviceLevelShare: 0.9, targetWaitMin: 2 } },
  companionFactor: 1.2,
  waitingAreaPerSeatM2: 1.4,
};

/** Result of {@link sizeBranch}. */
export interface BranchSizing {
  visitsPerDay: number;
  counterArrivalsPerHour: number;
  atmArrivalsPerHour: number;
  counters: QueueMetrics;
  atms: QueueMetrics;
  /** ⌈queueLengthP95(counters) × companionFactor⌉ */
  waitingSeats: number;
  /** waitingSeats × waitingAreaPerSeatM2 */
  waitingAreaM2: number;
}

/**
 * Size counters, ATMs and waiting seats for a branch from its daily visits.
 * λ_channel = visitsPerDay × useShare × peakHourShare; c = smallest meeting the channel's target;
 * seats = ⌈k₉₅ × companionFactor⌉ (FLOORPLAN-STANDARDS.md §5 steps 1–6).
 * @throws ServiceTargetUnreachableError (with `channel` set) when a channel needs more than MAX_SERVERS servers.
 */
export function sizeBranch(input: BranchSizingInput): BranchSizing {
  if (!(input.visitsPerDay >= 0)) throw new RangeError(`visitsPerDay must be ≥ 0, got ${input.visitsPerDay}`);
  if (!(input.peakHourShare > 0 && input.peakHourShare <= 1)) throw new RangeError(`peakHourShare must be in (0,1], got ${input.peakHourShare}`);
  const counterArrivalsPerHour = input.visitsPerDay * input.counters.useShare * input.peakHourShare;
  const atmArrivalsPerHour = input.visitsPerDay * input.atms.useShare * input.peakHourShare;
  const counters = forChannel('counters', () => minServersForTarget(counterArrivalsPerHour, input.counters.meanServiceMin, input.counters.target));
  const atms = forChannel('atms', () => minServersForTarget(atmArrivalsPerHour, input.atms.meanServiceMin, input.atms.target));
  const waitingSeats = Math.ceil(counters.queueLengthP95 * input.companionFactor - 1e-9);
  return {
    visitsPerDay: input.visitsPerDay, counterArrivalsPerHour, atmArrivalsPerHour, counters, atms, waitingSeats,
    waitingAreaM2: waitingSeats * input.waitingAreaPerSeatM2,
  };
}

/** Tag an unreachable-target error with the channel it came from. */
function forChannel(channel: 'counters' | 'atms', size: () => QueueMetrics): QueueMetrics {
  try {
    return size();
  } catch (err) {
    if (err instanceof ServiceTargetUnreachableError) err.channel = channel;
    throw err;
  }
}

function checkServers(servers: number): void {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError(`servers must be an integer ≥ 0, got ${servers}`);
}
