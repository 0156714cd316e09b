// Encryption at rest: every stored document and value is an AES-256-GCM envelope under the master
// key. Layout: [format 1 byte][key id 1 byte][iv 12 bytes][auth tag 16 bytes][ciphertext]. The key id
// (a byte of the key's hash) tells which key wrote a record, so a rotation can be checked and
// resumed; the record's own storage key is the additional authenticated data, so a ciphertext moved
// to another record (another user, another tenant) fails authentication instead of being read there.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

const FORMAT = 1
const IV_BYTES = 12
const TAG_BYTES = 16
const HEADER = 2 + IV_BYTES + TAG_BYTES

/** Start-up error: the data was written with another master key. `place`: DATA_DIR or Redis. */
export class MasterKeyMismatchError extends Error {
  constructor(place: string, where: string, detail: string) {
    super(
      `CONFLUENCE_NEXT_MASTER_KEY does not match the key the data in ${place} was written with (${where}; ${detail}). ` +
        'Start with the key the data was written with; see docs/operations.md "Master key".',
    )
    this.name = 'MasterKeyMismatchError'
  }
}

/** A record that does not authenticate: tampered with, moved, or written under another key. */
export class UndecryptableError extends Error {
  constructor(
    readonly record: string,
    readonly keyId?: number,
  ) {
    super(`stored record "${record}" cannot be decrypted (tampered with, or written with another master key)`)
    this.name = 'UndecryptableError'
  }
}

export function keyIdOf(key: Buffer): number {
  return createHash('sha256').update('confluence-next master key id\0').update(key).digest()[0]
}

export class Envelope {
  readonly keyId: number
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error(`a master key is 32 bytes, got ${key.length}`)
    this.keyId = keyIdOf(key)
  }

  /** Encrypt a JSON value for the record named `aad`. */
  seal(value: unknown, aad: string): Buffer {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(Buffer.from(aad))
    const body = Buffer.concat([
      cipher.update(value === undefined ? '' : JSON.stringify(value), 'utf8'),
      cipher.final(),
    ])
    return Buffer.concat([Buffer.from([FORMAT, this.keyId]), iv, cipher.getAuthTag(), body])
  }

  open(blob: Buffer, aad: string): unknown {
    if (blob.length < HEADER || blob[0] !== FORMAT) throw new UndecryptableError(aad)
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, blob.subarray(2, 2 + IV_BYTES))
      decipher.setAAD(Buffer.from(aad))
      decipher.setAuthTag(blob.subarray(2 + IV_BYTES, HEADER))
      const text = Buffer.concat([decipher.update(blob.subarray(HEADER)), decipher.final()]).toString('utf8')
      return text === '' ? undefined : JSON.parse(text)
    } catch {
      throw new UndecryptableError(aad, blob[1])
    }
  }
}

/** Re-encrypt a record under `to`; undefined when it already is (a resumed rotation). */
export function reseal(blob: Buffer, aad: string, from: Envelope, to: Envelope): Buffer | undefined {
  if (blob[1] === to.keyId) {
    try {
      to.open(blob, aad)
      return undefined
    } catch {}
  }
  return to.seal(from.open(blob, aad), aad)
}

/** The record every backend keeps to prove, at start-up, that the key is the one the data was written with. */
export const CANARY_AAD = 'confluence-next:canary'

/** Throw MasterKeyMismatchError unless the stored canary opens with this key. */
export function checkCanary(envelope: Envelope, stored: Buffer, place: string, where: string): void {
  try {
    envelope.open(stored, CANARY_AAD)
  } catch {
    throw new MasterKeyMismatchError(
      place,
      where,
      `the data's key id is ${hex(stored[1])}, this key's is ${hex(envelope.keyId)}`,
    )
  }
}

const hex = (n: number | undefined): string => (n === undefined ? 'unknown' : `0x${n.toString(16).padStart(2, '0')}`)

export function sealCanary(envelope: Envelope): Buffer {
  return envelope.seal({ app: 'confluence-next', createdAt: new Date().toISOString() }, CANARY_AAD)
}

/** The authenticated data of a record: its identity, independent of backend and key prefix. */
export const docAad = (namespace: string, id: string): string => JSON.stringify(['doc', namespace, id])
export const kvAad = (key: string): string => JSON.stringify(['kv', key])
