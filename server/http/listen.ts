import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { ServerOptions } from 'node:http';

/**
 * Node HTTP server options against slow clients: a client gets 10 s to send its headers and 60 s for the whole
 * request (headers + body; the answer's computation is not counted), checked every 2 s. A socket that trickles a
 * body byte by byte is cut off instead of being held open for minutes (Node's defaults are 60 s and 300 s).
 */
export const SERVER_OPTIONS: ServerOptions = {
  headersTimeout: 10_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 2_000,
};

/** The port is taken: one line to print, no stack trace. */
export class PortInUseError extends Error {
  constructor(readonly host: string, readonly port: number) {
    super(`Port ${port} on ${host} is already in use (is Outlet Planner already running?): stop that process or start with PORT=<another port>.`);
  }
}

/**
 * Make sure `host:port` can be bound, BEFORE the slow first-run import starts (bind a probe socket, then close it).
 * @throws PortInUseError (EADDRINUSE), or the bind error naming host and port (EACCES, EADDRNOTAVAIL …).
 */
export function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new PortInUseError(host, port));
      else reject(new Error(`Cannot listen on ${host}:${port}: ${err.code ?? err.message}`));
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** True when a process with this pid is alive (signal 0 probe). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove temp files a killed process left in the cache folder: `<name>.<pid>.<time>.tmp` (xz decompression,
 * server/ingest/xz.ts) and `<name>.<pid>.<rand>.building` (+ `.wal`) import caches, when their pid is no longer alive.
 * Files of a live process (a concurrent `npm run data:import`) are left alone.
 * @returns the paths removed.
 */
export function cleanLeftoverTempFiles(cacheDir: string): string[] {
  const removed: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (depth < 3) walk(p, depth + 1); continue; }
      const m = /\.(\d+)\.[0-9a-z]+\.(tmp|building)(\.wal)?$/.exec(e.name);
      if (!m || (Number(m[1]) !== process.pid && pidAlive(Number(m[1])))) continue; // at start, our own pid is a reused one
      fs.rmSync(p, { force: true });
      removed.push(p);
    }
  };
  walk(cacheDir, 0);
  return removed;
}
