// The benchmark's table (Markdown, so it can be pasted into docs/performance.md) and the targets.
import type { InitializeCost, StartFigures } from './cold-start.ts'
import type { LoadResult } from './stats.ts'
import { median, spread } from './stats.ts'
import { ACTIONS, type Action } from './targets.ts'

export interface Cell {
  target: 'direct' | 'mcp-floor' | 'server' | 'baseline' | 'in-process'
  action: Action
  concurrency: number
}
/** RSS of fresh servers under pages.get at c 200: medians of `n` runs, and every run's peak. */
export interface FreshPeak {
  n: number
  rssMb: number
  idleMb: number
  callsPerSec: number
  all: number[]
}
export type Measured = LoadResult & { rssMb?: number; cpuMs?: number; instructions?: number }
export interface CellResult {
  cell: Cell
  reps: Measured[]
}
/** Spawn → first successful tools/call (cold-start.ts), ours and the peer's when installed. */
export interface ColdStart {
  n: number
  ours: StartFigures
  peer?: StartFigures
  note?: string
}

export interface Report {
  results: CellResult[]
  cold: ColdStart
  initialize: InitializeCost
  compilations: { server: number; inproc: number }
  /** Per server call during the measured phase: JSONata's own evaluator vs the fast path. */
  evaluations: { jsonata: number; fast: number }
  serverPeakMb?: number
  fresh: FreshPeak
  reps: number
  seconds: number
  short: boolean
  violations: number
  /** 1-minute load average at the start and at the end (other work on the machine). */
  load: number[]
}

interface Row {
  cell: Cell
  p50: number
  p99: number
  rate: number
  noise: number
  rss: number
  cpu: number
}

const LABEL: Record<Cell['target'], string> = {
  direct: 'direct GET (floor)',
  'mcp-floor': 'MCP floor (SDK)',
  server: 'full stack',
  baseline: 'full stack, baseline',
  'in-process': 'in-process run',
}
const TARGETS = { throughput: 1.5, addedMs: 1, rssMb: 150, idleMb: 100 }

export function report(r: Report): string {
  const rows = r.results.map(
    ({ cell, reps }): Row => ({
      cell,
      p50: median(reps.map(x => x.p50)),
      p99: median(reps.map(x => x.p99)),
      rate: median(reps.map(x => x.callsPerSec)),
      noise: spread(reps.map(x => x.callsPerSec)),
      rss: Math.max(...reps.map(x => x.rssMb ?? NaN).filter(Number.isFinite)),
      cpu: median(reps.map(x => x.cpuMs ?? NaN)),
    }),
  )
  const find = (target: Cell['target'], action: Action, c: number): Row =>
    rows.find(x => x.cell.target === target && x.cell.action === action && x.cell.concurrency === c)!
  const instructions = (action: Action): number | undefined =>
    r.results.find(x => x.cell.target === 'in-process' && x.cell.action === action)?.reps.at(-1)?.instructions

  const lines = [
    `Median of ${r.reps} repetitions, interleaved; each cell bounded by a number of calls and ${r.seconds} s` +
      `${r.short ? ' (short mode: indicative only)' : ''}. ` +
      `Load average (1 min) ${r.load.map(x => x.toFixed(1)).join(' → ')}.`,
    '',
    '| action | target | c | p50 ms | p99 ms | calls/s | ± | × direct | × MCP floor | +ms p50 vs direct | ' +
      '+ms p50 vs MCP floor | CPU ms/call | RSS peak MB | instr/call |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ]
  for (const action of ACTIONS) {
    const mine = rows
      .filter(x => x.cell.action === action)
      .sort((a, b) => a.cell.concurrency - b.cell.concurrency || order(a) - order(b))
    for (const row of mine) {
      const c = row.cell.concurrency
      const direct = find('direct', action, c)
      const floor = find('mcp-floor', action, c)
      const own = row.cell.target === 'server' || row.cell.target === 'in-process'
      const vsDirect = row.cell.target === 'direct' ? '' : signed(row.p50 - direct.p50)
      const vsFloor = row.cell.target === 'mcp-floor' ? '' : signed(row.p50 - floor.p50)
      const rss = Number.isFinite(row.rss) ? Math.round(row.rss) : ''
      lines.push(
        `| pages.${action} | ${LABEL[row.cell.target]} | ${c} | ${ms(row.p50)} | ${ms(row.p99)} | ` +
          `${Math.round(row.rate)} | ${pct(row.noise)} | ${ratio(row.rate / direct.rate)} | ` +
          `${ratio(row.rate / floor.rate)} | ${vsDirect} | ${vsFloor} | ${ms(row.cpu)} | ${rss} | ` +
          `${own ? (instructions(action) ?? '') : ''} |`,
      )
    }
  }
  const worst = rows.reduce((a, b) => (b.noise > a.noise ? b : a))
  const get1 = find('server', 'get', 1)
  const direct1 = find('direct', 'get', 1)
  const get50 = find('server', 'get', 50)
  const floor50 = find('mcp-floor', 'get', 50)
  const met = (ok: boolean): string => (ok ? '**met**' : '**missed**')
  const baseline = rows
    .filter(x => x.cell.target === 'baseline')
    .map(b => {
      const now = find('server', b.cell.action, b.cell.concurrency)
      return (
        `pages.${b.cell.action} c ${b.cell.concurrency}: ${ratio(now.rate / b.rate)} calls/s, ` +
        `p50 ${signed(now.p50 - b.p50)} ms, CPU ${ms(b.cpu)} → ${ms(now.cpu)} ms/call`
      )
    })
  const mb = (v?: number): string => (v === undefined ? 'n/a' : `${Math.round(v)} MB`)
  lines.push(
    '',
    `- ± is the spread of calls/s across repetitions, (max − min) / median: ` +
      `median ${pct(median(rows.map(x => x.noise)))}, worst ${pct(worst.noise)} ` +
      `(${LABEL[worst.cell.target]}, pages.${worst.cell.action}, c ${worst.cell.concurrency}).`,
    '- CPU ms/call and RSS peak are those of the process that answers (the fake for the direct GET), from /proc; ' +
      'the RSS peak (VmHWM) is reset before each cell, so it also carries what earlier cells left.',
    `- JSONata compilations in the measured phase (the servers load as serve does: each expression ` +
      `compiles on its first use, in the warm-up): ` +
      `server ${r.compilations.server}, in-process ${r.compilations.inproc} (must be 0). ` +
      `Expressions per server call: ${r.evaluations.fast.toFixed(1)} without JSONata's evaluator, ` +
      `${r.evaluations.jsonata.toFixed(1)} through it.`,
    `- Cold start (spawn of \`npm start\`'s server → first successful tools/call, pages.get; ` +
      `median of ${r.cold.n}, interleaved with the peer): ${coldLine(r.cold.ours)}` +
      (r.cold.peer ? `; aashari ${coldLine(r.cold.peer)}.` : `; ${r.cold.note ?? 'no peer'}.`),
    `- CPU per \`initialize\`: ${ms(r.initialize.initializeCpuMs)} ms, ` +
      `per plain tools/call (pages.get): ${ms(r.initialize.toolsCallCpuMs)} ms ` +
      `(${r.initialize.calls} of each, one at a time on a keep-alive connection, after a warm-up).`,
    `- Server RSS: ${mb(r.fresh.idleMb)} idle after start; peak ${mb(r.fresh.rssMb)} in a fresh server ` +
      `running pages.get at c 200 (${Math.round(r.fresh.callsPerSec)} calls/s; median of ${r.fresh.n} ` +
      `fresh servers, peaks ${r.fresh.all.map(x => Math.round(x)).join(', ')} MB); ` +
      `peak ${mb(r.serverPeakMb)} over the whole mixed run. OpenAPI violations recorded by the fake: ${r.violations}.`,
    ...(baseline.length ? [`- Against the baseline server (--baseline, same run): ${baseline.join('; ')}.`] : []),
    '',
    'Targets:',
    `- pages.get throughput at c 50 ≥ ${TARGETS.throughput}× the MCP floor: ` +
      `${Math.round(get50.rate)} vs ${Math.round(floor50.rate)} calls/s = ${ratio(get50.rate / floor50.rate)}: ` +
      met(get50.rate >= TARGETS.throughput * floor50.rate),
    `- pages.get p50 at c 1 ≤ direct GET + ${TARGETS.addedMs} ms: ${ms(get1.p50)} vs ${ms(direct1.p50)} ms ` +
      `(${signed(get1.p50 - direct1.p50)} ms): ${met(get1.p50 <= direct1.p50 + TARGETS.addedMs)}`,
    `- server RSS ≤ ${TARGETS.rssMb} MB at c 200 (pages.get, fresh server): ${mb(r.fresh.rssMb)}: ` +
      met((r.fresh.rssMb ?? Infinity) <= TARGETS.rssMb),
    `- server RSS ≤ ${TARGETS.idleMb} MB idle (after start and one call): ${mb(r.cold.ours.rssMb)}: ` +
      met(r.cold.ours.rssMb <= TARGETS.idleMb),
    r.cold.peer
      ? `- start to first call no slower than aashari's: ${ms(r.cold.ours.ms)} vs ${ms(r.cold.peer.ms)} ms: ` +
          met(r.cold.ours.ms <= r.cold.peer.ms)
      : `- start to first call no slower than aashari's: not measured (${r.cold.note ?? 'no peer'})`,
  )
  return lines.join('\n')
}

function coldLine(f: StartFigures): string {
  return (
    `${Math.round(f.ms)} ms (runs ${f.all.map(Math.round).join(', ')}), ${Math.round(f.cpuMs)} ms CPU, ` +
    `RSS after the call ${Math.round(f.rssMb)} MB`
  )
}

function order(row: Row): number {
  return ['direct', 'mcp-floor', 'server', 'baseline', 'in-process'].indexOf(row.cell.target)
}

function ms(v: number): string {
  return !Number.isFinite(v) ? '' : v < 10 ? v.toFixed(2) : v.toFixed(1)
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : '−'}${ms(Math.abs(v))}`
}

function ratio(v: number): string {
  return `${v.toFixed(2)}×`
}

function pct(v: number): string {
  return `${Math.round(v * 100)}%`
}
