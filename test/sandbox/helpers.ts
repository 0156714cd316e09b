// Shared setup for the sandbox tests: a listening fake with one registered API token, and a small
// HTTP client over real loopback sockets (undici).
import { request } from 'undici'
import {
  createFakeConfluence,
  type FakeConfluence,
  type FakeConfluenceOptions,
} from '../../sandbox/confluence/index.ts'

export const EMAIL = 'tester@example.com'
export const TOKEN = 'api-token-123'
export const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`

interface Teardown {
  teardown(fn: () => unknown): void
}

export interface Response<T = any> {
  status: number
  headers: Record<string, string>
  body: T
  text: string
}

export interface Client {
  (
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; auth?: string | null; headers?: Record<string, string> },
  ): Promise<Response>
  get(path: string, auth?: string | null): Promise<Response>
}

export interface Started {
  fake: FakeConfluence
  url: string
  api: Client
  /** `/ex/confluence/{cloudId}` */
  gateway: string
}

export async function startFake(t: Teardown, options: FakeConfluenceOptions = {}): Promise<Started> {
  const fake = await createFakeConfluence({ seed: 'demo', ...options })
  fake.credentials.addApiToken(EMAIL, TOKEN)
  const url = await fake.listen()
  t.teardown(() => fake.close())
  const api = (async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) }
    if (options.auth !== null) headers.authorization = options.auth ?? BASIC
    let body: string | undefined = options.rawBody
    if (options.body !== undefined) body = JSON.stringify(options.body)
    if (body !== undefined) headers['content-type'] ??= 'application/json'
    const res = await request(url + path, { method: method as 'GET', headers, body })
    const text = await res.body.text()
    const flat = Object.fromEntries(
      Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
    )
    let parsed: unknown
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = text
    }
    return { status: res.statusCode, headers: flat, body: parsed, text }
  }) as Client
  api.get = (path, auth) => api('GET', path, { auth })
  return { fake, url, api, gateway: `/ex/confluence/${fake.cloudId}` }
}

/** The id of the demo page with this title. */
export function pageId(fake: FakeConfluence, title: string): string {
  for (const p of fake.state.pages.values()) if (p.versions[p.versions.length - 1]!.title === title) return p.id
  throw new Error(`no page titled ${title}`)
}

export function spaceId(fake: FakeConfluence, key: string): string {
  const space = fake.state.spaceByKey(key)
  if (!space) throw new Error(`no space ${key}`)
  return space.id
}

export const bearer = (token: string) => `Bearer ${token}`
