import { randomBytes } from 'node:crypto';
import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, OverloadedError, badRequest, type Problem } from '../errors';
import { NetworkInputError } from '../../core/network/ownNetwork';
import { pacedJsonBytes } from './pacedJson';
import { chunkedBody } from './chunkedBody';

/** Variables every request carries (set by {@link requestIdMiddleware}). */
export interface RequestIdVariables { requestId: string }

/**
 * Give each request an id (`X-Request-Id` on the answer, `c.var.requestId`) — the key between a 500 answer and the
 * server log line holding its details. Always generated here (a client-sent id is not trusted into the log).
 */
export function requestIdMiddleware(): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async (c, next) => {
    const id = randomBytes(6).toString('hex');
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}

/** True when `err` (or its cause) says the disk is full: DuckDB "No space left on device", Node `ENOSPC`, quota. */
export function isDiskFull(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === 'ENOSPC' || e.code === 'EDQUOT') return true;
    if (typeof e.message === 'string' && /No space left on device|disk quota exceeded|ENOSPC/i.test(e.message)) return true;
  }
  return false;
}

/**
 * The app's error handler: every failure becomes a {@link Problem} and NO answer carries internals (messages of
 * unexpected errors, paths, stack traces stay in the server log, under the request id the answer names).
 * - NetworkInputError (core/network/ownNetwork.ts) → 400 naming its field.
 * - AppError → its status and body (503 `overloaded` adds `Retry-After`); a 5xx AppError keeps its code, not its message.
 * - HTTPException (Hono middleware) → its status, its message.
 * - Disk full (DuckDB "No space left on device", ENOSPC) → 507 `insufficient_storage`: nothing was saved.
 * - Anything else → 500 `internal` with `requestId`.
 * `log` receives one line per 500/507 (default console.error).
 */
export function problemHandler(log: (line: string, err: unknown) => void = (l, e) => console.error(l, e)): ErrorHandler {
  return (err, c: Context) => {
    if (err instanceof OverloadedError) c.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterS))));
    if (err instanceof AppError && (err.status < 500 || err.status === 503 || err.status === 507)) {
      // a refused import's report (100,000 bad rows: 16 MB) is sent as the bytes the worker wrote, in pieces
      if (err.pacedProblem) return pacedJsonBytes(err.toProblem()).then((bytes) => c.body(chunkedBody(bytes), err.status, { 'content-type': 'application/json' }));
      return c.json(err.toProblem(), err.status);
    }
    if (err instanceof NetworkInputError) return c.json(badRequest(err.message, err.field).toProblem(), 400);
    if (err instanceof HTTPException) {
      const body: Problem = { error: { code: 'http_error', message: err.message || 'HTTP error' } };
      return c.json(body, err.status);
    }
    const requestId = (c.get('requestId' as never) as string | undefined) ?? randomBytes(6).toString('hex');
    if (isDiskFull(err)) {
      log(`[${requestId}] ${c.req.method} ${c.req.path} → 507 disk full:`, err);
      const body: Problem = { error: { code: 'insufficient_storage', requestId,
        message: `The server's disk is full: nothing was saved. Ask the administrator to free disk space (request id ${requestId}).` } };
      return c.json(body, 507);
    }
    log(`[${requestId}] ${c.req.method} ${c.req.path} → 500:`, err);
    const body: Problem = { error: { code: err instanceof AppError ? err.code : 'internal', requestId,
      message: `Internal server error (request id ${requestId}); the details are in the server log.` } };
    return c.json(body, 500);
  };
}
