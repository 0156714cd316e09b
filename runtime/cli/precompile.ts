// Writes dist/validators.json at build (scripts/build.mjs; runtime/workspace/precompiled.ts says why):
// the package's own workspace is loaded and its tools are built as `serve` does, every schema a
// validator is made for is recorded, and each is compiled by an ajv of the same kind and options as
// the runtime's (workspace/ajv.ts createAjv), emitting standalone code: the same checks, defaults and
// error objects as a compile at run time. This module is the build's, not part of dist/cli.js.
import { _ } from 'ajv'
import standaloneCodeModule from 'ajv/dist/standalone/index.js'
import { writeFileSync } from 'node:fs'
import { PACKAGE_ROOT } from '../core/package-root.ts'
import { buildToolCatalog } from '../server/tools.ts'
import { type AjvKind, createAjv, recordSchemas, usePrecompiled } from '../workspace/ajv.ts'
import { loadWorkspace } from '../workspace/load.ts'
import { PRECOMPILED_FILE, PRECOMPILED_FORMAT, type PrecompiledFile, precompiledKey } from '../workspace/precompiled.ts'
import { BUILD_ID } from '../workspace/verified.ts'

const standaloneCode = ((standaloneCodeModule as { default?: unknown }).default ??
  standaloneCodeModule) as typeof import('ajv/dist/standalone/index.js').default

/** The schemas serving the workspace at `root` makes validators for, by key. */
export async function servedSchemas(root = PACKAGE_ROOT): Promise<Map<string, { kind: AjvKind; schema: object }>> {
  const schemas = new Map<string, { kind: AjvKind; schema: object }>()
  usePrecompiled(undefined)
  recordSchemas((kind, schema) => {
    const key = precompiledKey(kind, schema)
    if (!schemas.has(key)) schemas.set(key, { kind, schema: structuredClone(schema) })
  })
  try {
    const { workspace } = loadWorkspace(root, { env: {} })
    if (workspace) {
      buildToolCatalog(workspace.automations.values(), workspace.info.index)
      await workspace.store.close()
    }
  } finally {
    recordSchemas(undefined)
  }
  return schemas
}

/** Write the validators of the workspace at `root` for `build` to `file`; returns how many it holds. */
export async function writePrecompiled(
  root = PACKAGE_ROOT,
  file = PRECOMPILED_FILE,
  build = BUILD_ID,
): Promise<number> {
  // The formats are the ajv-formats ones the runtime's instances add (full mode), required by name.
  const code = { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` }
  const ajvs = { values: createAjv('values', code), output: createAjv('output', code) }
  const validators: Record<string, string> = {}
  for (const [key, { kind, schema }] of await servedSchemas(root)) {
    let source
    try {
      source = standaloneCode(ajvs[kind], ajvs[kind].compile(schema))
    } catch {
      continue // not compilable: the runtime compiles it and reports why, as without a build
    }
    // A CommonJS module's text, as the body of a function of the require() it names.
    validators[key] =
      `const module = { exports: {} }\n${source.replace(/^"use strict";\n?/, '')}\nreturn module.exports`
  }
  const content: PrecompiledFile = { format: PRECOMPILED_FORMAT, build: build ?? null, validators }
  writeFileSync(file, JSON.stringify(content))
  return Object.keys(validators).length
}
