// Fastify is only the HTTP host: one catch-all route hands every request to `dispatch`, so spec
// matching, not the framework's router, decides what exists (and unknown paths get recorded).
import Fastify, { type FastifyInstance } from 'fastify'
import { dispatch, type DispatchDeps } from './dispatch.ts'
import { errorBody, familyOf } from './errors.ts'

export interface RequestLogEntry {
  method: string
  /** Pathname as received (gateway prefix included). */
  path: string
  query: Record<string, string | string[]>
  /** Lower-cased names; Authorization reduced to its scheme. */
  headers: Record<string, string>
  body: unknown
}

// Confluence rejects bodies over 5 MB with 413 (spec: POST /pages).
const BODY_LIMIT = 5 * 1024 * 1024
const INVALID_JSON = Symbol('invalid-json')

export function buildApp(
  deps: DispatchDeps & { requests: RequestLogEntry[]; logRequests: boolean; logger: boolean },
): FastifyInstance {
  const app = Fastify({
    logger: deps.logger,
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 65_536 },
  })

  app.removeAllContentTypeParsers()
  // Invalid JSON is passed on (not thrown) so faults and authentication still run first.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
    if (text === '') return done(null, undefined)
    try {
      done(null, JSON.parse(text as string))
    } catch {
      done(null, INVALID_JSON)
    }
  })
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, data, done) => done(null, data))

  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode === 413 ? 413 : err.statusCode && err.statusCode < 500 ? err.statusCode : 500
    const message = status === 413 ? 'Request entity too large: the limit is 5 MB' : err.message
    const path = req.url.split('?')[0]!.replace(/^\/ex\/confluence\/[^/]+/, '')
    void reply
      .code(status)
      .type('application/json;charset=UTF-8')
      .send(errorBody(familyOf(path), status, message))
  })

  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/*',
    handler: async (req, reply) => {
      const body = req.body === INVALID_JSON ? undefined : req.body
      if (deps.logRequests) {
        const url = new URL(req.url, 'http://fake.invalid')
        deps.requests.push({
          method: req.method,
          path: url.pathname,
          query: queryRecord(url.searchParams),
          headers: redactHeaders(req.headers),
          body,
        })
      }
      const out = await dispatch(deps, {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body,
        hasBody: body !== undefined,
        invalidJson: req.body === INVALID_JSON,
      })
      if (out.kind === 'reset') {
        reply.hijack()
        req.raw.socket.destroy()
        return
      }
      void reply.code(out.status).headers(out.headers)
      return out.kind === 'binary' ? reply.send(out.data) : reply.send(out.payload)
    },
  })
  return app
}

function queryRecord(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key)
    out[key] = all.length === 1 ? all[0]! : all
  }
  return out
}

function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    const text = Array.isArray(value) ? value.join(', ') : value
    out[name.toLowerCase()] = name.toLowerCase() === 'authorization' ? (text.trim().split(/\s+/)[0] ?? '') : text
  }
  return out
}
