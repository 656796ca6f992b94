/**
 * Turn a sizing request (saved site's expected customers, typed customers, or typed visits) into an Erlang C
 * sizing with every assumption listed and labelled, so the UI can show what to replace with the bank's data.
 */
import type { SizingAssumption, SizingRequest, SizingResponse } from '../api/standards';
import { DEFAULT_SIZING, ServiceTargetUnreachableError, VISIT_ASSUMPTIONS, sizeBranch, visitsPerDayFromCustomers, type BranchSizing } from './erlangC';

/**
 * The request asks for something no branch can be sized for (a demand needing more than MAX_SERVERS counters or
 * ATMs, or a service target out of reach). `field` names the request input to change: `visitsPerDay`,
 * `expectedCustomers`, `siteId` (the saved site's expected customers) or `counters.target` / `atms.target`.
 * The HTTP edge answers it with a 400 naming `field`.
 */
export class SizingInputError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'SizingInputError';
  }
}

/**
 * @param req validated request
 * @param siteExpectedCustomers expected customers of the saved site `req.siteId` (looked up by the caller)
 * @throws SizingInputError naming the input when the demand or the target cannot be met by one branch.
 */
export function sizingFromRequest(req: SizingRequest, siteExpectedCustomers?: number): SizingResponse {
  const perResident = req.visitsPerResidentPerYear ?? VISIT_ASSUMPTIONS.visitsPerResidentPerYear;
  const openDays = req.openDaysPerYear ?? VISIT_ASSUMPTIONS.openDaysPerYear;
  const customers = siteExpectedCustomers ?? req.expectedCustomers;
  const demandSource: SizingResponse['demandSource'] = req.visitsPerDay !== undefined ? 'visitsPerDay' : siteExpectedCustomers !== undefined ? 'site' : 'expectedCustomers';
  const visitsPerDay = req.visitsPerDay ?? visitsPerDayFromCustomers(customers ?? 0, perResident, openDays);
  const counters = { ...DEFAULT_SIZING.counters, ...req.counters, target: { ...DEFAULT_SIZING.counters.target, ...req.counters?.target } };
  const atms = { ...DEFAULT_SIZING.atms, ...req.atms, target: { ...DEFAULT_SIZING.atms.target, ...req.atms?.target } };
  const input = {
    visitsPerDay, peakHourShare: req.peakHourShare ?? DEFAULT_SIZING.peakHourShare, counters, atms,
    companionFactor: req.companionFactor ?? DEFAULT_SIZING.companionFactor,
    waitingAreaPerSeatM2: req.waitingAreaPerSeatM2 ?? DEFAULT_SIZING.waitingAreaPerSeatM2,
  };
  const A = (key: string, value: number, unit: string, label: string, source: string): SizingAssumption => ({ key, value, unit, label, source });
  const assumptions: SizingAssumption[] = [
    ...(demandSource !== 'visitsPerDay' ? [
      A('visitsPerResidentPerYear', perResident, 'visits/year', 'Branch visits per customer per year', 'assumption — replace with ticket-machine data'),
      A('openDaysPerYear', openDays, 'days', 'Opening days per year', 'assumption'),
    ] : []),
    A('peakHourShare', input.peakHourShare, 'share', 'Share of the day\'s visits in the peak hour', 'assumption (FLOORPLAN-STANDARDS.md §5 example)'),
    A('counters.useShare', counters.useShare, 'share', 'Share of visits needing a counter', 'assumption (§5 example: 45 %)'),
    A('counters.meanServiceMin', counters.meanServiceMin, 'min', 'Mean counter transaction time', 'assumption (§5 example: 6 min)'),
    A('counters.target', counters.target.serviceLevelShare, 'share', `Counter target: share served within ${counters.target.targetWaitMin} min`, 'product default'),
    A('atms.useShare', atms.useShare, 'share', 'Share of visits using an ATM', 'assumption'),
    A('atms.meanServiceMin', atms.meanServiceMin, 'min', 'Mean ATM transaction time', 'assumption (§5 example: 2.5 min)'),
    A('atms.target', atms.target.serviceLevelShare, 'share', `ATM target: share served within ${atms.target.targetWaitMin} min`, 'product default'),
    A('companionFactor', input.companionFactor, '×', 'Seats per queued customer (companions)', 'BR-08 default'),
    A('waitingAreaPerSeatM2', input.waitingAreaPerSeatM2, 'm2', 'Waiting area per seat', 'IBC Table 1004.5 (BR-09)'),
  ];
  return {
    demandSource, ...(req.siteId ? { siteId: req.siteId } : {}), ...(customers !== undefined ? { expectedCustomers: customers } : {}),
    sizing: sizeOrExplain(input, demandSource, req.siteId, customers), assumptions,
  };
}

function sizeOrExplain(input: Parameters<typeof sizeBranch>[0], demandSource: SizingResponse['demandSource'], siteId: string | undefined, customers: number | undefined): BranchSizing {
  try {
    return sizeBranch(input);
  } catch (err) {
    if (!(err instanceof ServiceTargetUnreachableError)) throw err;
    const channel = err.channel ?? 'counters';
    const visits = `${Math.round(input.visitsPerDay).toLocaleString('en-US')} visits/day`;
    if (err.reason === 'target') {
      return fail(`${channel}.target`, `${channel}: ${err.message} — lower the service level or raise the wait allowed`);
    }
    const field = demandSource === 'visitsPerDay' ? 'visitsPerDay' : demandSource === 'site' ? 'siteId' : 'expectedCustomers';
    const from = demandSource === 'visitsPerDay' ? visits
      : `${demandSource === 'site' ? `saved site ${siteId}: ` : ''}${Math.round(customers ?? 0).toLocaleString('en-US')} expected customers → ${visits}`;
    return fail(field, `${from} cannot be served by one branch: ${channel}: ${err.message}; check the figure or split the demand across branches`);
  }
}

function fail(field: string, message: string): never {
  throw new SizingInputError(message, field);
}
