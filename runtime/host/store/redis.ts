// The shared store for several runtime instances (REDIS_URL). Values are AES-GCM blobs (crypto.ts),
// which Redis cannot merge, so a patch is an optimistic read-modify-write: read the document and its
// version, patch and re-encrypt here, then a Lua compare-and-set writes it only if the version is
// unchanged, else retry. Patches of one document from this process queue up first, so retries only
// happen between processes. Counters (INCRBYFLOAT + PEXPIRE) and lock tokens are not secret: plain.
import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { applyPatch } from '../../core/apply-patch.ts'
import { docAad, kvAad, reseal, type Envelope } from './crypto.ts'
import { LocalWaiters, waitForLock, type DocPatch, type Release, type Store } from '../../core/store.ts'

const SCRIPTS = {
  // KEYS[1] doc hash {v, d}; ARGV[1] the version read ('' when absent); ARGV[2] the new blob;
  // ARGV[3] the time to live in ms after this write ('': none, 'keep': unchanged, for re-encryption).
  cnCas: `local v = redis.call('HGET', KEYS[1], 'v')
    if (v or '') ~= ARGV[1] then return 0 end
    redis.call('HSET', KEYS[1], 'v', (tonumber(v) or 0) + 1, 'd', ARGV[2])
    if ARGV[3] == '' then redis.call('PERSIST', KEYS[1])
    elseif ARGV[3] ~= 'keep' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
    return 1`,
  // KEYS[1] counter; ARGV[1] by; ARGV[2] ttl ms (set only when the counter is new).
  cnIncr: `local n = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
    local ttl = redis.call('PTTL', KEYS[1])
    if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
    return {n, ttl}`,
  // Release only our own lock: after expiry it may be someone else's.
  cnUnlock: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
    return 0`,
  // Replace a value only if unchanged, keeping its ttl (re-encryption).
  cnSwap: `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL'); return 1 end
    return 0`,
} as const

type Scripts = {
  cnCas(key: string, version: string, blob: Buffer, ttlMs: string): Promise<number>
  cnIncr(key: string, by: number, ttlMs: number): Promise<[string, number]>
  cnUnlock(key: string, token: string): Promise<number>
  cnSwap(key: string, old: Buffer, blob: Buffer): Promise<number>
}

const MAX_CAS_ATTEMPTS = 200

export class RedisStore implements Store {
  readonly redis: Redis & Scripts
  private readonly waiters = new LocalWaiters()
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(
    redis: Redis,
    private envelope: Envelope,
    readonly prefix = 'cn:',
  ) {
    for (const [name, lua] of Object.entries(SCRIPTS)) redis.defineCommand(name, { numberOfKeys: 1, lua })
    this.redis = redis as Redis & Scripts
  }

  async getDoc(namespace: string, id: string): Promise<Record<string, unknown>> {
    const blob = await this.redis.hgetBuffer(this.docKey(namespace, id), 'd')
    return blob ? (this.envelope.open(blob, docAad(namespace, id)) as Record<string, unknown>) : {}
  }

  patchDoc(namespace: string, id: string, patch: DocPatch, ttlMs?: number): Promise<Record<string, unknown>> {
    const key = this.docKey(namespace, id)
    return this.serialize(key, async () => {
      const aad = docAad(namespace, id)
      for (let attempt = 1; ; attempt++) {
        const [v, d] = await this.redis.hmgetBuffer(key, 'v', 'd')
        const next = applyPatch(d ? (this.envelope.open(d, aad) as Record<string, unknown>) : {}, {
          ...patch,
          value: structuredClone(patch.value),
        })
        const ttl = ttlMs ? String(Math.max(1, Math.round(ttlMs))) : ''
        if ((await this.redis.cnCas(key, v ? v.toString() : '', this.envelope.seal(next, aad), ttl)) === 1) return next
        // Another instance wrote in between: back off a little (jittered) and redo the patch.
        if (attempt >= MAX_CAS_ATTEMPTS)
          throw new Error(`patch of "${key}" kept conflicting with other writers (${attempt} attempts)`)
        await new Promise(resolve => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)))
      }
    })
  }

  async get(key: string): Promise<unknown> {
    const blob = await this.redis.getBuffer(this.prefix + 'kv:' + key)
    return blob ? this.envelope.open(blob, kvAad(key)) : undefined
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    const blob = this.envelope.seal(value, kvAad(key))
    if (ttlMs) await this.redis.set(this.prefix + 'kv:' + key, blob, 'PX', Math.max(1, Math.ceil(ttlMs)))
    else await this.redis.set(this.prefix + 'kv:' + key, blob)
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + 'kv:' + key)) > 0
  }

  async take(key: string): Promise<unknown> {
    const blob = await this.redis.getdelBuffer(this.prefix + 'kv:' + key)
    return blob ? this.envelope.open(blob, kvAad(key)) : undefined
  }

  async incr(key: string, by: number, ttlMs: number): Promise<{ value: number; ttlMs: number }> {
    const [value, ttl] = await this.redis.cnIncr(this.prefix + 'n:' + key, by, Math.max(1, Math.ceil(ttlMs)))
    return { value: Number(value), ttlMs: Number(ttl) }
  }

  async lock(key: string, ttlMs: number, waitMs: number, signal?: AbortSignal): Promise<Release> {
    const token = randomUUID()
    const k = this.prefix + 'lock:' + key
    const px = Math.max(1, Math.ceil(ttlMs))
    await waitForLock(
      key,
      waitMs,
      async () => (await this.redis.set(k, token, 'PX', px, 'NX')) === 'OK',
      this.waiters,
      signal,
    )
    return async () => {
      if (this.redis.status === 'end') return
      if ((await this.redis.cnUnlock(k, token)) === 1) this.waiters.wake(key)
    }
  }

  readCanary(): Promise<Buffer | null> {
    return this.redis.getBuffer(this.prefix + 'meta:canary')
  }

  async writeCanaryIfAbsent(blob: Buffer): Promise<void> {
    await this.redis.set(this.prefix + 'meta:canary', blob, 'NX')
  }

  /** Re-encrypt every document and value under `to` (`rotate-key`, instances stopped); returns how many. */
  async reencrypt(to: Envelope, canary: Buffer): Promise<number> {
    const from = this.envelope
    let n = 0
    for await (const keys of this.redis.scanStream({ match: this.prefix + 'doc:*', count: 500 }) as AsyncIterable<
      string[]
    >) {
      for (const key of keys) {
        const { namespace, id } = this.parseDocKey(key)
        for (;;) {
          const [v, d] = await this.redis.hmgetBuffer(key, 'v', 'd')
          if (!d) break
          const blob = reseal(d, docAad(namespace, id), from, to)
          if (!blob) break
          if ((await this.redis.cnCas(key, v ? v.toString() : '', blob, 'keep')) === 1) {
            n++
            break
          }
        }
      }
    }
    const kvPrefix = this.prefix + 'kv:'
    for await (const keys of this.redis.scanStream({ match: kvPrefix + '*', count: 500 }) as AsyncIterable<string[]>) {
      for (const key of keys) {
        const old = await this.redis.getBuffer(key)
        if (!old) continue
        const blob = reseal(old, kvAad(key.slice(kvPrefix.length)), from, to)
        if (blob && (await this.redis.cnSwap(key, old, blob)) === 1) n++
      }
    }
    await this.redis.set(this.prefix + 'meta:canary', canary)
    this.envelope = to
    return n
  }

  async close(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect())
  }

  /** `<prefix>doc:<namespace length>:<namespace>:<id>`: unambiguous whatever the parts contain. */
  private docKey(namespace: string, id: string): string {
    return `${this.prefix}doc:${namespace.length}:${namespace}:${id}`
  }

  private parseDocKey(key: string): { namespace: string; id: string } {
    const rest = key.slice(this.prefix.length + 4)
    const colon = rest.indexOf(':')
    const len = Number(rest.slice(0, colon))
    return { namespace: rest.slice(colon + 1, colon + 1 + len), id: rest.slice(colon + 2 + len) }
  }

  /** Run `fn` after the previous patch of the same document from this process. */
  private serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(key) ?? Promise.resolve()
    const run = prev.then(fn, fn)
    const tail = run.catch(() => {})
    this.queues.set(key, tail)
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key)
    })
    return run
  }
}
