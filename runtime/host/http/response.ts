// Read and parse a response body (docs/fetch.md "Responses"): the size limit is enforced while the body
// streams in (and up front from Content-Length), so a huge answer never sits in memory. JSON types
// become values, text types strings, anything else a Buffer; an empty body is null.
import { finished, type Readable } from 'node:stream'

export type ResponseHeaders = Record<string, string | string[] | undefined>

export class TooLarge extends Error {}

const EMPTY = Buffer.alloc(0)

export async function readBody(body: Readable, headers: ResponseHeaders, limit: number): Promise<Buffer> {
  const declared = Number(headers['content-length'])
  if (declared > limit) throw discard(body)
  // A 'data' listener and finished() rather than `for await` (which uses finished() too, plus a
  // promise per chunk): this runs once per fetch. Errors and premature closes come out the same.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    let over = false
    const onData = (chunk: Buffer): void => {
      if (over) return
      total += chunk.length
      if (total > limit) {
        over = true
        reject(discard(body))
      } else chunks.push(chunk)
    }
    body.on('data', onData)
    const cleanup = finished(body, { writable: false }, err => {
      cleanup()
      body.off('data', onData)
      if (over) return
      if (err) reject(err)
      else resolve(total === 0 ? EMPTY : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total))
    })
  })
}

/** Drop the rest of the body (closing its connection); undici reports that as an error nobody needs. */
function discard(body: Readable): TooLarge {
  body.on('error', noop)
  body.destroy()
  return new TooLarge()
}

function noop(): void {}

export type Kind = 'json' | 'text' | 'binary'

export function kindOf(contentType: string | undefined): Kind {
  if (!contentType) return 'binary'
  const type = contentType.split(';', 1)[0].trim().toLowerCase()
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') return 'json'
  if (
    type.startsWith('text/') ||
    type.endsWith('+xml') ||
    type === 'application/xml' ||
    type === 'application/javascript' ||
    type === 'application/x-www-form-urlencoded'
  )
    return 'text'
  return 'binary'
}

/**
 * The body as the automation sees it. A JSON type whose body does not parse (a proxy's HTML error page
 * sent as JSON) comes back as text rather than as an error: statuses never throw, nor do their bodies.
 */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return null
  const kind = kindOf(contentType)
  if (kind === 'binary') return raw
  const text = decode(raw, contentType)
  if (kind === 'text') return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function decode(raw: Buffer, contentType: string | undefined): string {
  const charset = /charset="?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase()
  if (!charset || charset === 'utf-8' || charset === 'utf8') return raw.toString('utf8')
  try {
    return new TextDecoder(charset).decode(raw)
  } catch {
    return raw.toString('utf8')
  }
}
