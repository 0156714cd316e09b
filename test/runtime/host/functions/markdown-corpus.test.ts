// The fidelity corpus (test/fixtures/markdown/): Confluence storage documents — macros (code, panels,
// toc, status, jira, unknown), tables, layouts, page/anchor/attachment/user links, images, task
// lists, nested lists, emoticons, escaping — and the Markdown a reader must get for each. Checked on
// the main thread (bodies under 4 KB are converted inline) and through a conversion worker (piscina,
// the WebAssembly translator loaded in the thread), which must agree byte for byte.
import { readdirSync, readFileSync } from 'node:fs'
import t from 'tap'
import { toMarkdown } from '../../../../runtime/host/functions/convert.ts'
import { closeConversions, runConversion } from '../../../../runtime/host/functions/pool.ts'
import { DEFAULT_LIMITS } from '../../../../runtime/core/limits.ts'

const dir = new URL('../../../fixtures/markdown/', import.meta.url)
const cases = readdirSync(dir)
  .filter(f => f.endsWith('.storage.xml'))
  .map(f => ({
    name: f.replace('.storage.xml', ''),
    storage: readFileSync(new URL(f, dir), 'utf8').trimEnd(),
    expected: readFileSync(new URL(f.replace('.storage.xml', '.md'), dir), 'utf8').trimEnd(),
  }))

t.ok(cases.length >= 12, 'the corpus is there')
t.teardown(closeConversions)

for (const c of cases) {
  t.test(c.name, async t => {
    t.equal(toMarkdown(c.storage, { maxInputChars: 1e6 }), c.expected, 'main thread')
    const inWorker = await runConversion(
      { kind: 'markdown', input: c.storage, maxInputChars: 1e6 },
      DEFAULT_LIMITS,
      'x',
    )
    t.equal(inWorker, c.expected, 'conversion worker')
  })
}

t.test('the whole corpus as one page, cut: the start of "convert, then cut"', async t => {
  const page = cases.map(c => c.storage).join('')
  const whole = toMarkdown(page, { maxInputChars: 1e6 })
  const cut = toMarkdown(page, { maxInputChars: 1e6, maxChars: 500, remedy: 'Read part 2.' })
  t.equal(
    cut,
    `${whole.slice(0, 500)}\n\n[… truncated: showing the first 500 characters of Markdown of a body of ` +
      `${page.length} characters. Read part 2.]`,
  )
  for (const c of cases) t.ok(whole.includes(c.expected), `${c.name} reads the same inside a page`)
})
