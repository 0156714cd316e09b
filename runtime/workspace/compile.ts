// Compile an automation's `do` and `output` once, at load: every expression, path and instruction is
// resolved here, so a run only walks prepared plans. Errors become located diagnostics.

import type jsonata from 'jsonata'
import { DsulError, type SourceLocation, formatLocation } from '../core/errors.ts'
import { compileJsonataExpression, compileValue, type CompileOptions, type Template } from '../expressions/index.ts'
import type { CompiledAutomation } from '../engine/types.ts'
import { instructions, isInstruction } from '../instructions/index.ts'
import { callInstruction } from '../instructions/call.ts'
import type { Block, CompiledInstruction, Compiler } from '../instructions/types.ts'
import { parsePath, type Segment } from '../core/paths.ts'
import { fromError, suggest, type Diagnostic } from './diagnostics.ts'
import type { SourceFile } from './source.ts'

export interface CompileEnv {
  readonly automations: ReadonlyMap<string, CompiledAutomation>
  readonly options: CompileOptions
  readonly config: Readonly<Record<string, unknown>>
  readonly diagnostics: Diagnostic[]
  /** Automations whose file could not be declared: slug → its first error (their callers are told). */
  readonly broken?: ReadonlyMap<string, SourceLocation>
  /** config/index.yml `imports`: app instances whose automations are called `- Name.automation:`. */
  readonly imports?: Readonly<Record<string, { automations?: Record<string, string> }>>
}

export function compileAutomation(automation: CompiledAutomation, source: SourceFile, env: CompileEnv): void {
  const raw = automation.raw
  automation.do = compileBlock(raw.do, ['do'], source, env)
  if ('output' in raw) {
    automation.output = guard(source, env, ['output'], () =>
      compileValue(raw.output, source.locate, env.options, ['output']),
    )
  }
}

function compileBlock(list: unknown, pointer: Segment[], source: SourceFile, env: CompileEnv): Block {
  if (!Array.isArray(list)) return []
  const out: CompiledInstruction[] = []
  list.forEach((item, i) => {
    const compiled = compileInstruction(item, [...pointer, i], source, env)
    if (compiled) out.push(compiled)
  })
  return out
}

function compileInstruction(
  item: unknown,
  pointer: Segment[],
  source: SourceFile,
  env: CompileEnv,
): CompiledInstruction | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined // schema already reported it
  const [name, args] = Object.entries(item)[0] ?? []
  if (name === undefined) return undefined
  const base = [...pointer, name]
  const location = source.locateKey(base)
  let def
  const imported = isInstruction(name) ? undefined : importedAutomation(name, env)
  if (isInstruction(name)) def = instructions[name]
  else if (env.automations.has(name) || (imported && env.automations.has(imported))) {
    const slug = env.automations.has(name) ? name : imported!
    def = callInstruction(slug)
    checkCallArguments(slug, args, base, source, env)
  } else if (env.broken?.has(name)) {
    const message = `automation "${name}" has errors: see ${formatLocation(env.broken.get(name))}`
    env.diagnostics.push({ severity: 'error', code: 'CALLEE_HAS_ERRORS', message, location })
    return undefined
  } else {
    const known = [...Object.keys(instructions), ...env.automations.keys()]
    const app = name.slice(0, name.indexOf('.'))
    const hint = imported
      ? ` (an automation of the app import "${app}": add automations/${imported}.yml, or map it in config/index.yml imports)`
      : suggest(name, known)
    const message = new DsulError('UNKNOWN_INSTRUCTION', { name, hint }).message
    env.diagnostics.push({ severity: 'error', code: 'UNKNOWN_INSTRUCTION', message, location })
    return undefined
  }
  const compiler = makeCompiler(base, source, env)
  let output: Segment[] | undefined
  if (
    args &&
    typeof args === 'object' &&
    !Array.isArray(args) &&
    typeof (args as { output?: unknown }).output === 'string' &&
    name !== 'set'
  ) {
    output = guard(source, env, [...base, 'output'], () =>
      compiler.path((args as { output: string }).output, ['output']),
    )
  }
  const before = env.diagnostics.length
  const plan = guard(source, env, base, () => def.compile(args, compiler))
  if (env.diagnostics.length > before) return undefined
  return { name, location, output, plan, def }
}

function makeCompiler(base: Segment[], source: SourceFile, env: CompileEnv): Compiler {
  const locate = (pointer: Segment[] = [], offset?: number): SourceLocation =>
    source.locate([...base, ...pointer], offset)
  return {
    config: env.config,
    locate,
    locateKey: pointer => source.locateKey([...base, ...pointer]),
    template: (value, pointer = []) =>
      compileValue(value, (p, off) => source.locate([...base, ...p], off), env.options, pointer),
    block: (list, pointer) => compileBlock(list, [...base, ...pointer], source, env),
    instruction: (value, pointer) => compileInstruction(value, [...base, ...pointer], source, env) ?? NOOP,
    // Condition keys are map keys: locate inside the key text.
    jsonata: (src, pointer, offset = 0): jsonata.Expression =>
      compileJsonataExpression(
        src,
        off => {
          const key = source.locateKey([...base, ...pointer])
          return { ...key, col: key.col + (off ?? 0) }
        },
        offset,
        env.options,
        'condition',
      ),
    path: (src, pointer) => {
      try {
        return parsePath(src)
      } catch (err) {
        throw new DsulError('PATH_SYNTAX', { path: src, detail: (err as Error).message }, { location: locate(pointer) })
      }
    },
    automation: slug => env.automations.get(slug),
  }
}

/**
 * `- Custom Code.run:` names an app import (config/index.yml `imports`, names may contain spaces): the
 * local automation it is mapped to, else `imports/<name as a slug>/<automation>`; undefined otherwise.
 */
export function importedAutomation(name: string, env: Pick<CompileEnv, 'imports'>): string | undefined {
  const dot = name.indexOf('.')
  if (dot <= 0) return undefined
  const instance = env.imports?.[name.slice(0, dot)]
  if (!instance) return undefined
  const automation = name.slice(dot + 1)
  return instance.automations?.[automation] ?? `imports/${importSlug(name.slice(0, dot))}/${automation}`
}

/** An app instance name as a path segment: `Custom Code` → `custom-code`. */
export function importSlug(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'app'
  )
}

/** A call naming an argument the callee does not declare is a typo waiting to happen. */
function checkCallArguments(
  slug: string,
  args: unknown,
  pointer: Segment[],
  source: SourceFile,
  env: CompileEnv,
): void {
  const callee = env.automations.get(slug)!
  const declared = Object.keys((callee.argumentsSchema.properties ?? {}) as object)
  if (!args || typeof args !== 'object') return
  for (const key of Object.keys(args)) {
    if (key === 'output' || declared.includes(key)) continue
    env.diagnostics.push({
      severity: 'error',
      code: 'UNKNOWN_ARGUMENT',
      message: new DsulError('UNKNOWN_ARGUMENT', {
        slug,
        name: key,
        hint:
          suggest(key, declared) + (declared.length ? ` (declared: ${declared.join(', ')})` : ' (it declares none)'),
      }).message,
      location: source.locateKey([...pointer, key]),
    })
  }
}

function guard<T>(source: SourceFile, env: CompileEnv, pointer: Segment[], fn: () => T): T | undefined {
  try {
    return fn()
  } catch (err) {
    if (err instanceof DsulError) env.diagnostics.push(fromError(err, source.locate(pointer)))
    else
      env.diagnostics.push({
        severity: 'error',
        code: 'INTERNAL',
        message: (err as Error).message ?? String(err),
        location: source.locate(pointer),
      })
    return undefined
  }
}

const NOOP: CompiledInstruction = {
  name: 'comment',
  location: { file: '', line: 0, col: 0 },
  plan: null,
  def: instructions.comment,
}

export type { Template }
