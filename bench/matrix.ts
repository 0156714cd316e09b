// The body and search matrix of `npm run bench` (issue 20): pages.getBody at 1 KB, 200 KB and 1 MB,
// cold (a server with the conversion cache off: every read converted) and warm (the cache on),
// search.cql with 25 results and pages.list's second page (a cursor), at concurrency 1 and 50.
// pages.get and pages.list (first page) are here too: with the peer aashari (bench/peers/README.md),
// when it is installed, measured in the same repetitions, interleaved, against the same fake.
import { existsSync } from 'node:fs'
import { cpuTimeMs } from './ipc.ts'
import type { LoadJob } from './load-client.ts'
import { aashariEntry, confGet, spawnAashari, type Peer } from './peers/aashari.ts'
import { median, type LoadResult } from './stats.ts'
import { MCP_HEADERS, spawnServer, toolsCall, type Layout, type ServerInfo, AGENT, USER } from './targets.ts'

interface Scenario {
  name: string
  tool: string
  args: Record<string, unknown>
  cache: 'cold' | 'warm' | 'n/a'
}
/** The peer's call for a scenario of ours, and what its answer must contain to count as the same data. */
interface PeerScenario {
  name: string
  tool: string
  args: Record<string, unknown>
  expect: string[]
}
export interface MatrixRow {
  scenario: string
  cache: string
  concurrency: number
  p50: number
  callsPerSec: number
  cpuMs: number
  /** 'this' (the server under test) or a peer's name. */
  target: string
}
export interface Matrix {
  rows: MatrixRow[]
  notes: string[]
}

const identity = { agent_id: AGENT, user_id: USER }

async function scenarios(l: Layout): Promise<Scenario[]> {
  const ids = l.fake.info
  const body = (id: string) => ({ action: 'getBody', id, bodyFormat: 'markdown', outputFormat: 'verbose', ...identity })
  const out: Scenario[] = [
    { name: 'pages.get', tool: 'pages', args: { action: 'get', id: ids.pageId, ...identity }, cache: 'n/a' },
    { name: 'pages.list', tool: 'pages', args: { action: 'list', spaceId: ids.spaceId, ...identity }, cache: 'n/a' },
  ]
  for (const [size, id] of [
    ['1 KB', ids.smallPageId],
    ['200 KB', ids.largePageId],
    ['1 MB', ids.hugePageId],
  ]) {
    for (const cache of ['cold', 'warm'] as const)
      out.push({ name: `pages.getBody ${size}`, tool: 'pages', args: body(id), cache })
  }
  out.push({
    name: 'search.cql, 25 results',
    tool: 'search',
    args: { action: 'cql', cql: 'space = BULK and type = page', limit: 25, ...identity },
    cache: 'n/a',
  })
  // The second page of a list: the cursor the first page names.
  const first = await l.client.call<{ status: number; text: string }>(
    'once',
    job(
      l.sut,
      'pages',
      {
        action: 'list',
        spaceId: ids.spaceId,
        limit: 10,
        ...identity,
      },
      1,
      1,
      1,
    ),
  )
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

/**
 * aashari's conf_get for each scenario: the Confluence request ours makes (targets.ts confluencePath),
 * the body as storage (aashari does not convert), search through v1 with the same CQL and limit.
 */
function peerScenarios(l: Layout): PeerScenario[] {
  const ids = l.fake.info
  const body = (id: string) => confGet(`/wiki/api/v2/pages/${id}`, { 'body-format': 'storage' })
  return [
    {
      name: 'pages.get',
      tool: 'conf_get',
      args: confGet(`/wiki/api/v2/pages/${ids.pageId}`, { 'include-labels': 'true' }),
      expect: ['Bulk page 1'],
    },
    {
      name: 'pages.list',
      tool: 'conf_get',
      args: confGet('/wiki/api/v2/pages', { 'space-id': ids.spaceId, limit: '25' }),
      expect: ['results[25]', 'Bulk page 24'],
    },
    {
      name: 'pages.getBody 1 KB',
      tool: 'conf_get',
      args: body(ids.smallPageId),
      expect: ['Generated page 0', '<h2>Section 0</h2>'],
    },
    // aashari cuts its answers at 40,000 characters: the 200 KB body is checked on its first sections.
    {
      name: 'pages.getBody 200 KB',
      tool: 'conf_get',
      args: body(ids.largePageId),
      expect: ['Generated page 0', '<h2>Section 10</h2>'],
    },
    {
      name: 'search.cql, 25 results',
      tool: 'conf_get',
      args: confGet('/wiki/rest/api/search', { cql: 'space = BULK and type = page', limit: '25' }),
      expect: ['results[25]', 'Bulk page'],
    },
  ]
}

function job(
  server: { info: ServerInfo },
  tool: string,
  args: Record<string, unknown>,
  c: number,
  calls: number,
  s: number,
): LoadJob {
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

type Run = LoadResult & { cpuMs: number }
interface MatrixCell {
  name: string
  cache: string
  target: string
  c: number
  pid: number
  job: LoadJob
  runs: Run[]
}

/** The peer when it is installed (started against the fake), else why not: the run goes on without it. */
async function startPeer(l: Layout): Promise<{ peer?: Peer; notes: string[] }> {
  const sooperset =
    'peer sooperset/mcp-atlassian skipped: a Python package (pip install mcp-atlassian), ' + 'PyPI not reachable here'
  const entry = aashariEntry()
  if (!existsSync(entry)) {
    return {
      notes: [
        `peer aashari not installed (no ${entry}): run bench/peers/build-peers.sh (bench/peers/README.md)`,
        sooperset,
      ],
    }
  }
  const peer = await spawnAashari(entry, l.fake.info.url)
  return {
    peer,
    notes: [
      `peer aashari/mcp-server-atlassian-confluence: ${entry}, patched for the base URL only ` +
        '(ATLASSIAN_BASE_URL → the fake); conf_get, TOON output (its default), ' +
        'bodies as storage (it does not convert)',
      sooperset,
    ],
  }
}

/** One call, its answer checked: HTTP 200, no error result, and (for a peer) the data the scenario reads. */
async function check(l: Layout, name: string, j: LoadJob, expect: string[] = []): Promise<void> {
  const { status, text } = await l.client.call<{ status: number; text: string }>('once', j)
  const missing = expect.filter(e => !text.includes(e))
  if (status !== 200 || text.includes('"isError":true') || text.includes('"error":{"code"') || missing.length > 0) {
    const without = missing.length > 0 ? `, without ${missing.join(', ')}` : ''
    throw new Error(`${name}: unexpected answer (HTTP ${status}${without}): ${text.slice(0, 300)}`)
  }
}

/**
 * Every cell once per repetition, interleaved (ours and the peer's alike); medians. The cold server
 * (and the peer, when installed) is started for the run.
 */
export async function bodyMatrix(l: Layout, reps: number, seconds: number): Promise<Matrix> {
  const cold = await spawnServer(l.fake.info, { BENCH_CONVERSION_CACHE: 'off' })
  const { peer, notes } = await startPeer(l).catch(async err => {
    await cold.stop()
    throw err
  })
  try {
    const cells: MatrixCell[] = []
    for (const s of await scenarios(l)) {
      const server = s.cache === 'cold' ? cold : l.sut
      await check(l, s.name, job(server, s.tool, s.args, 1, 1, 1))
      for (const c of [1, 50]) {
        const j = job(server, s.tool, s.args, c, 100_000, seconds)
        cells.push({ name: s.name, cache: s.cache, target: 'this', c, pid: server.pid, job: j, runs: [] })
      }
    }
    if (peer) {
      const at = { info: { url: peer.url } }
      for (const s of peerScenarios(l)) {
        await check(l, `${peer.name} ${s.name}`, job(at, s.tool, s.args, 1, 1, 1), s.expect)
        for (const c of [1, 50]) {
          const j = { ...job(at, s.tool, s.args, c, 100_000, seconds), freshIds: true }
          cells.push({ name: s.name, cache: 'n/a', target: peer.name, c, pid: peer.pid, job: j, runs: [] })
        }
      }
    }
    // Warmed up at 50 (JIT tiers), once per scenario and target.
    for (const cell of cells.filter(x => x.c === 50)) await l.client.call('load', cell.job)
    peer?.cleanUp()
    for (let rep = 0; rep < reps; rep++) {
      for (const cell of cells) {
        const before = cpuTimeMs(cell.pid) ?? NaN
        const r = await l.client.call<LoadResult>('load', cell.job)
        cell.runs.push({ ...r, cpuMs: ((cpuTimeMs(cell.pid) ?? NaN) - before) / Math.max(1, r.calls) })
        if (r.errors > 0) {
          throw new Error(`${cell.target} ${cell.name} c ${cell.c}: ${r.errors} call(s) failed; first: ${r.firstError}`)
        }
      }
      peer?.cleanUp()
      console.error(`bench: body matrix repetition ${rep + 1}/${reps} done (${cells.length} cells)`)
    }
    const rows = cells.map(({ name, cache, target, c, runs }) => ({
      scenario: name,
      cache,
      target,
      concurrency: c,
      p50: median(runs.map(r => r.p50)),
      callsPerSec: median(runs.map(r => r.callsPerSec)),
      cpuMs: median(runs.map(r => r.cpuMs)),
    }))
    return { rows, notes }
  } finally {
    await Promise.all([cold.stop(), peer?.stop()])
  }
}

type Compared = MatrixRow & { peer: MatrixRow; ratio: number }

/** this/peer throughput, where both were measured: ours cold and warm against the same peer figure. */
export function ratios(rows: MatrixRow[]): Compared[] {
  const out: Compared[] = []
  for (const ours of rows.filter(r => r.target === 'this')) {
    const peer = rows.find(
      r => r.target !== 'this' && r.scenario === ours.scenario && r.concurrency === ours.concurrency,
    )
    if (peer) out.push({ ...ours, peer, ratio: ours.callsPerSec / peer.callsPerSec })
  }
  return out
}

export function matrixReport({ rows, notes }: Matrix): string {
  const f = (n: number): string => (!Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1))
  const lines = [
    '',
    '## Bodies, search and lists (full stack; cold: conversion cache off)',
    '',
    '| scenario | target | cache | c | p50 ms | calls/s | server CPU ms/call |',
    '|---|---|---|--:|--:|--:|--:|',
    ...rows.map(
      r =>
        `| ${r.scenario} | ${r.target} | ${r.cache} | ${r.concurrency} | ${f(r.p50)} | ` +
        `${Math.round(r.callsPerSec)} | ${f(r.cpuMs)} |`,
    ),
  ]
  const compared = ratios(rows)
  if (compared.length > 0) {
    lines.push(
      '',
      '### This server against the peer (calls/s, same run, interleaved)',
      '',
      '| scenario | cache (ours) | c | this | peer | this/peer |',
      '|---|---|--:|--:|--:|--:|',
      ...compared.map(
        r =>
          `| ${r.scenario} | ${r.cache} | ${r.concurrency} | ${Math.round(r.callsPerSec)} | ` +
          `${r.peer.target} ${Math.round(r.peer.callsPerSec)} | ${f(r.ratio)}x |`,
      ),
    )
  }
  const cpu = (size: string, cache: string) =>
    rows.find(
      r => r.target === 'this' && r.scenario === `pages.getBody ${size}` && r.cache === cache && r.concurrency === 1,
    )?.cpuMs ?? NaN
  const ratio = cpu('1 MB', 'cold') / cpu('200 KB', 'cold')
  lines.push(
    '',
    `Linearity (cold, c 1): 1 MB costs ${f(ratio)}× the CPU of 200 KB ` +
      `(target ≤ 6×: ${ratio <= 6 ? 'met' : 'NOT met'}).`,
    ...notes.map(n => `- ${n}`),
  )
  return lines.join('\n')
}
