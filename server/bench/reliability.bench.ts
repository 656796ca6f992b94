import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { generatePlan } from '../../core/standards/testing/generatePlan';
import type { BenchEnv, BenchResult } from './run';
import type { LoopDelay } from '../http/loopProbe';

/**
 * Reliability (issue 11): can one heavy request hold `/api/health`? The real server (`server/main.ts`, a child process
 * over a copy of the imported database) runs each heavy request below, one at a time, while this process asks for
 * /api/health every {@link POLL_MS} ms; reported per request: the health answer's p50 / p95 / slowest (target: slowest
 * < 100 ms) and how long the request took. The first two rows are the start-up work itself, from the moment the
 * server listens: the site-scoring warm-up (geo data and NYC grid, on the main thread), then the deposit forecast's
 * inputs and calibration (≈ 6 s CPU) until it logs the calibration.
 *
 * Each heavy request's body is encoded before the polls start and its answer is read through without being kept, so
 * that this process's own work (a 9 MB multipart body, a 30 MB gap map) is not counted as the server's.
 *
 * Alongside each health poll an unknown route is asked for (a 404 that touches no database): its latency is the event
 * loop and HTTP alone, so the note tells a held loop from health's own DuckDB reads slowed by a busy machine.
 *
 * Beside the polled latencies, the server's own event-loop delay over the same window (node:perf_hooks
 * monitorEventLoopDelay in the server, read over the child's IPC channel: server/http/loopProbe.ts): its max is the
 * longest the loop was held in one piece, which a 25 ms poll can miss or, on a loaded machine, overstate. Both are
 * reported; the target is read on the polled slowest answer, as the issue states it.
 *
 * Peer in the same run: the same server, the same requests, with COMPUTE_WORKERS=0 (every pool task on the main thread,
 * as before the worker pool); the ratio is peer / pool. Extra node flags for the servers (e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof` to attribute the stalls that remain) come from env RELIABILITY_NODE_ARGS;
 * RELIABILITY_ONLY=detail,import … runs a subset; RELIABILITY_PEER=off leaves the peer out.
 */
const POLL_MS = 25;

interface Heavy {
  /** Short key (RELIABILITY_ONLY). */
  key: string;
  /** What it is, for the report. */
  label: string;
  /**
   * Requests sent first, not timed (a small request of the same kind: loads caches, starts a worker with its copy of
   * the data; or imports the datasets the heavy request reads); `fresh` as for {@link heavy}.
   */
  warm?: (fresh: string) => Req | Req[];
  /** The heavy request; `fresh` differs per run where a name must be new (an import, a refit); `warmed`: the warm requests' JSON answers. */
  heavy: (fresh: string, warmed: unknown[]) => Req;
}
interface Req { method: 'GET' | 'POST'; path: string; json?: unknown; form?: () => FormData; expect: number }

const NATIONWIDE = { bbox: [-125, 24, -66, 50] };
const MIDTOWN = { west: -74.005, east: -73.97, south: 40.738, north: 40.765 };
/** NYC and its surroundings, inside the area the deposit forecast was fitted on (forecast/trainingData.ts NYC_REGION_BBOX). */
const NYC_SITES = { west: -74.25, east: -73.7, south: 40.5, north: 40.91 };

/** Deterministic pseudo-random numbers (mulberry32) so every run asks for the same work. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n points uniformly in a lng/lat box. */
function points(n: number, box: { west: number; east: number; south: number; north: number }, seed: number) {
  const r = rng(seed);
  return Array.from({ length: n }, (_, k) => ({ id: `p${k}`, lng: box.west + r() * (box.east - box.west), lat: box.south + r() * (box.north - box.south) }));
}

/** A customers CSV of `n` rows over the NYC region (a demand dataset), ≈ 45 bytes a row. */
function customersCsv(n: number): string {
  const r = rng(7);
  const lines = ['id,lng,lat,count,name'];
  for (let k = 0; k < n; k++) lines.push(`c${k},${(-74.25 + r() * 0.55).toFixed(6)},${(40.5 + r() * 0.4).toFixed(6)},${1 + Math.floor(r() * 20)},Customer ${k}`);
  return lines.join('\n') + '\n';
}

/** `n` customers rows of which every other one has a latitude out of range (a report naming n / 2 bad rows, ≈ 170 bytes each). */
function halfBadCsv(n: number): string {
  const lines = ['id,lng,lat,count,name'];
  for (let k = 0; k < n; k++) lines.push(k % 2 ? `c${k},-73.9,95,3,Bad ${k}` : `c${k},-73.90,40.7,3,Good ${k}`);
  return lines.join('\n') + '\n';
}

/** `n` outlets over the NYC region with 60 more columns each (as an FDIC SOD extract: every other column is kept as the record's props). */
function outletsCsv(n: number): string {
  const r = rng(19);
  const extra = Array.from({ length: 60 }, (_, j) => `COL${j}`);
  const lines = [['UNINUMBR', 'NAMEBR', 'SIMS_LATITUDE', 'SIMS_LONGITUDE', ...extra].join(',')];
  for (let k = 0; k < n; k++) {
    lines.push([`${600000 + k}`, `Branch ${k}`, (40.5 + r() * 0.4).toFixed(6), (-74.25 + r() * 0.55).toFixed(6), ...extra.map((_, j) => `value ${j} of ${k}`)].join(','));
  }
  return lines.join('\n') + '\n';
}

/** A multipart import of `csv` as a dataset of `kind` named `name`; `mapping` as the form's JSON field. */
function importReq(csv: string, kind: string, name: string, mapping?: Record<string, string>): Req {
  return { method: 'POST', path: '/api/datasets', expect: 201, form: () => {
    const f = new FormData();
    f.set('kind', kind); f.set('name', name);
    if (mapping) f.set('mapping', JSON.stringify(mapping));
    f.set('file', new Blob([csv], { type: 'text/csv' }), `${name.replace(/\W+/g, '-')}.csv`);
    return f;
  } };
}

const SOD_MAPPING = { lat: 'SIMS_LATITUDE', lng: 'SIMS_LONGITUDE', id: 'UNINUMBR', name: 'NAMEBR' };
const idOf = (answer: unknown) => (answer as { id: string }).id;

const HEAVY: Heavy[] = [
  {
    key: 'detail', label: 'coverage detail, nationwide (all branches, 50 km, H3 res 10)',
    warm: () => ({ method: 'POST', path: '/api/coverage/detail', json: { ownNetwork: 'cert:628', area: { counties: ['36061'] } }, expect: 200 }),
    heavy: () => ({ method: 'POST', path: '/api/coverage/detail', expect: 200,
      json: { network: 'all', area: NATIONWIDE, radiusM: 50_000, catchmentMaxM: 50_000, h3Resolution: 10 } }),
  },
  {
    key: 'compare', label: 'coverage compare, nationwide (all branches vs one bank, H3 res 9)',
    warm: () => ({ method: 'POST', path: '/api/coverage/compare', json: { a: { network: 'all' }, b: { ownNetwork: 'cert:628' }, area: { counties: ['36061'] } }, expect: 200 }),
    heavy: () => ({ method: 'POST', path: '/api/coverage/compare', expect: 200,
      json: { a: { network: 'all' }, b: { ownNetwork: 'cert:628' }, area: NATIONWIDE, radiiM: [1000, 5000, 20_000], h3Resolution: 9 } }),
  },
  {
    key: 'walk', label: 'walk catchments, 500 Midtown points, 15 min',
    warm: () => ({ method: 'POST', path: '/api/coverage/walk', json: { points: points(2, MIDTOWN, 3), minutes: 5 }, expect: 200 }),
    heavy: () => ({ method: 'POST', path: '/api/coverage/walk', json: { points: points(500, MIDTOWN, 3), minutes: 15 }, expect: 200 }),
  },
  {
    key: 'score', label: 'site scoring, 10,000 random national sites',
    warm: () => ({ method: 'POST', path: '/api/sites/score', json: { sites: points(10, { west: -74.1, east: -73.8, south: 40.6, north: 40.85 }, 5) }, expect: 200 }),
    heavy: () => ({ method: 'POST', path: '/api/sites/score', expect: 200,
      json: { sites: points(10_000, { west: -124, east: -67, south: 25.5, north: 48.5 }, 11) } }),
  },
  {
    key: 'sensitivity', label: 'weight sensitivity, NYC grid res 9 (7,405 cells), 2,000 draws',
    warm: () => ({ method: 'POST', path: '/api/sites/sensitivity', json: { sites: points(20, { west: -74.1, east: -73.8, south: 40.6, north: 40.85 }, 5), sensitivity: { draws: 10 } }, expect: 200 }),
    heavy: () => ({ method: 'POST', path: '/api/sites/sensitivity', expect: 200,
      json: { grid: { resolution: 9, area: 'nyc' }, sensitivity: { draws: 2000, topK: 50 } } }),
  },
  {
    key: 'standards', label: 'standards check, 800-zone plan (3,200+ vertices)',
    warm: () => ({ method: 'POST', path: '/api/standards/check', json: { plan: generatePlan(20, 10), profile: 'us-ada-ibc' }, expect: 200 }),
    heavy: () => ({ method: 'POST', path: '/api/standards/check', json: { plan: generatePlan(40, 20), profile: 'us-ada-ibc' }, expect: 200 }),
  },
  {
    key: 'import', label: 'dataset import, 200,000-row customers CSV (POST /api/datasets)',
    heavy: (fresh) => {
      const csv = customersCsv(200_000);
      return { method: 'POST', path: '/api/datasets', expect: 201, form: () => {
        const f = new FormData();
        f.set('kind', 'demand'); f.set('name', `bench customers ${fresh}`);
        f.set('file', new Blob([csv], { type: 'text/csv' }), 'customers.csv');
        return f;
      } };
    },
  },
  {
    key: 'refit', label: 'forecast refit on 400 outcomes (POST /api/parameter-sets)',
    heavy: (fresh) => {
      const r = rng(13);
      const outcomes = points(400, { west: -74.2, east: -73.75, south: 40.55, north: 40.9 }, 17).map((p) => ({ ...p, outcome: Math.round(1e6 * (1 + 50 * r())) }));
      return { method: 'POST', path: '/api/parameter-sets', json: { name: `bench-${fresh}`, outcomes }, expect: 201 };
    },
  },
  {
    key: 'coverage', label: 'coverage at six radii, every county (POST /api/coverage, all branches)',
    warm: () => ({ method: 'POST', path: '/api/coverage', json: { network: 'all', radiiM: [1000], area: { counties: ['36061'] } }, expect: 200 }),
    heavy: () => ({ method: 'POST', path: '/api/coverage', json: { network: 'all', radiiM: [500, 1000, 2000, 5000, 10000, 50000], area: { bbox: NATIONWIDE.bbox } }, expect: 200 }),
  },
  {
    key: 'closure', label: 'optimisation: close 500 of Chase\'s branches nationwide, 5 km (POST /api/optimize)',
    heavy: (fresh) => ({ method: 'POST', path: '/api/optimize', json: { objective: 'closure', k: 500, radiusM: 5000, ownNetwork: 'cert:628', area: { bbox: NATIONWIDE.bbox },
      scenarioName: `bench closure ${fresh}`, lpBound: false }, expect: 200 }),
  },
  {
    key: 'mclp', label: 'optimisation: 20 sites for Chase over the NYC grid (7,405 candidates), 1 km (POST /api/optimize)',
    heavy: (fresh) => ({ method: 'POST', path: '/api/optimize', json: { objective: 'mclp', p: 20, radiusM: 1000, ownNetwork: 'cert:628', area: 'nyc',
      scenarioName: `bench mclp ${fresh}`, lpBound: false }, expect: 200 }),
  },
  {
    // forecast mode: the location features and forecasts of every cell for the network, then 45 MB of JSON
    key: 'gridForecast', label: 'site scoring in forecast mode: the NYC grid (7,405 cells) for Chase, first request (POST /api/sites/score, 45 MB)',
    heavy: () => ({ method: 'POST', path: '/api/sites/score', json: { grid: { resolution: 9, area: 'nyc' }, mode: 'forecast', ownNetwork: 'cert:628' }, expect: 200 }),
  },
  {
    key: 'scoreForecast', label: 'site scoring in forecast mode: 10,000 listed NYC sites for Chase (POST /api/sites/score, 62 MB)',
    warm: () => ({ method: 'POST', path: '/api/sites/score', json: { sites: points(10, NYC_SITES, 5), mode: 'forecast', ownNetwork: 'cert:628' }, expect: 200 }),
    heavy: () => ({ method: 'POST', path: '/api/sites/score', expect: 200,
      json: { sites: points(10_000, NYC_SITES, 19).map((p) => ({ ...p, id: `${'x'.repeat(130)}${p.id}` })), mode: 'forecast', ownNetwork: 'cert:628' } }),
  },
  {
    key: 'mclpForecast', label: 'optimisation: 20 sites for Chase over the NYC grid maximising forecast deposits, 1 km (POST /api/optimize)',
    heavy: (fresh) => ({ method: 'POST', path: '/api/optimize', json: { objective: 'mclp', maximize: 'forecastDeposits', p: 20, radiusM: 1000, ownNetwork: 'cert:628',
      area: 'nyc', scenarioName: `bench forecast mclp ${fresh}` }, expect: 200 }),
  },
  {
    key: 'mclpListed', label: 'optimisation: 20 sites for Chase among 50,000 listed candidates over NYC, 1 km (POST /api/optimize, 5 MB body)',
    heavy: (fresh) => ({ method: 'POST', path: '/api/optimize', json: { objective: 'mclp', p: 20, radiusM: 1000, ownNetwork: 'cert:628', area: 'nyc',
      candidates: points(50_000, { west: -74.25, east: -73.7, south: 40.5, north: 40.9 }, 23).map((c, k) => ({ id: `cand-${c.id}`, lng: c.lng, lat: c.lat, name: `Candidate ${k} on some street` })),
      scenarioName: `bench listed ${fresh}`, lpBound: false }, expect: 200 }),
  },
  {
    key: 'countyGrid', label: 'site scoring: Los Angeles County\'s H3 res-8 grid, first request (POST /api/sites/score, 13.6 MB)',
    heavy: () => ({ method: 'POST', path: '/api/sites/score', json: { grid: { resolution: 8, area: { counties: ['06037'] } } }, expect: 200 }),
  },
  {
    // the map zoomed out to the whole country: 20,000 of 77,141 branches as objects, 6.7 MB of JSON
    key: 'outlets', label: 'map layer: branches over the whole country (GET /api/outlets, 20,000 of 77,141)',
    warm: () => ({ method: 'GET', path: '/api/outlets?bbox=-74.05,40.68,-73.9,40.82', expect: 200 }),
    heavy: () => ({ method: 'GET', path: `/api/outlets?bbox=${NATIONWIDE.bbox.join(',')}`, expect: 200 }),
  },
  {
    key: 'badImport', label: 'dataset import, 200,000-row CSV with 100,000 bad rows (POST /api/datasets, 17 MB report)',
    heavy: (fresh) => importReq(halfBadCsv(200_000), 'demand', `bench half bad ${fresh}`),
  },
  {
    key: 'badReport', label: 'a dataset with 100,000 bad rows read back (GET /api/datasets/:id, 17 MB report)',
    warm: (fresh) => importReq(halfBadCsv(200_000), 'demand', `bench half bad read ${fresh}`),
    heavy: (_fresh, [imported]) => ({ method: 'GET', path: `/api/datasets/${idOf(imported)}`, expect: 200 }),
  },
  {
    key: 'layerFeatures', label: 'map layer of an 8,000-outlet upload with 60 more columns (GET /api/datasets/:id/features)',
    warm: (fresh) => importReq(outletsCsv(8000), 'outlets', `bench outlets ${fresh}`, SOD_MAPPING),
    heavy: (_fresh, [imported]) => ({ method: 'GET', path: `/api/datasets/${idOf(imported)}/features`, expect: 200 }),
  },
  {
    key: 'layersScore', label: 'site scoring: NYC grid with a 300,000-customer demand layer and 8,000 competitors, first request (POST /api/sites/score)',
    warm: (fresh) => [importReq(customersCsv(300_000), 'demand', `bench customers 300k ${fresh}`), importReq(outletsCsv(8000), 'outlets', `bench competitors ${fresh}`, SOD_MAPPING)],
    heavy: (_fresh, [demand, competitors]) => ({ method: 'POST', path: '/api/sites/score', expect: 200, json: { grid: { resolution: 9, area: 'nyc' },
      datasets: { demand: [{ layer: 'residents', weight: 1 }, { layer: idOf(demand), weight: 0.5 }], competitors: [idOf(competitors)] } } }),
  },
  {
    key: 'institutions', label: 'the network picker\'s whole list, first request (GET /api/institutions?limit=20000)',
    heavy: () => ({ method: 'GET', path: '/api/institutions?limit=20000', expect: 200 }),
  },
  {
    key: 'demand', label: 'map layer: block groups over the whole country (GET /api/layers/demand, 60,000 points)',
    warm: () => ({ method: 'GET', path: '/api/layers/demand?bbox=-74.05,40.68,-73.9,40.82', expect: 200 }),
    heavy: () => ({ method: 'GET', path: `/api/layers/demand?bbox=${NATIONWIDE.bbox.join(',')}`, expect: 200 }),
  },
];

interface Server { child: ChildProcess; url: string; exited: Promise<unknown>; output: () => string }

let probeId = 0;

/** The server's event-loop delay since the last reset (server/http/loopProbe.ts), then reset it. */
function loopDelay(child: ChildProcess): Promise<LoopDelay> {
  const id = ++probeId;
  return new Promise((resolve, reject) => {
    const onMessage = (m: LoopDelay) => { if (m?.type === 'loop-delay' && m.id === id) { child.off('message', onMessage); clearTimeout(timer); resolve(m); } };
    const timer = setTimeout(() => { child.off('message', onMessage); reject(new Error('the server did not answer the event-loop probe')); }, 30_000);
    child.on('message', onMessage);
    child.send({ type: 'loop-delay', id, reset: true });
  });
}

function spawnServer(dbPath: string, cacheDir: string, workers?: number): Promise<Server> {
  const extra = (process.env.RELIABILITY_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/main.ts'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: dbPath, CACHE_DIR: cacheDir, AUTH: 'off',
        ...(workers !== undefined ? { COMPUTE_WORKERS: String(workers) } : {}) } });
    const exited = new Promise((r) => child.once('exit', r));
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d; const m = /open (http:\/\/[^/\s]+)\//.exec(out); if (m) resolve({ child, url: m[1], exited, output: () => out }); });
    child.stderr!.on('data', (d: Buffer) => { out += d; });
    void exited.then(() => reject(new Error(`server exited: ${out.slice(-500)}`)));
  });
}

const CALIBRATED = /Forecast calibrated|forecast calibration failed|Could not cache the forecast|warm-up failed/i;

/**
 * One request through this process's `fetch` to a throwaway local server, before any timed poll: Node loads its fetch
 * client (undici) on the first call, which made the first timed health answer 48–55 ms slower on an idle machine
 * (measured against an idle server: 48–55 ms unprimed, 17–18 ms primed) — the benchmark's own start-up, not the server's.
 */
async function primeFetch(): Promise<void> {
  const s = http.createServer((_q, r) => r.end('ok'));
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  try {
    await (await fetch(`http://127.0.0.1:${(s.address() as { port: number }).port}/`)).text();
  } finally {
    s.closeAllConnections();
    s.close();
  }
}

/** Health answers that failed (connection error or not 200), per server; reported in the notes. */
const failures = new Map<string, number>();

/**
 * /api/health every POLL_MS ms until `done()`; each answer's latency, ms. A failed answer counts with the time it took
 * to fail (and in {@link failures}), so a server that stops answering cannot look fast.
 */
async function pollHealth(url: string, done: () => boolean): Promise<number[]> {
  const lat: number[] = [];
  while (!done()) {
    const t = performance.now();
    const ok = await fetch(`${url}/api/health`).then(async (r) => { await r.text(); return r.status === 200; }, () => false);
    if (!ok) failures.set(url, (failures.get(url) ?? 0) + 1);
    lat.push(performance.now() - t);
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
  return lat;
}

/**
 * The same server answering without the database (an unknown route's 404: the event loop and HTTP alone), polled in
 * its own loop beside {@link pollHealth} so that neither delays the other's next poll.
 */
async function pollProbe(url: string, done: () => boolean): Promise<number[]> {
  const lat: number[] = [];
  while (!done()) {
    const t = performance.now();
    await fetch(`${url}/api/no-such-route`).then((r) => r.text(), () => undefined);
    lat.push(performance.now() - t);
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
  return lat;
}

/** A request's body encoded ahead (a multipart form into its bytes), so that encoding it does not run while health is polled. */
interface Encoded { q: Req; body: Uint8Array<ArrayBuffer> | null; contentType: string | null }

async function encode(q: Req): Promise<Encoded> {
  if (q.method === 'GET') return { q, body: null, contentType: null };
  if (!q.form) return { q, body: new TextEncoder().encode(JSON.stringify(q.json)), contentType: 'application/json' };
  const r = new Response(q.form());
  return { q, body: new Uint8Array(await r.arrayBuffer()), contentType: r.headers.get('content-type')! };
}

/**
 * Send an encoded request and read the answer through, chunk by chunk without keeping it (a 30 MB gap map read
 * into one buffer would hold this process, and the health polls it times, for tens of ms).
 */
async function sendEncoded(url: string, e: Encoded): Promise<void> {
  const r = await fetch(`${url}${e.q.path}`, e.body ? { method: e.q.method, headers: { 'content-type': e.contentType! }, body: e.body } : { method: e.q.method });
  if (r.status !== e.q.expect) throw new Error(`${e.q.path} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
  const reader = r.body!.getReader();
  while (!(await reader.read()).done) { /* discard */ }
}

/** Send a request (not timed) and return its JSON answer. */
async function send(url: string, q: Req): Promise<unknown> {
  const e = await encode(q);
  const r = await fetch(`${url}${q.path}`, e.body ? { method: q.method, headers: { 'content-type': e.contentType! }, body: e.body } : { method: q.method });
  const text = await r.text();
  if (r.status !== q.expect) throw new Error(`${q.path} answered ${r.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

interface Measured { lat: number[]; ms: number; probe?: number[]; loop: LoopDelay }

/** Start a server, measure health during its start-up calibration, then during each heavy request. */
async function measureServer(dbPath: string, cacheDir: string, heavies: Heavy[], tag: string, log: (l: string) => void, workers?: number): Promise<Map<string, Measured>> {
  fs.rmSync(path.join(cacheDir, 'forecast'), { recursive: true, force: true }); // calibrate at start, every run
  const out = new Map<string, Measured>();
  const t0 = performance.now();
  const s = await spawnServer(dbPath, cacheDir, workers);
  try {
    // start-up in two windows: the scoring warm-up (geo data, NYC grid), then the forecast's inputs and calibration
    const warm = await pollHealth(s.url, () => /Deposit forecast: loading/.test(s.output()) || CALIBRATED.test(s.output()) || performance.now() - t0 > 600_000);
    out.set('warmup', { lat: warm, ms: performance.now() - t0, loop: await loopDelay(s.child) });
    const t1 = performance.now();
    const lat = await pollHealth(s.url, () => CALIBRATED.test(s.output()) || performance.now() - t0 > 600_000);
    if (!/Forecast calibrated/.test(s.output())) throw new Error(`the forecast did not calibrate: ${s.output().slice(-500)}`);
    log(`  ${tag}: ${(/Forecast calibrated[^\n]*/.exec(s.output()) ?? [''])[0]}`);
    out.set('startup', { lat, ms: performance.now() - t1, loop: await loopDelay(s.child) });
    for (const h of heavies) {
      try {
        await measureOne(s, h, tag, out, log);
      } catch (err) {
        log(`  ${tag}: ${h.key} FAILED: ${(err as Error).message.slice(0, 300)}`);
      }
    }
  } finally {
    if (failures.get(s.url)) log(`  ${tag}: ${failures.get(s.url)} health answers FAILED (connection error or not 200), counted with the time they took`);
    s.child.kill('SIGTERM');
    await s.exited;
  }
  return out;
}

/** One heavy request (after its warm-up request) while health is polled; recorded under its key. */
async function measureOne(s: Server, h: Heavy, tag: string, out: Map<string, Measured>, log: (l: string) => void): Promise<void> {
  const url = s.url;
  const fresh = `${tag.replace(/\W+/g, '-')}-${Date.now()}`;
  const warmed: unknown[] = [];
  for (const q of h.warm ? [h.warm(fresh)].flat() : []) warmed.push(await send(url, q));
  const heavy = await encode(h.heavy(fresh, warmed));
  await loopDelay(s.child); // reset: this window only …
  await new Promise((r) => setTimeout(r, 20)); // … from the histogram's first samples after the reset (loopProbe.ts)
  let finished = false;
  const t = performance.now();
  // settled into a value at once: a failed request must not go unhandled while health is polled
  const failed = sendEncoded(url, heavy).then(() => null, (err: unknown) => err).finally(() => { finished = true; });
  const [lat, probe] = await Promise.all([pollHealth(url, () => finished), pollProbe(url, () => finished)]);
  const err = await failed;
  if (err) throw err;
  const loop = await loopDelay(s.child);
  out.set(h.key, { lat, ms: performance.now() - t, probe, loop });
  log(`  ${tag}: ${h.key} took ${((performance.now() - t) / 1000).toFixed(1)} s; health max ${Math.max(...lat).toFixed(0)} ms over ${lat.length} polls, ` +
    `server event loop held at most ${loop.maxMs.toFixed(0)} ms ` +
    `(epoch ms ${Math.round(performance.timeOrigin + t)}–${Math.round(performance.timeOrigin + performance.now())})`);
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const f0 = (x: number) => x.toFixed(0);

export default async function reliabilityBench(env: BenchEnv): Promise<BenchResult[]> {
  const only = (process.env.RELIABILITY_ONLY ?? '').split(',').filter(Boolean);
  const heavies = HEAVY.filter((h) => !only.length || only.includes(h.key));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-reliability-'));
  const dbPath = path.join(dir, 'outlet-planner.duckdb');
  fs.copyFileSync(env.config.dbPath, dbPath);
  await primeFetch();
  try {
    env.log(`reliability: ${heavies.length} heavy requests + start-up calibration, /api/health polled every ${POLL_MS} ms — worker pool …`);
    const pool = await measureServer(dbPath, dir, heavies, 'pool', env.log);
    const withPeer = process.env.RELIABILITY_PEER !== 'off';
    if (withPeer) env.log('reliability: peer — the same server with COMPUTE_WORKERS=0 (pool tasks on the main thread) …');
    const inline = withPeer ? await measureServer(dbPath, dir, heavies, 'main thread', env.log, 0) : new Map<string, Measured>();
    const rows: BenchResult[] = [];
    const rowsOf: (readonly [string, string])[] = [['warmup', 'start-up: site-scoring warm-up (geo data, NYC grid)'],
      ['startup', 'start-up: deposit-forecast inputs and calibration'], ...heavies.map((h) => [h.key, h.label] as const)];
    for (const [key, label] of rowsOf) {
      const a = pool.get(key), b = inline.get(key);
      if (!a || (withPeer && !b)) continue; // failed (logged above)
      const max = Math.max(...a.lat);
      if (!b) { // RELIABILITY_PEER=off: the pool's server alone
        rows.push({ name: `health during ${label}: slowest answer`, ms: max, runs: a.lat.length, targetMs: 100,
          note: `health p50 / p95 / max ${f0(pct(a.lat, 0.5))} / ${f0(pct(a.lat, 0.95))} / ${f0(max)} ms (the slowest was poll ${a.lat.indexOf(max) + 1} of ${a.lat.length}); the request took ${(a.ms / 1000).toFixed(1)} s` +
            (a.probe?.length ? `; a 404 polled alongside (no database): max ${f0(Math.max(...a.probe))} ms` : '') });
        rows.push({ name: `server event loop during ${label}: longest block (monitorEventLoopDelay max)`, ms: a.loop.maxMs, runs: 1, targetMs: 100,
          note: `p99 of the loop's delays ${f0(a.loop.p99Ms)} ms over ${a.loop.count} samples` });
        continue;
      }
      const peerMax = Math.max(...b.lat);
      rows.push({
        name: `health during ${label}: slowest answer`, ms: max, runs: a.lat.length, targetMs: 100,
        baseline: { name: 'COMPUTE_WORKERS=0: slowest', ms: peerMax },
        note: `health p50 / p95 / max ${f0(pct(a.lat, 0.5))} / ${f0(pct(a.lat, 0.95))} / ${f0(max)} ms over ${a.lat.length} polls (slowest: poll ${a.lat.indexOf(max) + 1}); ` +
          `peer ${f0(pct(b.lat, 0.5))} / ${f0(pct(b.lat, 0.95))} / ${f0(peerMax)} ms over ${b.lat.length}; ratio peer/pool p95 ${(pct(b.lat, 0.95) / pct(a.lat, 0.95)).toFixed(1)}×, ` +
          `max ${(peerMax / max).toFixed(1)}×; the request took ${(a.ms / 1000).toFixed(1)} s (peer ${(b.ms / 1000).toFixed(1)} s)` +
          (a.probe?.length && b.probe?.length ? `; a 404 polled alongside (no database): max ${f0(Math.max(...a.probe))} ms, peer ${f0(Math.max(...b.probe))} ms` : ''),
      });
      rows.push({
        name: `server event loop during ${label}: longest block (monitorEventLoopDelay max)`, ms: a.loop.maxMs, runs: 1, targetMs: 100,
        baseline: { name: 'COMPUTE_WORKERS=0: longest block', ms: b.loop.maxMs },
        note: `p99 of the loop's delays ${f0(a.loop.p99Ms)} ms over ${a.loop.count} samples (peer ${f0(b.loop.p99Ms)} ms over ${b.loop.count})`,
      });
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
