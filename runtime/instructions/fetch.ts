// docs/fetch.md (merged into docs/language.md "fetch"): outbound HTTP through undici. Statuses never
// throw: the result is the body (or {status, headers, body}) and `$fetch` holds {status, ok, headers,
// url, method, attempts} after every fetch. Timeouts and connection failures raise FETCH_* errors.
// Expressions are compiled once here; constant method, timeout and retry are resolved at load time.
import { DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import { addressRefusedError, exchange, hostRefused } from '../host/http/client.ts'
import { safeRawUrl, safeUrl } from '../host/http/credentials.ts'
import { invalid, prepareRequest, type FetchArgs, type PreparedRequest } from '../host/http/request.ts'
import { parseBody } from '../host/http/response.ts'
import { DEFAULT_RETRY, type RetryPolicy } from '../host/http/retry.ts'
import { httpSettings } from '../host/http/settings.ts'
import type { InstructionContext, InstructionDef } from './types.ts'
import { numberOf } from '../core/truthy.ts'

type OutputMode = 'body' | 'detailed_response' | 'base64'
type Resolved<T> = T | Template

interface Plan {
  url: Template
  method: Resolved<string>
  headers?: Template
  query?: Template
  body?: Template
  form?: Template
  multipart?: Template
  auth?: Template
  timeout?: Resolved<number>
  retry: Resolved<RetryPolicy>
  outputMode: OutputMode
  authKind?: string
  /** What FETCH_INVALID shows when an argument only turns out wrong at run time. */
  source: string
}

const ARGS = ['headers', 'query', 'body', 'form', 'multipart', 'auth'] as const

export const fetch: InstructionDef<Plan> = {
  compile(args: Record<string, unknown>, c) {
    const source = typeof args.url === 'string' ? safeRawUrl(args.url) : '?'
    const methodT = c.template(args.method ?? 'GET', ['method'])
    const method = methodT.constant ? toMethod(methodT.value, source) : methodT
    const fail = (detail: string): DsulError => invalid(typeof method === 'string' ? method : '?', source, detail)
    if (ARGS.slice(2, 5).filter(k => args[k] !== undefined).length > 1)
      throw fail('give only one of `body`, `form` and `multipart`')
    const plan: Plan = {
      url: c.template(args.url, ['url']),
      method,
      retry: DEFAULT_RETRY,
      outputMode: (args.outputMode as OutputMode | undefined) ?? 'body',
      source,
    }
    for (const k of ARGS) if (args[k] !== undefined) plan[k] = c.template(args[k], [k])
    if (args.auth && typeof args.auth === 'object') plan.authKind = Object.keys(args.auth)[0]
    if (args.timeout !== undefined) {
      const t = c.template(args.timeout, ['timeout'])
      plan.timeout = t.constant ? toTimeout(t.value, fail) : t
    }
    if (args.retry !== undefined) {
      const t = c.template(args.retry, ['retry'])
      plan.retry = t.constant ? toRetry(t.value, fail) : t
    }
    return plan
  },

  async run(plan, ctx) {
    const settings = httpSettings(ctx.engine)
    const run = ctx.run
    let method = '?'
    let req: PreparedRequest | undefined
    try {
      method = typeof plan.method === 'string' ? plan.method : toMethod(await ctx.evaluate(plan.method), plan.source)
      const fail = (detail: string): DsulError => invalid(method, req?.display ?? plan.source, detail)
      const a: FetchArgs = { url: await ctx.evaluate(plan.url), method, authKind: plan.authKind }
      for (const k of ARGS) if (plan[k]) a[k] = await ctx.evaluate(plan[k])
      req = prepareRequest(a, settings.userAgent, run.redactor)
      if (!settings.allows(req.url)) throw hostRefused(method, req.url)
      const range = settings.nonPublic(req.url)
      if (range) throw addressRefusedError(method, req.url, range)
      const timeoutMs =
        plan.timeout === undefined
          ? settings.timeoutMs
          : typeof plan.timeout === 'number'
            ? plan.timeout
            : toTimeout(await ctx.evaluate(plan.timeout), fail)
      const retry = isPolicy(plan.retry) ? plan.retry : toRetry(await ctx.evaluate(plan.retry), fail)
      const res = await exchange(req, {
        settings,
        timeoutMs,
        retry,
        run,
        workspace: ctx.engine.slug,
        automation: ctx.automation.slug,
      })
      const status = res.status
      setFetch(ctx, {
        status,
        ok: status >= 200 && status < 300,
        headers: res.headers,
        url: res.url === req.url ? req.display : safeUrl(res.url),
        method,
        attempts: res.attempts,
      })
      if (plan.outputMode === 'base64') return res.body.toString('base64')
      const body = parseBody(res.body, firstValue(res.headers['content-type']))
      return plan.outputMode === 'detailed_response' ? { status, headers: res.headers, body } : body
    } catch (err) {
      // A failed fetch must not leave the previous fetch's status readable as if it were this one's.
      const e = err instanceof DsulError ? err : undefined
      setFetch(ctx, {
        status: null,
        ok: false,
        headers: {},
        url: req?.display ?? plan.source,
        method,
        attempts: e?.data.attempts ?? 0,
        error: e?.code ?? 'INTERNAL',
      })
      throw err
    }
  },
}

/**
 * `$fetch` goes where `set` would put it and also to the current block's frame, so each concurrent
 * `repeat` iteration reads its own fetch even when the automation had a `$fetch` before the loop.
 */
function setFetch(ctx: InstructionContext, value: Record<string, unknown>): void {
  ctx.scope.setLocal('$fetch', value)
  ctx.scope.frame.vars.$fetch = value
}

const METHOD = /^[A-Za-z]+$/

function toMethod(v: unknown, url: string): string {
  if (typeof v !== 'string' || !METHOD.test(v))
    throw invalid(String(v), url, `method must be an HTTP method such as GET or POST, got ${JSON.stringify(v)}`)
  return v.toUpperCase()
}

function toTimeout(v: unknown, fail: (d: string) => DsulError): number {
  const n = numberOf(v)
  if (!Number.isFinite(n) || n < 1)
    throw fail(`timeout must be a number of milliseconds >= 1, got ${JSON.stringify(v)}`)
  return n
}

function toRetry(v: unknown, fail: (d: string) => DsulError): RetryPolicy {
  if (v == null) return DEFAULT_RETRY
  if (typeof v !== 'object' || Array.isArray(v)) throw fail('retry must be an object')
  const r = v as { attempts?: unknown; backoff?: { base?: unknown; cap?: unknown }; jitter?: unknown; unsafe?: unknown }
  const num = (x: unknown, name: string, dflt: number, min: number): number => {
    if (x === undefined) return dflt
    const n = numberOf(x)
    if (!Number.isFinite(n) || n < min) throw fail(`retry.${name} must be a number >= ${min}, got ${JSON.stringify(x)}`)
    return n
  }
  const jitter = r.jitter ?? DEFAULT_RETRY.jitter
  if (jitter !== 'full' && jitter !== 'none')
    throw fail(`retry.jitter must be "full" or "none", got ${JSON.stringify(jitter)}`)
  if (r.unsafe !== undefined && typeof r.unsafe !== 'boolean')
    throw fail(`retry.unsafe must be true or false, got ${JSON.stringify(r.unsafe)}`)
  return Object.freeze({
    attempts: Math.floor(num(r.attempts, 'attempts', DEFAULT_RETRY.attempts, 1)),
    base: num(r.backoff?.base, 'backoff.base', DEFAULT_RETRY.base, 0),
    cap: num(r.backoff?.cap, 'backoff.cap', DEFAULT_RETRY.cap, 0),
    jitter,
    unsafe: r.unsafe as boolean | undefined,
  })
}

function isPolicy(v: Resolved<RetryPolicy>): v is RetryPolicy {
  return typeof (v as RetryPolicy).attempts === 'number'
}

function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v
}
