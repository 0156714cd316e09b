// The master key that encrypts the store (crypto.ts): CONFLUENCE_NEXT_MASTER_KEY (32 bytes, base64
// or hex), else <DATA_DIR>/master.key. A new key is only generated for a store that holds no data yet,
// and only written (mode 0600) once the store accepted it — see index.ts.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export const MASTER_KEY_ENV = 'CONFLUENCE_NEXT_MASTER_KEY'
export const KEY_FILE = 'master.key'

export interface MasterKey {
  key: Buffer
  /** env: from the variable; file: read from DATA_DIR; generated: new, not written yet. */
  source: 'env' | 'file' | 'generated'
  file: string
}

/** Decode a key given as 64 hex digits or as base64 / base64url of 32 bytes. */
export function parseMasterKey(text: string, origin = MASTER_KEY_ENV): Buffer {
  const v = text.trim()
  let key: Buffer | undefined
  if (/^[0-9a-fA-F]{64}$/.test(v)) key = Buffer.from(v, 'hex')
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) key = Buffer.from(v, 'base64')
  if (key?.length !== 32) {
    throw new Error(
      `${origin} must be 32 random bytes, base64 or hex encoded (got ${key ? `${key.length} bytes` : 'neither base64 nor hex'}); ` +
        'generate one with `openssl rand -base64 32`',
    )
  }
  return key
}

export function resolveMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): MasterKey {
  const file = join(dataDir, KEY_FILE)
  const fromEnv = env[MASTER_KEY_ENV]
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { key: parseMasterKey(fromEnv), source: 'env', file }
  let text: string | undefined
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`cannot read the master key file ${file}: ${(err as Error).message}`)
  }
  if (text !== undefined) return { key: parseMasterKey(text, file), source: 'file', file }
  return { key: randomBytes(32), source: 'generated', file }
}

/**
 * Write a generated key to its file, readable by the owner only. When another process on the same
 * DATA_DIR got there first, its key wins (returned) so both encrypt alike.
 */
export function persistGeneratedKey(mk: MasterKey): Buffer {
  try {
    mkdirSync(dirname(mk.file), { recursive: true, mode: 0o700 })
    writeFileSync(mk.file, mk.key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    return mk.key
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new Error(`cannot write the master key file ${mk.file}: ${(err as Error).message}`)
    return parseMasterKey(readFileSync(mk.file, 'utf8'), mk.file)
  }
}

/** A key file others can read is worth a warning (it decrypts every token). */
export function keyFileTooOpen(file: string): boolean {
  try {
    return (statSync(file).mode & 0o077) !== 0
  } catch {
    return false
  }
}
