// The SSRF guard (docs/fetch.md "Host policy"): a fetch may only reach the hosts listed in
// `http.allowedHosts` of config/index.yml, else FETCH_HOST_REFUSED before any connection. Patterns:
// `host`, `*.suffix` (sub-domains only, not the apex), either with `:port`, or `*` for any host.
// The URL is matched after WHATWG parsing, so `http://0x7f.1/` is seen as 127.0.0.1.
// Outside sandbox mode no loopback, private or link-local address is reached, whatever the list says:
// an IP literal is checked here, a name once DNS has resolved it (guardedLookup, used by the shared
// Agent), so `evil.example` resolving to 127.0.0.1 is refused too. CONFLUENCE_ALLOW_LOOPBACK=true
// (sandbox mode, tests) lifts that and adds LOOPBACK_HOSTS to the list.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { BlockList, isIP } from 'node:net'

export const DEFAULT_ALLOWED_HOSTS: readonly string[] = [
  '*.atlassian.net',
  'api.atlassian.com',
  'auth.atlassian.com',
  '*.atlassian.com',
]

/** Added to the allowed hosts with CONFLUENCE_ALLOW_LOOPBACK=true. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1']

const RANGES: Array<[string, string, number, 'ipv4' | 'ipv6']> = [
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['link-local', 'fe80::', 10, 'ipv6'],
]
const blocks = new Map<string, BlockList>()
for (const [range, net, prefix, family] of RANGES) {
  if (!blocks.has(range)) blocks.set(range, new BlockList())
  blocks.get(range)!.addSubnet(net, prefix, family)
}

/** The kind of non-public range an IP address is in (`loopback`, `private`, …), or undefined. */
export function nonPublicRange(address: string): string | undefined {
  let ip = normalizeHost(address)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip) // IPv4-mapped IPv6 reaches the IPv4 host
  if (mapped) ip = mapped[1]
  const family = isIP(ip)
  if (family === 0) return undefined
  for (const [range, list] of blocks) if (list.check(ip, family === 4 ? 'ipv4' : 'ipv6')) return range
  return undefined
}

/** Thrown by guardedLookup; client.ts turns it into FETCH_ADDRESS_REFUSED. */
export class AddressRefused extends Error {
  readonly code = 'ERR_ADDRESS_REFUSED'
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`${host} resolves to ${address}, a ${range} address`)
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** dns.lookup for net/tls.connect that refuses names resolving to a non-public address. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, [])
    for (const a of addresses) {
      const range = nonPublicRange(a.address)
      if (range) return callback(new AddressRefused(hostname, a.address, range), [])
    }
    if (options.all) return callback(null, addresses)
    const first = addresses[0]
    return callback(null, first.address, first.family)
  })
}

interface Rule {
  exact?: string
  suffix?: string
  port?: string
}

export type HostPolicy = (url: URL) => boolean

export function compileHostPolicy(patterns: readonly string[]): HostPolicy {
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
export function normalizeHost(hostname: string): string {
  let h = hostname.toLowerCase()
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1)
  if (h.endsWith('.')) h = h.slice(0, -1)
  return h
}

function parsePattern(raw: string): Rule {
  let p = raw.trim().toLowerCase()
  let port: string | undefined
  // `[::1]:8080`, `host:8080`; a bare IPv6 address (`::1`) has several colons and no port.
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(p)
  if (bracketed) {
    p = bracketed[1]
    port = bracketed[2]
  } else {
    const m = /^([^:]+):(\d+)$/.exec(p)
    if (m) {
      p = m[1]
      port = m[2]
    }
  }
  if (p.endsWith('.')) p = p.slice(0, -1)
  return p.startsWith('*.') ? { suffix: p.slice(1), port } : { exact: p, port }
}
