// Build one outbound request from a fetch's evaluated arguments (docs/fetch.md "Arguments"): the URL with
// its query, the headers with `auth`, and a body that can be sent again on a retry (string, Buffer or
// FormData; never a stream). Every credential is registered with the redactor here, before anything
// is sent or can fail with a message.
import { type FormData, formDataClass } from './undici.ts'
import { DsulError } from '../../core/errors.ts'
import type { Redactor } from '../../core/redact.ts'
import {
  isSensitiveParam,
  registerHeaderSecret,
  registerUrlSecrets,
  safeRawUrl,
  safeUrl,
  SENSITIVE_HEADERS,
} from './credentials.ts'

export type Headers = Record<string, string | string[]>
export type Body = string | Buffer | FormData | null

export interface FetchArgs {
  url: unknown
  method: string
  headers?: unknown
  query?: unknown
  body?: unknown
  form?: unknown
  multipart?: unknown
  auth?: unknown
  /** Which kind the source names (`basic` or `bearer`): an expression that evaluates to nothing drops the key. */
  authKind?: string
}

export interface PreparedRequest {
  url: URL
  method: string
  headers: Headers
  body: Body
  /** The URL as errors show it (see credentials.ts). */
  display: string
}

interface Part {
  name: string
  value?: unknown
  filename?: string
  contentType?: string
  encoding?: 'base64' | 'utf8'
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/

export function prepareRequest(a: FetchArgs, userAgent: string, redactor: Redactor): PreparedRequest {
  const method = a.method
  if (typeof a.url !== 'string') throw invalid(method, String(a.url), `url must be a string, got ${typeOf(a.url)}`)
  let url: URL
  try {
    url = new URL(a.url)
  } catch {
    throw invalid(
      method,
      safeRawUrl(a.url),
      'invalid URL (it must be absolute, e.g. https://example.atlassian.net/wiki)',
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid(method, safeRawUrl(a.url), `unsupported protocol "${url.protocol}" (http or https only)`)
  if (a.query != null) appendQuery(url, a.query, method)
  registerUrlSecrets(redactor, url)
  const display = safeUrl(url)
  const fail = (detail: string): DsulError => invalid(method, display, detail)

  const headers = normalizeHeaders(a.headers, fail)
  for (const name in headers)
    if (SENSITIVE_HEADERS.has(name)) for (const v of [headers[name]].flat()) registerHeaderSecret(redactor, name, v)
  if (a.auth != null) {
    if (headers.authorization !== undefined) throw fail('give either `auth` or an Authorization header, not both')
    headers.authorization = authorization(a.auth, a.authKind, fail)
    registerHeaderSecret(redactor, 'authorization', headers.authorization)
  }
  if (url.username || url.password) {
    // Like curl and node:http: userinfo becomes Basic auth, and never travels in the request line.
    if (headers.authorization !== undefined)
      throw fail('give credentials either in the URL or in `auth`/Authorization, not both')
    headers.authorization = `Basic ${Buffer.from(`${unescapeText(url.username)}:${unescapeText(url.password)}`).toString('base64')}`
    registerHeaderSecret(redactor, 'authorization', headers.authorization)
    url.username = ''
    url.password = ''
  }
  headers['user-agent'] ??= userAgent

  const kinds = Number(a.body !== undefined) + Number(a.form !== undefined) + Number(a.multipart !== undefined)
  if (kinds > 1) throw fail('give only one of `body`, `form` and `multipart`')
  let body: Body = null
  if (a.form != null) body = formBody(a.form, headers, redactor, fail)
  else if (a.multipart != null) body = multipartBody(a.multipart, headers, fail)
  else if (a.body != null) body = plainBody(a.body, headers, redactor, fail)
  return { url, method, headers, body, display }
}

export function invalid(method: string, url: string, detail: string): DsulError {
  return new DsulError('FETCH_INVALID', { method, url, detail })
}

function appendQuery(url: URL, query: unknown, method: string): void {
  if (typeof query === 'string') {
    const extra = query.startsWith('?') ? query.slice(1) : query
    if (extra) url.search = url.search ? `${url.search}&${extra}` : extra
    return
  }
  if (typeof query !== 'object' || Array.isArray(query))
    throw invalid(method, safeUrl(url), `query must be an object, got ${typeOf(query)}`)
  const params = url.searchParams
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    if (Array.isArray(v)) {
      for (const item of v) if (item != null) params.append(k, scalar(item))
    } else if (v != null) params.append(k, scalar(v))
  }
}

function normalizeHeaders(raw: unknown, fail: (d: string) => DsulError): Headers {
  const out: Headers = {}
  if (raw == null) return out
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fail(`headers must be an object, got ${typeOf(raw)}`)
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v == null) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.filter(x => x != null).map(scalar) : scalar(v)
  }
  return out
}

function authorization(auth: unknown, kind: string | undefined, fail: (d: string) => DsulError): string {
  const a = auth as { basic?: { username?: unknown; password?: unknown }; bearer?: unknown }
  if (typeof a !== 'object' || (a.basic !== undefined && a.bearer !== undefined))
    throw fail('auth must have exactly one of `basic` and `bearer`')
  if (a.basic === undefined && a.bearer === undefined) throw fail(`auth.${kind ?? 'bearer'} is empty (nothing)`)
  if (a.bearer !== undefined) {
    // A missing secret would otherwise send "Bearer " and come back as a puzzling 401.
    if (typeof a.bearer !== 'string' || a.bearer.trim() === '') throw fail(`auth.bearer is empty (${typeOf(a.bearer)})`)
    return `Bearer ${a.bearer}`
  }
  const { username, password } = a.basic ?? {}
  if (username == null || username === '') throw fail('auth.basic.username is empty')
  if (password == null || password === '') throw fail('auth.basic.password is empty')
  return `Basic ${Buffer.from(`${scalar(username)}:${scalar(password)}`).toString('base64')}`
}

function formBody(form: unknown, headers: Headers, redactor: Redactor, fail: (d: string) => DsulError): string {
  headers['content-type'] ??= 'application/x-www-form-urlencoded'
  if (typeof form === 'string') return form
  if (typeof form !== 'object' || Array.isArray(form)) throw fail(`form must be an object, got ${typeOf(form)}`)
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(form as Record<string, unknown>)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item == null) continue
      const s = scalar(item)
      if (isSensitiveParam(k)) redactor.add(s)
      params.append(k, s)
    }
  }
  return params.toString()
}

function multipartBody(parts: unknown, headers: Headers, fail: (d: string) => DsulError): FormData {
  // undici writes the content type with its boundary; a hand-written one would lack the boundary.
  delete headers['content-type']
  const list: Part[] | undefined = Array.isArray(parts)
    ? parts
    : typeof parts === 'object'
      ? Object.entries(parts as object).map(([name, value]) => ({ name, value }))
      : undefined
  if (!list) throw fail(`multipart must be a list of parts, got ${typeOf(parts)}`)
  const fd = new (formDataClass())()
  for (const p of list) {
    if (!p || typeof p.name !== 'string') throw fail('every multipart part needs a `name`')
    if (p.value == null) continue
    const binary = p.filename !== undefined || p.contentType !== undefined || p.encoding === 'base64'
    if (!binary) {
      fd.append(p.name, scalar(p.value))
      continue
    }
    const blob = new Blob([partBytes(p, fail) as Uint8Array<ArrayBuffer>], {
      type: p.contentType ?? 'application/octet-stream',
    })
    fd.append(p.name, blob, p.filename ?? p.name)
  }
  return fd
}

/** File parts carry base64 unless `encoding: utf8`; a Buffer is taken as is. */
function partBytes(p: Part, fail: (d: string) => DsulError): Buffer {
  const v = p.value
  if (Buffer.isBuffer(v)) return v
  if (v instanceof Uint8Array) return Buffer.from(v)
  const text = scalar(v)
  if (p.encoding === 'utf8') return Buffer.from(text, 'utf8')
  const compact = text.replace(/\s+/g, '')
  if (!BASE64.test(compact))
    throw fail(`multipart part "${p.name}": value is not base64 (add \`encoding: utf8\` to send text)`)
  return Buffer.from(compact, 'base64')
}

function plainBody(body: unknown, headers: Headers, redactor: Redactor, fail: (d: string) => DsulError): Body {
  const type = String(headers['content-type'] ?? '').toLowerCase()
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain; charset=utf-8'
    return body
  }
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    headers['content-type'] ??= 'application/octet-stream'
    return Buffer.from(body)
  }
  if (typeof body === 'object' && !Array.isArray(body)) {
    if (type.startsWith('application/x-www-form-urlencoded')) return formBody(body, headers, redactor, fail)
    if (type.startsWith('multipart/form-data')) return multipartBody(body, headers, fail)
  }
  headers['content-type'] ??= 'application/json'
  return JSON.stringify(body)
}

function unescapeText(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return v
  if (v !== null && typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : v === undefined ? 'nothing' : typeof v
}
