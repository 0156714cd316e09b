#!/usr/bin/env node
// Entry point. Runs the compiled bundle, dist/cli.js (`npm run build`; `npm start` builds it first),
// when it is at least as new as every source it is built from; otherwise the TypeScript sources
// through tsx, so an edited file is never shadowed by a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = join(root, 'dist', 'cli.js')

function newestSource () {
  let newest = statSync(join(root, 'package-lock.json')).mtimeMs
  for (const dir of ['runtime', 'sandbox', 'schemas']) {
    for (const file of readdirSync(join(root, dir), { recursive: true })) {
      if (/\.(ts|json)$/.test(file)) newest = Math.max(newest, statSync(join(root, dir, file)).mtimeMs)
    }
  }
  return newest
}

let cli
if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) {
  cli = await import(bundle)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import('../runtime/cli.ts')
}
process.exitCode = await cli.main(process.argv.slice(2))
