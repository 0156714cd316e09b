// `confluence-next import PRISME_DIR OUT_DIR` (docs/language.md "Importing a Prisme.ai workspace"):
// a Prisme.ai workspace (index.yml, automations/**, imports/*.yml) becomes a workspace of this runtime
// (config/index.yml, automations/**). Expressions and conditions are translated (expression.ts), keys
// mapped, and every change is reported as `file:line: before → after`. What cannot be translated is a
// located error, and that automation is written to unconverted/ instead, so the rest still loads.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Scalar,
  stringify,
  YAMLMap,
  type YAMLSeq,
  type Document,
  type Node,
  type Pair,
} from 'yaml'
import { RESERVED_ENDPOINTS } from '../../core/reserved-names.ts'
import { DEFAULT_ALLOWED_HOSTS } from '../../host/http/host-policy.ts'
import { importSlug } from '../../workspace/compile.ts'
import { PrismeSyntaxError, withRenames } from '../../expressions/prisme/expression.ts'
import { hasTemplate, translateCondition, translateTemplate } from '../../expressions/prisme/template.ts'

export interface Change {
  file: string
  line: number
  before: string
  after: string
}
export interface ImportError {
  file: string
  line: number
  col: number
  message: string
}
export interface ImportResult {
  changes: Change[]
  errors: ImportError[]
  /** Every automation: its source file, slug, and whether it was converted (else it is in unconverted/). */
  automations: Array<{ file: string; slug: string; converted: boolean }>
  stubs: string[]
}

interface Source {
  file: string
  doc: Document
  lines: LineCounter
  text: string
}

const WEBHOOK_LOCALS = new Set(['body', 'headers', 'query', 'method'])
/** Instructions with no counterpart here: a located error. */
const UNSUPPORTED: Record<string, string> = {
  run: 'the `run` instruction (Prisme.ai modules: secrets, collections, accessManager, text) has no counterpart here',
  auth: 'the `auth` instruction (a platform JWT) has no counterpart here; call the API with fetch `auth`',
  createUserTopic: "user topics do not exist here (emit `target.userId` reaches one user's waits)",
  joinUserTopic: "user topics do not exist here (emit `target.userId` reaches one user's waits)",
}
const DROPPED: Record<string, string[]> = {
  set: ['clone', 'interface', 'lifespan', 'scope'],
  delete: ['scope'],
  emit: ['private', 'autocomplete'],
  fetch: ['emitErrors', 'allowSelfSignedCert'],
}

export function importPrismeWorkspace(srcDir: string, outDir: string): ImportResult {
  const result: ImportResult = { changes: [], errors: [], automations: [], stubs: [] }
  const index = readYaml(srcDir, 'index.yml', result)
  if (!index) return result
  const indexValue = (index.doc.toJS() ?? {}) as Record<string, unknown>
  const wsSlug = slugOf(String(indexValue.slug ?? indexValue.name ?? 'imported'))
  const envName = (kind: string, key: string): string =>
    `WORKSPACE_${kind}_${wsSlug}_${key}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_')

  // Imports: imports/<Instance>.yml → config/index.yml `imports`.
  const imports: Record<string, Record<string, unknown>> = {}
  for (const file of yamlFiles(srcDir, 'imports')) {
    const src = readYaml(srcDir, file, result)
    if (!src) continue
    const v = (src.doc.toJS() ?? {}) as Record<string, unknown>
    const name = String(v.slug ?? file.slice('imports/'.length).replace(/\.ya?ml$/, ''))
    const entry: Record<string, unknown> = { appSlug: String(v.appSlug ?? importSlug(name)) }
    if (v.appVersion !== undefined) entry.appVersion = String(v.appVersion)
    if (v.config && typeof v.config === 'object') entry.config = v.config
    imports[name] = entry
    change(result, file, 1, `imports/${name}.yml`, `config/index.yml imports["${name}"]`)
  }

  // Config values that are `{{secret.X}}` become declared secrets; automations read them as `secret.X`.
  const config = (indexValue.config ?? {}) as { schema?: Record<string, unknown>; value?: Record<string, unknown> }
  const value: Record<string, unknown> = { ...config.value }
  const secretProps: Record<string, Record<string, unknown>> = {}
  const renames: Record<string, string[]> = {}
  for (const [key, v] of Object.entries(value)) {
    const m = typeof v === 'string' ? /^\s*\{\{\s*secret\.([\w-]+)\s*\}\}\s*$/.exec(v) : null
    if (!m) continue
    delete value[key]
    secretProps[m[1]] = { type: 'string', env: envName('SECRET', m[1]) }
    renames[`config.${key}`] = ['secret', m[1]]
    const after = `secrets.schema.${m[1]} (env ${envName('SECRET', m[1])}); automations read {{secret.${m[1]}}}`
    change(result, 'index.yml', lineOf(index, ['config', 'value', key]), `config.value.${key}: '${v}'`, after)
  }
  // Prisme.ai's `secrets.schema` maps names to schemas (or is a JSON Schema with `properties`).
  const secretsSchema = ((indexValue.secrets ?? {}) as { schema?: Record<string, unknown> }).schema ?? {}
  const secretNames =
    secretsSchema.properties && typeof secretsSchema.properties === 'object'
      ? Object.keys(secretsSchema.properties)
      : Object.keys(secretsSchema).filter(k => k !== 'type')
  for (const k of secretNames) secretProps[k] ??= { type: 'string', env: envName('SECRET', k) }
  const configProps = configSchema(config.schema, value, key => envName('CONFIG', key))

  // Automations: first every slug and every call, then each file.
  const sources: Source[] = []
  for (const file of yamlFiles(srcDir, 'automations')) {
    const src = readYaml(srcDir, file, result)
    if (src) sources.push(src)
  }
  const slugs = new Map<Source, string>()
  const slugMap = new Map<string, string>()
  for (const src of sources) {
    const declared = src.doc.get('slug') as unknown
    const fromPath = relative('automations', src.file)
      .split(sep)
      .join('/')
      .replace(/\.ya?ml$/, '')
    const original = typeof declared === 'string' ? declared : fromPath
    const slug = /^[A-Za-z][\w./-]*$/.test(original) ? original : slugOf(original)
    if (slug !== original) {
      slugMap.set(original, slug)
      change(result, src.file, lineOf(src, ['slug']), `slug: ${original}`, `slug: ${slug}`)
    }
    slugs.set(src, slug)
  }
  const calls = new Map<string, Set<string>>()
  for (const src of sources) collectCalls(src.doc.get('do', true), calls)
  const bySlug = new Map([...slugs].map(([s, slug]) => [slug, s]))

  const hosts = new Set<string>()
  for (const v of Object.values(value)) urlHost(v, hosts)
  const localSlugs = new Set([...slugs.values()])
  withRenames(renames, () => {
    for (const src of sources) {
      const slug = slugs.get(src)!
      const before = result.errors.length
      const errors: ImportError[] = []
      const ctx: Ctx = { src, result, errors, imports, slugMap, hosts, localSlugs }
      convertAutomation(ctx, slug, calls.get(slug))
      result.errors.push(...errors)
      const converted = result.errors.length === before
      result.automations.push({ file: src.file, slug, converted })
      const target = converted ? src.file : join('unconverted', src.file)
      write(outDir, target, src.doc.toString({ lineWidth: 0 }))
    }
  })

  // A stub for every app automation called: arguments as called, a `fail` saying it is a stub.
  const importsOut: Record<string, Record<string, unknown>> = {}
  for (const [name, entry] of Object.entries(imports)) importsOut[name] = { ...entry, automations: {} }
  for (const [callee, args] of calls) {
    const dot = callee.indexOf('.')
    if (bySlug.has(callee) || dot <= 0 || !imports[callee.slice(0, dot)]) continue
    const instance = callee.slice(0, dot)
    const automation = callee.slice(dot + 1)
    const slug = `imports/${importSlug(instance)}/${automation}`
    ;(importsOut[instance].automations as Record<string, string>)[automation] = slug
    const stub = {
      slug,
      name: `${instance}.${automation} (stub)`,
      description:
        `Stands in for the automation "${automation}" of the app import "${instance}" ` +
        `(app ${String(imports[instance].appSlug)}). Replace its do with a local implementation, or map ` +
        `imports["${instance}"].automations.${automation} in config/index.yml to another automation.`,
      private: true,
      arguments: Object.fromEntries(
        [...args]
          .filter(a => a !== 'output')
          .sort()
          .map(a => [a, {}]),
      ),
      do: [
        {
          fail: {
            message: `the app import "${instance}" is not available here: ${slug} is a stub`,
            reason: 'APP_IMPORT_STUB',
            status: 501,
          },
        },
      ],
    }
    write(outDir, `automations/${slug}.yml`, stringify(stub, { lineWidth: 0 }))
    result.stubs.push(`automations/${slug}.yml`)
  }

  const indexOut: Record<string, unknown> = {
    slug: wsSlug,
    name: String(typeof indexValue.name === 'string' ? indexValue.name : wsSlug),
  }
  if (typeof indexValue.description === 'string') indexOut.description = indexValue.description
  indexOut.config = { schema: { type: 'object', properties: configProps }, value }
  if (Object.keys(secretProps).length > 0) indexOut.secrets = { schema: { type: 'object', properties: secretProps } }
  if (Object.keys(importsOut).length > 0) indexOut.imports = importsOut
  if (hosts.size > 0) indexOut.http = { allowedHosts: [...DEFAULT_ALLOWED_HOSTS, ...[...hosts].sort()] }
  for (const key of Object.keys(indexValue)) {
    if (!['slug', 'name', 'description', 'config', 'secrets'].includes(key)) {
      const why = DROPPED_INDEX[key] ?? 'no counterpart here'
      change(result, 'index.yml', lineOf(index, [key]), `${key}: …`, `(dropped: ${why})`)
    }
  }
  write(outDir, 'config/index.yml', stringify(indexOut, { lineWidth: 0 }))
  for (const file of ['security.yml', 'runtime.yml']) {
    const why =
      file === 'security.yml' ? 'access is API keys and roles here (docs/serving.md)' : 'compiled by the Prisme runtime'
    if (existsSync(join(srcDir, file))) change(result, file, 1, file, `(dropped: ${why})`)
  }
  if (existsSync(join(srcDir, 'pages'))) change(result, 'pages/', 1, 'pages/', '(dropped: pages are not automations)')
  write(outDir, 'import-report.txt', formatReport(result))
  return result
}

const DROPPED_INDEX: Record<string, string> = {
  labels: 'for the Prisme.ai studio',
  photo: 'for the Prisme.ai studio',
  customDomains: 'for the Prisme.ai platform',
  repositories: 'for the Prisme.ai platform',
  events: 'events carry their payload whole here',
}

export function formatReport(r: ImportResult): string {
  const lines = [
    ...r.errors.map(e => `${e.file}:${e.line}:${e.col} error: ${e.message}`),
    ...r.changes.map(c => `${c.file}:${c.line}: ${c.before} → ${c.after}`),
  ]
  const converted = r.automations.filter(a => a.converted).length
  lines.push(
    `${converted} of ${r.automations.length} automation(s) converted, ${r.stubs.length} app stub(s), ` +
      `${r.changes.length} change(s), ${r.errors.length} error(s)`,
  )
  return lines.join('\n') + '\n'
}

interface Ctx {
  src: Source
  result: ImportResult
  errors: ImportError[]
  imports: Record<string, unknown>
  slugMap: Map<string, string>
  hosts: Set<string>
  localSlugs: Set<string>
}

function convertAutomation(ctx: Ctx, slug: string, calledWith: Set<string> | undefined): void {
  const { src } = ctx
  const root = src.doc.contents
  if (!isMap(root)) {
    fail(ctx, root, 'an automation is a map with `do`')
    return
  }
  for (const key of ['name', 'description']) {
    const node = root.get(key, true) as Node | undefined
    if (isMap(node)) {
      const js = node.toJSON() as Record<string, unknown>
      const text = String(js.en ?? Object.values(js)[0] ?? '')
      root.set(key, text)
      note(ctx, node, `${key}: {${Object.keys(js).join(', ')}}`, `${key}: ${text} (one language)`)
    }
  }
  for (const key of ['validateArguments', 'labels', 'authorizations', 'schemas', 'disabled']) {
    const node = root.get(key, true) as Node | undefined
    if (node === undefined) continue
    const why: Record<string, string> = {
      validateArguments: 'arguments are always validated here',
      labels: 'for the Prisme.ai studio',
      authorizations: 'access is API keys and roles here',
      schemas: 'use arguments',
      disabled: 'the automation keeps no trigger',
    }
    if (key === 'disabled' && root.get('disabled') === true) root.delete('when')
    root.delete(key)
    note(ctx, node, `${key}: …`, `(dropped: ${why[key]})`)
  }
  const when = root.get('when', true) as Node | undefined
  const hasTrigger = isMap(when) && ['endpoint', 'events', 'schedules'].some(k => when.has(k))
  if (isMap(when)) {
    const endpoint = when.get('endpoint', true) as Node | undefined
    if (isScalar(endpoint) && typeof endpoint.value === 'string' && !/^[\w.-]+(\/[\w.-]+)*$/.test(endpoint.value)) {
      const name = endpoint.value.replace(/[^\w./-]+/g, '-').replace(/^\/+|\/+$/g, '')
      note(ctx, endpoint, `endpoint: ${endpoint.value}`, `endpoint: ${name}`)
      endpoint.value = name
    }
    // Here the MCP server owns /webhooks/mcp: a Prisme webhook of that name moves aside, reported.
    const served = isScalar(endpoint) ? (endpoint.value === true ? slug : endpoint.value) : undefined
    if (isScalar(endpoint) && typeof served === 'string' && RESERVED_ENDPOINTS.includes(served)) {
      const name = `${served}-webhook`
      note(
        ctx,
        endpoint,
        `endpoint: ${endpoint.value}`,
        `endpoint: ${name} (the MCP server's own route is /webhooks/mcp)`,
      )
      endpoint.value = name
    }
  }
  if (hasTrigger && root.get('private') === true) {
    const why = 'a private Prisme.ai automation keeps its endpoint and events, which private would disable here'
    note(ctx, root.get('private', true) as Node, 'private: true', `(dropped: ${why})`)
    root.delete('private')
  }
  // Webhook requests give `body`, `headers`, `query`, `method` as variables here, not as arguments.
  let args = root.get('arguments', true) as Node | undefined
  if (isMap(when) && when.has('endpoint') && isMap(args)) {
    for (const name of WEBHOOK_LOCALS) {
      if (args.has(name)) {
        const why = `the webhook's ${name} is a variable here`
        note(ctx, args.get(name, true) as Node, `arguments.${name}`, `(dropped: ${why})`)
        args.delete(name)
      }
    }
    if (args.items.length === 0) root.delete('arguments')
  }
  // Every argument a caller passes must be declared here.
  const missing = [...(calledWith ?? [])].filter(a => a !== 'output' && !(isMap(args) && args.has(a)))
  if (missing.length > 0) {
    if (!isMap(args)) {
      args = new YAMLMap()
      root.set('arguments', args)
    }
    for (const a of missing.sort()) (args as YAMLMap).set(a, new YAMLMap())
    const declared = `arguments: ${missing.map(a => `${a}: {}`).join(', ')}`
    note(ctx, (root.get('slug', true) as Node) ?? root, `(callers pass ${missing.join(', ')})`, declared)
  }
  if (isMap(args)) for (const pair of args.items) cleanArgument(ctx, pair)
  const list = root.get('do', true) as Node | undefined
  if (isSeq(list)) convertList(ctx, list)
  const output = root.getIn(['output'], true) as Node | undefined
  if (output !== undefined) convertValue(ctx, output)
  void slug
}

/** Prisme argument types this runtime's JSON Schema does not know (`localized:string`) lose their type. */
function cleanArgument(ctx: Ctx, pair: Pair): void {
  if (!isMap(pair.value)) return
  const type = pair.value.get('type', true) as Node | undefined
  const known = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']
  if (isScalar(type) && typeof type.value === 'string' && !known.includes(type.value)) {
    note(ctx, type, `type: ${type.value}`, '(dropped: not a JSON Schema type)')
    pair.value.delete('type')
  }
}

function convertList(ctx: Ctx, list: YAMLSeq): void {
  for (const item of list.items) {
    if (isSeq(item)) {
      convertList(ctx, item)
      continue
    }
    if (!isMap(item) || item.items.length !== 1) continue
    convertInstruction(ctx, item.items[0] as Pair<Scalar, Node>)
  }
}

function convertInstruction(ctx: Ctx, pair: Pair<Scalar, Node>): void {
  const name = String(pair.key?.value)
  const args = pair.value as Node | null
  if (UNSUPPORTED[name]) {
    fail(ctx, pair.key, UNSUPPORTED[name])
    return
  }
  for (const key of DROPPED[name] ?? []) {
    if (isMap(args) && args.has(key)) {
      const why = name === 'fetch' ? 'fetch emits no events here and checks certificates' : 'no counterpart here'
      note(ctx, args.get(key, true) as Node, `${name}.${key}`, `(dropped: ${why})`)
      args.delete(key)
    }
  }
  switch (name) {
    case 'comment':
      return
    case 'conditions':
      if (!isMap(args)) return
      for (const p of args.items) {
        const key = p.key as Scalar
        if (isScalar(key) && key.value !== 'default') {
          const before = String(key.value)
          try {
            const after = translateCondition(before)
            if (after !== before) {
              key.value = after
              note(ctx, key, before, after)
            }
          } catch (err) {
            if (!(err instanceof PrismeSyntaxError)) throw err
            fail(ctx, key, `cannot translate the condition \`${before}\`: ${err.message}`, err.offset)
          }
        }
        if (isSeq(p.value)) convertList(ctx, p.value)
      }
      return
    case 'repeat':
    case 'try':
      if (!isMap(args)) return
      for (const p of args.items) {
        const key = String((p.key as Scalar).value)
        if (['do', 'catch', 'finally'].includes(key) && isSeq(p.value)) convertList(ctx, p.value)
        else if (p.value) convertValue(ctx, p.value as Node)
      }
      return
    case 'all':
      if (isSeq(args)) convertList(ctx, args)
      return
    case 'fetch':
      if (isMap(args)) {
        const mode = args.get('outputMode', true) as Node | undefined
        if (isScalar(mode) && !['body', 'detailed_response', 'base64'].includes(String(mode.value))) {
          fail(ctx, mode, `outputMode ${String(mode.value)} has no counterpart here (body, detailed_response, base64)`)
        }
        for (const key of ['stream', 'prismeaiApiKey']) {
          if (args.has(key)) fail(ctx, args.get(key, true) as Node, `fetch ${key} has no counterpart here`)
        }
        const auth = args.get('auth', true) as Node | undefined
        if (isMap(auth) && (auth.has('prismeai') || auth.has('awsv4'))) {
          fail(ctx, auth, 'fetch auth.prismeai and auth.awsv4 have no counterpart here (basic and bearer do)')
        }
        // A map body sent as application/x-www-form-urlencoded is Prisme's form encoding: `form` here.
        const headers = args.get('headers', true) as Node | undefined
        const typePair = isMap(headers)
          ? headers.items.find(p => /^content-type$/i.test(String((p.key as Scalar)?.value)))
          : undefined
        const isForm = typePair && /x-www-form-urlencoded/i.test(String((typePair.value as Scalar)?.value))
        if (isForm && isMap(args.get('body', true))) {
          const body = args.get('body', true) as Node
          args.delete('body')
          args.set('form', body)
          ;(headers as YAMLMap).delete((typePair.key as Scalar).value)
          if ((headers as YAMLMap).items.length === 0) args.delete('headers')
          note(ctx, body, 'body (Content-Type: application/x-www-form-urlencoded)', 'form')
        }
        const url = args.get('url', true) as Node | undefined
        if (isScalar(url) && typeof url.value === 'string') urlHost(url.value, ctx.hosts)
      }
      break
  }
  // An automation call: a renamed slug, an app import call; its arguments are values.
  if (ctx.slugMap.has(name)) {
    const to = ctx.slugMap.get(name)!
    note(ctx, pair.key, `- ${name}:`, `- ${to}:`)
    pair.key.value = to
  }
  if (args) convertValue(ctx, args)
}

/** Every string inside becomes this runtime's template syntax (keys stay as they are). */
function convertValue(ctx: Ctx, node: Node): void {
  if (isScalar(node)) {
    if (typeof node.value !== 'string' || !hasTemplate(node.value)) return
    const before = node.value
    try {
      const after = translateTemplate(before)
      if (after !== before) {
        node.value = after
        if (node.type === 'PLAIN') node.type = 'QUOTE_SINGLE'
        note(ctx, node, before, after)
      }
    } catch (err) {
      if (!(err instanceof PrismeSyntaxError)) throw err
      fail(ctx, node, `cannot translate \`${before}\`: ${err.message}`, err.offset)
    }
    return
  }
  if (isMap(node)) {
    for (const p of node.items) if (p.value) convertValue(ctx, p.value as Node)
    return
  }
  if (isSeq(node)) for (const item of node.items) convertValue(ctx, item as Node)
}

function collectCalls(list: unknown, calls: Map<string, Set<string>>): void {
  if (!isSeq(list)) return
  for (const item of list.items) {
    if (isSeq(item)) {
      collectCalls(item, calls)
      continue
    }
    if (!isMap(item)) continue
    for (const p of item.items) {
      const name = String((p.key as Scalar)?.value)
      const args = p.value
      if (name === 'conditions' && isMap(args)) {
        for (const b of args.items) collectCalls(b.value, calls)
        continue
      }
      if (['repeat', 'try'].includes(name) && isMap(args)) {
        for (const b of args.items) collectCalls(b.value, calls)
        continue
      }
      if (name === 'all') {
        collectCalls(args, calls)
        continue
      }
      if (NOT_CALLS.has(name)) continue
      const set = calls.get(name) ?? new Set<string>()
      if (isMap(args)) for (const a of args.items) set.add(String((a.key as Scalar).value))
      calls.set(name, set)
    }
  }
}

const NOT_CALLS = new Set([
  'set',
  'delete',
  'emit',
  'wait',
  'fetch',
  'break',
  'comment',
  'rateLimit',
  ...Object.keys(UNSUPPORTED),
])
const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array']

/** Prisme.ai's config schema (a form: name → field) as a JSON Schema's properties, each read from its env name. */
function configSchema(
  schema: Record<string, unknown> | undefined,
  value: Record<string, unknown>,
  env: (key: string) => string,
): Record<string, Record<string, unknown>> {
  const given = (schema?.properties ?? schema ?? {}) as Record<string, Record<string, unknown>>
  const props: Record<string, Record<string, unknown>> = {}
  for (const [key, s] of Object.entries(given)) {
    if (key === 'type' && typeof s === 'string') continue
    const type = typeof s?.type === 'string' && JSON_TYPES.includes(s.type) ? s.type : undefined
    const description = typeof s?.description === 'string' ? s.description : undefined
    props[key] = { ...(type ? { type } : {}), ...(description ? { description } : {}), env: env(key) }
  }
  for (const [key, v] of Object.entries(value)) {
    const type = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v
    props[key] ??= { type, env: env(key) }
  }
  return props
}

function urlHost(v: unknown, hosts: Set<string>): void {
  if (typeof v !== 'string') return
  const m = /^https?:\/\/([^/:{}?#\s]+)/.exec(v)
  if (m) hosts.add(m[1])
}

function slugOf(s: string): string {
  const slug = s
    .trim()
    .replace(/[^A-Za-z0-9_./-]+/g, '-')
    .replace(/^[^A-Za-z]+/, '')
    .replace(/-+$/g, '')
  return slug || 'imported'
}

function readYaml(dir: string, file: string, result: ImportResult): Source | undefined {
  let text: string
  try {
    text = readFileSync(join(dir, file), 'utf8')
  } catch {
    const message = `cannot read ${file} (is ${dir} a Prisme.ai workspace folder?)`
    result.errors.push({ file, line: 1, col: 1, message })
    return undefined
  }
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    const pos = lines.linePos(e.pos[0])
    result.errors.push({ file, line: pos.line, col: pos.col, message: `YAML: ${e.message.split('\n')[0]}` })
    return undefined
  }
  return { file, doc, lines, text }
}

function yamlFiles(dir: string, sub: string): string[] {
  const root = join(dir, sub)
  if (!existsSync(root) || !statSync(root).isDirectory()) return []
  return (readdirSync(root, { recursive: true }) as string[])
    .filter(f => /\.ya?ml$/.test(f))
    .sort()
    .map(f => `${sub}/${f.split(sep).join('/')}`)
}

function write(outDir: string, file: string, text: string): void {
  const path = join(outDir, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

function position(src: Source, node: Node | null | undefined, offset = 0): { line: number; col: number } {
  const start = (node as { range?: [number, number] } | null)?.range?.[0]
  if (start === undefined) return { line: 1, col: 1 }
  return src.lines.linePos(start + offset)
}

function lineOf(src: Source, path: string[]): number {
  const node = src.doc.getIn(path, true) as Node | undefined
  if (node !== undefined) return position(src, node).line
  const parent = src.doc.getIn(path.slice(0, -1), true)
  if (isMap(parent)) {
    const pair = parent.items.find(p => isPair(p) && String((p.key as Scalar)?.value) === path.at(-1))
    if (pair) return position(src, pair.key as Node).line
  }
  return 1
}

function note(ctx: Ctx, node: Node | null | undefined, before: string, after: string): void {
  change(ctx.result, ctx.src.file, position(ctx.src, node).line, before, after)
}

function change(result: ImportResult, file: string, line: number, before: string, after: string): void {
  result.changes.push({ file, line, before: oneLine(before), after: oneLine(after) })
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ')
}

/** `offset`: inside the string value; a quoted scalar starts one character later than its node. */
function fail(ctx: Ctx, node: Node | null | undefined, message: string, offset?: number): void {
  const quoted = isScalar(node) && (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE')
  const { line, col } = position(ctx.src, node, offset === undefined ? 0 : offset + (quoted ? 1 : 0))
  ctx.errors.push({ file: ctx.src.file, line, col, message })
}
