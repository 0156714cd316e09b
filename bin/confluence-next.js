#!/usr/bin/env node
// Entry point. Runs the compiled bundle, dist/cli.js (built at install by `prepare`, or by `npm run
// build`). In a checkout of the repository, where the TypeScript sources are, a bundle older than
// any source is stale: the sources run through tsx instead, so an edited file is never shadowed by
// an old build. An installed package ships the bundle and no sources.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import module from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Node 22.1 and later keep V8's compiled code of the modules imported below on disk, so a later start
// skips compiling the bundle (about 50 ms of a start on Node 24; docs/serving.md "Start and memory").
// Node's own settings apply: NODE_COMPILE_CACHE moves it (default: the OS temp folder),
// NODE_DISABLE_COMPILE_CACHE=1 turns it off; a folder that cannot be written is no cache, not an error.
// Node 20 has no such cache.
module.enableCompileCache?.()

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = join(root, 'dist', 'cli.js')
const sources = ['runtime', 'sandbox', 'schemas'].map(dir => join(root, dir))
const checkout = existsSync(join(sources[0], 'cli', 'main.ts'))

/** The files and folders the build listed (dist/source-list.json, scripts/build.mjs), or undefined. */
function listedSources() {
  try {
    const list = JSON.parse(readFileSync(join(root, 'dist', 'source-list.json'), 'utf8'))
    return list.format === 1 && Array.isArray(list.files) && Array.isArray(list.dirs) ? list : undefined
  } catch {
    return undefined
  }
}

function newestSource() {
  let newest = statSync(join(root, 'package-lock.json')).mtimeMs
  // What the bundle was built from: an edited file is newer, an added or removed one makes its folder
  // newer, a missing one counts as newest. Without the list, every source is walked.
  const listed = listedSources()
  if (listed) {
    for (const path of [...listed.files, ...listed.dirs]) {
      newest = Math.max(newest, statSync(join(root, path), { throwIfNoEntry: false })?.mtimeMs ?? Infinity)
    }
    return newest
  }
  for (const dir of sources) {
    if (!existsSync(dir)) continue
    for (const file of readdirSync(dir, { recursive: true })) {
      if (/\.(ts|json)$/.test(file)) newest = Math.max(newest, statSync(join(dir, file)).mtimeMs)
    }
  }
  return newest
}

let cli
if (existsSync(bundle) && (!checkout || statSync(bundle).mtimeMs >= newestSource())) {
  cli = await import(bundle)
} else if (checkout) {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import('../runtime/cli/main.ts')
} else {
  console.error(`confluence-next: ${bundle} is missing; reinstall the package (its build runs at install)`)
  process.exit(1)
}
process.exitCode = await cli.main(process.argv.slice(2))
