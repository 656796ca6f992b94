import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { fileChecksum } from './files';

/**
 * How a file's rows are counted (data/sources.json `count`):
 * - `csv`: lines after the header (LF or CRLF; `.xz`/`.gz` decompressed on the fly; valid because
 *   SOURCE.md states these files have no embedded newlines);
 * - `json-lines`: objects of a JSON array written one per line, as the MTA package does (`.gz` ok);
 * - `json`: length of a JSON array (parsed);
 * - `columns:<key>`: length of the array `<key>` of a column-oriented JSON object;
 * - `topojson:<object>`: geometries of a TopoJSON object.
 */
export type RowCountKind = 'csv' | 'json-lines' | 'json' | `columns:${string}` | `topojson:${string}`;

/** One file as recorded in data/sources.json (facts from its folder's SOURCE.md). */
export interface SourceFile {
  path: string;
  bytes: number;
  sha256: string;
  /** Row count stated in SOURCE.md, or null when it states none (binary files). */
  rows: number | null;
  count: RowCountKind | null;
  /** Direct download URL of this exact file, where one exists (else see the dataset's origin). */
  url?: string;
}

export interface SourceDataset {
  id: string;
  folder: string;
  title: string;
  /** Public origin(s) of the files: repository or package, commit or version, and a URL. */
  origin: { description: string; url: string; fetch?: { url: string; file: string }[] }[];
  license: string;
  files: SourceFile[];
}

export interface SourcesManifest {
  description: string;
  datasets: SourceDataset[];
}

/** Result of checking one file. */
export interface FileCheck {
  file: string;
  ok: boolean;
  problems: string[];
  /** Measured values (absent when the file is missing). */
  bytes?: number;
  sha256?: string;
  rows?: number | null;
}

/** Read data/sources.json. */
export function loadSourcesManifest(file: string): SourcesManifest {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SourcesManifest;
}

function decompressed(file: string): Readable {
  if (file.endsWith('.gz')) return fs.createReadStream(file).pipe(zlib.createGunzip());
  if (file.endsWith('.xz')) {
    const child = spawn('xz', ['-dc', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    return child.stdout;
  }
  return fs.createReadStream(file);
}

/** Count a file's rows the way `kind` says (see {@link RowCountKind}). */
export async function countRows(file: string, kind: RowCountKind): Promise<number> {
  if (kind === 'csv' || kind === 'json-lines') {
    const lines = readline.createInterface({ input: decompressed(file), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      if (kind === 'csv') {
        if (line.length > 0) n++;
      } else if (line.startsWith('{')) n++;
    }
    return kind === 'csv' ? Math.max(0, n - 1) : n;
  }
  const chunks: Buffer[] = [];
  for await (const c of decompressed(file)) chunks.push(c as Buffer);
  const json = JSON.parse(Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''));
  if (kind === 'json') return (json as unknown[]).length;
  const [how, key] = kind.split(':');
  if (how === 'columns') return (json[key] as unknown[]).length;
  if (how === 'topojson') return (json.objects[key].geometries as unknown[]).length;
  throw new Error(`unknown row count kind ${kind}`);
}

/**
 * Check every file of the manifest (or of the datasets named in `only`) under `dataDir`: it exists, its
 * size and sha256 equal the recorded ones, and its row count equals the SOURCE.md figure.
 * @returns one {@link FileCheck} per file, in manifest order; `ok` false names what differs.
 */
export async function verifyData(dataDir: string, manifest: SourcesManifest, opts: { only?: string[]; onFile?: (c: FileCheck) => void } = {}): Promise<FileCheck[]> {
  const out: FileCheck[] = [];
  for (const ds of manifest.datasets) {
    if (opts.only && !opts.only.includes(ds.id)) continue;
    for (const f of ds.files) {
      const rel = `${ds.folder}/${f.path}`;
      const abs = path.join(dataDir, rel);
      const check: FileCheck = { file: rel, ok: true, problems: [] };
      if (!fs.existsSync(abs)) {
        check.ok = false;
        check.problems.push('missing');
      } else {
        const { sha256, bytes } = await fileChecksum(abs);
        check.sha256 = sha256;
        check.bytes = bytes;
        if (bytes !== f.bytes) check.problems.push(`size ${bytes} bytes, expected ${f.bytes}`);
        if (sha256 !== f.sha256) check.problems.push(`sha256 ${sha256}, expected ${f.sha256}`);
        if (f.count && f.rows !== null) {
          try {
            check.rows = await countRows(abs, f.count);
            if (check.rows !== f.rows) check.problems.push(`${check.rows} rows, expected ${f.rows}`);
          } catch (err) {
            check.problems.push(`cannot count rows: ${(err as Error).message}`);
          }
        }
        check.ok = check.problems.length === 0;
      }
      opts.onFile?.(check);
      out.push(check);
    }
  }
  return out;
}
