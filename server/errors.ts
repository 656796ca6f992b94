import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One body for every API error: `{ error: { code, message, issues?, file?, row?, field? } }`. */
export interface Problem {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; file?: string; row?: number; field?: string;
    /** The id the server logged the failure under (500/507 answers): quote it to the administrator. */
    requestId?: string };
}

/** An error the HTTP edge maps to a status and a {@link Problem} body. */
export class AppError extends Error {
  constructor(readonly status: ContentfulStatusCode, readonly code: string, message: string,
    readonly extra: Omit<Problem['error'], 'code' | 'message'> = {}) {
    super(message);
  }
  toProblem(): Problem {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/** 400 with the offending field named. */
export function badRequest(message: string, field?: string): AppError {
  return new AppError(400, 'bad_request', message, field ? { field, issues: [{ path: field, message }] } : {});
}

export function notFound(message: string): AppError {
  return new AppError(404, 'not_found', message);
}

/**
 * 503 `overloaded`: the server is busy (its compute queue or a caller's job quota is full); try again after
 * `retryAfterS` seconds (sent as `Retry-After`).
 */
export class OverloadedError extends AppError {
  constructor(message: string, readonly retryAfterS = 5) {
    super(503, 'overloaded', message);
  }
}
