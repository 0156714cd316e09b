// Resilience of the served process (issue 14): each attack that used to freeze or kill the whole
// server runs against a real `serve` in a child process, while /healthz is polled. The process must
// survive, /healthz must keep answering within LIVENESS_MS, and the attacking call must end with a
// named limit error. Loopback only, ephemeral port.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { spawnServe, type Served } from '../helpers/serve.ts'
import { writeWorkspace } from '../helpers/workspace.ts'

// Generous: an expression may hold the event loop up to limits.expressionTimeMs (50 ms here).
const LIVENESS_MS = 1_000

const tool = (action: string, body: string, args = ''): string =>
  `when:\n  mcp: { tool: attack, action: ${action} }\n  endpoint: ${action}\n${args}${body}`

const WORKSPACE = {
  'config/index.yml': `slug: attack
name: Attack
limits: { expressionTimeMs: 50, runWallTimeMs: 3000 }
mcp:
  tools:
    attack: { description: Attacks for the resilience suite. }
`,
  'automations/repeat.yml': tool(
    'repeat',
    `do:\n  - repeat: { until: '{{times}}', do: [] }\noutput: done\n`,
    'arguments:\n  times: { type: number }\n',
  ),
  'automations/repeat-query.yml': `when:\n  endpoint: repeat-query\ndo:\n  - repeat: { until: '{{query.times}}', do: [] }\noutput: done\n`,
  'automations/pad.yml': tool(
    'pad',
    `do:\n  - set: { name: n, value: '{% $length($pad("x", 2e8)) %}' }\noutput: '{{n}}'\n`,
  ),
  'automations/range.yml': tool(
    'range',
    `do:\n  - set: { name: n, value: '{% $length($string([1..10000000])) %}' }\noutput: '{{n}}'\n`,
  ),
  'automations/ranges.yml': tool(
    'ranges',
    `do:\n  - set: { name: n, value: '{% $count([[1..1e7], [1..1e7], [1..1e7], [1..1e7], [1..1e7]]) %}' }\noutput: '{{n}}'\n`,
  ),
  'automations/regex.yml': tool(
    'regex',
    `do:\n  - set: { name: m, value: '{% $count($match("${'a'.repeat(26)}!", /^(a+)+$/)) %}' }\noutput: '{{m}}'\n`,
  ),
  // Never waits: without the runner's yields it would hold the event loop for its whole wall time.
  'automations/spin.yml': tool(
    'spin',
    `do:\n  - repeat:\n      until: 10000\n      do:\n        - set: { name: x, value: '{% $sum([1..20000]) %}' }\noutput: '{{x}}'\n`,
  ),
  // Each expression runs into limits.expressionTimeMs; `try` catches it and the loop goes on. Alone and
  // warm on a quiet machine this $reduce takes about 320 ms against the 50 ms limit (its lighter form,
  // `$a + $x`, took 100–130 ms: under the former 200 ms limit, so one quiet CI run saw no error).
  'automations/slow.yml': tool(
    'slow',
    `do:
  - repeat:
      until: 10
      do:
        - try:
            do:
              - set: { name: x, value: '{% $reduce([1..100000], function($a, $x) { $a + $length($string($x)) }) %}' }
            catch:
              - set: { name: failure, value: '{{$error.code}}' }
output: '{{failure}}'
`,
  ),
  'automations/deep.yml': tool('deep', 'do: []\noutput: ok\n', 'arguments:\n  doc: { type: object }\n'),
}

function serve(t: Test): Promise<Served> {
  const dir = writeWorkspace(WORKSPACE)
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cn-resilience-')),
    LOG_LEVEL: 'warn',
  }
  return spawnServe(t, ['--workspace', dir], { env })
}

/** Poll /healthz until `attack` settles; the slowest answer, in ms. */
async function whileAlive<T>(url: string, attack: Promise<T>): Promise<{ result: T; slowest: number }> {
  let done = false
  let slowest = 0
  const poll = (async () => {
    while (!done) {
      const started = performance.now()
      const res = await fetch(url + '/healthz', { signal: AbortSignal.timeout(10_000) })
      await res.text()
      slowest = Math.max(slowest, performance.now() - started)
      await new Promise(resolve => setTimeout(resolve, 25))
    }
  })()
  try {
    return { result: await attack, slowest }
  } finally {
    done = true
    await poll
  }
}

async function callTool(url: string, args: Record<string, unknown> | string): Promise<string> {
  const body =
    typeof args === 'string'
      ? args
      : JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'attack', arguments: args } })
  const res = await fetch(url + '/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body,
  })
  const json = (await res.json()) as { result?: { isError?: boolean; content: Array<{ text: string }> } }
  return `${res.status} ${json.result?.isError ? 'error' : 'ok'} ${
    json.result?.content[0]?.text ?? JSON.stringify(json)
  }`
}

async function webhook(url: string, path: string, body?: string): Promise<string> {
  const res = await fetch(url + '/webhooks/' + path, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body }),
  })
  return `${res.status} ${await res.text()}`
}

const deepJson = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)

t.test('attacks end with a named limit error while the server keeps answering', async t => {
  const { url, alive } = await serve(t)
  const attacks: Array<{ name: string; run: () => Promise<string>; expect: RegExp }> = [
    {
      name: 'repeat until 1e9 (MCP)',
      run: () => callTool(url, { action: 'repeat', times: 1e9 }),
      expect: /^200 error .*LIMIT_REPEAT/,
    },
    {
      name: 'repeat until from the query (webhook)',
      run: () => webhook(url, 'repeat-query?times=1000000000'),
      expect: /^508 .*LIMIT_REPEAT/,
    },
    { name: '$pad to 2e8', run: () => callTool(url, { action: 'pad' }), expect: /^200 error .*LIMIT_SIZE/ },
    {
      name: '$string of a 1e7 range',
      run: () => callTool(url, { action: 'range' }),
      expect: /^200 error .*LIMIT_ITEMS/,
    },
    { name: 'five 1e7 ranges', run: () => callTool(url, { action: 'ranges' }), expect: /^200 error .*LIMIT_ITEMS/ },
    { name: 'catastrophic regex', run: () => callTool(url, { action: 'regex' }), expect: /^200 ok 0$/ },
    {
      name: 'expressions past their time limit, caught',
      run: () => callTool(url, { action: 'slow' }),
      expect: /^200 ok LIMIT_EXPRESSION_TIME$/,
    },
    {
      name: 'a run that never waits',
      run: () => callTool(url, { action: 'spin' }),
      expect: /^200 error .*LIMIT_(WALL_TIME|INSTRUCTIONS)/,
    },
    {
      name: 'arguments 4,000 levels deep (MCP)',
      run: () =>
        callTool(
          url,
          `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"attack","arguments":{"action":"deep","doc":${deepJson(
            4000,
          )}}}}`,
        ),
      expect: /^200 error .*nesting deeper than 64 levels in the arguments at arguments\.doc\.a/,
    },
    {
      name: 'a body 4,000 levels deep (webhook)',
      run: () => webhook(url, 'deep', deepJson(4000)),
      expect: /^400 .*LIMIT_NESTING.*body\.a\.a/,
    },
  ]
  for (const attack of attacks) {
    const { result, slowest } = await whileAlive(url, attack.run())
    t.match(result, attack.expect, `${attack.name}: ${result.slice(0, 200)}`)
    t.ok(
      slowest < LIVENESS_MS,
      `${attack.name}: /healthz answered within ${LIVENESS_MS} ms (slowest ${Math.round(slowest)} ms)`,
    )
    t.ok(alive(), `${attack.name}: the server is still running`)
  }
})
