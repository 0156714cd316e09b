// The store behind the persisted scopes (`user`, `global`) and the runtime's own records
// (rate-limit counters, OAuth states, locks). The in-memory store implements it here; SQLite and
// Redis backends implement the same interface.

import type { Segment } from '../paths.ts'

export type PatchType = 'replace' | 'merge' | 'push' | 'delete'

export interface DocPatch {
  type: PatchType
  path: Segment[]   // inside the document; [] is the whole document
  value?: unknown
}

export interface Store {
  /** A persisted document (a scope); `{}` when absent. */
  getDoc (namespace: string, id: string): Promise<Record<string, unknown>>
  /** Apply one patch atomically (no lost update under concurrent writers) and return the new document. */
  patchDoc (namespace: string, id: string, patch: DocPatch): Promise<Record<string, unknown>>
  /** Key-value records with an optional time to live. */
  get (key: string): Promise<unknown>
  set (key: string, value: unknown, ttlMs?: number): Promise<void>
  delete (key: string): Promise<boolean>
  /** Read and delete in one step (single-use records such as OAuth states). */
  take (key: string): Promise<unknown>
  /** Add `by` to a counter, creating it with `ttlMs` when absent; returns the new value and its remaining ttl. */
  incr (key: string, by: number, ttlMs: number): Promise<{ value: number, ttlMs: number }>
  close (): Promise<void>
}
