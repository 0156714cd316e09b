// Declared tenants: `config/tenants/<slug>.yml` (docs/tenants.md "Declared tenants"), checked against
// schemas/tenant.schema.json and the workspace's config and secrets schemas, every problem a located
// diagnostic. Secrets are never written in these files (they may be committed): `secretsEnv` names
// environment variables, `secretsFile` an absolute path outside the workspace.

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path'
import { parse } from 'yaml'
// Compiled from schemas/tenant.schema.json (scripts/generate-validators.mjs).
import { validate as validateFile } from '../../schemas/validators/tenant.js'
import type { Segment } from '../core/paths.ts'
import { schemaDiagnostics, type Diagnostic } from '../workspace/diagnostics.ts'
import { INDEX_FILE, readSource } from '../workspace/load.ts'
import type { SourceFile } from '../workspace/source.ts'
import { tenantKeyHash } from './key-hash.ts'
import { checkValues, describeProblem, type TenantSpec, type ValuesSchema } from './spec.ts'

export const TENANTS_DIR = join('config', 'tenants')

export interface TenantFileOptions {
  /** Where `secretsEnv` names are looked up. */
  env: NodeJS.ProcessEnv
  /** The workspace index (config/index.yml); read from `dir` when absent. */
  index?: Record<string, unknown>
  /** Serving: an unreadable secrets file is an error. `validate` (CI has no secrets): a warning. */
  strict?: boolean
}

export function readTenantFiles(
  dir: string,
  options: TenantFileOptions,
): { specs: TenantSpec[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const specs: TenantSpec[] = []
  const files = tenantFiles(dir)
  if (files.length === 0) return { specs, diagnostics }
  const index = options.index ?? readIndex(dir, diagnostics)
  if (!index) return { specs, diagnostics }
  const seen = new Map<string, string>()
  for (const file of files) {
    const before = diagnostics.length
    const source = readSource(dir, file, diagnostics)
    const spec = source && checkFile(dir, file, source, index, options, diagnostics)
    if (!spec || diagnostics.slice(before).some(d => d.severity === 'error')) continue
    const other = seen.get(spec.slug)
    if (other) {
      diagnostics.push({
        severity: 'error',
        code: 'DUPLICATE_SLUG',
        message: `tenant "${spec.slug}" is also declared in ${other}`,
        location: source.locate(['slug']),
      })
      continue
    }
    seen.set(spec.slug, file)
    specs.push(spec)
  }
  return { specs, diagnostics }
}

/** `*.yml` / `*.yaml` directly in config/tenants/ (`example.yml.disabled` and the like are ignored). */
function tenantFiles(dir: string): string[] {
  try {
    if (!statSync(join(dir, TENANTS_DIR)).isDirectory()) return []
  } catch {
    return []
  }
  return readdirSync(join(dir, TENANTS_DIR))
    .filter(f => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map(f => join(TENANTS_DIR, f).split('\\').join('/'))
}

function readIndex(dir: string, diagnostics: Diagnostic[]): Record<string, unknown> | undefined {
  return (readSource(dir, INDEX_FILE, diagnostics)?.value ?? undefined) as Record<string, unknown> | undefined
}

function checkFile(
  dir: string,
  file: string,
  source: SourceFile,
  index: Record<string, unknown>,
  options: TenantFileOptions,
  diagnostics: Diagnostic[],
): TenantSpec | undefined {
  const raw = source.value as Record<string, unknown> | null
  const error = (pointer: Segment[], message: string, key = false): void => {
    diagnostics.push({
      severity: 'error',
      code: 'CONFIG_INVALID',
      message,
      location: key ? source.locateKey(pointer) : source.locate(pointer),
    })
  }
  const warn = (pointer: Segment[], message: string): void => {
    diagnostics.push({ severity: 'warning', code: 'CONFIG_INVALID', message, location: source.locate(pointer) })
  }
  if (raw && typeof raw === 'object' && 'secrets' in raw) {
    error(
      ['secrets'],
      'secrets are never written in a tenant file (it may be committed): name environment variables in `secretsEnv`, or a file outside the repository in `secretsFile`',
      true,
    )
    return undefined
  }
  if (!validateFile(raw)) {
    diagnostics.push(...schemaDiagnostics(validateFile.errors ?? [], source))
    return undefined
  }
  const t = raw as {
    slug: string
    name?: string
    config?: Record<string, unknown>
    secretsEnv?: Record<string, string>
    secretsFile?: string
    apiKeys?: string[]
  }
  const expected = basename(file, extname(file))
  if (t.slug !== expected || t.slug === index.slug) {
    error(
      ['slug'],
      t.slug === index.slug
        ? `slug "${t.slug}" is the core workspace's own slug`
        : `slug "${t.slug}" must be the file's name ("${expected}")`,
    )
    return undefined
  }

  const configSection = (index.config ?? {}) as { schema?: ValuesSchema; value?: Record<string, unknown> }
  const config = t.config ?? {}
  for (const p of checkValues(configSection.schema, config, configSection.value).problems) {
    const unknown = p.message.startsWith('is not a setting')
    error(['config', ...(unknown || p.pointer[0] in config ? p.pointer : [])], describeProblem('config', p), unknown)
  }

  const secretsSchema = (index.secrets as { schema?: ValuesSchema } | undefined)?.schema
  const known = Object.keys(secretsSchema?.properties ?? {})
  const secrets: Record<string, unknown> = {}
  if (t.secretsFile !== undefined)
    Object.assign(
      secrets,
      readSecretsFile(dir, t.secretsFile, options.strict === true, (m, severity) =>
        (severity === 'error' ? error : warn)(['secretsFile'], m),
      ),
    )
  for (const [name, variable] of Object.entries(t.secretsEnv ?? {})) {
    if (secretsSchema?.properties && !known.includes(name)) {
      error(
        ['secretsEnv', name],
        `secretsEnv.${name}: the workspace has no secret "${name}" (known: ${known.join(', ')})`,
        true,
      )
      continue
    }
    const value = options.env[variable]
    if (value === undefined || value === '')
      warn(['secretsEnv', name], `${variable} is not set: tenant "${t.slug}" runs without secrets.${name}`)
    else secrets[name] = value
  }
  // Only the secrets' shapes are checked here; their values are never printed.
  for (const p of checkValues(secretsSchema, secrets).problems) {
    const fromEnv = t.secretsEnv !== undefined && String(p.pointer[0]) in t.secretsEnv
    error(fromEnv ? ['secretsEnv', p.pointer[0]] : ['secretsFile'], describeProblem('secrets', p))
  }

  const apiKeys: string[] = []
  ;(t.apiKeys ?? []).forEach((entry, i) => {
    const { hash, problem } = tenantKeyHash(entry, false)
    if (problem) error(['apiKeys', i], `apiKeys[${i}] ${problem}`)
    else apiKeys.push(hash!)
  })
  return { slug: t.slug, name: t.name, config, secrets, apiKeys, source: 'file', file }
}

/** A YAML or JSON object of secret values, at an absolute path outside the workspace. */
function readSecretsFile(
  dir: string,
  path: string,
  strict: boolean,
  report: (message: string, severity: 'error' | 'warning') => void,
): Record<string, unknown> {
  if (!isAbsolute(path)) {
    report(`secretsFile must be an absolute path (outside the repository), not "${path}"`, 'error')
    return {}
  }
  const inside = relative(resolve(dir), resolve(path))
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    report(`secretsFile "${path}" is inside the workspace, where it could be committed; keep it outside`, 'error')
    return {}
  }
  let text: string
  try {
    const mode = statSync(path).mode
    text = readFileSync(path, 'utf8')
    if (mode & 0o077) report(`secretsFile "${path}" is readable by other users; chmod 600 it`, 'warning')
  } catch (err) {
    report(
      `cannot read secretsFile "${path}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      strict ? 'error' : 'warning',
    )
    return {}
  }
  let value: unknown
  try {
    value = parse(text)
  } catch {
    // The parser's message may quote the file, so it is not repeated.
    report(`secretsFile "${path}" is not valid YAML or JSON`, 'error')
    return {}
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(`secretsFile "${path}" must hold an object of secret names to values`, 'error')
    return {}
  }
  return value as Record<string, unknown>
}
