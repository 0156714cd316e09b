// `npm run bench`: the cost of a tool call through the runtime against two floors (docs/performance.md).
// Starts the processes of targets.ts, checks every target answers correctly, warms up, then measures
// every cell (target × action × concurrency) once per repetition, interleaved, so drift and noise
// hit all targets alike; each figure is the median of the repetitions.
//
//   npm run bench [-- --short] [--reps N] [--seconds S] [--json FILE]     (BENCH_SHORT=1 = --short)
//
// Exits 1 only when the run cannot complete (a process fails, a call fails) or when JSONata compiled
// anything after the workspace was loaded. Timing targets are reported, never asserted.
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { peakRssMb, resetPeakRss } from './ipc.ts'
import { report, type Cell, type CellResult, type ColdStart, type Measured } from './report.ts'
import { median } from './stats.ts'
import type { LoadJob } from './load-client.ts'
import {
  ACTIONS, BASIC_AUTH, MCP_HEADERS, ROOT, automationCall, confluencePath, startProcesses, toolArguments, toolsCall,
  type Action, type Layout,
} from './targets.ts'

const argv = process.argv.slice(2)
const flag = (name: string): string | undefined => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined }
const short = argv.includes('--short') || process.env.BENCH_SHORT === '1'
const reps = Number(flag('--reps') ?? (short ? 2 : 5))
const seconds = Number(flag('--seconds') ?? (short ? 0.3 : 2))
const jsonFile = flag('--json')
const CONCURRENCY = [1, 50, 200]
const callsFor = (c: number): number => c === 1 ? (short ? 300 : 3_000) : (short ? 1_500 : 20_000)
const COLD_STARTS = short ? 3 : 7

// A run that hangs is a failed run (the CI step must end).
const watchdog = setTimeout(() => { console.error(`bench: not done after ${short ? 2 : 30} min, giving up`); process.exit(1) }, (short ? 2 : 30) * 60_000)
watchdog.unref()

const execFileP = promisify(execFile)

async function coldStarts (n: number): Promise<ColdStart> {
  const runs: Array<{ loadMs: number, importMs: number }> = []
  for (let i = 0; i < n; i++) {
    const { stdout } = await execFileP(process.execPath, ['--import', 'tsx', new URL('./cold-start.ts', import.meta.url).pathname], { cwd: ROOT })
    runs.push(JSON.parse(stdout.trim().split('\n').at(-1)!))
  }
  return { n, loadMs: median(runs.map(r => r.loadMs)), importMs: median(runs.map(r => r.importMs)), all: runs.map(r => r.loadMs) }
}

function cells (): Cell[] {
  const out: Cell[] = []
  for (const concurrency of CONCURRENCY) {
    for (const action of ACTIONS) for (const target of ['direct', 'mcp-floor', 'server'] as const) out.push({ target, action, concurrency })
  }
  for (const action of ACTIONS) out.push({ target: 'in-process', action, concurrency: 1 })
  return out
}

function job (l: Layout, target: Exclude<Cell['target'], 'in-process'>, action: Action, concurrency: number, calls: number, secs: number): LoadJob {
  const ids = l.fake.info
  const common = { concurrency, calls, seconds: secs }
  if (target === 'direct') {
    return { origin: ids.url, method: 'GET', path: confluencePath(action, ids), headers: { authorization: BASIC_AUTH, accept: 'application/json' }, kind: 'http', ...common }
  }
  const body = target === 'mcp-floor' ? toolsCall('get', { path: confluencePath(action, ids) }) : toolsCall('pages', toolArguments(action, ids))
  return { origin: (target === 'server' ? l.sut : l.floor).info.url, method: 'POST', path: '/mcp', headers: MCP_HEADERS, body, kind: 'mcp', ...common }
}

function pidOf (l: Layout, target: Cell['target']): number {
  return { direct: l.fake.pid, 'mcp-floor': l.floor.pid, server: l.sut.pid, 'in-process': l.inproc.pid }[target]
}

async function measure (l: Layout, cell: Cell, calls: number, secs: number): Promise<Measured> {
  const pid = pidOf(l, cell.target)
  resetPeakRss(pid)
  const result = cell.target === 'in-process'
    ? await l.inproc.call<Measured>('run', { ...automationCall(cell.action, l.fake.info), calls, seconds: secs })
    : await l.client.call<Measured>('load', job(l, cell.target, cell.action, cell.concurrency, calls, secs))
  return { ...result, rssMb: peakRssMb(pid) }
}

/** One call per target, its answer checked for what the action must show. */
async function sanity (l: Layout): Promise<void> {
  const expect: Record<Action, string> = { get: 'Bulk page 1', getBody: 'Content (Markdown, converted from storage)', list: '25 page(s)' }
  for (const action of ACTIONS) {
    for (const target of ['direct', 'mcp-floor', 'server'] as const) {
      const { status, text } = await l.client.call<{ status: number, text: string }>('once', job(l, target, action, 1, 1, 1))
      const wanted = target === 'server' ? expect[action] : 'Bulk '
      if (status !== 200 || !text.includes(wanted) || text.includes('"isError":true')) {
        throw new Error(`${target} ${action}: unexpected answer (HTTP ${status}): ${text.slice(0, 400)}`)
      }
    }
  }
}

async function main (): Promise<number> {
  const started = Date.now()
  console.error(`bench: ${short ? 'short' : 'full'} mode, ${reps} repetitions, each cell ≤ ${seconds} s`)
  // Cold start first, while nothing else runs on the machine.
  const cold = await coldStarts(COLD_STARTS)
  const l = await startProcesses()
  try {
    await sanity(l)
    const before = { server: await l.sut.call<{ jsonataCompilations: number }>('stats'), inproc: await l.inproc.call<{ jsonataCompilations: number }>('stats') }
    const all = cells()
    // Warm-up: JIT, connection pools and the fake's lazily compiled request validators.
    for (const cell of all) await measure(l, cell, Math.min(callsFor(cell.concurrency), 400), short ? 0.15 : 0.5)
    const results = new Map<Cell, Measured[]>(all.map(c => [c, []]))
    for (let rep = 1; rep <= reps; rep++) {
      for (const cell of all) results.get(cell)!.push(await measure(l, cell, callsFor(cell.concurrency), seconds))
      console.error(`bench: repetition ${rep}/${reps} done (${Math.round((Date.now() - started) / 1000)} s)`)
    }
    const after = { server: await l.sut.call<{ jsonataCompilations: number }>('stats'), inproc: await l.inproc.call<{ jsonataCompilations: number }>('stats') }
    const compilations = {
      server: after.server.jsonataCompilations - before.server.jsonataCompilations,
      inproc: after.inproc.jsonataCompilations - before.inproc.jsonataCompilations,
    }
    const serverPeakMb = peakRssMb(l.sut.pid)
    const out: CellResult[] = all.map(cell => ({ cell, reps: results.get(cell)! }))
    const errors = out.reduce((n, r) => n + r.reps.reduce((m, x) => m + x.errors, 0), 0)
    const firstError = out.flatMap(r => r.reps).find(x => x.firstError)?.firstError
    console.log(report({ results: out, cold, compilations, serverPeakMb, reps, seconds, short, violations: await l.fake.call<number>('violations') }))
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ date: new Date().toISOString(), short, reps, seconds, cold, compilations, serverPeakMb, results: out }, null, 2))
    console.error(`bench: done in ${Math.round((Date.now() - started) / 1000)} s`)
    let code = 0
    if (compilations.server !== 0 || compilations.inproc !== 0) {
      console.error(`bench: FAIL: JSONata compiled ${compilations.server} expression(s) in the server and ${compilations.inproc} in-process during the measured phase (must be 0)`)
      code = 1
    }
    if (errors > 0) {
      console.error(`bench: FAIL: ${errors} call(s) failed, so the run is not valid; first: ${firstError}`)
      code = 1
    }
    return code
  } finally {
    await l.stop()
  }
}

main().then(code => process.exit(code), err => {
  console.error(`bench: FAIL: ${(err as Error).stack ?? err}`)
  process.exit(1)
})
