// The single-flight primitive across processes: two runtime instances (child processes) share one
// store and fire 25 runs each for the same user, whose rotating refresh token has expired. The token
// endpoint accepts each refresh token once. Exactly one refresh must happen, and all 50 runs must
// get the new token — on Redis (several machines) and on a shared SQLite file (several processes).
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import t, { type Test } from 'tap'
import { HAVE_REDIS, NO_REDIS, redisBackend, sqliteBackend, startRedis, stopChild, type Backend } from './helpers.ts'

const RUNS_PER_PROCESS = 25

/** A token endpoint with rotating refresh tokens: R0 → (A1, R1) → (A2, R2) …; a used one is refused. */
async function tokenServer(t: Test): Promise<{ url: string; refreshes: () => number }> {
  let generation = 0
  let refreshes = 0
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => {
      body += c.toString()
    })
    req.on('end', () => {
      refreshes++
      const presented = new URLSearchParams(body).get('refresh_token')
      res.setHeader('content-type', 'application/json')
      if (presented !== `R${generation}`) {
        res.statusCode = 400
        res.end(JSON.stringify({ error: 'invalid_grant' }))
        return
      }
      generation++
      // A little upstream latency, so racing runs really overlap.
      setTimeout(
        () =>
          res.end(
            JSON.stringify({ access_token: `A${generation}`, refresh_token: `R${generation}`, expires_in: 3600 }),
          ),
        30,
      )
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/oauth/token`,
    refreshes: () => refreshes,
  }
}

interface Worker {
  ready: Promise<void>
  result: Promise<Array<{ output?: unknown; error?: string }>>
  go(): void
}

function startWorker(t: Test, b: Backend, tokenUrl: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'lock-worker.ts')], {
    env: {
      ...process.env,
      CONFLUENCE_ALLOW_LOOPBACK: 'true',
      STORE_OPTIONS: JSON.stringify(b.options),
      TOKEN_URL: tokenUrl,
      RUNS: String(RUNS_PER_PROCESS),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  t.teardown(() => stopChild(child))
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString()
  })
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
  const next = async (): Promise<string> => {
    const r = await lines.next()
    if (r.done) throw new Error(`worker exited early (code ${child.exitCode}):\n${stderr}`)
    return r.value
  }
  const ready = next().then(line => {
    if (line !== 'ready') throw new Error(`worker said ${line}\n${stderr}`)
  })
  return { ready, result: ready.then(next).then(line => JSON.parse(line)), go: () => child.stdin!.write('go\n') }
}

async function race(t: Test, b: Backend): Promise<void> {
  const server = await tokenServer(t)
  const seed = await b.open()
  await seed.patchDoc('store-lock:user', 'alice', {
    type: 'replace',
    path: ['token'],
    value: { access: 'A0', refresh: 'R0', expiresAt: 0 },
  })
  await seed.close()

  const workers = [startWorker(t, b, server.url), startWorker(t, b, server.url)]
  await Promise.all(workers.map(w => w.ready))
  for (const w of workers) w.go()
  const results = (await Promise.all(workers.map(w => w.result))).flat()

  t.equal(results.length, 2 * RUNS_PER_PROCESS)
  t.same(
    results.filter(r => r.error),
    [],
    'no run failed',
  )
  t.ok(
    results.every(r => r.output === 'A1'),
    'every run got the new access token',
  )
  t.equal(server.refreshes(), 1, 'exactly one upstream refresh')
  const after = await b.open()
  t.teardown(() => after.close())
  const user = (await after.getDoc('store-lock:user', 'alice')) as { token: { refresh: string }; calls: string[] }
  t.equal(user.token.refresh, 'R1', 'the rotated refresh token is stored')
  t.equal(new Set(user.calls).size, 2 * RUNS_PER_PROCESS, 'and no concurrent push from either process was lost')
}

t.test('redis: two processes, 50 concurrent runs, one refresh', { skip: HAVE_REDIS ? false : NO_REDIS }, async t => {
  await race(t, redisBackend(t, (await startRedis(t)).url))
})

t.test('sqlite: two processes on one DATA_DIR, 50 concurrent runs, one refresh', async t => {
  await race(t, sqliteBackend(t))
})
