// The codes of the server's own HTTP refusals, in one table (docs/serving.md "HTTP errors" mirrors it;
// test/errors-documented.test.ts keeps the two in step and finds every code the server sends). Every
// error body is `{ error, message }` built by errorBody, whether the code is one of these, a runtime
// code (errors.ts), a config API code (tenants.ts) or a `fail` reason an automation chose.
import type { ErrorCode } from '../core/errors.ts'
import type { TenantErrorCode } from '../tenants/registry.ts'

export const HTTP_ERRORS = {
  INVALID_REQUEST: { status: 400, when: 'the request is not what the route takes (its body, its parameters)' },
  UNAUTHORIZED: { status: 401, when: 'no credential, or one that is not valid here (with `WWW-Authenticate`)' },
  FORBIDDEN: {
    status: 403,
    when: 'the caller is known but may not do this (a disabled API, a foreign Host on loopback)',
  },
  CSRF: { status: 403, when: 'a state-changing app request without its CSRF token, from another origin, or not JSON' },
  NOT_FOUND: { status: 404, when: 'no such route, webhook, workspace or file' },
  TOO_LARGE: { status: 413, when: 'the body is larger than the server accepts' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, when: 'a body of a content type the route does not read' },
  RATE_LIMITED: { status: 429, when: 'too many attempts (failed sign-ins)' },
  INTERNAL: { status: 500, when: 'a bug; the message has only a correlation id, the log has the rest' },
  SHUTTING_DOWN: { status: 503, when: 'the instance is draining (with `Retry-After: 1`): retry elsewhere' },
} as const satisfies Record<string, { status: number; when: string }>

export type HttpErrorCode = keyof typeof HTTP_ERRORS

export interface ErrorBody {
  error: string
  message: string
  [extra: string]: unknown
}

/**
 * The one shape of an HTTP error body. `code` is typed so that a new literal code must be added to a
 * table first; a `fail` reason (chosen by an automation, tabled in docs/connector.md) is passed as
 * `reason(...)`.
 */
export function errorBody(
  code: HttpErrorCode | ErrorCode | TenantErrorCode | FailReason,
  message: string,
  extra: Record<string, unknown> = {},
): ErrorBody {
  return { error: code, message, ...extra }
}

/** A `fail` instruction's reason, which the automation chose (checked by the connector's tables). */
export type FailReason = string & { readonly failReason: unique symbol }

export function reason(text: string): FailReason {
  return text as FailReason
}

/** A JSON-RPC error response (the MCP routes answer refusals in this shape, not errorBody's). */
export function rpcError(code: number, message: string, id: string | number | null = null): object {
  return { jsonrpc: '2.0', error: { code, message }, id }
}

/** The status of a server refusal code. */
export function httpStatus(code: HttpErrorCode): number {
  return HTTP_ERRORS[code].status
}

/**
 * The code for a 4xx/5xx fastify raised itself (a body it could not parse, one too large): fastify's
 * own `FST_ERR_…` codes are its internals, never a caller's contract.
 */
export function frameworkErrorCode(status: number): HttpErrorCode {
  if (status === 413) return 'TOO_LARGE'
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE'
  if (status >= 500) return 'INTERNAL'
  return 'INVALID_REQUEST'
}
