// Validators compiled ahead of time (docs/serving.md "Start and memory"): the build (scripts/build.mjs,
// runtime/cli/precompile.ts) records every schema the package's own workspace has ajv compile when it
// is served — its config and secrets schemas, the arguments', the tools' outputs — and writes ajv's
// standalone code for each to dist/validators.js, keyed by the ajv instance and a hash of the schema's
// JSON. A start installs that module when the running build wrote it; a schema that is not there (an
// edited or another workspace, the sources run through tsx) is compiled as before.
import type { ValidateFunction } from 'ajv'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PACKAGE_ROOT } from '../core/package-root.ts'
import { type AjvKind, usePrecompiled } from './ajv.ts'
import { BUILD_ID } from './verified.ts'

export const PRECOMPILED_FILE = join(PACKAGE_ROOT, 'dist', 'validators.js')
export const PRECOMPILED_FORMAT = 1

/** Makes one validator; `require` gives the ajv runtime modules and formats its code names. */
export type ValidatorFactory = (require: NodeJS.Require) => ValidateFunction

/** The key of a schema's validator: its ajv instance and its JSON, hashed. */
export function precompiledKey(kind: AjvKind, schema: object): string {
  return createHash('sha256').update(`${kind}\n${JSON.stringify(schema)}`).digest('base64url')
}

// The generated code's require() calls resolve from here: the package's node_modules.
const requireModule = createRequire(import.meta.url)

/**
 * Install `factories` (the generated module's validators) as the ready validators, or none. Each is
 * made on its first use only: the start pays for the few it runs, not for the whole module.
 */
export function installPrecompiled(factories: Readonly<Record<string, ValidatorFactory>> | undefined): void {
  if (!factories) return usePrecompiled(undefined)
  const made = new Map<string, ValidateFunction>()
  usePrecompiled((kind, schema) => {
    const key = precompiledKey(kind, schema)
    let validate = made.get(key)
    if (!validate && Object.hasOwn(factories, key)) {
      validate = factories[key](requireModule)
      validate.schema = schema
      made.set(key, validate)
    }
    return validate
  })
}

/**
 * Install dist/validators.js when the running build (`running`, BUILD_ID but for tests) wrote it;
 * else none. A missing, unreadable or foreign module is no validators, never an error.
 */
export async function loadPrecompiled(file = PRECOMPILED_FILE, running = BUILD_ID): Promise<boolean> {
  let factories: Record<string, ValidatorFactory> | undefined
  if (running !== undefined && existsSync(file)) {
    try {
      const read = (await import(pathToFileURL(file).href)) as { format?: unknown; build?: unknown; validators?: unknown }
      if (read.format === PRECOMPILED_FORMAT && read.build === running && typeof read.validators === 'object')
        factories = read.validators as Record<string, ValidatorFactory>
    } catch {
      /* not ours: compile as without a build */
    }
  }
  installPrecompiled(factories)
  return factories !== undefined
}
