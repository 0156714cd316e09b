// Work stops when nobody waits for it (docs/serving.md "Cancellation"). A tool call or webhook whose
// client closed the HTTP request before the answer, or a tool call the client cancelled with MCP's
// `notifications/cancelled`, is cancelled: its run's fetches, conversions, waits and remaining
// instructions stop (run-context.ts Cancellation), and it is counted as cancelled, not as an error.
//
// The server is stateless: a cancellation arrives on its own POST, so the calls in flight are kept
// here, by workspace, credential and JSON-RPC id. A client's ids are only unique to that client, and
// clients sharing one key may reuse them: an id that matches two calls in flight cancels neither.

import type { FastifyReply, FastifyRequest } from 'fastify'
import { Cancellation } from '../core/run-context.ts'

export const DISCONNECTED = 'the client closed the connection before the answer'
export const CANCELLED_BY_CLIENT = 'the client sent notifications/cancelled'

/** How a call was cancelled, for the metrics (ops.ts `confluence_next_cancelled_calls_total`). */
export function cancelledHow(reason: string | undefined): 'disconnected' | 'notification' {
  return reason === CANCELLED_BY_CLIENT ? 'notification' : 'disconnected'
}

/**
 * Cancel when the exchange ends before the answer is written: the client aborted its request or its
 * socket closed. After a complete answer `close` fires too, with the response finished: no effect.
 */
export function cancelOnDisconnect(reply: FastifyReply, cancellation: Cancellation): void {
  const res = reply.raw
  res.once('close', () => {
    if (!res.writableFinished) cancellation.cancel(DISCONNECTED)
  })
}

type RequestId = string | number

declare module 'fastify' {
  interface FastifyRequest {
    /** The tool call's cancellation, set by CallsInFlight.watch. */
    cancellation: Cancellation | null
  }
}

/** The `tools/call` calls of this server that are in flight, for `notifications/cancelled`. */
export class CallsInFlight {
  private readonly calls = new Map<string, Cancellation[]>()

  /** A call starts: its cancellation, and what to run when it is answered (or abandoned). */
  open(workspace: string, req: FastifyRequest, id: RequestId): { cancellation: Cancellation; close: () => void } {
    const key = keyOf(workspace, req, id)
    const cancellation = new Cancellation()
    const list = this.calls.get(key)
    if (list) list.push(cancellation)
    else this.calls.set(key, [cancellation])
    const close = (): void => {
      const now = this.calls.get(key)
      if (!now) return
      const i = now.indexOf(cancellation)
      if (i >= 0) now.splice(i, 1)
      if (now.length === 0) this.calls.delete(key)
    }
    return { cancellation, close }
  }

  /**
   * `notifications/cancelled` for `id`: cancels the one call in flight it names (from the same
   * credential, on the same workspace); false when none matches, or more than one (ambiguous).
   */
  cancel(workspace: string, req: FastifyRequest, id: RequestId): boolean {
    const list = this.calls.get(keyOf(workspace, req, id))
    if (list?.length !== 1) return false
    list[0].cancel(CANCELLED_BY_CLIENT)
    return true
  }

  /**
   * What the MCP endpoint does with each POST: a `notifications/cancelled` cancels the call it names;
   * a `tools/call` is registered, cancelled if the client disconnects, and handed its cancellation
   * (`req.cancellation`). Returns what to run once the request is answered.
   */
  watch(workspace: string, req: FastifyRequest, reply: FastifyReply, body: unknown): (() => void) | undefined {
    const method = (body as { method?: unknown } | null)?.method
    if (method === 'notifications/cancelled' || Array.isArray(body)) {
      for (const id of cancelledIds(body)) this.cancel(workspace, req, id)
      return undefined
    }
    const id = (body as { id?: unknown }).id
    if (method !== 'tools/call' || (typeof id !== 'string' && !Number.isInteger(id))) return undefined
    const { cancellation, close } = this.open(workspace, req, id as RequestId)
    cancelOnDisconnect(reply, cancellation)
    req.cancellation = cancellation
    return close
  }

  /** Calls in flight (tests). */
  get size(): number {
    return this.calls.size
  }
}

/**
 * Who may cancel a call: the same credential (the Authorization header as sent: kept in memory for
 * the call's duration only, never logged), on the same workspace. The id's type is part of it
 * (JSON-RPC ids 1 and "1" differ).
 */
function keyOf(workspace: string, req: FastifyRequest, id: RequestId): string {
  return `${workspace}\0${req.headers.authorization ?? ''}\0${typeof id}:${id}`
}

/** The request ids a body cancels: one `notifications/cancelled`, or those of a (2025-03-26) batch. */
export function cancelledIds(body: unknown): RequestId[] {
  const out: RequestId[] = []
  for (const m of Array.isArray(body) ? body : [body]) {
    if (m === null || typeof m !== 'object') continue
    const { method, params, id } = m as { method?: unknown; params?: { requestId?: unknown }; id?: unknown }
    if (method !== 'notifications/cancelled' || id !== undefined) continue
    const requestId = params?.requestId
    if (typeof requestId === 'string' || Number.isInteger(requestId)) out.push(requestId as RequestId)
  }
  return out
}
