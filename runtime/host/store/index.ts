// Open the store the runtime runs on: Redis when REDIS_URL is set (several instances share it),
// else SQLite in DATA_DIR; `:memory:` for tests. Every start proves the master key against the
// store's canary, so a wrong key is a start-up error, never garbage (docs/operations.md).
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
// ioredis and the Redis store are imported when REDIS_URL is set: a SQLite deployment never loads them
// (they are a fifth of the code a start evaluates before the first call; docs/performance.md "Start").
import type { Redis } from 'ioredis'
import { silentLogger, type Logger } from '../../core/logger.ts'
import { checkCanary, Envelope, MasterKeyMismatchError, sealCanary } from './crypto.ts'
import {
  keyFileTooOpen,
  MASTER_KEY_ENV,
  parseMasterKey,
  persistGeneratedKey,
  resolveMasterKey,
  type MasterKey,
} from './master-key.ts'
import { MemoryStore } from './memory.ts'
import type { RedisStore } from './redis.ts'
import { SqliteStore } from './sqlite.ts'
import type { Store } from '../../core/store.ts'

export type { Store } from '../../core/store.ts'
export const DB_FILE = 'confluence-next.db'
export const NEW_MASTER_KEY_ENV = 'CONFLUENCE_NEXT_NEW_MASTER_KEY'

export interface StoreOptions {
  /** Where the SQLite file and a generated master.key live; `:memory:` for a MemoryStore. */
  dataDir: string
  /** Use Redis instead of SQLite (REDIS_URL). */
  redisUrl?: string
  /** The master key (base64 or hex); default: CONFLUENCE_NEXT_MASTER_KEY, else <dataDir>/master.key. */
  masterKey?: string | Buffer
  log?: Logger
  env?: NodeJS.ProcessEnv
  /** Prefix of every Redis key (default `cn:`), to share one Redis between deployments. */
  redisPrefix?: string
}

type Backend = SqliteStore | RedisStore

/** DATA_DIR (default ./data) and REDIS_URL from the environment: what `serve` and the CLI pass to createStore. */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, log?: Logger): StoreOptions {
  return {
    dataDir: env.DATA_DIR === ':memory:' ? ':memory:' : resolve(env.DATA_DIR || './data'),
    redisUrl: env.REDIS_URL || undefined,
    env,
    log,
  }
}

export async function createStore(options: StoreOptions): Promise<Store> {
  if (options.dataDir === ':memory:') return new MemoryStore()
  const log = options.log ?? silentLogger
  const { backend, mk, place, where } = await openBackend(options)
  if (mk.source === 'file' && keyFileTooOpen(mk.file))
    log.warn({ file: mk.file }, `${mk.file} is readable by other users; chmod 600 it`)
  try {
    const stored = await backend.readCanary()
    if (stored) {
      // Data exists: a key generated just now cannot be the one it was written with.
      if (mk.source === 'generated')
        throw new MasterKeyMismatchError(place, where, `${MASTER_KEY_ENV} is unset and ${mk.file} is missing`)
      checkCanary(new Envelope(mk.key), stored, place, where)
      return backend
    }
    if (mk.source === 'generated') {
      const written = persistGeneratedKey(mk)
      if (!written.equals(mk.key)) {
        // Another process on this DATA_DIR wrote its key first: start again with that one.
        await backend.close()
        return createStore(options)
      }
      log.warn(
        { file: mk.file },
        `generated a new master key in ${mk.file} (mode 0600); ` +
          `back it up with ${options.redisUrl ? 'the Redis data' : 'DATA_DIR'}, or set ${MASTER_KEY_ENV}` +
          (options.redisUrl ? ' to the same value on every instance' : ''),
      )
    }
    const envelope = new Envelope(mk.key)
    await backend.writeCanaryIfAbsent(sealCanary(envelope))
    // Re-read: an instance starting at the same time with another key may have won the race.
    checkCanary(envelope, (await backend.readCanary())!, place, where)
    return backend
  } catch (err) {
    await backend.close()
    throw err
  }
}

async function openBackend(
  options: StoreOptions,
): Promise<{ backend: Backend; mk: MasterKey; place: string; where: string }> {
  // DATA_DIR is created only when something is written there (the SQLite file, a generated key):
  // with Redis and CONFLUENCE_NEXT_MASTER_KEY the server writes nothing to the local disk.
  const dataDir = resolve(options.dataDir)
  const mk: MasterKey =
    options.masterKey === undefined
      ? resolveMasterKey(dataDir, options.env ?? process.env)
      : {
          key: Buffer.isBuffer(options.masterKey) ? options.masterKey : parseMasterKey(options.masterKey, 'masterKey'),
          source: 'env',
          file: join(dataDir, 'master.key'),
        }
  const envelope = new Envelope(mk.key)
  if (options.redisUrl) {
    const redis = await connectRedis(options.redisUrl, options.log ?? silentLogger)
    const { RedisStore } = await import('./redis.ts')
    return {
      backend: new RedisStore(redis, envelope, options.redisPrefix),
      mk,
      place: 'Redis',
      where: `REDIS_URL=${safeUrl(options.redisUrl)}`,
    }
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = join(dataDir, DB_FILE)
  return { backend: new SqliteStore(file, envelope), mk, place: 'DATA_DIR', where: file }
}

/** Connect, or fail start-up with a message that names the server (never its password). */
export async function connectRedis(url: string, log: Logger): Promise<Redis> {
  // The module's default, not a named export: ioredis is CommonJS, and the bundle's dynamic import of
  // it carries module.exports only.
  const { Redis } = (await import('ioredis')).default
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 })
  redis.on('error', (err: Error) => log.warn({ err: err.message, redis: safeUrl(url) }, 'Redis connection error'))
  try {
    await redis.connect()
  } catch (err) {
    redis.disconnect()
    throw new Error(`cannot connect to Redis at ${safeUrl(url)} (REDIS_URL): ${(err as Error).message}`)
  }
  return redis
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparsable REDIS_URL)'
  }
}

/**
 * `rotate-key`: re-encrypt every record under a new master key, with every instance stopped. The new
 * key is `newKey`, else NEW_MASTER_KEY_ENV; when the old key lives in master.key, a new one may be
 * generated: it waits in master.key.new until every record is re-encrypted, then replaces master.key.
 * A rotation that stopped part-way is resumed by running it again (records already under the new key
 * are recognised by their key id and skipped).
 */
export async function rotateKey(
  options: StoreOptions & { newKey?: string | Buffer },
): Promise<{ records: number; keyFile?: string }> {
  const env = options.env ?? process.env
  const { backend, mk, place, where } = await openBackend(options)
  const pending = mk.file + '.new'
  try {
    const stored = await backend.readCanary()
    if (!stored || mk.source === 'generated')
      throw new Error(`nothing to rotate: no data, or no master key (${MASTER_KEY_ENV} unset and ${mk.file} missing)`)
    checkCanary(new Envelope(mk.key), stored, place, where)
    const given =
      options.newKey ??
      (env[NEW_MASTER_KEY_ENV] || undefined) ??
      (mk.source === 'file' ? readPending(pending) : undefined)
    if (given === undefined && mk.source !== 'file') {
      throw new Error(
        `set ${NEW_MASTER_KEY_ENV} to the new key (\`openssl rand -base64 32\`); ` +
          `after the rotation set ${MASTER_KEY_ENV} to it`,
      )
    }
    const key =
      given === undefined ? randomBytes(32) : Buffer.isBuffer(given) ? given : parseMasterKey(given, NEW_MASTER_KEY_ENV)
    if (key.equals(mk.key)) throw new Error('the new master key is the current one')
    if (mk.source === 'file') writeFileSync(pending, key.toString('base64') + '\n', { mode: 0o600 })
    const next = new Envelope(key)
    const records = await backend.reencrypt(next, sealCanary(next))
    if (mk.source !== 'file') return { records }
    renameSync(pending, mk.file)
    return { records, keyFile: mk.file }
  } finally {
    await backend.close()
  }
}

function readPending(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}
