import { normalizeValue, type ReferenceStats } from '../scoring/normalization';
import type { FactorName, Weights } from '../scoring/siteScore';
import { runSteps, type Steps } from '../steps';
import { ageYears, computeLocationFeatures, createForecastFeatureContext, yearOutletsSteps, type YearOutlets, type ForecastFeatureContext, type ForecastLayers,
  type ForecastSite, type LocationFeatureTable } from './features';
import { exclusionReason, type ExclusionReason, type ExclusionRule } from './protocol';

/** One FDIC SOD row (one branch in one survey year) as the forecast reads it. */
export interface SodBranchYear {
  year: number;
  /** UNINUMBR: stable across years. */
  branchId: number;
  cert: number;
  institutionName: string;
  /** 5-digit state+county FIPS. */
  countyFips: string;
  /** DEPSUMBR, USD thousands. */
  depositsK: number;
  /** The institution's DEPDOM, USD thousands. */
  institutionDepositsDomK: number | null;
  serviceType: number;
  isMainOffice: boolean;
  /** SIMS_ESTABLISHED_DATE as days since 1970-01-01 (null when empty). */
  openedDay: number | null;
  /** SIMS_ACQUIRED_DATE as days since 1970-01-01: the branch came to its institution by acquisition (null: opened by it). */
  acquiredDay: number | null;
  lng: number;
  lat: number;
  validCoords: boolean;
}

/** What {@link buildTrainingTable} needs. */
export interface TrainingInput {
  /** Every SOD row of the study area AND its surroundings (outlets across a border still compete), every year. */
  rows: readonly SodBranchYear[];
  /** Study-area counties (FIPS → group name, e.g. borough): only their kept rows become training rows. */
  studyCounties: Readonly<Record<string, string>>;
  rule: ExclusionRule;
  layers: ForecastLayers;
  /** Poverty share (0–1) at a point, null outside every unit that has one. */
  povertyShareAt: (lng: number, lat: number) => number | null;
  /** Today's weighted-criteria score, for the baseline: the reference distribution of each factor and the weights. */
  composite?: { reference: Record<FactorName, ReferenceStats>; weights: Weights };
  /** Spatial block side, metres. */
  blockSizeM: number;
}

/** How many study-area rows of one year the exclusion rule keeps, and why the others go. */
export interface ExclusionCount {
  year: number;
  studyRows: number;
  kept: number;
  dropped: Record<ExclusionReason, number>;
}

/** One row per kept study-area branch and year, with its location features (computed against that year's branches). */
export interface TrainingTable {
  n: number;
  year: Int32Array;
  branchId: Float64Array;
  cert: Int32Array;
  institutionName: string[];
  countyFips: string[];
  /** Study-area group (borough) per row. */
  group: string[];
  lng: Float64Array;
  lat: Float64Array;
  depositsK: Float64Array;
  /** The institution's DEPDOM, USD thousands (NaN when not reported). */
  institutionDepositsDomK: Float64Array;
  /** ln(DEPSUMBR in USD thousands): the target. */
  logDeposits: Float64Array;
  /** Age at 30 June of the row's year (years); NaN when SIMS_ESTABLISHED_DATE is empty. */
  ageYears: Float64Array;
  openedDay: Float64Array;
  /** 1 when the branch came to its institution by acquisition (SIMS_ACQUIRED_DATE set); a candidate is a new branch (0). */
  acquired: Uint8Array;
  /** 2 km spatial block of the branch (its latest position), shared by all of its years. */
  block: Int32Array;
  location: LocationFeatureTable;
  /** Today's weighted-criteria score of the place (0–100), NaN without `composite`. */
  composite: Float64Array;
  exclusion: ExclusionCount[];
  /** Branch ids present (any service type) in each year's SOD. */
  presentByYear: Map<number, Set<number>>;
  years: number[];
}

/**
 * One survey year's branch set as the forecast sees it: every row of `year` with valid coordinates (any service type —
 * they all compete), with ln deposits for the rows the exclusion rule keeps, their opening dates, and the offices of
 * the earlier years of `rows` closed by then ({@link closedOfficesBy}). The training table and candidate sites both
 * use this, so a candidate sees the same branch set a training row of that year saw.
 */
export function branchSetOfYear(rows: readonly SodBranchYear[], year: number, rule: ExclusionRule) {
  return runSteps(branchSetOfYearSteps(rows, year, rule));
}

/**
 * {@link branchSetOfYear} as a generator (core/steps.ts) that yields between its pieces (the year's rows, the closed
 * offices, then {@link yearOutletsSteps}'): today's branch set held a server's event loop ≈ 40 ms in one piece at start-up.
 */
export function* branchSetOfYearSteps(rows: readonly SodBranchYear[], year: number, rule: ExclusionRule): Steps<{ outlets: YearOutlets; valid: SodBranchYear[] }> {
  const valid = rows.filter((r) => r.year === year && r.validCoords);
  yield;
  const closed = closedOfficesBy(rows, year);
  yield;
  const outlets = yield* yearOutletsSteps(valid.map((r) => r.lng), valid.map((r) => r.lat), valid.map((r) => r.cert), valid.map((r) => r.depositsK),
    (k) => exclusionReason(valid[k], rule) === null,
    { openedDay: valid.map((r) => r.openedDay), asOfDay: surveyDay(year), closed });
  return { outlets, valid };
}

/**
 * The offices closed by `year`: every office (valid coordinates, any service type) of a survey year of `rows` before
 * `year` whose UNINUMBR is absent from `year`'s rows, at its last known place, with the CERT whose customers it had —
 * its last CERT, or, when that CERT has no office left in `year` (merged away), the CERT that holds most of its former
 * offices in `year` (one vote per earlier row). Nothing of anyone's deposits is read. The first survey year has none.
 */
export function closedOfficesBy(rows: readonly SodBranchYear[], year: number): { lng: number[]; lat: number[]; cert: number[]; branchId: number[] } {
  const present = new Set<number>();
  const certNow = new Map<number, number>();
  for (const r of rows) {
    if (r.year !== year) continue;
    present.add(r.branchId);
    if (r.validCoords) certNow.set(r.branchId, r.cert);
  }
  const certsNow = new Set(certNow.values());
  const last = new Map<number, SodBranchYear>();
  const votes = new Map<number, Map<number, number>>();
  for (const r of rows) {
    if (r.year >= year || !r.validCoords) continue;
    const l = last.get(r.branchId);
    if (!l || r.year > l.year) last.set(r.branchId, r);
    const to = certNow.get(r.branchId);
    if (to === undefined || certsNow.has(r.cert)) continue;
    let v = votes.get(r.cert);
    if (!v) votes.set(r.cert, (v = new Map()));
    v.set(to, (v.get(to) ?? 0) + 1);
  }
  const successor = (cert: number) => {
    const v = votes.get(cert);
    if (!v) return cert;
    let best = cert, n = 0;
    for (const [c, k] of v) if (k > n) { n = k; best = c; }
    return best;
  };
  const out = { lng: [] as number[], lat: [] as number[], cert: [] as number[], branchId: [] as number[] };
  for (const r of last.values()) {
    if (present.has(r.branchId)) continue;
    out.lng.push(r.lng); out.lat.push(r.lat); out.cert.push(successor(r.cert)); out.branchId.push(r.branchId);
  }
  return out;
}

/** Days since 1970-01-01 of 30 June of a survey year (SOD data are as of that date). */
export function surveyDay(year: number): number {
  return Date.UTC(year, 5, 30) / 86_400_000;
}

/**
 * Build the training table: per year, the year's branch set (every valid-coordinate row of `input.rows`), the
 * study-area rows that pass the exclusion rule, and their location features — each branch seen as a candidate at its
 * own place with itself left out ({@link computeLocationFeatures}, the same code that scores candidates).
 * @throws when no row is kept.
 */
export function buildTrainingTable(input: TrainingInput): TrainingTable {
  const years = [...new Set(input.rows.map((r) => r.year))].sort((a, b) => a - b);
  const keptRows: { row: SodBranchYear; outlet: number; ctxYear: number }[] = [];
  const exclusion: ExclusionCount[] = [];
  const contexts = new Map<number, { ctx: ForecastFeatureContext; outletCert: Int32Array; outletOf: Map<number, number> }>();
  const presentByYear = new Map<number, Set<number>>();
  for (const year of years) {
    const yearRows = input.rows.filter((r) => r.year === year);
    presentByYear.set(year, new Set(yearRows.map((r) => r.branchId)));
    const { outlets, valid } = branchSetOfYear(input.rows, year, input.rule);
    const outletCert = outlets.cert as Int32Array;
    const outletOf = new Map(valid.map((r, k) => [r.branchId, k]));
    contexts.set(year, { ctx: createForecastFeatureContext(input.layers, outlets), outletCert, outletOf });
    const count: ExclusionCount = { year, studyRows: 0, kept: 0, dropped: { invalidCoordinates: 0, serviceType: 0, mainOffice: 0,
      noDeposits: 0, overMaxDeposits: 0, overInstitutionShare: 0 } };
    for (const r of yearRows) {
      if (!(r.countyFips in input.studyCounties)) continue;
      count.studyRows++;
      const why = exclusionReason(r, input.rule);
      if (why) { count.dropped[why]++; continue; }
      count.kept++;
      keptRows.push({ row: r, outlet: outletOf.get(r.branchId)!, ctxYear: year });
    }
    exclusion.push(count);
  }
  const n = keptRows.length;
  if (n === 0) throw new Error('buildTrainingTable: the exclusion rule keeps no study-area row');
  const t: TrainingTable = {
    n, year: new Int32Array(n), branchId: new Float64Array(n), cert: new Int32Array(n), institutionName: new Array(n),
    countyFips: new Array(n), group: new Array(n), lng: new Float64Array(n), lat: new Float64Array(n),
    depositsK: new Float64Array(n), institutionDepositsDomK: new Float64Array(n), logDeposits: new Float64Array(n), ageYears: new Float64Array(n), openedDay: new Float64Array(n), acquired: new Uint8Array(n),
    block: new Int32Array(n), location: undefined as unknown as LocationFeatureTable, composite: new Float64Array(n).fill(NaN),
    exclusion, presentByYear, years,
  };
  // Location features, one branch set at a time (rows of a year are contiguous in keptRows).
  const parts: LocationFeatureTable[] = [];
  const poverty = new Map<string, number | null>();
  for (const year of years) {
    const { ctx, outletCert } = contexts.get(year)!;
    const sites: ForecastSite[] = [];
    for (const k of keptRows) {
      if (k.ctxYear !== year) continue;
      const key = `${k.row.lng},${k.row.lat}`;
      if (!poverty.has(key)) poverty.set(key, input.povertyShareAt(k.row.lng, k.row.lat));
      const cert = k.row.cert;
      sites.push({ lng: k.row.lng, lat: k.row.lat, selfOutlet: k.outlet, isOwn: (o) => outletCert[o] === cert, isOwnCert: (c) => c === cert,
        povertyShare: poverty.get(key)! });
    }
    parts.push(computeLocationFeatures(ctx, sites));
  }
  t.location = concatFeatureTables(parts);
  // Latest position of each branch → its block (all years of one branch share it).
  const latest = new Map<number, { year: number; lng: number; lat: number }>();
  for (const { row } of keptRows) {
    const l = latest.get(row.branchId);
    if (!l || row.year > l.year) latest.set(row.branchId, { year: row.year, lng: row.lng, lat: row.lat });
  }
  keptRows.forEach(({ row }, i) => {
    t.year[i] = row.year; t.branchId[i] = row.branchId; t.cert[i] = row.cert; t.institutionName[i] = row.institutionName;
    t.countyFips[i] = row.countyFips; t.group[i] = input.studyCounties[row.countyFips]; t.lng[i] = row.lng; t.lat[i] = row.lat;
    t.depositsK[i] = row.depositsK; t.institutionDepositsDomK[i] = row.institutionDepositsDomK ?? NaN; t.logDeposits[i] = Math.log(row.depositsK);
    t.openedDay[i] = row.openedDay ?? NaN;
    t.acquired[i] = row.acquiredDay !== null && row.acquiredDay <= surveyDay(row.year) ? 1 : 0;
    t.ageYears[i] = ageYears(row.openedDay, surveyDay(row.year)) ?? NaN;
    const l = latest.get(row.branchId)!;
    t.block[i] = blockId(l.lng, l.lat, input.blockSizeM);
    if (input.composite) {
      const { reference, weights } = input.composite;
      const f = t.location.factorRaw;
      t.composite[i] = weights.transit * normalizeValue(f.transit[i], reference.transit, 'percentile')
        + weights.demand * normalizeValue(f.demand[i], reference.demand, 'percentile')
        + weights.competition * normalizeValue(f.competition[i], reference.competition, 'percentile');
    }
  });
  return t;
}

function concatFeatureTables(parts: LocationFeatureTable[]): LocationFeatureTable {
  const n = parts.reduce((s, p) => s + p.n, 0);
  const L = parts[0].values.length / Math.max(parts[0].n, 1);
  const out: LocationFeatureTable = { n, values: new Float64Array(n * L),
    factorRaw: { transit: new Float64Array(n), demand: new Float64Array(n), competition: new Float64Array(n) }, residents1000m: new Float64Array(n) };
  let o = 0;
  for (const p of parts) {
    out.values.set(p.values, o * L);
    out.factorRaw.transit.set(p.factorRaw.transit, o); out.factorRaw.demand.set(p.factorRaw.demand, o);
    out.factorRaw.competition.set(p.factorRaw.competition, o); out.residents1000m.set(p.residents1000m, o);
    o += p.n;
  }
  return out;
}

/** Metres per degree of latitude on the WGS84 mean sphere (πR/180). */
const M_PER_DEG = 111_195.08;
/** Reference latitude of the block grid's east–west scale (NYC). */
const BLOCK_LAT0 = 40.7;

/**
 * The spatial block of a point: a square grid of `sizeM` metres on a local equirectangular plane (east = Δlng·cos 40.7°·πR/180,
 * north = lat·πR/180), cells numbered row-major. Within NYC the scale error is < 0.5 %.
 */
export function blockId(lng: number, lat: number, sizeM: number): number {
  const col = Math.floor(((lng + 180) * Math.cos((BLOCK_LAT0 * Math.PI) / 180) * M_PER_DEG) / sizeM);
  const row = Math.floor(((lat + 90) * M_PER_DEG) / sizeM);
  return row * 100_000 + col;
}

/**
 * The rows of `table` for which `keep(row)` is true, as a table of its own (features are unchanged: they depend on
 * each year's full branch set, not on which rows are kept). `exclusion` is recomputed by the caller when it matters.
 */
export function subsetTable(table: TrainingTable, keep: (row: number) => boolean): TrainingTable {
  const idx: number[] = [];
  for (let r = 0; r < table.n; r++) if (keep(r)) idx.push(r);
  const n = idx.length, L = table.location.values.length / Math.max(table.n, 1);
  const f64 = (a: Float64Array) => Float64Array.from(idx, (r) => a[r]);
  const values = new Float64Array(n * L);
  idx.forEach((r, k) => values.set(table.location.values.subarray(r * L, r * L + L), k * L));
  return {
    ...table, n,
    year: Int32Array.from(idx, (r) => table.year[r]), branchId: f64(table.branchId), cert: Int32Array.from(idx, (r) => table.cert[r]),
    institutionName: idx.map((r) => table.institutionName[r]), countyFips: idx.map((r) => table.countyFips[r]),
    group: idx.map((r) => table.group[r]), lng: f64(table.lng), lat: f64(table.lat), depositsK: f64(table.depositsK),
    institutionDepositsDomK: f64(table.institutionDepositsDomK), logDeposits: f64(table.logDeposits), ageYears: f64(table.ageYears),
    openedDay: f64(table.openedDay), acquired: Uint8Array.from(idx, (r) => table.acquired[r]), block: Int32Array.from(idx, (r) => table.block[r]), composite: f64(table.composite),
    location: {
      n, values,
      factorRaw: { transit: f64(table.location.factorRaw.transit), demand: f64(table.location.factorRaw.demand),
        competition: f64(table.location.factorRaw.competition) },
      residents1000m: f64(table.location.residents1000m),
    },
  };
}
