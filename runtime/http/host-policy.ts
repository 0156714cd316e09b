// The SSRF guard (docs/fetch.md "Host policy"): a fetch may only reach the hosts listed in
// `http.allowedHosts` of config/index.yml, else FETCH_HOST_REFUSED before any connection. Patterns:
// `host`, `*.suffix` (sub-domains only, not the apex), either with `:port`, or `*` for any host.
// The URL is matched after WHATWG parsing, so `http://0x7f.1/` is seen as 127.0.0.1.

export const DEFAULT_ALLOWED_HOSTS: readonly string[] = [
  '*.atlassian.net',
  'api.atlassian.com',
  'auth.atlassian.com',
  '*.atlassian.com',
  'localhost',
  '127.0.0.1',
  '::1',
]

interface Rule { exact?: string, suffix?: string, port?: string }

export type HostPolicy = (url: URL) => boolean

export function compileHostPolicy (patterns: readonly string[]): HostPolicy {
  if (patterns.includes('*')) return () => true
  const rules = patterns.map(parsePattern)
  const exactAnyPort = new Set(rules.filter(r => r.exact !== undefined && r.port === undefined).map(r => r.exact))
  return url => {
    const host = normalizeHost(url.hostname)
    if (exactAnyPort.has(host)) return true
    const port = url.port || (url.protocol === 'https:' ? '443' : '80')
    for (const r of rules) {
      if (r.port !== undefined && r.port !== port) continue
      if (r.exact !== undefined ? host === r.exact : host.endsWith(r.suffix!)) return true
    }
    return false
  }
}

/** The host as patterns spell it: lower case, no IPv6 brackets, no trailing dot. */
export function normalizeHost (hostname: string): string {
  let h = hostname.toLowerCase()
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1)
  if (h.endsWith('.')) h = h.slice(0, -1)
  return h
}

function parsePattern (raw: string): Rule {
  let p = raw.trim().toLowerCase()
  let port: string | undefined
  // `[::1]:8080`, `host:8080`; a bare IPv6 address (`::1`) has several colons and no port.
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(p)
  if (bracketed) { p = bracketed[1]; port = bracketed[2] } else {
    const m = /^([^:]+):(\d+)$/.exec(p)
    if (m) { p = m[1]; port = m[2] }
  }
  if (p.endsWith('.')) p = p.slice(0, -1)
  return p.startsWith('*.') ? { suffix: p.slice(1), port } : { exact: p, port }
}
