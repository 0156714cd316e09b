// A stateful fake Confluence Cloud site + Atlassian API gateway, validated against the official
// OpenAPI specs on every request and response. See README.md in this folder.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { HANDLERS } from './handlers/index.ts'
import { buildApp, type RequestLogEntry } from './http/app.ts'
import { CredentialStore, type AccessTokenOptions } from './http/auth.ts'
import type { Violation } from './http/dispatch.ts'
import { FaultInjector } from './http/faults.ts'
import type { AccessibleResource } from './http/site-routes.ts'
import { seedBulk, type BulkOptions } from './model/bulk-seed.ts'
import { DEMO_SEED } from './model/demo-seed.ts'
import { loadSeed } from './model/seed.ts'
import { ConfluenceState } from './model/state.ts'
import { precompile } from './openapi/validate.ts'
import type { SeedData } from './model/types.ts'

export { ConfluenceState, currentVersion, DEFAULT_USER } from './model/state.ts'
export { seedBulk, bulkBody, type BulkOptions } from './model/bulk-seed.ts'
export { DEMO_SEED } from './model/demo-seed.ts'
export { loadSeed } from './model/seed.ts'
export type * from './model/types.ts'
export type { FaultSpec, ActiveFault, FaultInjector } from './http/faults.ts'
export type { Violation } from './http/dispatch.ts'
export type { RequestLogEntry } from './http/app.ts'
export type { AccessibleResource } from './http/site-routes.ts'
export type { AccessTokenOptions } from './http/auth.ts'

export interface FakeConfluenceOptions {
  /** 'demo' (default) for the sample site, 'empty' for nothing, or your own seed. */
  seed?: 'demo' | 'empty' | SeedData
  /** Validate every response against the specs (default true). Requests are always validated. */
  validate?: boolean
  /**
   * Compile every validator up front (about 2 s, once per process) instead of on first use, so
   * no request pays the compile time. Useful for latency-sensitive tests and the sandbox server.
   */
  precompile?: boolean
  /**
   * Keep every request in `fake.requests` (default true). A benchmark turns it off: the log grows with
   * every request and the garbage collector walks all of it.
   */
  logRequests?: boolean
  /**
   * Answer a GET repeated with the same URL and credentials from memory (default false): for a
   * benchmark, whose load is reads and whose fake shares the machine with the servers it measures
   * (Confluence's own work is not on their machine). Credentials, scopes and the request are still
   * checked each time; any other method empties the cache. A change made to `state` directly is not
   * seen by a read answered before it.
   */
  cacheReads?: boolean
  /** Fastify request logging (default false). */
  logger?: boolean
  /**
   * 'any' accepts every Basic/Bearer credential (sandbox mode). Otherwise, credentials to register
   * up front; more can be added with `fake.credentials`.
   */
  credentials?:
    | 'any'
    | {
        apiTokens?: Array<{ email: string; token: string; scopes?: string[] }>
        accessTokens?: Array<{ token: string } & AccessTokenOptions>
      }
  /** Defaults to a random UUID. */
  cloudId?: string
  /** Site name reported by accessible-resources (default 'confluence-sandbox'). */
  siteName?: string
  /** Site URL used in `_links.base` and accessible-resources; defaults to the listening URL. */
  siteUrl?: string
  /** Extra entries for accessible-resources, after this site. */
  extraSites?: AccessibleResource[]
}

export interface FakeCredentials {
  addApiToken(email: string, token: string, options?: { scopes?: string[] }): void
  addAccessToken(token: string, options?: AccessTokenOptions): void
  revokeAccessToken(token: string): void
  revokeApiToken(email: string, token: string): void
}

export interface FakeConfluence {
  app: FastifyInstance
  /** Starts listening (port 0 = any free port) and returns the base URL, e.g. http://127.0.0.1:40123. */
  listen(port?: number, host?: string): Promise<string>
  /** The base URL once listening ('' before). */
  readonly url: string
  readonly cloudId: string
  /** The in-memory site; tests may read and change it directly. */
  state: ConfluenceState
  faults: FaultInjector
  /** OpenAPI violations seen, in both directions. Tests assert this stays empty. */
  violations: Violation[]
  requests: RequestLogEntry[]
  credentials: FakeCredentials
  /** Extra accessible-resources entries (mutable). */
  extraSites: AccessibleResource[]
  /** Adds generated pages (see `seedBulk`). */
  seedBulk(options?: BulkOptions): ReturnType<typeof seedBulk>
  close(): Promise<void>
}

export async function createFakeConfluence(options: FakeConfluenceOptions = {}): Promise<FakeConfluence> {
  if (options.precompile) precompile(new Set(Object.keys(HANDLERS)))
  const state = new ConfluenceState()
  const seed = options.seed ?? 'demo'
  if (seed === 'demo') loadSeed(state, DEMO_SEED)
  else if (seed !== 'empty') loadSeed(state, seed)

  const cloudId = options.cloudId ?? randomUUID()
  let url = ''
  const store = new CredentialStore(state, () => cloudId, options.credentials === 'any' ? 'any' : 'registered')
  if (options.credentials && options.credentials !== 'any') {
    for (const t of options.credentials.apiTokens ?? []) store.addApiToken(t.email, t.token, { scopes: t.scopes })
    for (const { token, ...rest } of options.credentials.accessTokens ?? []) store.addAccessToken(token, rest)
  }

  const faults = new FaultInjector()
  const violations: Violation[] = []
  const requests: RequestLogEntry[] = []
  const extraSites = [...(options.extraSites ?? [])]
  const app = buildApp({
    state,
    credentials: store,
    faults,
    violations,
    requests,
    logRequests: options.logRequests !== false,
    validateResponses: options.validate !== false,
    readCache: options.cacheReads ? new Map() : undefined,
    logger: options.logger ?? false,
    site: {
      cloudId,
      name: options.siteName ?? 'confluence-sandbox',
      siteUrl: host => options.siteUrl ?? (url || `http://${host}`),
      extraSites,
    },
  })
  await app.ready()

  return {
    app,
    get url() {
      return url
    },
    cloudId,
    state,
    faults,
    violations,
    requests,
    extraSites,
    credentials: {
      addApiToken: (email, token, opts) => store.addApiToken(email, token, opts),
      addAccessToken: (token, opts) => store.addAccessToken(token, opts),
      revokeAccessToken: token => store.revokeAccessToken(token),
      revokeApiToken: (email, token) => store.revokeApiToken(email, token),
    },
    seedBulk: opts => seedBulk(state, opts),
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host })
      const address = app.server.address()
      const actualPort = typeof address === 'object' && address ? address.port : port
      url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`
      return url
    },
    close: () => app.close(),
  }
}
