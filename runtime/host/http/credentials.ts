// What a fetch must never show (docs/fetch.md "Redaction"). Credentials are registered with the run's
// redactor before the request is sent (the redactor also knows their base64 and URL-encoded forms),
// and URLs in errors and in `$fetch.url` are printed without userinfo and without the values of
// sensitive query parameters.
import { REDACTED, type Redactor } from '../../core/redact.ts'

export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'x-auth-token',
])

const MIN_COOKIE_SECRET = 8

// Query or form field names whose values are credentials (OAuth `code`, `access_token`, signed URLs…).
const SENSITIVE_PARAM = /token|secret|passw|pwd|api[-_]?key|^key$|^code$|^sig$|signature|^auth|jwt|session|credential/i

export function isSensitiveParam(name: string): boolean {
  return SENSITIVE_PARAM.test(name)
}

// SENSITIVE_PARAM with the anchors of its alternatives removed (made from it, so the two never differ):
// a query none of whose characters are escaped (`%`) and in which none of its words occurs has no
// sensitive parameter, so most requests skip the query walks below.
const MAYBE_SENSITIVE = new RegExp(
  SENSITIVE_PARAM.source.replace(/(^|\|)\^/g, '$1').replace(/\$(?=\||$)/g, ''),
  SENSITIVE_PARAM.flags,
)

function mayHoldSensitiveParam(search: string): boolean {
  return search.includes('%') || MAYBE_SENSITIVE.test(search)
}

/** Register a sensitive header's value and the credential inside it (`Basic <b64>`, `Bearer <t>`, cookie values). */
export function registerHeaderSecret(redactor: Redactor, name: string, value: string): void {
  redactor.add(value)
  if (name === 'cookie') {
    // Session ids are long; short values (`theme=dark`) are not secrets and would shred ordinary text.
    for (const pair of value.split(';')) {
      const v = pair.slice(pair.indexOf('=') + 1).trim()
      if (v.length >= MIN_COOKIE_SECRET) redactor.add(v)
    }
    return
  }
  const space = value.indexOf(' ')
  if (space < 0 || name === 'x-api-key' || name === 'x-auth-token') return
  const credential = value.slice(space + 1).trim()
  redactor.add(credential)
  if (value.slice(0, space).toLowerCase() === 'basic') {
    const pair = Buffer.from(credential, 'base64').toString('utf8')
    redactor.add(pair)
    redactor.add(pair.slice(pair.indexOf(':') + 1))
  }
}

/** Register userinfo and sensitive query values of a URL. */
export function registerUrlSecrets(redactor: Redactor, url: URL): void {
  if (url.password) {
    redactor.add(decodeURIComponent(url.password))
    redactor.add(url.password)
  }
  if (url.search.length > 1 && mayHoldSensitiveParam(url.search)) {
    for (const [k, v] of url.searchParams) if (isSensitiveParam(k)) redactor.add(v)
  }
}

/** The URL as errors and `$fetch.url` show it: no userinfo, no fragment, sensitive query values masked. */
export function safeUrl(url: URL): string {
  const base = `${url.protocol}//${url.host}${url.pathname}`
  if (url.search.length <= 1) return base
  if (!mayHoldSensitiveParam(url.search)) return base + url.search
  const parts = url.search.slice(1).split('&')
  for (let i = 0; i < parts.length; i++) {
    const eq = parts[i].indexOf('=')
    if (eq < 0) continue
    let name = parts[i].slice(0, eq)
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '))
    } catch {
      /* keep raw */
    }
    if (isSensitiveParam(name)) parts[i] = `${parts[i].slice(0, eq)}=${REDACTED}`
  }
  return `${base}?${parts.join('&')}`
}

/** A URL that did not parse, shown without what looks like userinfo or a query. */
export function safeRawUrl(raw: string): string {
  const cut = raw.replace(/\/\/[^/?#]*@/, '//').split(/[?#]/)[0]
  return cut.length > 200 ? cut.slice(0, 200) + '…' : cut
}
