// Cold start as a user feels it: from spawning the server (dist/cli.js serve, as `npm start` runs it)
// to the first successful `tools/call` (pages.get against the bench's fake), then the RSS of the
// process after that one call (idle) and the CPU time it used to get there. The peer aashari, when
// installed, is started and called the same way (its conf_get of the same page), in the same run,
// interleaved with ours. No `initialize` first: both servers answer a stateless `tools/call`.
// `measureInitialize` gives the CPU cost of an `initialize` against a plain call, on a running server.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cpuTimeMs } from './ipc.ts'
import { freePort } from '../test/helpers/free-port.ts'
import { aashariEnv, confGet } from './peers/aashari.ts'
import { median } from './stats.ts'
import { AGENT, MCP_HEADERS, ROOT, USER, toolsCall, workspaceEnv, type FakeInfo } from './targets.ts'

/** What to spawn and what its first call must answer. */
export interface StartTarget {
  name: string
  /** node arguments, the port given last as PORT in the environment. */
  args: string[]
  env: (port: number, home: string) => Record<string, string>
  body: string
  expect: string
}
export interface StartRun {
  ms: number
  rssMb: number
  cpuMs: number
}
export interface StartFigures {
  name: string
  n: number
  ms: number
  rssMb: number
  cpuMs: number
  all: number[]
}

/** The server as `npm start` runs it (bin/confluence-next.js, which runs dist/cli.js), pointed at the fake. */
export function serverTarget(fake: FakeInfo, cli = join(ROOT, 'bin', 'confluence-next.js')): StartTarget {
  return {
    name: 'this',
    args: [cli, 'serve', '--workspace', ROOT],
    env: (port, home) => ({
      ...workspaceEnv(fake.url),
      PORT: String(port),
      DATA_DIR: join(home, 'data'),
      LOG_LEVEL: 'warn',
    }),
    body: toolsCall('pages', { action: 'get', id: fake.pageId, agent_id: AGENT, user_id: USER }),
    expect: 'Bulk page 1',
  }
}

/** aashari (bench/peers/README.md) on its HTTP transport, conf_get of the same page. */
export function aashariTarget(fake: FakeInfo, entry: string): StartTarget {
  return {
    name: 'aashari',
    args: [entry],
    env: (port, home) => aashariEnv(port, fake.url, home),
    body: toolsCall('conf_get', confGet(`/wiki/api/v2/pages/${fake.pageId}`, { 'include-labels': 'true' })),
    expect: 'Bulk page 1',
  }
}

/** One POST (a fresh connection unless `agent`): the status and text, or undefined while nothing listens. */
function post(
  port: number,
  body: string,
  agent: Agent | false = false,
): Promise<{ status: number; text: string } | undefined> {
  return new Promise(resolve => {
    const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: MCP_HEADERS, agent })
    req.once('error', () => resolve(undefined))
    req.once('response', res => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => {
        text += d
      })
      res.once('end', () => resolve({ status: res.statusCode ?? 0, text }))
      res.once('error', () => resolve(undefined))
    })
    req.end(body)
  })
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}

/**
 * Spawn, then POST the call every 5 ms until one succeeds; the process is stopped after. BENCH_CPU_PROF
 * naming `cold-start` profiles the spawned server (--cpu-prof into BENCH_CPU_PROF_DIR), for the start's profile.
 */
export async function timeToFirstCall(target: StartTarget, timeoutMs = 60_000): Promise<StartRun> {
  const port = await freePort()
  const home = mkdtempSync(join(tmpdir(), `bench-start-${target.name}-`))
  const profiled = (process.env.BENCH_CPU_PROF ?? '').split(',').includes('cold-start')
  const profile = profiled ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR ?? 'bench-profiles'}`] : []
  let stderr = ''
  const t0 = performance.now()
  const proc = spawn(process.execPath, [...profile, ...target.args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: home, ...target.env(port, home) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  proc.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 4_000) stderr += d.toString()
  })
  const exited = new Promise<void>(resolve => proc.once('exit', () => resolve()))
  try {
    const deadline = t0 + timeoutMs
    while (performance.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`${target.name} exited (${proc.exitCode}): ${stderr.slice(-500)}`)
      const answer = await post(port, target.body)
      if (answer) {
        const ok =
          answer.status === 200 && answer.text.includes(target.expect) && !answer.text.includes('"isError":true')
        if (!ok)
          throw new Error(`${target.name}: first call answered HTTP ${answer.status}: ${answer.text.slice(0, 300)}`)
        const ms = performance.now() - t0
        return { ms, rssMb: rssMb(proc.pid!), cpuMs: cpuTimeMs(proc.pid!) ?? NaN }
      }
      await new Promise(resolve => setTimeout(resolve, 5))
    }
    throw new Error(`${target.name}: no successful call after ${timeoutMs} ms: ${stderr.slice(-500)}`)
  } finally {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM')
    await exited
    rmSync(home, { recursive: true, force: true })
  }
}

/** `n` starts of every target, interleaved (one of each per round), medians per target. */
export async function coldStarts(targets: StartTarget[], n: number): Promise<StartFigures[]> {
  const runs = new Map<string, StartRun[]>(targets.map(t => [t.name, []]))
  for (let i = 0; i < n; i++) for (const t of targets) runs.get(t.name)!.push(await timeToFirstCall(t))
  return targets.map(t => {
    const r = runs.get(t.name)!
    return {
      name: t.name,
      n,
      ms: median(r.map(x => x.ms)),
      rssMb: median(r.map(x => x.rssMb)),
      cpuMs: median(r.map(x => x.cpuMs)),
      all: r.map(x => x.ms),
    }
  })
}

export interface InitializeCost {
  calls: number
  initializeCpuMs: number
  toolsCallCpuMs: number
}

/**
 * CPU of the server per `initialize` and per plain `tools/call` (pages.get), `calls` of each, one at
 * a time on one keep-alive connection, after a warm-up of each, from /proc: what a client's handshake costs.
 */
export async function measureInitialize(
  pid: number,
  url: string,
  fake: FakeInfo,
  calls: number,
): Promise<InitializeCost> {
  const port = Number(new URL(url).port)
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1.0.0' } },
  })
  const call = toolsCall('pages', { action: 'get', id: fake.pageId, agent_id: AGENT, user_id: USER })
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const cost = async (body: string, expect: string): Promise<number> => {
    for (let i = 0; i < 300; i++) await post(port, body, agent) // warm-up
    const before = cpuTimeMs(pid)!
    for (let i = 0; i < calls; i++) {
      const a = await post(port, body, agent)
      if (a?.status !== 200 || !a.text.includes(expect))
        throw new Error(`${body.slice(0, 60)}: ${a?.text.slice(0, 300)}`)
    }
    return (cpuTimeMs(pid)! - before) / calls
  }
  try {
    return {
      calls,
      initializeCpuMs: await cost(initialize, 'protocolVersion'),
      toolsCallCpuMs: await cost(call, 'Bulk page 1'),
    }
  } finally {
    agent.destroy()
  }
}
