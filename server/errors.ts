import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { refusalMessage, type RefusalText } from '../core/datasets/refusals';

/**
 * One body for every API error: `{ error: { code, message, issues?, file?, row?, field?, messageCode?, params? } }`.
 * `messageCode` and `params` name the message's template (a dataset import's whole-file refusals:
 * core/datasets/refusals.ts) so that a client can write it in its own language; `message` is the English text.
 */
export interface Problem {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; file?: string; row?: number; field?: string;
    messageCode?: string; params?: RefusalText['params'];
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
  /** The problem body holds pre-encoded JSON parts (server/http/pacedJson.ts JsonBytes) and is written paced. */
  get pacedProblem(): boolean {
    return false;
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

/**
 * An error whose message is a dataset import's whole-file refusal (core/datasets/refusals.ts): the English message
 * from its template, and the body's `messageCode` / `params` for the client to write it in the UI language.
 */
export function refusalError(status: ContentfulStatusCode, code: string, text: RefusalText, extra: Omit<Problem['error'], 'code' | 'message'> = {}): AppError {
  return new AppError(status, code, refusalMessage(text), { ...extra, messageCode: text.code, params: text.params });
}

/** {@link badRequest} for a dataset import's refusal (core/datasets/refusals.ts), with its `messageCode` and `params`. */
export function badRequestText(text: RefusalText, field: string): AppError {
  const message = refusalMessage(text);
  return new AppError(400, 'bad_request', message, { field, issues: [{ path: field, message }], messageCode: text.code, params: text.params });
}
