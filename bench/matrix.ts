// The body and search matrix of `npm run bench` (issue 20): pages.getBody at 1 KB, 200 KB and 1 MB,
// cold (a server with the conversion cache off: every read converted) and warm (the cache on),
// search.cql with 25 results and pages.list's second page (a cursor), at concurrency 1 and 50.
// Peers (bench/peers/README.md) are reported as not installed unless their checkouts are given.
import { cpuTimeMs, type Child } from './ipc.ts'
import type { LoadJob } from './load-client.ts'
import { median, type LoadResult } from './stats.ts'
import { MCP_HEADERS, spawnServer, toolsCall, type Layout, type ServerInfo, AGENT, USER } from './targets.ts'

interface Scenario { name: string, tool: string, args: Record<string, unknown>, cache: 'cold' | 'warm' | 'n/a' }
export interface MatrixRow { scenario: string, cache: string, concurrency: number, p50: number, callsPerSec: number, cpuMs: number }

const identity = { agent_id: AGENT, user_id: USER }

async function scenarios (l: Layout): Promise<Scenario[]> {
  const ids = l.fake.info
  const body = (id: string) => ({ action: 'getBody', id, bodyFormat: 'markdown', outputFormat: 'verbose', ...identity })
  const out: Scenario[] = []
  for (const [size, id] of [['1 KB', ids.smallPageId], ['200 KB', ids.largePageId], ['1 MB', ids.hugePageId]]) {
    for (const cache of ['cold', 'warm'] as const) out.push({ name: `pages.getBody ${size}`, tool: 'pages', args: body(id), cache })
  }
  out.push({
    name: 'search.cql, 25 results',
    tool: 'search',
    args: { action: 'cql', cql: 'space = BULK and type = page', limit: 25, ...identity },
    cache: 'n/a',
  })
  // The second page of a list: the cursor the first page names.
  const first = await l.client.call<{ status: number, text: string }>('once', job(l.sut, 'pages', {
    action: 'list',
    spaceId: ids.spaceId,
    limit: 10,
    ...identity,
  }, 1, 1, 1))
  const cursor = /"nextCursor":"([^"\\]+)"/.exec(first.text)?.[1]
  if (!cursor) throw new Error(`pages.list: no nextCursor in the first page: ${first.text.slice(0, 300)}`)
  out.push({
    name: 'pages.list, page 2 (cursor)',
    tool: 'pages',
    args: { action: 'list', spaceId: ids.spaceId, limit: 10, cursor, ...identity },
    cache: 'n/a',
  })
  return out
}

function job (server: Child<ServerInfo>, tool: string, args: Record<string, unknown>, c: number, calls: number, s: number):
  LoadJob {
  return {
    origin: server.info.url,
    method: 'POST',
    path: '/mcp',
    headers: MCP_HEADERS,
    body: toolsCall(tool, args),
    kind: 'mcp',
    concurrency: c,
    calls,
    seconds: s,
  }
}

/** Every cell once per repetition, interleaved; medians. The cold server is started for the run. */
export async function bodyMatrix (l: Layout, reps: number, seconds: number): Promise<MatrixRow[]> {
  const cold = await spawnServer(l.fake.info, { BENCH_CONVERSION_CACHE: 'off' })
  try {
    const all = await scenarios(l)
    const serverOf = (s: Scenario) => s.cache === 'cold' ? cold : l.sut
    for (const s of all) {
      const check = await l.client.call<{ status: number, text: string }>('once', job(serverOf(s), s.tool, s.args, 1, 1, 1))
      if (check.status !== 200 || check.text.includes('"isError":true')) {
        throw new Error(`${s.name}: unexpected answer (HTTP ${check.status}): ${check.text.slice(0, 300)}`)
      }
      await l.client.call('load', job(serverOf(s), s.tool, s.args, 50, 100_000, seconds))
    }
    const cells = all.flatMap(s => [1, 50].map(c => ({ s, c, runs: [] as Array<LoadResult & { cpuMs: number }> })))
    for (let rep = 0; rep < reps; rep++) {
      for (const cell of cells) {
        const server = serverOf(cell.s)
        const before = cpuTimeMs(server.pid) ?? NaN
        const r = await l.client.call<LoadResult>('load', job(server, cell.s.tool, cell.s.args, cell.c, 100_000, seconds))
        cell.runs.push({ ...r, cpuMs: ((cpuTimeMs(server.pid) ?? NaN) - before) / Math.max(1, r.calls) })
      }
    }
    return cells.map(({ s, c, runs }) => ({
      scenario: s.name,
      cache: s.cache,
      concurrency: c,
      p50: median(runs.map(r => r.p50)),
      callsPerSec: median(runs.map(r => r.callsPerSec)),
      cpuMs: median(runs.map(r => r.cpuMs)),
    }))
  } finally {
    await cold.stop()
  }
}

/** The peers this run could not measure, and how to install them. */
export function peerNotes (): string[] {
  return [
    'peer aashari/mcp-server-atlassian-confluence not installed: not on the npm registry under ' +
    '@aashari/mcp-server-atlassian-confluence; build it outside the repository with bench/peers/build-peers.sh ' +
    '(see bench/peers/README.md)',
    'peer sooperset/mcp-atlassian not installed: needs PyPI (pip install mcp-atlassian), not reachable here',
  ]
}

export function matrixReport (rows: MatrixRow[]): string {
  const f = (n: number): string => !Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1)
  const lines = [
    '',
    '## Bodies, search and lists (full stack; cold: conversion cache off)',
    '',
    '| scenario | cache | c | p50 ms | calls/s | server CPU ms/call |',
    '|---|---|--:|--:|--:|--:|',
    ...rows.map(r => `| ${r.scenario} | ${r.cache} | ${r.concurrency} | ${f(r.p50)} | ${Math.round(r.callsPerSec)} | ${f(r.cpuMs)} |`),
  ]
  const cpu = (size: string, cache: string) =>
    rows.find(r => r.scenario === `pages.getBody ${size}` && r.cache === cache && r.concurrency === 1)?.cpuMs ?? NaN
  const ratio = cpu('1 MB', 'cold') / cpu('200 KB', 'cold')
  lines.push(
    '',
    `Linearity (cold, c 1): 1 MB costs ${f(ratio)}× the CPU of 200 KB (target ≤ 6×: ${ratio <= 6 ? 'met' : 'NOT met'}).`,
    ...peerNotes().map(n => `- ${n}`),
  )
  return lines.join('\n')
}
