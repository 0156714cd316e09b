// In-memory store: one process, nothing survives a restart. Used by tests and `run` from the CLI.
import { randomUUID } from 'node:crypto'
import { applyPatch } from '../../core/apply-patch.ts'
import { LocalWaiters, waitForLock, type DocPatch, type Release, type Store } from '../../core/store.ts'

interface Entry {
  value: unknown
  expiresAt: number
}

export class MemoryStore implements Store {
  private readonly docs = new Map<string, { doc: Record<string, unknown>; expiresAt: number }>()
  private readonly kv = new Map<string, Entry>()
  private readonly locks = new Map<string, { token: string; expiresAt: number }>()
  private readonly waiters = new LocalWaiters()

  async getDoc(namespace: string, id: string): Promise<Record<string, unknown>> {
    const doc = this.liveDoc(`${namespace}\u0000${id}`)
    return doc ? structuredClone(doc) : {}
  }

  async patchDoc(namespace: string, id: string, patch: DocPatch, ttlMs?: number): Promise<Record<string, unknown>> {
    const key = `${namespace}\u0000${id}`
    // Synchronous read-modify-write: atomic within this process.
    const next = applyPatch(structuredClone(this.liveDoc(key) ?? {}), {
      ...patch,
      value: structuredClone(patch.value),
    })
    this.docs.set(key, { doc: next, expiresAt: ttlMs ? Date.now() + ttlMs : Infinity })
    return structuredClone(next)
  }

  private liveDoc(key: string): Record<string, unknown> | undefined {
    const entry = this.docs.get(key)
    if (entry && entry.expiresAt <= Date.now()) this.docs.delete(key)
    else return entry?.doc
  }

  async get(key: string): Promise<unknown> {
    return this.live(key)?.value
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.kv.set(key, { value: structuredClone(value), expiresAt: ttlMs ? Date.now() + ttlMs : Infinity })
  }

  async delete(key: string): Promise<boolean> {
    return this.kv.delete(key)
  }

  async take(key: string): Promise<unknown> {
    const e = this.live(key)
    this.kv.delete(key)
    return e?.value
  }

  async incr(key: string, by: number, ttlMs: number): Promise<{ value: number; ttlMs: number }> {
    const e = this.live(key) ?? { value: 0, expiresAt: Date.now() + ttlMs }
    e.value = (e.value as number) + by
    this.kv.set(key, e)
    return { value: e.value as number, ttlMs: Math.max(0, e.expiresAt - Date.now()) }
  }

  async lock(key: string, ttlMs: number, waitMs: number, signal?: AbortSignal): Promise<Release> {
    const token = randomUUID()
    await waitForLock(
      key,
      waitMs,
      () => {
        const held = this.locks.get(key)
        if (held && held.expiresAt > Date.now()) return false
        this.locks.set(key, { token, expiresAt: Date.now() + ttlMs })
        return true
      },
      this.waiters,
      signal,
    )
    return async () => {
      // Only our own lock: after expiry it may belong to someone else.
      if (this.locks.get(key)?.token !== token) return
      this.locks.delete(key)
      this.waiters.wake(key)
    }
  }

  async close(): Promise<void> {
    this.docs.clear()
    this.kv.clear()
    this.locks.clear()
  }

  private live(key: string): Entry | undefined {
    const e = this.kv.get(key)
    if (e && e.expiresAt <= Date.now()) {
      this.kv.delete(key)
      return undefined
    }
    return e
  }
}
