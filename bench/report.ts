// The benchmark's table (Markdown, so it can be pasted into docs/performance.md) and the targets.
import type { LoadResult } from './stats.ts'
import { median, spread } from './stats.ts'
import { ACTIONS, type Action } from './targets.ts'

export interface Cell { target: 'direct' | 'mcp-floor' | 'server' | 'in-process', action: Action, concurrency: number }
export type Measured = LoadResult & { rssMb?: number, instructions?: number }
export interface CellResult { cell: Cell, reps: Measured[] }
export interface ColdStart { n: number, loadMs: number, importMs: number, all: number[] }

export interface Report {
  results: CellResult[]
  cold: ColdStart
  compilations: { server: number, inproc: number }
  serverPeakMb?: number
  reps: number
  seconds: number
  short: boolean
  violations: number
}

interface Row { cell: Cell, p50: number, p99: number, rate: number, noise: number, rss: number, calls: number }

const LABEL: Record<Cell['target'], string> = { direct: 'direct GET (floor)', 'mcp-floor': 'MCP floor (SDK)', server: 'full stack', 'in-process': 'in-process run' }
const TARGETS = { throughput: 1.5, addedMs: 1, rssMb: 150, coldMs: 400 }

export function report (r: Report): string {
  const rows = r.results.map(({ cell, reps }): Row => ({
    cell,
    p50: median(reps.map(x => x.p50)),
    p99: median(reps.map(x => x.p99)),
    rate: median(reps.map(x => x.callsPerSec)),
    noise: spread(reps.map(x => x.callsPerSec)),
    rss: Math.max(...reps.map(x => x.rssMb ?? NaN).filter(Number.isFinite)),
    calls: median(reps.map(x => x.calls)),
  }))
  const find = (target: Cell['target'], action: Action, c: number): Row | undefined =>
    rows.find(x => x.cell.target === target && x.cell.action === action && x.cell.concurrency === c)
  const instructions = (action: Action): number | undefined => r.results.find(x => x.cell.target === 'in-process' && x.cell.action === action)?.reps.at(-1)?.instructions

  const lines = [
    `Median of ${r.reps} repetitions, interleaved; each cell bounded by calls and ${r.seconds} s${r.short ? ' (short mode: indicative only)' : ''}.`,
    '',
    '| action | target | c | p50 ms | p99 ms | calls/s | ± | × direct | × MCP floor | +ms p50 vs direct | +ms p50 vs MCP floor | RSS peak MB | instr/call |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ]
  for (const action of ACTIONS) {
    const mine = rows.filter(x => x.cell.action === action).sort((a, b) => a.cell.concurrency - b.cell.concurrency || order(a) - order(b))
    for (const row of mine) {
      const c = row.cell.concurrency
      const direct = find('direct', action, c)!
      const floor = find('mcp-floor', action, c)!
      const own = row.cell.target === 'server' || row.cell.target === 'in-process'
      lines.push(`| pages.${action} | ${LABEL[row.cell.target]} | ${c} | ${ms(row.p50)} | ${ms(row.p99)} | ${Math.round(row.rate)} | ${pct(row.noise)} | ` +
        `${ratio(row.rate / direct.rate)} | ${ratio(row.rate / floor.rate)} | ${row.cell.target === 'direct' ? '' : signed(row.p50 - direct.p50)} | ` +
        `${row.cell.target === 'mcp-floor' ? '' : signed(row.p50 - floor.p50)} | ${Number.isFinite(row.rss) ? Math.round(row.rss) : ''} | ${own ? instructions(action) ?? '' : ''} |`)
    }
  }
  const noise = rows.map(x => x.noise)
  const worst = rows.reduce((a, b) => b.noise > a.noise ? b : a)
  const get1 = find('server', 'get', 1)!
  const direct1 = find('direct', 'get', 1)!
  const get50 = find('server', 'get', 50)!
  const floor50 = find('mcp-floor', 'get', 50)!
  const rss200 = Math.max(...rows.filter(x => x.cell.target === 'server' && x.cell.concurrency === 200).map(x => x.rss), r.serverPeakMb ?? 0)
  const met = (ok: boolean): string => ok ? '**met**' : '**missed**'
  lines.push(
    '',
    `- ± is the spread of calls/s across repetitions, (max − min) / median. Noise of this run: median ${pct(median(noise))}, worst ${pct(worst.noise)} (${LABEL[worst.cell.target]}, pages.${worst.cell.action}, c ${worst.cell.concurrency}).`,
    '- RSS peak is the VmHWM of the process that answers (the fake for the direct GET), reset before each cell.',
    `- JSONata compilations after the workspace was loaded (warm-up and measured phase): server ${r.compilations.server}, in-process ${r.compilations.inproc} (must be 0).`,
    `- Cold start (loadWorkspace: load, validate and compile the whole workspace, in a fresh process, median of ${r.cold.n}): ${ms(r.cold.loadMs)} ms; importing the runtime before it: ${ms(r.cold.importMs)} ms. Runs: ${r.cold.all.map(x => Math.round(x)).join(', ')} ms.`,
    `- Server RSS peak over the whole run: ${r.serverPeakMb === undefined ? 'n/a' : `${Math.round(r.serverPeakMb)} MB`}. OpenAPI violations recorded by the fake: ${r.violations}.`,
    '',
    'Targets:',
    `- pages.get throughput at c 50 ≥ ${TARGETS.throughput}× the MCP floor: ${Math.round(get50.rate)} vs ${Math.round(floor50.rate)} calls/s = ${ratio(get50.rate / floor50.rate)}: ${met(get50.rate >= TARGETS.throughput * floor50.rate)}`,
    `- pages.get p50 at c 1 ≤ direct GET + ${TARGETS.addedMs} ms: ${ms(get1.p50)} vs ${ms(direct1.p50)} ms (${signed(get1.p50 - direct1.p50)} ms): ${met(get1.p50 <= direct1.p50 + TARGETS.addedMs)}`,
    `- server RSS ≤ ${TARGETS.rssMb} MB at c 200: ${Math.round(rss200)} MB: ${met(rss200 <= TARGETS.rssMb)}`,
    `- cold start ≤ ${TARGETS.coldMs} ms: ${ms(r.cold.loadMs)} ms: ${met(r.cold.loadMs <= TARGETS.coldMs)}`,
  )
  return lines.join('\n')
}

function order (row: Row): number {
  return ['direct', 'mcp-floor', 'server', 'in-process'].indexOf(row.cell.target)
}

function ms (v: number): string {
  return !Number.isFinite(v) ? '' : v < 10 ? v.toFixed(2) : v.toFixed(1)
}

function signed (v: number): string {
  return `${v >= 0 ? '+' : '−'}${ms(Math.abs(v))}`
}

function ratio (v: number): string {
  return `${v.toFixed(2)}×`
}

function pct (v: number): string {
  return `${Math.round(v * 100)}%`
}
