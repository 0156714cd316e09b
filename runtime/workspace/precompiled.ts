// Validators compiled ahead of time (docs/serving.md "Start and memory"): the build (scripts/build.mjs,
// runtime/cli/precompile.ts) records every schema the package's own workspace has ajv compile when it
// is served — its config and secrets schemas, the arguments', the tools' outputs — and writes ajv's
// standalone code for each to dist/validators.json, keyed by the ajv instance and a hash of the schema's
// JSON. A start installs that file when the running build wrote it; a schema that is not there (an
// edited or another workspace, the sources run through tsx) is compiled as before.
//
// The code is kept as text and made into a function on first use, as ajv's own compile ends: reading
// the JSON costs about 1 ms of a start, where importing the same code as an ES module cost 3.5 ms
// (V8 pre-parses every function of a module; a start runs a handful of the validators). The file is
// the package's own, written by its build beside dist/cli.js and trusted as that is.
import type { ValidateFunction } from 'ajv'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { PACKAGE_ROOT } from '../core/package-root.ts'
import { type AjvKind, usePrecompiled } from './ajv.ts'
import { BUILD_ID } from './verified.ts'

export const PRECOMPILED_FILE = join(PACKAGE_ROOT, 'dist', 'validators.json')
export const PRECOMPILED_FORMAT = 1

/** dist/validators.json. `validators`: by key, the body of a function of `require` that returns the validator. */
export interface PrecompiledFile {
  format: number
  build: string | null
  validators: Record<string, string>
}

/** The key of a schema's validator: its ajv instance and its JSON, hashed. */
export function precompiledKey(kind: AjvKind, schema: object): string {
  return createHash('sha256')
    .update(`${kind}\n${JSON.stringify(schema)}`)
    .digest('base64url')
}

// The generated code's require() calls resolve from here: the package's node_modules.
const requireModule = createRequire(import.meta.url)

/**
 * Install `validators` (the file's) as the ready validators, or none. Each is made on its first use
 * only: a start pays for the few it runs, not for all of them.
 */
export function installPrecompiled(validators: Readonly<Record<string, string>> | undefined): void {
  if (!validators) {
    usePrecompiled(undefined)
    return
  }
  const made = new Map<string, ValidateFunction>()
  usePrecompiled((kind, schema) => {
    const key = precompiledKey(kind, schema)
    let validate = made.get(key)
    if (!validate && Object.hasOwn(validators, key)) {
      validate = new Function('require', validators[key])(requireModule) as ValidateFunction
      validate.schema = schema
      made.set(key, validate)
    }
    return validate
  })
}

/**
 * Install dist/validators.json when the running build (`running`, BUILD_ID but for tests) wrote it;
 * else none. A missing, unreadable or foreign file is no validators, never an error.
 */
export function loadPrecompiled(file = PRECOMPILED_FILE, running = BUILD_ID): boolean {
  let validators: Record<string, string> | undefined
  if (running !== undefined) {
    try {
      const read = JSON.parse(readFileSync(file, 'utf8')) as Partial<PrecompiledFile>
      const ours = read.format === PRECOMPILED_FORMAT && read.build === running
      if (ours && typeof read.validators === 'object' && read.validators !== null) validators = read.validators
    } catch {
      /* no build, or not ours: compile as without one */
    }
  }
  installPrecompiled(validators)
  return validators !== undefined
}
