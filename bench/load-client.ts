// The load client in its own process: raw HTTP requests over keep-alive connections (an undici Pool
// per origin), `concurrency` workers each sending its next request when the previous one is
// answered, until `calls` requests or `seconds` have passed. It checks every answer cheaply (status,
// and no JSON-RPC or tool error) rather than parsing it: the client must cost little, and the same
// for every target.
import { Pool } from 'undici'
import { serveCommands } from './ipc.ts'
import { summarize, type LoadResult } from './stats.ts'

export interface LoadJob {
  origin: string
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
  /**
   * A fresh JSON-RPC id per request (the body's `"id":1` replaced by a counter): aashari's one stateless
   * transport routes answers by request id, so concurrent requests with the same id lose answers.
   */
  freshIds?: boolean
  /** 'mcp': a JSON-RPC answer that must not be an error nor an isError result. */
  kind: 'http' | 'mcp'
  concurrency: number
  calls: number
  seconds: number
}

const pools = new Map<string, Pool>()

function pool(origin: string): Pool {
  let p = pools.get(origin)
  if (!p) {
    p = new Pool(origin, { connections: 256, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 120_000 })
    pools.set(origin, p)
  }
  return p
}

function failure(status: number, text: string, kind: LoadJob['kind']): string | undefined {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 300)}`
  // Inside a tool's text these would be escaped (\"isError\"), so they only match the envelope.
  if (kind === 'mcp' && (text.includes('"error":{"code"') || text.includes('"isError":true'))) return text.slice(0, 300)
  return undefined
}

async function load(job: LoadJob): Promise<LoadResult & { bytes: number }> {
  const p = pool(job.origin)
  const latencies = new Float64Array(job.calls)
  const options = { path: job.path, method: job.method, headers: job.headers, body: job.body }
  const [head, tail] = job.freshIds && job.body ? job.body.split('"id":1,', 2) : []
  let nextId = 2
  let issued = 0
  let done = 0
  let errors = 0
  let bytes = 0
  let firstError: string | undefined
  const started = performance.now()
  const deadline = started + job.seconds * 1000
  const worker = async (): Promise<void> => {
    while (issued < job.calls && performance.now() < deadline) {
      issued++
      const t0 = performance.now()
      try {
        const body = tail === undefined ? job.body : `${head}"id":${nextId++},${tail}`
        const res = await p.request({ ...options, body })
        const text = await res.body.text()
        bytes = text.length
        const problem = failure(res.statusCode, text, job.kind)
        if (problem) {
          errors++
          firstError ??= problem
        }
      } catch (err) {
        errors++
        firstError ??= (err as Error).message
      }
      latencies[done++] = performance.now() - t0
    }
  }
  await Promise.all(Array.from({ length: job.concurrency }, worker))
  return { ...summarize(latencies.subarray(0, done), performance.now() - started, errors, firstError), bytes }
}

/** One request, its answer returned whole (the orchestrator's sanity checks). */
async function once(job: LoadJob): Promise<{ status: number; text: string }> {
  const res = await pool(job.origin).request({
    path: job.path,
    method: job.method,
    headers: job.headers,
    body: job.body,
  })
  return { status: res.statusCode, text: await res.body.text() }
}

/**
 * GET `origin/healthz` every `intervalMs` for `seconds`, one at a time: the round trip a liveness
 * probe sees while other load runs (run.ts's responsiveness scenario).
 */
async function ping({
  origin,
  intervalMs,
  seconds,
}: {
  origin: string
  intervalMs: number
  seconds: number
}): Promise<LoadResult> {
  const latencies: number[] = []
  let errors = 0
  let firstError: string | undefined
  const started = performance.now()
  while (performance.now() - started < seconds * 1000) {
    const t0 = performance.now()
    try {
      const res = await pool(origin).request({ path: '/healthz', method: 'GET' })
      await res.body.text()
      if (res.statusCode !== 200) {
        errors++
        firstError ??= `HTTP ${res.statusCode}`
      }
    } catch (err) {
      errors++
      firstError ??= (err as Error).message
    }
    latencies.push(performance.now() - t0)
    await new Promise(resolve => setTimeout(resolve, intervalMs))
  }
  return summarize(Float64Array.from(latencies), performance.now() - started, errors, firstError)
}

serveCommands({}, { load, once, ping })
