// One error model (docs/errors.md): every code of every layer is in a table of docs/, and every
// code in those tables exists. The codes are read from the code and the automations themselves, so a
// new code that no table lists fails here.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { parse } from 'yaml'
import { ERROR_CODES } from '../runtime/core/errors.ts'
import { HTTP_ERRORS } from '../runtime/server/http-errors.ts'
import { TENANT_ERROR_CODES } from '../runtime/tenants/registry.ts'

const root = join(import.meta.dirname, '..')
const read = (...p: string[]): string => readFileSync(join(root, ...p), 'utf8')
const sources = (dir: string): string[] =>
  (readdirSync(join(root, dir), { recursive: true }) as string[]).filter(f => f.endsWith('.ts')).map(f => join(dir, f))
const runtimeSources = sources('runtime')

/** The section of a markdown file from `heading` to the next heading of the same or a higher level. */
function section(file: string, heading: string): string {
  const doc = read('docs', file)
  const start = doc.indexOf(`${heading}\n`)
  if (start < 0) throw new Error(`docs/${file} has no "${heading}"`)
  const level = /^#+/.exec(heading)![0]
  const rest = doc.slice(start + heading.length)
  const end = rest.search(new RegExp(`^#{1,${level.length}} `, 'm'))
  return end < 0 ? rest : rest.slice(0, end)
}

/** Every `CODE` in the code column (headed Code, error or reason) of each table of a section. */
function tabled(text: string): Set<string> {
  const codes = new Set<string>()
  let column = -1
  let previous = ''
  for (const line of text.split('\n')) {
    const cells = line.startsWith('|')
      ? line
          .split('|')
          .slice(1, -1)
          .map(c => c.trim())
      : undefined
    if (!cells) {
      column = -1
    } else if (!previous.startsWith('|')) {
      column = cells.findIndex(c => /^(code|error|reason)$/i.test(c))
    } else if (column >= 0) {
      for (const m of (cells[column] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)) codes.add(m[1])
    }
    previous = line
  }
  return codes
}

/** Every match of `re`'s first group in the given source files. */
function inCode(files: string[], re: RegExp): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const f of files) {
    for (const m of read(f).matchAll(re)) found.set(m[1], [...(found.get(m[1]) ?? []), f])
  }
  return found
}

const sorted = (s: Iterable<string>): string[] => [...new Set(s)].sort()

t.test('runtime: every DsulError code raised is in ERROR_CODES, which docs/language.md tables', async t => {
  const raised = inCode([...runtimeSources, ...sources('sandbox')], /new DsulError\(\s*'([A-Z_]+)'/g)
  for (const [code, files] of raised) t.ok(code in ERROR_CODES, `${code} (${files[0]}) is in runtime/core/errors.ts`)
  const documented = tabled(section('language.md', '## Error codes'))
  t.same(sorted(documented), sorted(Object.keys(ERROR_CODES)))
})

t.test('server: every HTTP error body is built by errorBody, with a code of a table', async t => {
  const server = runtimeSources.filter(f => f.startsWith(join('runtime', 'server')) || /runtime\/tenants/.test(f))
  const literal = inCode(server, /\berror:\s*'([A-Z_]+)'/g)
  t.same([...literal.keys()], [], `no literal error bodies (${[...literal.values()].flat().join(', ')})`)
  const known = new Set([...Object.keys(HTTP_ERRORS), ...Object.keys(ERROR_CODES), ...TENANT_ERROR_CODES])
  const used = inCode(server, /errorBody\(\s*'([A-Z_]+)'/g)
  t.ok(used.size >= 8, `${used.size} codes found (the extraction works)`)
  for (const [code, files] of used) t.ok(known.has(code), `${code} (${files[0]}) is in a table`)
  const table = section('serving.md', '### HTTP errors')
  t.same(sorted(tabled(table)), sorted(Object.keys(HTTP_ERRORS)), 'docs/serving.md "HTTP errors" lists HTTP_ERRORS')
  for (const [code, info] of Object.entries(HTTP_ERRORS)) {
    t.match(table, new RegExp(`\\| \`${code}\` \\| ${info.status} \\|`), `${code} is documented as ${info.status}`)
  }
})

t.test('config API: every TenantError code is in TENANT_ERROR_CODES and docs/tenants.md', async t => {
  const raised = inCode(runtimeSources, /new TenantError\(\s*'([A-Z_]+)'/g)
  t.same(sorted(raised.keys()), sorted(TENANT_ERROR_CODES), 'TENANT_ERROR_CODES is what the code raises')
  const documented = tabled(section('tenants.md', '## Config API'))
  for (const code of TENANT_ERROR_CODES) t.ok(documented.has(code), `${code} is in docs/tenants.md`)
  for (const code of documented) {
    t.ok(
      (TENANT_ERROR_CODES as readonly string[]).includes(code) || code in HTTP_ERRORS,
      `${code} of docs/tenants.md exists`,
    )
  }
})

/** The `reason` of every `fail` and of every call that passes one on, from the automations' YAML. */
function failReasons(): Map<string, string[]> {
  const found = new Map<string, string[]>()
  const add = (code: string, file: string): void => {
    found.set(code, [...(found.get(code) ?? []), file])
  }
  const walk = (v: unknown, file: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, file)
      return
    }
    if (v === null || typeof v !== 'object') return
    for (const [k, x] of Object.entries(v)) {
      // A literal reason, or an argument's default (oauth/not-connected takes `reason`).
      const literal = typeof x === 'string' ? x : (x as { default?: unknown } | null)?.default
      if (k === 'reason' && typeof literal === 'string' && /^[A-Z][A-Z0-9_]+$/.test(literal)) add(literal, file)
      walk(x, file)
    }
  }
  const dir = join(root, 'automations')
  for (const f of (readdirSync(dir, { recursive: true }) as string[]).filter(f => f.endsWith('.yml'))) {
    walk(parse(read('automations', f)), `automations/${f}`)
  }
  return found
}

t.test('connector: every fail reason of automations/ is in docs/connector.md "Errors"', async t => {
  const reasons = failReasons()
  t.ok(reasons.size >= 25, `${reasons.size} reasons found (the extraction works)`)
  // Reasons the automations pass on from a host function's answer (`reason: '{{view.error}}'`).
  const fromFunctions = inCode(sources(join('runtime', 'host', 'functions')), /\berror:\s*'([A-Z_]+)'/g)
  t.ok(fromFunctions.has('SECTION_NOT_FOUND'), "the host functions' codes are found")
  const documented = tabled(section('connector.md', '## Errors'))
  for (const [code, files] of [...reasons, ...fromFunctions]) {
    t.ok(documented.has(code), `${code} (${files[0]}) is in docs/connector.md "Errors"`)
  }
  for (const code of documented) {
    t.ok(reasons.has(code) || fromFunctions.has(code) || code in ERROR_CODES, `${code} of docs/connector.md is raised`)
  }
})

t.test('the error classes of runtime/ and sandbox/ are in docs/errors.md', async t => {
  const classes = inCode([...runtimeSources, ...sources('sandbox')], /class (\w+) extends Error\b/g)
  t.ok(classes.has('DsulError') && classes.has('TenantError'))
  const documented = new Set([...section('errors.md', '## Error classes').matchAll(/^\| `(\w+)` \|/gm)].map(m => m[1]))
  t.same(sorted(documented), sorted(classes.keys()))
})
