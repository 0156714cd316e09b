// `npm run bench`: the cost of a tool call through the runtime against two floors (docs/performance.md).
// Starts the processes of targets.ts, checks every target answers correctly, warms every target up
// (JIT tiers take seconds), then measures every cell (target × action × concurrency) once per
// repetition, interleaved, so drift and other load on the machine hit all targets alike; each
// figure is the median of the repetitions. Then 4 agents read a 1 MB page while /healthz is pinged (the
// event loop's delay). Last, fresh servers (one per repetition) give the RSS peak of pages.get at
// concurrency 200 on its own.
//
//   npm run bench [-- --short] [--reps N] [--seconds S] [--json FILE] [--baseline DIR [--baseline-page-argument pageId]]
//   (BENCH_SHORT=1 = --short); --revision 2026-07-28: the full stack called as a 2026-07-28 client
//   BENCH_PROFILE_DIR=DIR: CPU profile of the server over the measured phase (bench/profiler.ts);
//   BENCH_CPU_PROF=server,fake,…: whole-process profiles; BENCH_SERVER_NODE_FLAGS: node flags of the server.
//
// --baseline DIR also serves another checkout of this repository (DIR/bench/sut.ts, its own runtime)
// and measures it in the same interleaved run: before/after figures that share the machine's noise.
//
// Exits 1 only when the run cannot complete (a process fails, a call fails) or when JSONata compiled
// anything after the workspace was loaded. Timing targets are reported, never asserted.
import { existsSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildCli, bundle } from '../scripts/build.mjs'
import { aashariTarget, coldStarts, measureInitialize, serverTarget } from './cold-start.ts'
import { cpuTimeMs, peakRssMb, resetPeakRss, spawnChild, type Child } from './ipc.ts'
import type { LoadJob } from './load-client.ts'
import { bodyMatrix, matrixReport } from './matrix.ts'
import { aashariEntry } from './peers/aashari.ts'
import { report, type Cell, type CellResult, type ColdStart, type FreshPeak, type Measured } from './report.ts'
import { median, type LoadResult } from './stats.ts'
import {
  ACTIONS,
  BASIC_AUTH,
  BUNDLE_DIR,
  BUNDLES,
  MCP_HEADERS,
  MODERN_REVISION,
  modernToolsCall,
  bundled,
  automationCall,
  confluencePath,
  spawnServer,
  startProcesses,
  toolArguments,
  toolsCall,
  type Action,
  type FakeInfo,
  type Layout,
  type ServerInfo,
} from './targets.ts'

const argv = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : undefined
}
const short = argv.includes('--short') || process.env.BENCH_SHORT === '1'
const reps = Number(flag('--reps') ?? (short ? 2 : 5))
const seconds = Number(flag('--seconds') ?? (short ? 0.3 : 2))
const warmSeconds = short ? 0.4 : 3
const jsonFile = flag('--json')
const baselineDir = flag('--baseline')
// A baseline checkout from before the seed's contract names its page argument `pageId`.
const baselinePageArgument = flag('--baseline-page-argument') ?? 'id'
// `--revision 2026-07-28`: the full stack is called as a 2026-07-28 client calls it (the MCP floor,
// on SDK 1.x, stays on 2025-06-18); otherwise every MCP target gets 2025-06-18 requests.
const revision = flag('--revision') ?? '2025-06-18'
if (revision !== '2025-06-18' && revision !== MODERN_REVISION) {
  throw new Error(`bench: --revision is 2025-06-18 or ${MODERN_REVISION}`)
}
const SERVED = ['direct', 'mcp-floor', 'server', ...(baselineDir ? (['baseline'] as const) : [])] as const
type Served = Exclude<Cell['target'], 'in-process'>
let baseline: Child<ServerInfo> | undefined
const CONCURRENCY = [1, 50, 200]
const callsFor = (c: number): number => (c === 1 ? (short ? 300 : 4_000) : short ? 1_500 : 40_000)
const COLD_STARTS = short ? 3 : 7

// A run that hangs is a failed run (the CI step must end); BENCH_LIMIT_MIN raises the bound on a loaded host.
const limitMin = Number(process.env.BENCH_LIMIT_MIN) || (short ? 2 : 30)
setTimeout(() => {
  console.error(`bench: not done after ${limitMin} min, giving up`)
  process.exit(1)
}, limitMin * 60_000).unref()

type Stats = { jsonataCompilations: number; jsonataEvaluations: number; fastEvaluations: number }

/**
 * Cold start as users feel it (cold-start.ts): spawn of `npm start`'s server → first successful
 * tools/call, against a fake of its own, with the peer aashari started the same way when installed.
 */
async function startFigures(n: number): Promise<ColdStart> {
  const fake = await spawnChild<FakeInfo>('fake', bundled('fake'))
  try {
    const entry = aashariEntry()
    const peer = existsSync(entry)
    const targets = [serverTarget(fake.info), ...(peer ? [aashariTarget(fake.info, entry)] : [])]
    const figures = await coldStarts(targets, n)
    return {
      n,
      ours: figures[0],
      peer: figures[1],
      note: peer ? undefined : `peer aashari not installed (no ${entry})`,
    }
  } finally {
    await fake.stop()
  }
}

function cells(): Cell[] {
  const out: Cell[] = []
  for (const concurrency of CONCURRENCY) {
    for (const action of ACTIONS) for (const target of SERVED) out.push({ target, action, concurrency })
  }
  for (const action of ACTIONS) out.push({ target: 'in-process', action, concurrency: 1 })
  return out
}

function job(l: Layout, target: Served, action: Action, concurrency: number, calls: number, secs: number): LoadJob {
  const ids = l.fake.info
  const common = { concurrency, calls, seconds: secs }
  if (target === 'direct') {
    return {
      origin: ids.url,
      method: 'GET',
      path: confluencePath(action, ids),
      headers: { authorization: BASIC_AUTH, accept: 'application/json' },
      kind: 'http',
      ...common,
    }
  }
  const body =
    target === 'mcp-floor'
      ? toolsCall('get', { path: confluencePath(action, ids) })
      : toolsCall('pages', toolArguments(action, ids, target === 'baseline' ? baselinePageArgument : 'id'))
  const origin = (target === 'server' ? l.sut : target === 'baseline' ? baseline! : l.floor).info.url
  if (target === 'server' && revision === MODERN_REVISION) {
    const modern = modernToolsCall('pages', toolArguments(action, ids))
    return { origin, method: 'POST', path: '/mcp', ...modern, kind: 'mcp', ...common }
  }
  return { origin, method: 'POST', path: '/mcp', headers: MCP_HEADERS, body, kind: 'mcp', ...common }
}

/** The process that answers a cell: its RSS and CPU are the cell's. */
function pidOf(l: Layout, target: Cell['target']): number {
  return {
    direct: l.fake.pid,
    'mcp-floor': l.floor.pid,
    server: l.sut.pid,
    baseline: baseline?.pid ?? 0,
    'in-process': l.inproc.pid,
  }[target]
}

async function measure(l: Layout, cell: Cell, calls: number, secs: number): Promise<Measured> {
  const pid = pidOf(l, cell.target)
  resetPeakRss(pid)
  const cpu = cpuTimeMs(pid)
  const result =
    cell.target === 'in-process'
      ? await l.inproc.call<Measured>('run', { ...automationCall(cell.action, l.fake.info), calls, seconds: secs })
      : await l.client.call<Measured>('load', job(l, cell.target, cell.action, cell.concurrency, calls, secs))
  const used = cpu === undefined ? undefined : cpuTimeMs(pid)! - cpu
  return { ...result, rssMb: peakRssMb(pid), cpuMs: used === undefined ? undefined : used / Math.max(1, result.calls) }
}

/** One call per target, its answer checked for what the action must show. */
async function sanity(l: Layout): Promise<void> {
  const expect: Record<Action, string> = {
    get: 'Bulk page 1',
    getBody: '(Markdown converted from storage',
    list: '25 page(s)',
  }
  for (const action of ACTIONS) {
    for (const target of SERVED) {
      const { status, text } = await l.client.call<{ status: number; text: string }>(
        'once',
        job(l, target, action, 1, 1, 1),
      )
      const wanted = target === 'server' || target === 'baseline' ? expect[action] : 'Bulk '
      if (status !== 200 || !text.includes(wanted) || text.includes('"isError":true')) {
        throw new Error(`${target} ${action}: unexpected answer (HTTP ${status}): ${text.slice(0, 400)}`)
      }
    }
  }
}

/**
 * A server started afresh, warmed up at concurrency 50, then loaded at 200 with pages.get only; as
 * many times as there are repetitions (when V8 grows its heap varies from run to run), the median kept.
 */
async function freshServerPeaks(l: Layout, n: number): Promise<FreshPeak> {
  await l.sut.stop()
  const runs: Array<{ rssMb: number; idleMb: number; callsPerSec: number }> = []
  for (let i = 0; i < n; i++) {
    const fresh: Child<ServerInfo> = await spawnServer(l.fake.info)
    try {
      const idleMb = peakRssMb(fresh.pid) ?? NaN
      const swapped = { ...l, sut: fresh }
      await l.client.call('load', job(swapped, 'server', 'get', 50, 100_000, warmSeconds))
      const r = await l.client.call<Measured>(
        'load',
        job(swapped, 'server', 'get', 200, callsFor(200), Math.max(seconds, 1)),
      )
      runs.push({ rssMb: peakRssMb(fresh.pid) ?? NaN, idleMb, callsPerSec: r.callsPerSec })
    } finally {
      await fresh.stop()
    }
  }
  return {
    n,
    rssMb: median(runs.map(r => r.rssMb)),
    idleMb: median(runs.map(r => r.idleMb)),
    callsPerSec: median(runs.map(r => r.callsPerSec)),
    all: runs.map(r => r.rssMb),
  }
}

/** How long the server's event loop lags while agents read a huge page (issue 14): every tenant waits that long. */
interface Responsiveness {
  agents: number
  pageChars: number
  seconds: number
  reads: LoadResult
  pings: LoadResult
  loop: { p50: number; p99: number; max: number }
  cpuMsPerRead?: number
}
const AGENTS = 4
const LOOP_TARGET_MS = 50

/**
 * AGENTS agents read the 1 MB page (pages.getBody, verbose: converted to Markdown) back to back while
 * a probe GETs /healthz every 20 ms: the event loop's delay (monitorEventLoopDelay in the server), the
 * probe's round trip, and the server's CPU per read (its conversion threads included).
 */
async function responsiveness(l: Layout, secs: number): Promise<Responsiveness> {
  const ids = l.fake.info
  const body = toolsCall('pages', { ...toolArguments('getBody', ids), id: ids.hugePageId })
  const read: LoadJob = {
    origin: l.sut.info.url,
    method: 'POST',
    path: '/mcp',
    headers: MCP_HEADERS,
    body,
    kind: 'mcp',
    concurrency: AGENTS,
    calls: 1_000_000,
    seconds: secs,
  }
  const first = await l.client.call<{ status: number; text: string }>('once', read)
  const complete = first.text.includes('[… part 1 of the Markdown')
  if (first.status !== 200 || !complete || first.text.includes('"isError":true')) {
    throw new Error(
      `server getBody of the 1 MB page: unexpected answer (HTTP ${first.status}): ${first.text.slice(0, 400)}`,
    )
  }
  await l.sut.call('loop-delay-start')
  const cpu = cpuTimeMs(l.sut.pid)
  const [reads, pings] = await Promise.all([
    l.client.call<LoadResult>('load', read),
    l.client.call<LoadResult>('ping', { origin: l.sut.info.url, intervalMs: 20, seconds: secs }),
  ])
  const used = cpu === undefined ? undefined : cpuTimeMs(l.sut.pid)! - cpu
  const loop = await l.sut.call<Responsiveness['loop']>('loop-delay-stop')
  return {
    agents: AGENTS,
    pageChars: 1_000_000,
    seconds: secs,
    reads,
    pings,
    loop,
    cpuMsPerRead: used === undefined ? undefined : used / Math.max(1, reads.calls),
  }
}

function responsivenessReport(r: Responsiveness): string {
  const f = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(1))
  return [
    '',
    `## Responsiveness: ${r.agents} agents reading a 1 MB formatted page (pages.getBody, verbose), ${r.seconds} s`,
    '',
    '| event-loop delay p50 / p99 / max | /healthz round trip p50 / p99 | getBody p50 / p99 | reads/s | server CPU per read |',
    '|---|---|---|---|---|',
    `| ${f(r.loop.p50)} / ${f(r.loop.p99)} / ${f(r.loop.max)} ms | ${f(r.pings.p50)} / ${f(
      r.pings.p99,
    )} ms (${r.pings.calls} pings) | ` +
      `${f(r.reads.p50)} / ${f(r.reads.p99)} ms | ${f(r.reads.callsPerSec)} | ${f(r.cpuMsPerRead)} ms |`,
    '',
    `Target: event-loop delay p99 under ${LOOP_TARGET_MS} ms — ${r.loop.p99 < LOOP_TARGET_MS ? 'met' : 'NOT met'}.`,
  ].join('\n')
}

async function main(): Promise<number> {
  const started = Date.now()
  const load = [loadavg()[0]]
  console.error(
    `bench: ${short ? 'short' : 'full'} mode, ${reps} repetitions, each cell ≤ ${seconds} s; load average ${load[0].toFixed(
      2,
    )}`,
  )
  // dist/cli.js too: the cold start spawns the server as `npm start` runs it.
  await buildCli()
  await bundle(BUNDLES, BUNDLE_DIR)
  // Cold start first, while nothing else of ours runs.
  const cold = await startFigures(COLD_STARTS)
  const l = await startProcesses()
  try {
    if (baselineDir) {
      baseline = await spawnChild<ServerInfo>('baseline', pathToFileURL(resolve(baselineDir, 'bench/sut.ts')), {
        BENCH_FAKE_URL: l.fake.info.url,
      })
    }
    await sanity(l)
    const all = cells()
    for (const action of ACTIONS) {
      for (const target of SERVED) await l.client.call('load', job(l, target, action, 50, 100_000, warmSeconds))
      await l.inproc.call('run', { ...automationCall(action, l.fake.info), calls: 100_000, seconds: warmSeconds })
    }
    console.error(`bench: warmed up (${Math.round((Date.now() - started) / 1000)} s)`)
    // CPU per initialize against a plain call (a client's handshake), outside the measured cells.
    const initialize = await measureInitialize(l.sut.pid, l.sut.info.url, l.fake.info, short ? 300 : 2_000)
    const results = new Map<Cell, Measured[]>(all.map(c => [c, []]))
    // After the warm-up: the servers load as serve does, each expression compiled on its first use.
    const before = { server: await l.sut.call<Stats>('stats'), inproc: await l.inproc.call<Stats>('stats') }
    // BENCH_PROFILE_DIR: a CPU profile of the server under test over the measured phase only.
    const profileDir = process.env.BENCH_PROFILE_DIR
    if (profileDir) await l.sut.call('profile-start')
    for (let rep = 1; rep <= reps; rep++) {
      for (const cell of all) results.get(cell)!.push(await measure(l, cell, callsFor(cell.concurrency), seconds))
      console.error(`bench: repetition ${rep}/${reps} done (${Math.round((Date.now() - started) / 1000)} s)`)
    }
    if (profileDir) {
      console.error(
        `bench: server profile ${await l.sut.call<string>('profile-stop', {
          dir: resolve(profileDir),
          name: 'server',
        })}`,
      )
    }
    const after = { server: await l.sut.call<Stats>('stats'), inproc: await l.inproc.call<Stats>('stats') }
    const compilations = {
      server: after.server.jsonataCompilations - before.server.jsonataCompilations,
      inproc: after.inproc.jsonataCompilations - before.inproc.jsonataCompilations,
    }
    const out: CellResult[] = all.map(cell => ({ cell, reps: results.get(cell)! }))
    const serverCalls = out
      .filter(r => r.cell.target === 'server')
      .reduce((n, r) => n + r.reps.reduce((m, x) => m + x.calls, 0), 0)
    const evaluations = {
      jsonata: (after.server.jsonataEvaluations - before.server.jsonataEvaluations) / serverCalls,
      fast: (after.server.fastEvaluations - before.server.fastEvaluations) / serverCalls,
    }
    const serverPeakMb = peakRssMb(l.sut.pid)
    const responsive = await responsiveness(l, short ? 1 : 5)
    // One repetition in short mode: CI keeps the whole run within its two minutes.
    const matrix = await bodyMatrix(l, short ? 1 : reps, seconds)
    const fresh = await freshServerPeaks(l, reps)
    load.push(loadavg()[0])
    const errors =
      out.reduce((n, r) => n + r.reps.reduce((m, x) => m + x.errors, 0), 0) +
      responsive.reads.errors +
      responsive.pings.errors
    const firstError =
      out.flatMap(r => r.reps).find(x => x.firstError)?.firstError ??
      responsive.reads.firstError ??
      responsive.pings.firstError
    const violations = await l.fake.call<number>('violations')
    console.log(
      report({
        results: out,
        cold,
        initialize,
        compilations,
        evaluations,
        serverPeakMb,
        fresh,
        reps,
        seconds,
        short,
        violations,
        load,
      }),
    )
    console.log(responsivenessReport(responsive))
    console.log(matrixReport(matrix))
    if (jsonFile) {
      writeFileSync(
        jsonFile,
        JSON.stringify(
          {
            date: new Date().toISOString(),
            short,
            reps,
            seconds,
            load,
            cold,
            initialize,
            compilations,
            evaluations,
            serverPeakMb,
            fresh,
            responsive,
            matrix,
            results: out,
          },
          null,
          2,
        ),
      )
    }
    console.error(`bench: done in ${Math.round((Date.now() - started) / 1000)} s`)
    let code = 0
    if (compilations.server !== 0 || compilations.inproc !== 0) {
      console.error(
        `bench: FAIL: JSONata compiled ${compilations.server} expression(s) in the server and ${compilations.inproc} in-process during the measured phase (must be 0)`,
      )
      code = 1
    }
    if (errors > 0) {
      console.error(`bench: FAIL: ${errors} call(s) failed, so the run is not valid; first: ${firstError}`)
      code = 1
    }
    return code
  } finally {
    await baseline?.stop()
    await l.stop()
  }
}

main().then(
  code => process.exit(code),
  err => {
    console.error(`bench: FAIL: ${(err as Error).stack ?? err}`)
    process.exit(1)
  },
)
