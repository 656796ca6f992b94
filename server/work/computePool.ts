import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AppError, OverloadedError } from '../errors';
import { spawnTsWorker } from './tsWorker';
import { packShared } from './sharedResource';
import { COMPUTE_TASKS, TASK_RESOURCES, type ComputeInput, type ComputeOutput, type ComputeResourceName, type ComputeResources, type ComputeTaskName } from './tasks';
import { nextTurn } from '../eventLoop';
import { DEFAULT_WORKER_NICE, isWorkerNice } from './threadPriority';

/** Pool settings. */
export interface ComputePoolOptions {
  /**
   * Worker threads (default: one per core beyond the first, at least 1, at most 2 — on 2 cores: 1). 0 runs every
   * task on the calling (main) thread, as before the pool existed: only for comparison (env COMPUTE_WORKERS=0).
   */
  size?: number;
  /** Tasks waiting for a worker before new ones are refused with 503 + Retry-After (default 16). */
  maxQueued?: number;
  /** Tasks one user may have waiting or running at once before a new one is refused with 429 (default 4). */
  maxPerUser?: number;
  /** Deadline of a task, ms, from when it is queued (default 120 s). */
  timeoutMs?: number;
  /**
   * Load the large read-only data the tasks read (each worker gets it once, before its first task needing it: its
   * typed arrays shared, its long string and number arrays rebuilt in the worker — server/work/sharedResource.ts).
   */
  resources: { [K in ComputeResourceName]: () => Promise<ComputeResources[K]> };
  /**
   * Resources each worker loads itself (tasks.ts RESOURCE_LOADERS), with the loader's argument, e.g.
   * `{ walkGraph: dataDir }`: never parsed on the main thread for the pool (`resources` still serves pool size 0).
   */
  workerLoaded?: { [K in ComputeResourceName]?: string };
  /**
   * Nice value each worker thread lowers itself to at start-up (server/work/threadPriority.ts; default
   * {@link DEFAULT_WORKER_NICE}, env COMPUTE_NICE; 0 keeps the process's): on a busy machine the event loop's thread then
   * gets a core before the computations. Linux only (per-thread nice); elsewhere ignored.
   */
  nice?: number;
}

/** Users whose name starts with this are the server's own work ({@link TaskContext.user}): no per-user limit. */
export const SYSTEM_USER_PREFIX = 'system:';

/** Who runs a task and how it may end. */
export interface TaskContext {
  /** The caller (the per-user limit counts its tasks); `system:…` for the server's own shared work, which has none. */
  user: string;
  /** The request's abort signal: the task stops when it fires. */
  signal?: AbortSignal;
  /** Deadline from when the task is queued, ms (default: the pool's). */
  timeoutMs?: number;
  /**
   * Buffers of `input` moved to the worker instead of copied (a 9 MB upload body): they are unusable here afterwards.
   * Ignored with pool size 0.
   */
  transfer?: ArrayBuffer[];
}

/** Thrown when the caller went away (its request's abort signal fired) before the task finished. */
export class ComputeCancelled extends AppError {
  constructor() { super(503, 'cancelled', 'The computation stopped because the request was closed'); }
}

interface Task { id: number; task: ComputeTaskName; input: unknown; json: boolean; user: string; transfer?: ArrayBuffer[]; resolve: (v: unknown) => void; reject: (e: unknown) => void;
  deadline: number; timer?: NodeJS.Timeout; signal?: AbortSignal; onAbort?: () => void; slot?: Slot }
interface Slot { worker: Worker | null; ready: Promise<void> | null; busy: Task | null; has: Set<ComputeResourceName> }

/**
 * A small pool of worker threads for the long computations (coverage detail, standards check …, see tasks.ts), so
 * that the main thread keeps answering — `/api/health` included — while they run. Each task has a deadline and
 * follows its request's abort signal: when either fires, the worker running it is ended (the only way to stop a
 * busy JavaScript thread) and started again on the next task. Limits: at most `maxPerUser` tasks per user waiting or
 * running (429; one client's sequential requests never hit it), at most `maxQueued` waiting in all (503 + Retry-After).
 */
export class ComputePool {
  readonly size: number;
  readonly maxQueued: number;
  readonly maxPerUser: number;
  readonly timeoutMs: number;
  readonly nice: number;
  private slots: Slot[];
  private queue: Task[] = [];
  private nextId = 1;
  private loaded = new Map<ComputeResourceName, Promise<unknown>>();
  private packed = new Map<ComputeResourceName, Promise<unknown>>();

  constructor(private readonly opts: ComputePoolOptions) {
    this.size = opts.size ?? Math.max(1, Math.min(2, os.availableParallelism() - 1));
    if (!Number.isInteger(this.size) || this.size < 0) throw new Error(`compute pool size must be an integer ≥ 0, got ${this.size}`);
    this.maxQueued = opts.maxQueued ?? 16;
    this.maxPerUser = opts.maxPerUser ?? 4;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.nice = opts.nice ?? DEFAULT_WORKER_NICE;
    if (!isWorkerNice(this.nice)) throw new Error(`compute pool nice must be an integer 0–19, got ${this.nice}`);
    this.slots = Array.from({ length: this.size }, () => ({ worker: null, ready: null, busy: null, has: new Set() }));
  }

  /** Tasks waiting or running now (for tests and the reliability script). */
  stats(): { running: number; queued: number; workers: number } {
    return { running: this.slots.filter((s) => s.busy).length, queued: this.queue.length, workers: this.slots.filter((s) => s.worker).length };
  }

  /**
   * Run `task` on `input` in a worker.
   * @throws AppError 429 `too_many_requests` / OverloadedError 503 (limits), 503 `deadline_exceeded`, ComputeCancelled,
   *   or the task's own AppError (e.g. a 400) re-thrown with its status, code and fields.
   */
  run<K extends ComputeTaskName>(task: K, input: ComputeInput<K>, ctx: TaskContext): Promise<ComputeOutput<K>> {
    return this.submit(task, input, ctx, false) as Promise<ComputeOutput<K>>;
  }

  /**
   * Like {@link run}, but the worker answers with the result as JSON bytes (UTF-8), ready to send: for large answers
   * (a nationwide gap map) the main thread then neither copies the object nor serialises it.
   */
  runJson<K extends ComputeTaskName>(task: K, input: ComputeInput<K>, ctx: TaskContext): Promise<Uint8Array> {
    return this.submit(task, input, ctx, true) as Promise<Uint8Array>;
  }

  /** Tasks of `user` waiting or running (a stopped task leaves both at once: {@link stop}). */
  private tasksOf(user: string): number {
    return this.queue.filter((t) => t.user === user).length + this.slots.filter((s) => s.busy?.user === user).length;
  }

  private submit(task: ComputeTaskName, input: unknown, ctx: TaskContext, json: boolean): Promise<unknown> {
    // the server's own tasks (`system:…`: a study area's grid, the NYC grid, the start-up calibration) serve whichever
    // users asked and are shared between them: the queue's limit bounds them, not a per-user one (whose 429 would
    // name the wrong caller)
    if (ctx.user.startsWith(SYSTEM_USER_PREFIX) || this.tasksOf(ctx.user) < this.maxPerUser) return this.admit(task, input, ctx, json);
    // A client that went away frees its place when its request's abort fires, i.e. when its connection's close is
    // handled; a page that cancels its requests and asks again at once can be read in the same turn of the event
    // loop as those closes. Count again after the I/O of this turn (setImmediate runs after it).
    return nextTurn().then(() => {
      const mine = this.tasksOf(ctx.user);
      if (mine >= this.maxPerUser) {
        throw new AppError(429, 'too_many_requests', `You have ${mine} computations running or waiting; at most ${this.maxPerUser} at once`);
      }
      return this.admit(task, input, ctx, json);
    });
  }

  /** {@link submit} within the user's limit: the queue limit, then run (or, pool size 0, run here). */
  private admit(task: ComputeTaskName, input: unknown, ctx: TaskContext, json: boolean): Promise<unknown> {
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(new OverloadedError(`The server is busy: ${this.queue.length} computations are waiting; try again shortly`, 10));
    }
    if (ctx.signal?.aborted) return Promise.reject(new ComputeCancelled());
    if (this.size === 0) {
      return (async () => {
        const r = {} as Record<ComputeResourceName, unknown>;
        for (const name of TASK_RESOURCES[task]) r[name] = await this.resource(name);
        const result = await (COMPUTE_TASKS[task] as (r: ComputeResources, i: unknown) => unknown)(r as ComputeResources, input);
        return json ? new TextEncoder().encode(JSON.stringify(result)) : result;
      })();
    }
    return new Promise((resolve, reject) => {
      const t: Task = { id: this.nextId++, task, input, json, user: ctx.user, transfer: ctx.transfer, resolve: resolve as (v: unknown) => void, reject,
        deadline: Date.now() + (ctx.timeoutMs ?? this.timeoutMs), signal: ctx.signal };
      const limitS = Math.round((ctx.timeoutMs ?? this.timeoutMs) / 1000);
      t.timer = setTimeout(() => this.stop(t, new AppError(503, 'deadline_exceeded',
        `The computation took longer than its limit of ${limitS} s and was stopped: ask for a smaller area, radius or resolution`)), t.deadline - Date.now());
      t.timer.unref();
      if (ctx.signal) {
        t.onAbort = () => this.stop(t, new ComputeCancelled());
        ctx.signal.addEventListener('abort', t.onAbort, { once: true });
      }
      this.queue.push(t);
      this.pump();
    });
  }

  /** End every worker (tests, shutdown). Waiting and running tasks are rejected. */
  async close(): Promise<void> {
    for (const t of [...this.queue, ...this.slots.map((s) => s.busy).filter((x): x is Task => !!x)]) this.settle(t, new ComputeCancelled());
    this.queue = [];
    await Promise.all(this.slots.map(async (s) => { const w = s.worker; s.worker = null; s.ready = null; s.busy = null; await w?.terminate(); }));
  }

  private settle(t: Task, err: unknown, value?: unknown) {
    clearTimeout(t.timer);
    if (t.onAbort) t.signal?.removeEventListener('abort', t.onAbort);
    if (err) t.reject(err); else t.resolve(value);
  }

  /** Stop a task: drop it from the queue, or end the worker running it. */
  private stop(t: Task, err: AppError) {
    const q = this.queue.indexOf(t);
    if (q >= 0) { this.queue.splice(q, 1); this.settle(t, err); return; }
    const slot = this.slots.find((s) => s.busy === t);
    if (!slot) return; // already finished
    const w = slot.worker;
    slot.worker = null; slot.ready = null; slot.busy = null;
    void w?.terminate();
    this.settle(t, err);
    this.pump();
  }

  private start(slot: Slot): Promise<void> {
    slot.has = new Set();
    slot.ready = (async () => {
      const worker = spawnTsWorker(new URL('./computeWorker.ts', import.meta.url), null, { nice: this.nice });
      worker.unref();
      slot.worker = worker;
      await new Promise<void>((resolve, reject) => {
        const onMessage = (m: { type?: string; message?: string }) => {
          if (m.type === 'ready') { worker.off('message', onMessage); resolve(); }
          else if (m.type === 'error') reject(new Error(`compute worker failed to start: ${m.message}`));
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
      });
      worker.on('message', (m: { id?: number; ok?: boolean; result?: unknown; message?: string; status?: number; code?: string; extra?: Record<string, unknown>; stack?: string }) => {
        const t = slot.busy;
        if (!t || m.id !== t.id) return;
        slot.busy = null;
        if (m.ok) this.settle(t, null, m.result);
        else if (m.status && m.status < 500) this.settle(t, new AppError(m.status as 400, m.code ?? 'bad_request', m.message ?? '', m.extra ?? {}));
        else this.settle(t, Object.assign(new Error(m.message), { stack: m.stack }));
        this.pump();
      });
      worker.on('error', (err) => {
        const t = slot.busy;
        slot.worker = null; slot.ready = null; slot.busy = null;
        if (t) this.settle(t, err);
        this.pump();
      });
    })();
    slot.ready.catch(() => { slot.worker = null; slot.ready = null; });
    return slot.ready;
  }

  /** A resource loaded once for the pool (a failed load is retried on the next task). */
  private resource(name: ComputeResourceName): Promise<unknown> {
    let p = this.loaded.get(name);
    if (!p) {
      p = this.opts.resources[name]();
      this.loaded.set(name, p);
      p.catch(() => this.loaded.delete(name));
    }
    return p;
  }

  /**
   * A resource in its shared form (server/work/sharedResource.ts), packed once for the pool: posting it to a worker
   * then shares its buffers instead of cloning ~1 M strings and tens of MB on the event loop at every worker start.
   */
  private sharedResource(name: ComputeResourceName): Promise<unknown> {
    let p = this.packed.get(name);
    if (!p) {
      p = this.resource(name).then((v) => packShared(v));
      this.packed.set(name, p);
      p.catch(() => this.packed.delete(name));
    }
    return p;
  }

  private pump() {
    for (const slot of this.slots) {
      if (slot.busy || !this.queue.length) continue;
      const t = this.queue.shift()!;
      slot.busy = t;
      t.slot = slot;
      (slot.ready ?? this.start(slot)).then(async () => {
        if (slot.busy !== t) return; // stopped while the worker started
        for (const name of TASK_RESOURCES[t.task]) {
          if (slot.has.has(name)) continue;
          const load = this.opts.workerLoaded?.[name];
          if (load !== undefined) { // the worker reads it itself (the task waits for it there)
            slot.worker!.postMessage({ type: 'resource', name, load });
            slot.has.add(name);
            continue;
          }
          const value = await this.sharedResource(name);
          if (slot.busy !== t) return;
          slot.worker!.postMessage({ type: 'resource', name, value }); // its bulk shared, not copied (sharedResource.ts)
          slot.has.add(name);
        }
        slot.worker!.postMessage({ id: t.id, task: t.task, input: t.input, json: t.json }, t.transfer ?? []);
      }, (err) => {
        if (slot.busy === t) { slot.busy = null; this.settle(t, err); }
        this.pump();
      });
    }
  }
}
