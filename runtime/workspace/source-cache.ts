// The source cache (docs/performance.md "Start"): the package's own workspace files (config/ and
// automations/), parsed at build time (scripts/build.mjs writes dist/sources.json), so that serving
// them does not run the YAML parser at start. An entry is the file's value as JSON, keyed by a hash of
// the text and the parse's settings (source.ts sourceHash): any other text, an edited file or another
// workspace, misses and is parsed. Only files that parse without an error or a warning, and whose
// value JSON carries exactly, are kept: a hit reports what a parse would have, nothing.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { PACKAGE_ROOT } from '../core/package-root.ts'
import { parseSource, sourceHash, useSourceCache } from './source.ts'

export const SOURCE_CACHE_FILE = join(PACKAGE_ROOT, 'dist', 'sources.json')
const FORMAT = 1
const DIRS = ['config', 'automations']

/** Parse the package's workspace files and write the cache; returns how many files it holds. */
export function writeSourceCache(root = PACKAGE_ROOT, file = SOURCE_CACHE_FILE): number {
  useSourceCache(undefined) // parse every file, never from an older cache
  const entries: Record<string, string> = {}
  for (const dir of DIRS) {
    const base = join(root, dir)
    if (!existsSync(base)) continue
    for (const name of readdirSync(base, { recursive: true }) as string[]) {
      if (!/\.ya?ml$/.test(name)) continue
      const path = join(base, name)
      const text = readFileSync(path, 'utf8')
      const diagnostics: Parameters<typeof parseSource>[2] = []
      const source = parseSource(relative(root, path).split(sep).join('/'), text, diagnostics)
      if (!source || diagnostics.length > 0) continue
      const json = JSON.stringify(source.value)
      if (json === undefined || !isDeepStrictEqual(JSON.parse(json), source.value)) continue
      entries[sourceHash(text)] = json
    }
  }
  writeFileSync(file, JSON.stringify({ format: FORMAT, entries }))
  return Object.keys(entries).length
}

/**
 * Install dist/sources.json as the source cache when it is there (a build ran), else none: every file
 * is parsed. An unreadable or foreign file is no cache, never an error.
 */
export function loadSourceCache(file = SOURCE_CACHE_FILE): void {
  let entries: Record<string, string> | undefined
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; entries?: Record<string, string> }
    if (read.format === FORMAT && read.entries && typeof read.entries === 'object') entries = read.entries
  } catch {
    /* no build, or not ours: parse everything */
  }
  useSourceCache(entries ? { get: hash => (Object.hasOwn(entries, hash) ? entries[hash] : undefined) } : undefined)
}
