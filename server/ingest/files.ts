import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** sha256 (hex) and size in bytes of one file, streamed. */
export async function fileChecksum(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Escape a string as an SQL string literal (file paths passed to read_csv / read_json). */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** Path relative to the data dir, with forward slashes (how files are named in errors and the catalog). */
export function relPath(dataDir: string, file: string): string {
  return path.relative(dataDir, file).split(path.sep).join('/');
}
