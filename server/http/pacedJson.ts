import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { nextTurn } from '../eventLoop';
import { chunkedBody } from './chunkedBody';

/** Elements of a long array stringified in one piece by {@link pacedJsonBytes} (2,000 outlets: ≈ 650 KB, 3–6 ms). */
export const JSON_SLICE_ELEMENTS = 2_000;

/**
 * A value already written as JSON (the UTF-8 bytes of its text): {@link pacedJsonBytes} copies the bytes into its
 * answer as they are, where the value itself would have been stringified. For large parts built elsewhere — an
 * upload's validation report written as JSON by the compute worker that parsed it, or read back from the database —
 * so the main thread neither parses nor stringifies them. The bytes must be valid JSON (not checked). Recognised as
 * the whole value or as the value of a key of a plain object (not inside an array: arrays are stringified by slices).
 */
export class JsonBytes {
  /** @param bytes the text's UTF-8 bytes, in one piece or several (written one after the other). */
  constructor(readonly bytes: Uint8Array | readonly Uint8Array[]) {}
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
};

/**
 * The UTF-8 bytes of `JSON.stringify(value)`, built in pieces with `pause()` awaited between them (by default a turn of
 * the event loop), so a large answer — a map layer over the whole country: 60,000 points, 2–7 MB — does not hold the
 * event loop in one piece (issue 11: `/api/health` under 100 ms while any request runs). Arrays longer than
 * {@link JSON_SLICE_ELEMENTS} are stringified a slice at a time, plain objects key by key; everything else (strings,
 * numbers, short arrays, typed arrays, values with `toJSON`) by `JSON.stringify` itself. The bytes are those of
 * `JSON.stringify(value)` for any value it accepts (keys whose value is undefined, a function or a symbol are left
 * out as it leaves them out; such array elements become null). A streaming library (json-stream-stringify 3.1.7) was
 * measured first: 20,000 outlets took 533 ms against 32 ms native, and it never let a timer run in between.
 * `sliceElements` sets the slice for arrays of large elements (forecast-mode sites: ≈ 6 KB each). A {@link JsonBytes}
 * (as `value` or a plain object's key's value) is written as its bytes.
 * @throws TypeError as `JSON.stringify` (a cycle, a BigInt), or what `pause` throws.
 */
export async function pacedJsonBytes(value: unknown, pause: () => Promise<unknown> = nextTurn, sliceElements = JSON_SLICE_ELEMENTS): Promise<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let pending = '';
  const path = new Set<object>(); // the objects being written, to refuse a cycle as JSON.stringify does
  const flush = () => { if (pending) { chunks.push(encoder.encode(pending)); pending = ''; } };
  const write = async (v: unknown): Promise<void> => {
    if (v instanceof JsonBytes) {
      flush();
      if (v.bytes instanceof Uint8Array) chunks.push(v.bytes);
      else chunks.push(...v.bytes);
    } else if (Array.isArray(v) && v.length > sliceElements) {
      pending += '[';
      for (let i = 0; i < v.length; i += sliceElements) {
        const s = JSON.stringify(v.slice(i, i + sliceElements));
        pending += (i ? ',' : '') + s.slice(1, -1);
        flush();
        await pause();
      }
      pending += ']';
    } else if (isPlainObject(v)) {
      if (path.has(v)) throw new TypeError('Converting circular structure to JSON');
      path.add(v);
      pending += '{';
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        pending += (first ? '' : ',') + JSON.stringify(k) + ':';
        first = false;
        await write(x);
      }
      pending += '}';
      path.delete(v);
    } else {
      pending += JSON.stringify(v);
    }
  };
  await write(value);
  flush();
  let bytes = 0;
  for (const c of chunks) bytes += c.byteLength;
  const out = new Uint8Array(bytes);
  let at = 0, sincePause = 0;
  for (const c of chunks) {
    // copied COPY_BYTES_PER_TURN at a time: a forecast-mode NYC grid's 45 MB in one copy held the event loop 50–200 ms
    if (sincePause >= COPY_BYTES_PER_TURN) { sincePause = 0; await pause(); }
    out.set(c, at); at += c.byteLength; sincePause += c.byteLength;
  }
  return out;
}

/** Bytes {@link pacedJsonBytes} copies into its answer between two pauses. */
const COPY_BYTES_PER_TURN = 4 * 1024 * 1024;

/**
 * Answer `body` as JSON (status 200, `application/json`) the way `c.json` does, but encoded by {@link pacedJsonBytes}
 * and sent in slices ({@link chunkedBody}): for answers of megabytes (map layers over the whole country).
 * Typed as `c.json`'s answer, so typed clients read it unchanged. `sliceElements` as in {@link pacedJsonBytes}.
 */
export async function pacedJson<T>(c: Context, body: T, sliceElements = JSON_SLICE_ELEMENTS): Promise<TypedResponse<JSONParsed<T>, 200, 'json'>> {
  const bytes = await pacedJsonBytes(body, nextTurn, sliceElements);
  return c.body(chunkedBody(bytes), 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
}
