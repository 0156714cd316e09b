// docs/connector.md shows the real verbose result of every action: replay its calls, in order, on a
// fresh sandbox and compare (timestamps of new versions, new author ids and the site URL aside).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { ROOT, startConnector, text } from './helpers.ts'

const doc = readFileSync(join(ROOT, 'docs', 'connector.md'), 'utf8')
// A result that holds a fenced block is shown in a longer fence (````text).
const calls = [...doc.matchAll(/<!-- call: (\w+)\.(\w+) (\{.*\}) -->\n(`{3,})text\n([\s\S]*?)\n\4\n/g)].map(m => ({
  tool: m[1],
  action: m[2],
  args: JSON.parse(m[3]),
  shown: m[5],
}))

const normalize = (s: string, site: string): string =>
  s
    .replaceAll(site, 'https://your-site.atlassian.net')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z by 712020:[0-9a-f-]+/g, '<new version>')

t.test('every action of docs/connector.md, as shown', async t => {
  t.equal(new Set(calls.map(c => `${c.tool}.${c.action}`)).size, 20, 'the doc shows all 20 actions')
  const c = await startConnector(t, { env: { CONFLUENCE_ALLOW_ALL_AGENTS: 'true' } })
  for (const call of calls) {
    const r = await c.call(call.tool, call.action, call.args)
    t.equal(
      normalize(text(r), c.fake.url),
      normalize(call.shown, c.fake.url),
      `${call.tool}.${call.action} ${JSON.stringify(call.args)}`,
    )
  }
})
