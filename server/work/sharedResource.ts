import { nextTurn } from '../eventLoop';
import { runSteps, runStepsPaused, type Steps } from '../../core/steps';
/**
 * Posting the pool's large read-only resources (the geo data: ~1 M strings and tens of MB of typed arrays) to a
 * worker without cloning them on the main thread each time. Structured clone of the plain GeoData held the event loop
 * ≈ 300 ms at every worker start (the first task, and the next task after a deadline or a closed request ended one).
 *
 * {@link packShared} turns a value, once, into a form whose bulk lives in SharedArrayBuffers: typed arrays are copied
 * into shared memory; long arrays of strings become one UTF-8 byte buffer with offsets (long arrays of string arrays
 * too, with where each list starts); long arrays of numbers a Float64Array. Posting that form shares the buffers (no copy); the worker rebuilds the plain value with
 * {@link unpackShared} on its own thread. The resources are read-only: nobody writes to the shared buffers.
 */

const PACKED = '__sharedPacked';
/** Arrays shorter than this are cloned as they are (not worth a buffer of their own). */
const MIN_PACKED_LENGTH = 256;

type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;

interface PackedStrings { [PACKED]: 'strings'; text: Uint8Array; offsets: Int32Array; nulls: Uint8Array | null }
interface PackedNumbers { [PACKED]: 'numbers'; values: Float64Array; nulls: Uint8Array | null }
/** A long array of string arrays (the stops' route ids): all strings in one {@link PackedStrings}, list k at [starts[k], starts[k + 1]). */
interface PackedStringLists { [PACKED]: 'stringLists'; strings: PackedStrings; starts: Int32Array }

function shared<T extends TypedArray>(a: T): T {
  const Ctor = a.constructor as { new(b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = new Ctor(new SharedArrayBuffer(a.length * Ctor.BYTES_PER_ELEMENT));
  (out as unknown as { set(x: T): void }).set(a);
  return out;
}

/** Strings packed between two pauses (≈ 3–10 ms of work on a loaded machine; 20,000 took up to 100 ms). */
const STRING_CHUNK = 5_000;

async function packStrings(xs: readonly (string | null)[], pause: () => Promise<void>): Promise<PackedStrings> {
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (xs.length + 1)));
  let nulls: Uint8Array | null = null;
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let at = 0, bytes = 0;
  for (let from = 0; from < xs.length; from += STRING_CHUNK) {
    const parts: string[] = [];
    for (let i = from; i < Math.min(xs.length, from + STRING_CHUNK); i++) {
      const s = xs[i] ?? '';
      if (xs[i] === null) (nulls ??= new Uint8Array(new SharedArrayBuffer(xs.length)))[i] = 1;
      offsets[i] = at;
      at += s.length; // UTF-16 code units of the joined text
      parts.push(s);
    }
    // each chunk ends on a whole string, so the chunks' UTF-8 bytes concatenate to the whole text's
    const b = encoder.encode(parts.join(''));
    chunks.push(b);
    bytes += b.length;
    await pause();
  }
  offsets[xs.length] = at;
  const text = new Uint8Array(new SharedArrayBuffer(bytes));
  let k = 0;
  for (const b of chunks) { text.set(b, k); k += b.length; }
  return { [PACKED]: 'strings', text, offsets, nulls };
}

function packNumbers(xs: readonly (number | null)[]): PackedNumbers {
  const values = new Float64Array(new SharedArrayBuffer(8 * xs.length));
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (v === null) (nulls ??= new Uint8Array(new SharedArrayBuffer(xs.length)))[i] = 1; else values[i] = v;
  }
  return { [PACKED]: 'numbers', values, nulls };
}

const isTyped = (v: unknown): v is TypedArray => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/**
 * The shared form of `value` (see the module comment); `pause` is awaited between large arrays so that packing, done
 * once per resource on the main thread, does not hold the event loop in one piece. Maps, Sets and short arrays are
 * left to structured clone.
 */
export async function packShared(value: unknown, pause: () => Promise<void> = nextTurn): Promise<unknown> {
  if (isTyped(value)) {
    if (value.buffer instanceof SharedArrayBuffer) return value;
    const out = shared(value);
    if (value.length >= 1 << 16) await pause();
    return out;
  }
  if (Array.isArray(value)) {
    if (value.length >= MIN_PACKED_LENGTH) {
      if (value.every((v) => typeof v === 'string' || v === null)) return packStrings(value, pause);
      if (value.every((v) => typeof v === 'number' || v === null)) { const p = packNumbers(value); await pause(); return p; }
      // e.g. 20,000 stops' route ids: one small array each, cloned one by one, held the event loop ≈ 50–80 ms at every worker start
      if (value.every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
        const lists = value as string[][];
        const starts = new Int32Array(new SharedArrayBuffer(4 * (lists.length + 1)));
        for (let k = 0; k < lists.length; k++) starts[k + 1] = starts[k] + lists[k].length;
        const packed: PackedStringLists = { [PACKED]: 'stringLists', strings: await packStrings(lists.flat(), pause), starts };
        return packed;
      }
    }
    const out: unknown[] = [];
    for (const v of value) out.push(await packShared(v, pause));
    return out;
  }
  if (isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await packShared(v, pause);
    return out;
  }
  return value;
}

/** The plain value back from {@link packShared}'s form (in the worker): arrays rebuilt, typed arrays kept as shared views. */
export function unpackShared(value: unknown): unknown {
  if (isTyped(value) || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(unpackShared);
  const v = value as Record<string, unknown>;
  if (v[PACKED] === 'strings') {
    const { text, offsets, nulls } = v as unknown as PackedStrings;
    const all = new TextDecoder().decode(text.slice()); // decode() refuses views of shared memory: copy first
    const out: (string | null)[] = new Array(offsets.length - 1);
    for (let i = 0; i < out.length; i++) out[i] = nulls?.[i] ? null : all.slice(offsets[i], offsets[i + 1]);
    return out;
  }
  if (v[PACKED] === 'stringLists') {
    const { strings, starts } = v as unknown as PackedStringLists;
    const all = unpackShared(strings) as string[];
    const out: string[][] = new Array(starts.length - 1);
    for (let k = 0; k < out.length; k++) out[k] = all.slice(starts[k], starts[k + 1]);
    return out;
  }
  if (v[PACKED] === 'numbers') {
    const { values, nulls } = v as unknown as PackedNumbers;
    const out: (number | null)[] = new Array(values.length);
    for (let i = 0; i < out.length; i++) out[i] = nulls?.[i] ? null : values[i];
    return out;
  }
  if (!isPlain(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = unpackShared(x);
  return out;
}

const COLUMNS = '__columns';

/** Objects of one shape as one array per key (see {@link toColumns}). */
export interface Columns { [COLUMNS]: true; keys: string[]; columns: unknown[][] }

/**
 * Objects of one shape (the same keys in the same order: table rows, per-site stats) as one array per key, so that
 * {@link packShared} turns their strings and numbers into a few shared buffers instead of one cloned object each
 * (thousands of objects posted to or from a worker held the event loop 100–150 ms in the clone). Rows whose keys
 * differ from the first row's are returned as they are. {@link fromColumns} gives the same rows back (same key order).
 */
export function toColumns<T extends object>(rows: readonly T[]): Columns | readonly T[] {
  if (rows.length < MIN_PACKED_LENGTH) return rows;
  const keys = Object.keys(rows[0]);
  const columns: unknown[][] = keys.map(() => new Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as Record<string, unknown>;
    let n = 0;
    for (const k in r) { if (k !== keys[n]) return rows; n++; }
    if (n !== keys.length) return rows;
    for (let c = 0; c < keys.length; c++) columns[c][i] = r[keys[c]];
  }
  return { [COLUMNS]: true, keys, columns };
}

/** The rows of {@link toColumns} (or the rows it returned as they were). */
export function fromColumns<T>(c: Columns | readonly T[]): T[] {
  return Array.isArray(c) ? c as T[] : runSteps(rowsOfColumnsSteps(c as Columns)) as T[];
}

/** Rows {@link rowsOfColumnsSteps} rebuilds between two pauses (50,000 candidate sites at once: ≈ 15–30 ms). */
const ROWS_PER_STEP = 10_000;

/** The rows of a {@link Columns}, as a generator that yields every {@link ROWS_PER_STEP} rows rebuilt (core/steps.ts). */
function* rowsOfColumnsSteps({ keys, columns }: Columns): Steps<Record<string, unknown>[]> {
  const n = columns[0]?.length ?? 0;
  const rows: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) r[keys[k]] = columns[k][i];
    rows[i] = r;
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
  }
  return rows;
}

const isPlainRow = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * A value posted to or from a worker once (a validated request body, a task's input or answer) whose long arrays of
 * objects cross as columns: `value` with every array of {@link MIN_PACKED_LENGTH} or more plain objects of one shape,
 * at any depth, in {@link toColumns}'s form (its rows' own values converted first). Structured clone copies a few arrays
 * of strings and numbers much faster than as many objects: 50,000 candidate sites cloned as objects held the event
 * loop 50–90 ms. {@link fromColumnsDeep} gives back a value deeply equal to `value` (same keys in the same order).
 * Typed arrays, shared memory and other non-plain values are kept as they are (not copied).
 */
export function toColumnsDeep<T>(value: T): ColumnsDeep<T> {
  const deep = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(deep);
      return items.length >= MIN_PACKED_LENGTH && items.every(isPlainRow) ? toColumns(items as object[]) : items;
    }
    if (!isPlainRow(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = deep(x);
    return out;
  };
  return deep(value) as ColumnsDeep<T>;
}

/** A value in {@link toColumnsDeep}'s form (read it with {@link fromColumnsDeep}). */
export type ColumnsDeep<T> = { readonly columnsDeepOf: T };

/** The value {@link toColumnsDeep} was given (deeply equal: the rows rebuilt from their columns); `value`'s own arrays are reused. */
export function fromColumnsDeep<T>(value: ColumnsDeep<T>): T {
  return runSteps(fromColumnsDeepSteps(value));
}

/** {@link fromColumnsDeep} as a generator that yields every {@link ROWS_PER_STEP} rows rebuilt (core/steps.ts). */
function* fromColumnsDeepSteps<T>(value: ColumnsDeep<T>): Steps<T> {
  function* deep(v: unknown): Steps<unknown> {
    if (Array.isArray(v)) {
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) { const x = v[i]; out[i] = x !== null && typeof x === 'object' ? yield* deep(x) : x; }
      return out;
    }
    if (!isPlainRow(v)) return v;
    const o = v as Record<string, unknown>;
    if (o[COLUMNS] === true) {
      const c = o as unknown as Columns;
      // the columns were cloned for this call: their objects (rows nested in rows) are restored in place
      for (const col of c.columns) for (let i = 0; i < col.length; i++) { const x = col[i]; if (x !== null && typeof x === 'object') col[i] = yield* deep(x); }
      return yield* rowsOfColumnsSteps(c);
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = x !== null && typeof x === 'object' ? yield* deep(x) : x;
    return out;
  }
  return (yield* deep(value)) as T;
}

/** A value in {@link postedForm}'s form (read it with {@link fromPostedForm}). */
export type Posted<T> = { readonly postedFormOf: T };

/**
 * `value` ready to post once to or from a worker: {@link toColumnsDeep} (long arrays of objects as columns), then
 * {@link packShared} (long columns of strings and numbers in shared buffers: posted without a per-value clone). For
 * a worker's answer of many objects — a validated body's 50,000 candidate sites cloned as objects held the event loop
 * 50–90 ms on arrival. `pause` as in {@link packShared} (none by default: for a worker's side).
 */
export async function postedForm<T>(value: T, pause: () => Promise<void> = async () => undefined): Promise<Posted<T>> {
  return await packShared(toColumnsDeep(value), pause) as Posted<T>;
}

/**
 * The value {@link postedForm} was given (deeply equal), on the receiving side; `pause` awaited every 10,000 rows
 * rebuilt (by default a turn of the event loop: the receiver is the server's main thread).
 */
export async function fromPostedForm<T>(posted: Posted<T>, pause: () => Promise<unknown> = nextTurn): Promise<T> {
  return runStepsPaused(fromColumnsDeepSteps(unpackShared(posted) as ColumnsDeep<T>), pause);
}
