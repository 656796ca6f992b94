import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWorkerNice } from './work/threadPriority';

/** Repository root (the folder holding package.json). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runtime configuration, read from the environment once in main.ts / the CLIs (never inside core/). */
export interface Config {
  /** HTTP port; env PORT, default 8787. */
  port: number;
  /** Interface to bind; env HOST, default 127.0.0.1. */
  host: string;
  /** Read-only folder of public datasets; env DATA_DIR, default ../shared/data beside the repo. */
  dataDir: string;
  /** Git-ignored folder for decompressed files and the DuckDB database; env CACHE_DIR, default data/cache. */
  cacheDir: string;
  /** DuckDB database file; env DB_PATH, default <cacheDir>/outlet-planner.duckdb. */
  dbPath: string;
  /** GTFS service date (YYYY-MM-DD) whose departures are counted; env SERVICE_DATE, default 2026-10-07. */
  serviceDate: string;
  /** Built client to serve; default dist/. */
  staticDir: string;
  /** Largest dataset upload, bytes; env UPLOAD_MAX_MB (MiB), default 200. */
  uploadMaxBytes: number;
  /**
   * `accounts`: every /api route but /api/health and login needs a session or an API token. `single-user`: no login,
   * every request acts as the local administrator. Accounts when env AUTH=on, or when HOST is not a loopback address.
   */
  auth: 'accounts' | 'single-user';
  /**
   * Host names (without port) the server answers to: localhost, 127.0.0.1, [::1], the bound HOST when it is a
   * specific address, plus env ALLOWED_HOSTS (comma-separated, e.g. `planner.bank.example,10.0.0.5`). Any other
   * `Host` header is refused (DNS-rebinding protection).
   */
  allowedHosts: string[];
  /** Origins allowed to call the API cross-origin (CORS); env CORS_ORIGINS, comma-separated; default none. */
  corsOrigins: string[];
  /** Most versions kept per plan; a save beyond it is refused (409 version_limit) until an admin prunes. Env MAX_PLAN_VERSIONS (default 500). */
  maxPlanVersions: number;
  /** Compute worker threads; env COMPUTE_WORKERS (default: one per core beyond the first, 1–2; 0 = on the main thread). */
  computeWorkers?: number;
  /**
   * Nice value of the compute worker threads (server/work/threadPriority.ts), 0–19; env COMPUTE_NICE, default 10; 0 runs
   * them at the server's own priority. Linux only: elsewhere a thread's nice is the whole process's and it is left alone.
   */
  computeNice?: number;
  /**
   * Warm up at start-up (main.ts): site scoring's NYC grid reference, then the deposit forecast's parameter set (read
   * from its cache or calibrated, ≈ 5–10 s CPU). Env WARM_UP=off skips both — they are then built by the first request
   * that needs them; for short-lived servers, such as the ones tests start, that never ask for them. Default on.
   */
  warmUp: boolean;
}

function positiveInt(text: string | undefined, name: string, dflt: number): number {
  if (text === undefined) return dflt;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${text}"`);
  return n;
}

function niceValue(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !isWorkerNice(n)) throw new Error(`COMPUTE_NICE must be a whole number 0–19, got "${text}"`);
  return n;
}

/** True for a loopback bind address (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Build the config from an environment map (defaults documented on {@link Config}). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cacheDir = path.resolve(REPO_ROOT, env.CACHE_DIR ?? 'data/cache');
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0–65535, got "${env.PORT}"`);
  if (env.UPLOAD_MAX_MB !== undefined && !(Number(env.UPLOAD_MAX_MB) > 0)) throw new Error(`UPLOAD_MAX_MB must be a positive number of MiB, got "${env.UPLOAD_MAX_MB}"`);
  const host = env.HOST ?? '127.0.0.1';
  if (env.AUTH !== undefined && env.AUTH !== 'on' && env.AUTH !== 'off') throw new Error(`AUTH must be "on" or "off", got "${env.AUTH}"`);
  if (env.WARM_UP !== undefined && env.WARM_UP !== 'on' && env.WARM_UP !== 'off') throw new Error(`WARM_UP must be "on" or "off", got "${env.WARM_UP}"`);
  return {
    port,
    host,
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR ?? '../shared/data'),
    cacheDir,
    dbPath: path.resolve(REPO_ROOT, env.DB_PATH ?? path.join(cacheDir, 'outlet-planner.duckdb')),
    serviceDate: env.SERVICE_DATE ?? '2026-10-07',
    staticDir: path.resolve(REPO_ROOT, 'dist'),
    uploadMaxBytes: Math.round(Number(env.UPLOAD_MAX_MB ?? 200) * 1024 * 1024),
    auth: env.AUTH === 'on' || !isLoopbackHost(host) ? 'accounts' : 'single-user',
    allowedHosts: [...new Set(['localhost', '127.0.0.1', '[::1]',
      ...(host === '0.0.0.0' || host === '::' ? [] : [host.includes(':') && !host.startsWith('[') ? `[${host}]` : host]),
      ...list(env.ALLOWED_HOSTS).map((h) => h.toLowerCase())])],
    corsOrigins: list(env.CORS_ORIGINS),
    maxPlanVersions: positiveInt(env.MAX_PLAN_VERSIONS, 'MAX_PLAN_VERSIONS', 500),
    ...(env.COMPUTE_WORKERS !== undefined ? { computeWorkers: Number(env.COMPUTE_WORKERS) } : {}),
    ...(env.COMPUTE_NICE !== undefined ? { computeNice: niceValue(env.COMPUTE_NICE) } : {}),
    warmUp: env.WARM_UP !== 'off',
  };
}
