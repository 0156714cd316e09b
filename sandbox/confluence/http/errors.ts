// Error bodies shaped like each Confluence surface answers them. Handlers throw ApiError; the
// dispatcher renders it for the API family of the request (v2, v1 or the gateway itself).
import { STATUS_CODES } from 'node:http'

export type ErrorFamily = 'v1' | 'v2' | 'gateway'

const V2_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** v2 `code`; defaults from the status (INVALID_REQUEST_PARAMETER is used for bad parameters). */
    readonly code?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const badRequest = (message: string, code?: string) => new ApiError(400, message, code)
export const notFound = (message = 'Not Found') => new ApiError(404, message)
export const conflict = (message: string) => new ApiError(409, message)

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error'
}

export function errorBody(family: ErrorFamily, status: number, message: string, code?: string): unknown {
  if (family === 'gateway') return { code: status, message }
  if (family === 'v1') {
    return {
      statusCode: status,
      data: { authorized: status !== 401 && status !== 403, valid: true, errors: [], successful: false },
      message,
      reason: reasonPhrase(status),
    }
  }
  return { errors: [{ status, code: code ?? V2_CODES[status] ?? 'ERROR', title: message, detail: null }] }
}

/** Which envelope a site-relative path answers with. */
export function familyOf(path: string): ErrorFamily {
  return path.startsWith('/wiki/rest/') ? 'v1' : path.startsWith('/wiki/') ? 'v2' : 'gateway'
}
