import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ImportError } from './errors';

/**
 * Decompress an `.xz` file into `cacheDir` (never beside the source: DATA_DIR is read-only) and return the
 * decompressed path. The output name carries the source's sha256 prefix, so a changed source gets a new
 * file and an unchanged one is reused. Writes to a temp name and renames, so a crash never leaves a torn file.
 * Uses the system `xz` when present (fast), else the `xz-decompress` library (WASM, streaming).
 * @throws ImportError naming the file when it is not valid xz.
 */
export async function decompressXz(src: string, cacheDir: string, sha256: string, displayName: string): Promise<string> {
  const base = path.basename(src).replace(/\.xz$/, '');
  const out = path.join(cacheDir, 'decompressed', `${sha256.slice(0, 16)}-${base}`);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.${Date.now()}.tmp`;
  try {
    if (hasSystemXz()) await systemXz(src, tmp);
    else await libraryXz(src, tmp);
    fs.renameSync(tmp, out);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new ImportError(displayName, undefined, undefined, `cannot decompress xz: ${(err as Error).message}`, { cause: err });
  }
  return out;
}

/** Is an `xz` binary on PATH (looked up per file: a few stat calls, once per compressed file)? */
function hasSystemXz(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, 'xz')));
}

/** Decompress with the system `xz -dc`, streamed to `dest`. Exported for tests. */
export async function systemXz(src: string, dest: string): Promise<void> {
  const { pipeline } = await import('node:stream/promises');
  const child = spawn('xz', ['-dc', src], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  await pipeline(child.stdout, fs.createWriteStream(dest));
  const code = await exited;
  if (code !== 0) throw new Error(stderr.trim() || `xz exited with code ${code}`);
}

/** Decompress with the `xz-decompress` library (WASM): the fallback where no system `xz` exists. Exported for tests. */
export async function libraryXz(src: string, dest: string): Promise<void> {
  const { XzReadableStream } = await import('xz-decompress');
  const { Readable, Writable } = await import('node:stream');
  const input = Readable.toWeb(fs.createReadStream(src)) as unknown as ReadableStream<Uint8Array>;
  const xz = new XzReadableStream(input);
  await xz.pipeTo(Writable.toWeb(fs.createWriteStream(dest)) as WritableStream<Uint8Array>);
}
