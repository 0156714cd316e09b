// The default store: one SQLite file (<DATA_DIR>/confluence-next.db) in WAL mode, so readers never
// wait and several processes may share it (busy_timeout makes a writer wait for another's commit).
// better-sqlite3 is synchronous: each read-modify-write runs inside one BEGIN IMMEDIATE transaction,
// which is atomic across processes too. Documents and values are encrypted (crypto.ts); counters and
// lock tokens are plain numbers and random ids.
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { applyPatch } from '../../core/apply-patch.ts'
import { CANARY_AAD, docAad, kvAad, reseal, type Envelope } from './crypto.ts'
import { LocalWaiters, waitForLock, type DocPatch, type Release, type Store } from '../../core/store.ts'

/** Schema versions, applied in order, once each (the schema_migrations table records them). */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE docs (ns TEXT NOT NULL, id TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (ns, id)) WITHOUT ROWID;
   CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, expires_at INTEGER) WITHOUT ROWID;
   CREATE INDEX kv_expiry ON kv (expires_at) WHERE expires_at IS NOT NULL;
   CREATE TABLE counters (key TEXT PRIMARY KEY, value REAL NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE locks (key TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;`,
  // Documents with an idle timeout (the session scope); NULL: kept until deleted.
  `ALTER TABLE docs ADD COLUMN expires_at INTEGER;
   CREATE INDEX docs_expiry ON docs (expires_at) WHERE expires_at IS NOT NULL;`,
]

const BUSY_TIMEOUT_MS = 5000
const SWEEP_EVERY_MS = 10 * 60_000

type Row = { value: Buffer; expires_at: number | null }

/** A row of docs or kv unless its time has passed (expired rows stay until sweep() reclaims them). */
function unexpired(row: Row | undefined): Row | undefined {
  return row && (row.expires_at === null || row.expires_at > Date.now()) ? row : undefined
}

export class SqliteStore implements Store {
  readonly db: Database.Database
  private readonly waiters = new LocalWaiters()
  private readonly sweeper: NodeJS.Timeout
  private readonly q: ReturnType<typeof statements>

  constructor(
    readonly file: string,
    private envelope: Envelope,
  ) {
    this.db = new Database(file)
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    migrate(this.db)
    this.q = statements(this.db)
    this.sweep()
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS)
    this.sweeper.unref()
  }

  async getDoc(namespace: string, id: string): Promise<Record<string, unknown>> {
    const row = this.liveDoc(namespace, id)
    return row ? (this.envelope.open(row.value, docAad(namespace, id)) as Record<string, unknown>) : {}
  }

  async patchDoc(namespace: string, id: string, patch: DocPatch, ttlMs?: number): Promise<Record<string, unknown>> {
    const aad = docAad(namespace, id)
    return this.db
      .transaction(() => {
        const row = this.liveDoc(namespace, id)
        const next = applyPatch(row ? (this.envelope.open(row.value, aad) as Record<string, unknown>) : {}, {
          ...patch,
          value: structuredClone(patch.value),
        })
        this.q.putDoc.run(namespace, id, this.envelope.seal(next, aad), ttlMs ? Date.now() + ttlMs : null)
        return next
      })
      .immediate()
  }

  async get(key: string): Promise<unknown> {
    const row = this.live(key)
    return row && this.envelope.open(row.value, kvAad(key))
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.q.set.run(key, this.envelope.seal(value, kvAad(key)), ttlMs ? Date.now() + ttlMs : null)
  }

  async delete(key: string): Promise<boolean> {
    return this.q.del.run(key).changes > 0
  }

  async take(key: string): Promise<unknown> {
    const row = this.db
      .transaction(() => {
        const r = this.live(key)
        if (r) this.q.del.run(key)
        return r
      })
      .immediate()
    return row && this.envelope.open(row.value, kvAad(key))
  }

  async incr(key: string, by: number, ttlMs: number): Promise<{ value: number; ttlMs: number }> {
    return this.db
      .transaction(() => {
        const now = Date.now()
        const row = this.q.getCounter.get(key) as { value: number; expires_at: number } | undefined
        const live = row && row.expires_at > now
        const value = (live ? row.value : 0) + by
        const expiresAt = live ? row.expires_at : now + ttlMs
        this.q.putCounter.run(key, value, expiresAt)
        return { value, ttlMs: Math.max(0, expiresAt - now) }
      })
      .immediate()
  }

  async lock(key: string, ttlMs: number, waitMs: number, signal?: AbortSignal): Promise<Release> {
    const token = randomUUID()
    await waitForLock(
      key,
      waitMs,
      () => {
        const now = Date.now()
        return this.q.lock.run(key, token, now + ttlMs, now).changes === 1
      },
      this.waiters,
      signal,
    )
    return async () => {
      if (!this.db.open) return
      if (this.q.unlock.run(key, token).changes > 0) this.waiters.wake(key)
    }
  }

  /** The start-up canary (crypto.ts): read it, and write it once on a fresh file. */
  readCanary(): Buffer | undefined {
    return (this.q.getMeta.get(CANARY_AAD) as { value: Buffer } | undefined)?.value
  }

  writeCanaryIfAbsent(blob: Buffer): void {
    this.q.putMetaIfAbsent.run(CANARY_AAD, blob)
  }

  /** Re-encrypt every record under `to` in one transaction (`rotate-key`); returns how many. */
  async reencrypt(to: Envelope, canary: Buffer): Promise<number> {
    const from = this.envelope
    const count = this.db
      .transaction(() => {
        let n = 0
        for (const r of this.db.prepare('SELECT ns, id, value, expires_at FROM docs').all() as Array<
          Row & { ns: string; id: string }
        >) {
          const blob = reseal(r.value, docAad(r.ns, r.id), from, to)
          if (blob) {
            this.q.putDoc.run(r.ns, r.id, blob, r.expires_at)
            n++
          }
        }
        for (const r of this.db.prepare('SELECT key, value, expires_at FROM kv').all() as Array<
          Row & { key: string }
        >) {
          const blob = reseal(r.value, kvAad(r.key), from, to)
          if (blob) {
            this.q.set.run(r.key, blob, r.expires_at)
            n++
          }
        }
        this.db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(canary, CANARY_AAD)
        return n
      })
      .immediate()
    this.envelope = to
    return count
  }

  /** An online, consistent copy of the database (SQLite backup API); safe while serving. */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination)
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper)
    if (this.db.open) this.db.close()
  }

  private live(key: string): Row | undefined {
    return unexpired(this.q.get.get(key) as Row | undefined)
  }

  /** A document unless it is absent or expired. */
  private liveDoc(namespace: string, id: string): Row | undefined {
    return unexpired(this.q.getDoc.get(namespace, id) as Row | undefined)
  }

  /** Expired documents, values and counters are invisible already; this only reclaims their space. */
  private sweep(): void {
    const now = Date.now()
    this.db.prepare('DELETE FROM docs WHERE expires_at <= ?').run(now)
    this.db.prepare('DELETE FROM kv WHERE expires_at <= ?').run(now)
    this.db.prepare('DELETE FROM counters WHERE expires_at <= ?').run(now)
    this.db.prepare('DELETE FROM locks WHERE expires_at <= ?').run(now)
  }
}

function statements(db: Database.Database) {
  const p = (sql: string): Database.Statement => db.prepare(sql)
  return {
    getDoc: p('SELECT value, expires_at FROM docs WHERE ns = ? AND id = ?'),
    putDoc: p(
      'INSERT INTO docs (ns, id, value, expires_at) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (ns, id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
    ),
    get: p('SELECT value, expires_at FROM kv WHERE key = ?'),
    set: p(
      'INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
    ),
    del: p('DELETE FROM kv WHERE key = ?'),
    getCounter: p('SELECT value, expires_at FROM counters WHERE key = ?'),
    putCounter: p(
      'INSERT INTO counters (key, value, expires_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
    ),
    // Take the lock when free or expired; `changes` says whether we got it.
    lock: p(
      'INSERT INTO locks (key, token, expires_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at ' +
        'WHERE locks.expires_at <= ?',
    ),
    unlock: p('DELETE FROM locks WHERE key = ? AND token = ?'),
    getMeta: p('SELECT value FROM meta WHERE key = ?'),
    putMetaIfAbsent: p('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)')
  // IMMEDIATE: two processes starting at once on a fresh file migrate one after the other.
  db.transaction(() => {
    const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0
    if (current > MIGRATIONS.length) {
      throw new Error(
        `${db.name} has schema version ${current}, newer than this confluence-next knows ` +
          `(${MIGRATIONS.length}); run a newer release`,
      )
    }
    for (let v = current + 1; v <= MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v - 1])
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(v, new Date().toISOString())
    }
  }).immediate()
}
