// The Prisme.ai corpus (test/fixtures/prisme-corpus/, written for this test from the grammar and the
// public documentation): every workspace is imported with `import`, loaded with no manual edit, and
// every automation is run against a fake HTTP API as its case in cases.yml says. The share that
// imports, loads and runs (app imports aside) is the figure docs/language.md states.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { parse } from 'yaml'
import { DsulError } from '../../runtime/core/errors.ts'
import { importPrismeWorkspace } from '../../runtime/cli/prisme/import.ts'
import { formatDiagnostic } from '../../runtime/workspace/diagnostics.ts'
import { loadWorkspace } from '../../runtime/workspace/load.ts'

const corpus = join(import.meta.dirname, '..', 'fixtures', 'prisme-corpus')

interface Step {
  run: string
  args?: Record<string, unknown>
  webhook?: { body?: unknown; query?: Record<string, string>; headers?: Record<string, string>; method?: string }
  /** The event an event-triggered automation receives. */
  event?: { type: string; payload?: unknown }
  identity?: { userId?: string; sessionId?: string; contextId?: string }
  /** A subset of the output (tap's t.match); strings starting with `~` are regular expressions. */
  expect?: unknown
  error?: string
}
interface Case extends Partial<Step> {
  steps?: Step[]
  app?: boolean
}
interface WorkspaceCases {
  env?: Record<string, string>
  /** `METHOD /path` → the fake API's answer. */
  fake?: Record<string, { status?: number; body?: unknown }>
  cases: Record<string, Case>
}

const allCases = parse(readFileSync(join(corpus, 'cases.yml'), 'utf8')) as Record<string, WorkspaceCases>

/** A fake HTTP API: answers by `METHOD /path`; a request is echoed under `request` when asked. */
async function fakeApi(routes: WorkspaceCases['fake']): Promise<{ url: string; server: Server }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = ''
    req.on('data', c => {
      text += c
    })
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]
      const route = routes?.[`${req.method} ${path}`]
      res.writeHead(route?.status ?? (route ? 200 : 404), { 'content-type': 'application/json' })
      const body =
        route?.body === 'echo'
          ? { method: req.method, url: req.url, body: text, auth: req.headers.authorization ?? null }
          : route?.body
      res.end(JSON.stringify(body ?? { error: 'not found' }))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return { url: `http://127.0.0.1:${address.port}`, server }
}

function expectation(v: unknown): unknown {
  if (typeof v === 'string' && v.startsWith('~')) return new RegExp(v.slice(1))
  if (Array.isArray(v)) return v.map(expectation)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expectation(x)]))
  return v
}

/** `{{prev.a.b}}` in a step's strings: the previous step's output at that path. */
function substitute(v: unknown, prev: unknown): unknown {
  if (typeof v === 'string') {
    const at = (path: string): unknown => path.split('.').reduce((o: any, k) => o?.[k], prev)
    return v.replace(/\{\{prev\.([\w.]+)\}\}/g, (_, path: string) => String(at(path)))
  }
  if (Array.isArray(v)) return v.map(x => substitute(x, prev))
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, prev)]))
  return v
}

const totals = { automations: 0, app: 0, converted: 0, ran: 0 }

for (const name of readdirSync(corpus)
  .filter(f => !f.includes('.'))
  .sort()) {
  t.test(`corpus workspace ${name}`, async t => {
    const spec = allCases[name]
    t.ok(spec, `cases.yml describes ${name}`)
    const { url, server } = await fakeApi(spec.fake)
    t.teardown(() => new Promise<void>(resolve => server.close(() => resolve())))
    const out = mkdtempSync(join(tmpdir(), 'cn-prisme-'))
    const result = importPrismeWorkspace(join(corpus, name), out)
    const env: Record<string, string> = { CONFLUENCE_ALLOW_LOOPBACK: 'true' }
    for (const [k, v] of Object.entries(spec.env ?? {})) env[k] = v.replace('{fake}', url)
    const { workspace, diagnostics } = loadWorkspace(out, { env })
    // An info (a `set` with a computed name) says what was not checked: `validate --strict` passes it.
    const problems = diagnostics.filter(d => d.severity !== 'info')
    t.same(problems.map(formatDiagnostic), [], 'the imported workspace loads with no error or warning')
    const converted = new Set(result.automations.filter(a => a.converted).map(a => a.slug))
    t.same(Object.keys(spec.cases).sort(), result.automations.map(a => a.slug).sort(), 'every automation has a case')
    for (const a of result.automations) {
      const c = spec.cases[a.slug] ?? {}
      totals.automations++
      if (c.app) {
        totals.app++
        continue
      }
      if (!converted.has(a.slug) || !workspace) {
        const why = result.errors
          .filter(e => e.file === a.file)
          .map(e => e.message)
          .join('; ')
        t.comment(`${name}/${a.slug}: not converted (${why})`)
        continue
      }
      totals.converted++
      let ok = true
      let prev: unknown
      for (const step of c.steps ?? [c as Step]) {
        const s = substitute(step, prev) as Step
        const { webhook, event } = s
        const source = { automation: 'test', depth: 0, correlationId: 'test' }
        const locals = webhook
          ? {
              body: webhook.body ?? {},
              query: webhook.query ?? {},
              headers: webhook.headers ?? {},
              method: webhook.method ?? 'POST',
              $http: { status: 200, headers: {} },
            }
          : event
            ? { payload: event.payload ?? {}, event: { type: event.type, source } }
            : undefined
        const label = `${name}/${s.run ?? a.slug}`
        try {
          const r = await workspace.run(s.run ?? a.slug, s.args ?? {}, { identity: s.identity, locals })
          await workspace.drain()
          prev = r.output
          if (s.error) ok = t.fail(`${label} should fail with ${s.error}`) && false
          else if (s.expect !== undefined) ok = t.match(r.output, expectation(s.expect), `${label} output`) && ok
        } catch (err) {
          const code = err instanceof DsulError ? err.code : 'INTERNAL'
          if (s.error) ok = t.equal(code, s.error, `${label} fails with ${s.error}`) && ok
          else ok = t.fail(`${label}: ${err instanceof DsulError ? err.describe() : String(err)}`) && false
        }
      }
      if (ok) totals.ran++
    }
  })
}

t.test('the share of the corpus that imports, loads and runs', async t => {
  const counted = totals.automations - totals.app
  const share = Math.round((100 * totals.ran) / counted)
  const aside = `app imports aside: ${totals.app}`
  t.comment(`${totals.ran} of ${counted} automations (${aside}) import, load and run: ${share}%`)
  t.ok(share >= 80, 'at least 80%')
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'language.md'), 'utf8')
  t.match(doc, `**${totals.ran} of ${counted} automations**`, 'docs/language.md states the figure')
  t.match(doc, `${totals.automations} automations in\n`, 'docs/language.md states the corpus size')
})
