import { Gunzip, Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { refusalError, type AppError } from '../errors';
import { refusal, type RefusalCode, type RefusalParam } from '../../core/datasets/refusals';

/** Limits on what an upload may expand to (decompression bombs). */
export interface ArchiveLimits {
  /** Total decompressed bytes of all entries. */
  maxBytes: number;
  /** Entries in one zip. */
  maxEntries: number;
}

/** 1 GiB decompressed and 2,000 entries: far above a state's LODES crosswalk or a large agency's GTFS feed. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxBytes: 1024 ** 3, maxEntries: 2000 };

/** 400 (bad archive) or 413 (too large once decompressed), naming the file and the entry (core/datasets/refusals.ts). */
function refuse(status: 400 | 413, file: string, code: RefusalCode, params: Record<string, RefusalParam> = {}): AppError {
  return refusalError(status, status === 413 ? 'too_large' : 'bad_archive', refusal(code, { file, ...params }), { field: 'file' });
}

/** Is this entry name unsafe to use as a path (`..` segments, absolute paths, drive letters)? */
export function unsafeEntryName(name: string): boolean {
  const n = name.replaceAll('\\', '/');
  return n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').includes('..');
}

/**
 * Unzip an upload in memory with fflate's streaming inflater, refusing — before anything is imported — an entry
 * whose name holds `..` or is absolute, more than `limits.maxEntries` entries, and more than `limits.maxBytes`
 * decompressed bytes in all (counted as the data inflates, so a lying header cannot slip past). Folders and
 * macOS resource forks (`__MACOSX/`) are left out.
 * @returns entry name → bytes, in archive order.
 * @throws AppError 400 (unsafe name, unreadable zip) or 413 (too large decompressed), field `file`.
 */
export function unzipSafe(bytes: Uint8Array, file: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Map<string, Uint8Array> {
  if (!isZip(bytes)) throw refuse(400, file, 'notZip');
  const out = new Map<string, Uint8Array>();
  let total = 0;
  let entries = 0;
  let failure: AppError | null = null;
  const uz = new Unzip();
  uz.register(UnzipInflate);
  uz.onfile = (f: UnzipFile) => {
    if (failure) return;
    if (unsafeEntryName(f.name)) {
      failure = refuse(400, file, 'unsafeEntry', { entry: f.name });
      return;
    }
    if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/')) return;
    if (++entries > limits.maxEntries) {
      failure = refuse(413, file, 'tooManyEntries', { max: limits.maxEntries });
      return;
    }
    const chunks: Uint8Array[] = [];
    f.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) { failure = refuse(400, file, 'entryUnreadable', { entry: f.name, detail: err.message }); return; }
      total += chunk.length;
      if (total > limits.maxBytes) {
        failure = refuse(413, file, 'zipTooLarge', { max: limits.maxBytes.toLocaleString('en-US') });
        f.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) out.set(f.name, concat(chunks));
    };
    f.start();
  };
  const step = 1 << 20;
  try {
    for (let o = 0; o < bytes.length && !failure; o += step) uz.push(bytes.subarray(o, Math.min(bytes.length, o + step)), o + step >= bytes.length);
  } catch (err) {
    if (!failure) failure = refuse(400, file, 'zipUnreadable', { detail: (err as Error).message });
  }
  if (failure) throw failure;
  return out;
}

/**
 * Gunzip with the same decompressed-size guard as {@link unzipSafe}.
 * @throws AppError 400 (not gzip) or 413 (too large decompressed), field `file`.
 */
export function gunzipSafe(bytes: Uint8Array, file: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let failure: AppError | null = null;
  const gz = new Gunzip((chunk) => {
    if (failure) return;
    total += chunk.length;
    if (total > limits.maxBytes) failure = refuse(413, file, 'gzipTooLarge', { max: limits.maxBytes.toLocaleString('en-US') });
    else chunks.push(chunk);
  });
  const step = 1 << 20;
  try {
    for (let o = 0; o < bytes.length && !failure; o += step) gz.push(bytes.subarray(o, Math.min(bytes.length, o + step)), o + step >= bytes.length);
  } catch (err) {
    if (!failure) failure = refuse(400, file, 'gzipUnreadable', { detail: (err as Error).message });
  }
  if (failure) throw failure;
  return concat(chunks);
}

/** Zip local-file header magic `PK\x03\x04` (an empty zip starts with `PK\x05\x06`). */
export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

/** Gzip magic `1f 8b`. */
export function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const n = chunks.reduce((a, c) => a + c.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
