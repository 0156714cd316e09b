// The framework-independent response a dispatch produces; app.ts writes it to the socket.
import { randomBytes } from 'node:crypto'

export type Outgoing =
  | { kind: 'json'; status: number; headers: Record<string, string>; payload?: string }
  | { kind: 'binary'; status: number; headers: Record<string, string>; data: Buffer }
  | { kind: 'reset' }

/** The `atl-traceid` every Confluence response carries. */
export function traceId(): string {
  return randomBytes(8).toString('hex')
}

/** A JSON response (serialised once) with Confluence's content type and a trace id. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Outgoing {
  const base = { 'atl-traceid': traceId(), ...headers }
  if (body === undefined) return { kind: 'json', status, headers: base }
  return {
    kind: 'json',
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...base },
    payload: JSON.stringify(body),
  }
}
