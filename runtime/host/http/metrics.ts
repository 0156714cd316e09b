// Outbound HTTP counters for the serving layer's metrics (docs/fetch.md "Observability"). Process-wide
// on purpose: one scrape covers every workspace. Events carry no URL path, query or header, only the
// origin, so nothing a builder put in a URL can leak through them.
import { EventEmitter } from 'node:events'

export const httpStats = {
  /** Attempts sent (a retried fetch counts once per attempt). */
  requests: 0,
  /** Attempts that were retries (requests - retries = fetch instructions that reached the network). */
  retries: 0,
  /** Attempts that ended without a response (timeout, connection error). */
  failures: 0,
}

export interface HttpAttemptEvent {
  workspace: string
  method: string
  origin: string
  /** 1 for the first attempt. */
  attempt: number
  /** The response status, absent when the attempt failed. */
  status?: number
  /** The error code when the attempt failed (FETCH_TIMEOUT, FETCH_CONNECTION, …). */
  code?: string
  durationMs: number
}

/** A retry about to wait: what made the attempt before it fail (its status, or its error code). */
export interface HttpRetryEvent {
  workspace: string
  origin: string
  cause: string
}

/**
 * Emits `attempt` (HttpAttemptEvent) after every attempt and `retry` (HttpRetryEvent) before every
 * retry's wait. Built only when someone listens.
 */
export const httpEvents = new EventEmitter()
httpEvents.setMaxListeners(0)

export function recordAttempt(event: () => HttpAttemptEvent, retry: boolean, failed: boolean): void {
  httpStats.requests++
  if (retry) httpStats.retries++
  if (failed) httpStats.failures++
  if (httpEvents.listenerCount('attempt') > 0) httpEvents.emit('attempt', event())
}

export function recordRetry(event: () => HttpRetryEvent): void {
  if (httpEvents.listenerCount('retry') > 0) httpEvents.emit('retry', event())
}
