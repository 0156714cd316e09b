// The source cache (docs/performance.md "Start"): the package's own workspace files (config/ and
// automations/), parsed at build time (scripts/build.mjs writes dist/sources.json), so that serving
// them does not run the YAML parser at start. An entry is the file's value as JSON, keyed by a hash of
// the text and the parse's settings (source.ts sourceHash): any other text, an edited file or another
// workspace, misses and is parsed. Only files that parse without an error or a warning, and whose
// value JSON carries exactly, are kept: a hit reports what a parse would have, nothing.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { PACKAGE_ROOT } from '../core/package-root.ts'
import { automationFiles, INDEX_FILE, loadWorkspace } from './load.ts'
import { exactJson, parseSource, sourceHash, useSourceCache } from './source.ts'
import { BUILD_ID, useVerifiedWorkspaces, workspaceDigest } from './verified.ts'

export const SOURCE_CACHE_FILE = join(PACKAGE_ROOT, 'dist', 'sources.json')
const FORMAT = 2
const DIRS = ['config', 'automations']

/**
 * Parse the package's workspace files and write the cache; returns how many files it holds. With a
 * `build` (the bundle's BUILD_ID), the workspace at `root` is also loaded with every check, and
 * recorded as build-verified (verified.ts) when that load has no diagnostic at all.
 */
export function writeSourceCache(root = PACKAGE_ROOT, file = SOURCE_CACHE_FILE, build = BUILD_ID): number {
  useSourceCache(undefined) // parse every file, never from an older cache
  useVerifiedWorkspaces(undefined) // and check every file
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
      const exact = exactJson(source.value)
      if (exact === undefined) continue
      entries[sourceHash(text)] = exact.json
    }
  }
  const verified = build === undefined ? undefined : verifiedDigest(root, build)
  writeFileSync(file, JSON.stringify({ format: FORMAT, entries, build, verified: verified ? [verified] : [] }))
  return Object.keys(entries).length
}

/** The digest of the workspace at `root` when a full load of it is clean (no error, no warning). */
function verifiedDigest(root: string, build: string): string | undefined {
  const { workspace, diagnostics } = loadWorkspace(root, { env: {} })
  if (!workspace || diagnostics.length > 0) return undefined
  const files: [string, string][] = []
  for (const name of [INDEX_FILE, ...automationFiles(root, [])]) {
    files.push([name.split(sep).join('/'), readFileSync(join(root, name), 'utf8')])
  }
  return workspaceDigest(build, files)
}

/**
 * Install dist/sources.json as the source cache when it is there (a build ran), else none: every file
 * is parsed. Its build-verified workspaces count only for the build that wrote them (`running`).
 * An unreadable or foreign file is no cache, never an error. True when the file was written by the
 * running build (its workspaces are then loaded as verified).
 */
export function loadSourceCache(file = SOURCE_CACHE_FILE, running = BUILD_ID): boolean {
  let entries: Record<string, string> | undefined
  let verified: { build: string; digests: string[] } | undefined
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as {
      format?: unknown
      entries?: Record<string, string>
      build?: unknown
      verified?: unknown
    }
    if (read.format === FORMAT && read.entries && typeof read.entries === 'object') {
      entries = read.entries
      if (typeof read.build === 'string' && Array.isArray(read.verified))
        verified = { build: read.build, digests: read.verified.filter(d => typeof d === 'string') }
    }
  } catch {
    /* no build, or not ours: parse everything */
  }
  useSourceCache(entries ? { get: hash => (Object.hasOwn(entries, hash) ? entries[hash] : undefined) } : undefined)
  return useVerifiedWorkspaces(verified, running)
}
