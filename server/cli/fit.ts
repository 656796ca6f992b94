import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { DatabaseLockedError, openDatabase } from '../db/database';
import { AppError } from '../errors';
import { ForecastService } from '../forecast/forecastService';
import { ScoringService } from '../scoring/scoringService';
import { refitRequestSchema, SOD_PARAMETER_SET, type ParameterSet, type ValidationReportDto } from '../../core/api/forecast';
import { parseCliArgs } from './args';

const USAGE = `Usage: npm run fit -- --report [--json] [--name SET] [--fresh]
       npm run fit -- --outcomes outcomes.csv --name NAME [--target "deposits (USD)"] [--network cert:<CERT>|hc:<RSSDHCR>]
       (either form: [--server http://127.0.0.1:8787 [--token API_TOKEN]] [--db FILE])

--report prints the validation table of a parameter set (default ${SOD_PARAMETER_SET}: the deposit forecast fitted on
FDIC SOD 2018–2023 for NYC): spatial-block hold-out ρ, within-bank ρ, leave-one-borough-out ρ, temporal ρ, closure AUC,
each with its 95 % bootstrap interval, for the model and every baseline; --json prints the whole report as JSON
(the notebooks read it). --fresh recalibrates instead of reading the cache (data/cache/forecast/).
--outcomes refits the location model on your own outcomes — a CSV with columns id, lng, lat, outcome (> 0: deposits,
accounts, visits…) — into a new named parameter set (validated by the same protocol) that the app and
\`npm run score -- --forecast --parameter-set NAME\` can use. Without --server the database is opened directly (the
server must not be running); with --server the API is used (role analyst).`;

interface Options { report: boolean; json: boolean; fresh: boolean; name?: string; outcomes?: string; target?: string; network?: string; server?: string; token?: string; db?: string }

class CliError extends Error {}

/** `npm run fit`. Returns the exit code (0 done, 1 failed, 2 bad arguments or input); `print` gets each output line. */
export async function runFit(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  const parsed = parseCliArgs(argv, {
    report: { type: 'boolean' }, json: { type: 'boolean' }, fresh: { type: 'boolean' }, name: { type: 'string' }, outcomes: { type: 'string' },
    target: { type: 'string' }, network: { type: 'string' }, server: { type: 'string' }, token: { type: 'string' }, db: { type: 'string' },
  }, USAGE, print);
  if ('exitCode' in parsed) return parsed.exitCode;
  const v = parsed.values;
  const o: Options = { ...v, report: !!v.report, json: !!v.json, fresh: !!v.fresh, server: v.server?.replace(/\/+$/, ''), db: v.db && path.resolve(v.db) };
  if (o.report === !!o.outcomes) { print(`Give exactly one of --report and --outcomes.\n${USAGE}`); return 2; }
  try {
    if (o.report) {
      const report = o.server ? await viaServer<ValidationReportDto>(o, `/api/parameter-sets/${encodeURIComponent(o.name ?? SOD_PARAMETER_SET)}/validation`)
        : await withService(o, true, (svc) => (o.fresh && (o.name ?? SOD_PARAMETER_SET) === SOD_PARAMETER_SET ? svc.calibrateSod().then((s) => s.report) : svc.validation(o.name ?? SOD_PARAMETER_SET)));
      if (o.json) print(JSON.stringify(report, null, 2));
      else for (const line of formatReport(report)) print(line);
      return 0;
    }
    if (!o.name) { print(`--outcomes needs --name.\n${USAGE}`); return 2; }
    let csv: string;
    try { csv = fs.readFileSync(o.outcomes!, 'utf8'); } catch (e) { print(`Cannot read ${o.outcomes}: ${(e as Error).message}`); return 2; }
    const body = { name: o.name, target: o.target, ownNetwork: o.network, csv };
    const check = refitRequestSchema.safeParse(body);
    if (!check.success) { for (const i of check.error.issues) print(`--${String(i.path[0])}: ${i.message}`); return 2; }
    const set = o.server ? await viaServer<ParameterSet>(o, '/api/parameter-sets', body)
      : await withService(o, false, (svc) => svc.refit(check.data, path.basename(o.outcomes!)));
    print(`Parameter set "${set.name}" fitted on ${set.fit.n} outcomes (${set.target}): spatial-block hold-out ρ = ${fmt(set.fit.spearmanHoldout)} ` +
      `(residents within 1 km alone: ${fmt(set.fit.spearmanBaseline)}). Use it with mode "forecast", parameterSet "${set.name}".`);
    return 0;
  } catch (err) {
    if (err instanceof DatabaseLockedError || err instanceof CliError) { print(err.message); return 1; }
    if (err instanceof AppError) { print(err.message); return err.status === 400 || err.status === 409 ? 2 : 1; }
    throw err;
  }
}

async function withService<T>(o: Options, readOnly: boolean, fn: (svc: ForecastService) => Promise<T>): Promise<T> {
  const config = loadConfig(o.db ? { ...process.env, DB_PATH: o.db } : process.env);
  if (!fs.existsSync(config.dbPath)) throw new CliError(`No database at ${config.dbPath}: run "npm run data:import" first, or use --server.`);
  const db = await openDatabase(config.dbPath, { readOnly });
  try {
    const scoring = new ScoringService(db, config.dataDir, config.serviceDate);
    return await fn(new ForecastService(db, db, config, () => scoring, (l) => process.stderr.write(`${l}\n`)));
  } finally {
    db.close();
  }
}

async function viaServer<T>(o: Options, route: string, body?: unknown): Promise<T> {
  const token = o.token ?? process.env.OUTLET_PLANNER_TOKEN;
  let res: Response;
  try {
    res = await fetch(`${o.server}${route}`, { method: body ? 'POST' : 'GET', ...(body ? { body: JSON.stringify(body) } : {}),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  } catch (e) {
    throw new CliError(`Cannot reach the server at ${o.server} (${(e as Error).message}). Is it running (npm start)?`);
  }
  const json = await res.json() as T & { error?: { message: string } };
  if (!res.ok) throw new CliError(`Server answered ${res.status}: ${json.error?.message ?? 'error'}`);
  return json;
}

const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));
const ci = (c: [number | null, number | null]) => `[${fmt(c[0])}, ${fmt(c[1])}]`;

/** The validation table as text lines (one row per model / baseline). */
export function formatReport(r: ValidationReportDto): string[] {
  const lines = [`Parameter set ${r.name} — ${r.target}; ${r.n.rows} rows (${r.n.testYearRows} in the test year), ${r.n.blocks} blocks`, r.protocol.description, ''];
  const head = ['model', 'spatial ρ [95 %]', 'within-bank ρ', 'leave-borough-out ρ', 'temporal ρ (n)', 'closure AUC'];
  const rows = [...r.variants, ...(r.sensitivity ? [{ ...r.sensitivity, label: `Sensitivity: ${r.sensitivity.label}, no branch > 10 % of its institution's DEPDOM (${r.sensitivity.rows} rows)` }] : [])]
    .map((v) => [v.label, `${fmt(v.spearmanHoldout.value)} ${ci(v.spearmanHoldout.ci95)}`, `${fmt(v.withinBankSpearman.value)} ${ci(v.withinBankSpearman.ci95)}`,
      `${fmt(v.leaveOneBoroughOut.value)} ${ci(v.leaveOneBoroughOut.ci95)}`, `${fmt(v.temporalSpearman.value)} ${ci(v.temporalSpearman.ci95)} (${v.temporalSpearman.n})`,
      `${fmt(v.closureAuc.value)} (${v.closureAuc.closed}/${v.closureAuc.n})`]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  lines.push(head.map((h, j) => h.padEnd(widths[j])).join(' | '), widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) lines.push(row.map((c, j) => c.padEnd(widths[j])).join(' | '));
  if (r.targets.length) {
    lines.push('', 'Targets: ' + r.targets.map((t) => `${t.metric} ${fmt(t.value)} vs ${t.target} (${t.meetsTarget ? 'met' : 'NOT met'}; ${t.beatsBaselines ? 'beats' : 'does NOT beat'} every baseline)`).join('; '));
  }
  if (r.calibrationSeconds !== null) lines.push(`Calibration: ${r.calibrationSeconds.toFixed(1)} s CPU.`);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFit(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  });
}
