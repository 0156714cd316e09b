// Load a workspace folder: config/index.yml and automations/**/*.yml. Every file is parsed with
// positions, validated against schemas/, and compiled; every problem becomes a located diagnostic
// (docs/language.md "Diagnostics"). The workspace is returned only when there is no error.

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { deepFreeze } from '../core/clone.ts'
import { DsulError, type SourceLocation } from '../core/errors.ts'
import type { CompileOptions } from '../expressions/index.ts'
import type { CompiledAutomation, McpBinding, WorkspaceServices } from '../engine/types.ts'
import { Workspace, type Logger } from '../engine/workspace.ts'
import { DEFAULT_LIMITS, type Limits } from '../core/limits.ts'
import { MemoryStore } from '../host/store/memory.ts'
import type { Store } from '../core/store.ts'
import { Cron } from 'croner'
import { compileShared, schemaProblem, validateAutomationFile, validateWorkspaceIndex } from './ajv.ts'
import { analyzeWorkspace } from './analysis.ts'
import { checkCollisions } from './collisions.ts'
import { compileAutomation } from './compile.ts'
import { resolveValues } from './config.ts'
import { schemaDiagnostics, type Diagnostic } from './diagnostics.ts'
import { memorySettings } from './settings.ts'
import { parseSource, type SourceFile } from './source.ts'
import { isBuildVerified } from './verified.ts'

export interface LoadOptions {
  env?: NodeJS.ProcessEnv
  store?: Store
  log?: Logger
  /** The host's services (engine/types.ts WorkspaceServices); `settings` defaults to the in-memory overlay. */
  services?: WorkspaceServices
  /** Replace values of the index (tenant instances, tests). */
  overrides?: { slug?: string; config?: Record<string, unknown>; secrets?: Record<string, unknown> }
}

export interface LoadResult {
  workspace?: Workspace
  diagnostics: Diagnostic[]
}

/** The sandbox's and the tests' explicit opt-in to loopback and private addresses (docs/fetch.md "Host policy"). */
export const ALLOW_LOOPBACK_ENV = 'CONFLUENCE_ALLOW_LOOPBACK'

export const INDEX_FILE = join('config', 'index.yml')

export function loadWorkspace(dir: string, options: LoadOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = []
  const env = options.env ?? process.env
  const indexSource = readSource(dir, INDEX_FILE, diagnostics)
  if (!indexSource) return { diagnostics }
  const index = (indexSource.value ?? {}) as Record<string, unknown>
  diagnostics.push(...schemaDiagnostics(validateWorkspaceIndex(index) ?? [], indexSource))
  if (diagnostics.some(d => d.severity === 'error')) return { diagnostics }

  const configSection = (index.config ?? {}) as { schema?: object; value?: Record<string, unknown> }
  const config = resolveValues(
    'config',
    configSection.schema,
    { ...configSection.value, ...options.overrides?.config },
    env,
    indexSource,
    diagnostics,
  )
  const secretsSchema = (index.secrets as { schema?: object } | undefined)?.schema
  const secret = resolveValues(
    'secrets',
    secretsSchema,
    { ...options.overrides?.secrets },
    env,
    indexSource,
    diagnostics,
  )
  const limits: Limits = { ...DEFAULT_LIMITS, ...(index.limits as Partial<Limits>) }

  const automations = new Map<string, CompiledAutomation>()
  const sources = new Map<string, SourceFile>()
  // Files that could not even be declared (YAML syntax, an invalid argument schema): their callers
  // are told so, not that the name is unknown.
  const undeclared = new Map<string, SourceLocation>()
  // The texts first: when they are exactly the files the running build checked (verified.ts), what
  // the build proved is not checked again, and expressions and schemas compile on first use.
  const files = automationFiles(dir, diagnostics).map(file => ({ file, text: readText(dir, file, diagnostics) }))
  const verified =
    options.overrides === undefined &&
    !diagnostics.some(d => d.severity === 'error') &&
    isBuildVerified([
      [indexSource.file, indexSource.text],
      ...files.map(({ file, text }) => [file.split(sep).join('/'), text as string] as const),
    ])
  for (const { file, text } of files) {
    const before = diagnostics.length
    const source = typeof text === 'string' ? parseSource(file.split(sep).join('/'), text, diagnostics) : undefined
    const automation = source && declare(source, file, diagnostics, verified)
    if (!source || !automation) {
      const first = diagnostics.slice(before).find(d => d.severity === 'error')
      if (first) undeclared.set(slugOf(source?.value, file), first.location)
      continue
    }
    const other = automations.get(automation.slug)
    if (other) {
      diagnostics.push({
        severity: 'error',
        code: 'DUPLICATE_SLUG',
        message: new DsulError('DUPLICATE_SLUG', { slug: automation.slug, other: other.file }).message,
        location: automation.location,
      })
      continue
    }
    automations.set(automation.slug, automation)
    sources.set(automation.slug, source)
  }

  const imports = (index.imports ?? {}) as Record<string, { automations?: Record<string, string> }>
  // One pass: a file with schema errors is still compiled and analysed, so its other errors show now,
  // not after the schema is fixed. What its malformed parts make the compiler stumble on is left out.
  const withSchemaErrors = new Set(diagnostics.filter(d => d.code === 'SCHEMA_VIOLATION').map(d => d.location.file))
  const asts = new Map<string, unknown>()
  const compileEnv = {
    automations,
    options: verified ? { ...expressionOptions(limits), deferCompile: true } : { ...expressionOptions(limits), asts },
    config,
    diagnostics,
    broken: undeclared,
    imports,
  }
  for (const [slug, automation] of automations) {
    const source = sources.get(slug)!
    const before = diagnostics.length
    compileAutomation(automation, source, compileEnv)
    if (withSchemaErrors.has(source.file)) {
      const compiled = diagnostics.splice(before).filter(d => d.code !== 'INTERNAL')
      diagnostics.push(...compiled)
    }
  }
  checkCollisions(automations, sources, diagnostics)
  if (!verified) analyzeWorkspace({ automations, sources, index, overrides: options.overrides, diagnostics, asts })
  asts.clear() // compiled expressions keep their own; the map must not outlive the load
  sortByFile(diagnostics)

  if (diagnostics.some(d => d.severity === 'error')) return { diagnostics }
  const slug = options.overrides?.slug ?? String(index.slug)
  const workspace = new Workspace(
    {
      slug,
      name: String(index.name),
      description: index.description as string | undefined,
      dir,
      index,
      allowLoopback: env[ALLOW_LOOPBACK_ENV] === 'true',
    },
    automations,
    deepFreeze(structuredClone(config)),
    deepFreeze(structuredClone(secret)),
    limits,
    options.store ?? new MemoryStore(),
    options.log,
    { settings: memorySettings, ...options.services },
  )
  return { workspace, diagnostics }
}

/** What expressions are compiled with: their time, and the size of what they may build. */
function expressionOptions(limits: Limits): CompileOptions {
  const { expressionTimeMs, valueBytes, expressionItems } = limits
  // Host functions read the conversion bounds (functions/markdown.ts) from the whole set.
  return { expressionTimeMs, valueBytes, expressionItems, limits }
}

/** The slug a file declares, or the one its path gives. */
function slugOf(value: unknown, file: string): string {
  const declared = (value as { slug?: unknown } | undefined)?.slug
  return typeof declared === 'string'
    ? declared
    : relative('automations', file)
        .split(sep)
        .join('/')
        .replace(/\.ya?ml$/, '')
}

/** Every file's diagnostics together, in the order of the file (a stable sort: same-place diagnostics keep their order). */
function sortByFile(diagnostics: Diagnostic[]): void {
  const order = new Map<string, number>()
  for (const d of diagnostics) if (!order.has(d.location.file)) order.set(d.location.file, order.size)
  diagnostics.sort(
    (a, b) =>
      order.get(a.location.file)! - order.get(b.location.file)! ||
      a.location.line - b.location.line ||
      a.location.col - b.location.col,
  )
}

/** Read and parse one file of the workspace; an unreadable file is a located diagnostic. */
export function readSource(dir: string, file: string, diagnostics: Diagnostic[]): SourceFile | undefined {
  const text = readText(dir, file, diagnostics)
  return text === undefined ? undefined : parseSource(file.split(sep).join('/'), text, diagnostics)
}

function readText(dir: string, file: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    return readFileSync(join(dir, file), 'utf8')
  } catch (err) {
    diagnostics.push({
      severity: 'error',
      code: 'WORKSPACE_INVALID',
      message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      location: { file, line: 1, col: 1 },
    })
    return undefined
  }
}

export function automationFiles(dir: string, diagnostics: Diagnostic[]): string[] {
  const root = join(dir, 'automations')
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a directory')
  } catch {
    diagnostics.push({
      severity: 'error',
      code: 'WORKSPACE_INVALID',
      message: `no automations/ folder in ${dir}`,
      location: { file: 'automations', line: 1, col: 1 },
    })
    return []
  }
  return (readdirSync(root, { recursive: true }) as string[])
    .filter(f => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map(f => join('automations', f))
}

/** First pass: schema-check one file and describe its automation (its `do` is compiled later). */
function declare(
  source: SourceFile,
  file: string,
  diagnostics: Diagnostic[],
  verified = false,
): CompiledAutomation | undefined {
  // A build-verified file passed these schema checks at build (verified.ts): they are not run again.
  const errors = verified ? null : validateAutomationFile(source.value)
  if (errors) diagnostics.push(...schemaDiagnostics(errors, source))
  // Declared all the same when it is a map, so that the rest of the file is checked in this pass.
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) return undefined
  const raw = source.value as Record<string, unknown>
  const slug = slugOf(raw, file)
  const argumentsSchema = toObjectSchema((raw.arguments ?? {}) as Record<string, Record<string, unknown>>)
  const problem = verified ? undefined : schemaProblem(argumentsSchema)
  if (problem) {
    // The normalized schema nests arguments under `properties`; point back at the YAML.
    const inYaml = problem.path[0] === 'properties' ? ['arguments', ...problem.path.slice(1)] : ['arguments']
    diagnostics.push({
      severity: 'error',
      code: 'SCHEMA_VIOLATION',
      message: `${inYaml.join('.')} is not a valid JSON Schema: ${problem.message}`,
      location: source.locate(inYaml),
    })
    return undefined
  }
  let validateArguments
  try {
    validateArguments = compileShared(argumentsSchema, verified)
  } catch (err) {
    // Valid by the meta-schema yet not compilable: a bad `pattern` regex, a `$ref` to nothing.
    diagnostics.push({
      severity: 'error',
      code: 'SCHEMA_VIOLATION',
      message: `arguments is not a valid JSON Schema: ${(err as Error).message}`,
      location: source.locate(['arguments']),
    })
    return undefined
  }
  const when = (raw.when ?? {}) as Record<string, unknown>
  const endpoint = when.endpoint === true ? slug : typeof when.endpoint === 'string' ? when.endpoint : undefined
  return {
    slug,
    name: (raw.name as string | undefined) ?? slug,
    description: raw.description as string | undefined,
    file: source.file,
    location: source.locate([]),
    argumentsSchema,
    validateArguments,
    when: {
      endpoint,
      public: when.public === true,
      mcp: when.mcp as McpBinding | undefined,
      events: when.events as string[] | undefined,
      schedules: checkSchedules(when.schedules as string[] | undefined, source, diagnostics),
    },
    outputSchema: raw.outputSchema as Record<string, unknown> | undefined,
    private: raw.private === true,
    do: [],
    raw,
  }
}

/** Each `when.schedules` entry must be a cron expression croner accepts: else a located INVALID_VALUE. */
function checkSchedules(
  schedules: string[] | undefined,
  source: SourceFile,
  diagnostics: Diagnostic[],
): string[] | undefined {
  schedules?.forEach((pattern, i) => {
    try {
      new Cron(pattern, { paused: true, timezone: 'UTC' }).stop()
    } catch (err) {
      diagnostics.push({
        severity: 'error',
        code: 'INVALID_VALUE',
        message: new DsulError('INVALID_VALUE', {
          instruction: 'when.schedules',
          detail: `"${pattern}" is not a cron expression: ${(err as Error).message}`,
        }).message,
        location: source.locate(['when', 'schedules', i]),
      })
    }
  })
  return schedules
}

/**
 * `arguments: {name: schema}` → one object schema. `required: true` on a property (at any depth, inside
 * `properties`) marks it required in its parent, so object arguments read the same way.
 */
function toObjectSchema(args: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return normalizeRequired({ type: 'object', properties: args, additionalProperties: false }) as Record<string, unknown>
}

function normalizeRequired(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema
  const out: Record<string, unknown> = { ...(schema as Record<string, unknown>) }
  if (typeof out.required === 'boolean') delete out.required
  if (out.properties && typeof out.properties === 'object') {
    const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : [])
    const properties: Record<string, unknown> = {}
    for (const [name, child] of Object.entries(out.properties as Record<string, unknown>)) {
      if ((child as { required?: unknown })?.required === true) required.add(name)
      properties[name] = normalizeRequired(child)
    }
    out.properties = properties
    if (required.size > 0) out.required = [...required]
  }
  for (const key of ['items', 'additionalProperties', 'not']) if (key in out) out[key] = normalizeRequired(out[key])
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(normalizeRequired)
  }
  return out
}
