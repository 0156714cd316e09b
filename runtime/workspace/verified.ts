// Build-verified workspaces (docs/performance.md "Start"): the build (scripts/build.mjs) loads the
// package's own workspace with every check and records, in dist/sources.json, the digest of exactly
// the files it loaded, keyed by the runtime build that checked them. A load of the same files by the
// same build skips what the build proved: the cross-file analysis, the regex checks and the eager
// compiles (JSONata expressions and argument schemas compile on first use, where they cannot fail).
// Any edited, added or removed file, another workspace, tenant overrides or another build (the
// sources run through tsx, a rebuilt bundle) gives another digest: today's full checks, located errors.
import { createHash } from 'node:crypto'

// Replaced by scripts/build.mjs (esbuild `define`) with a hash of the runtime's sources; undefined
// when the sources run unbundled (tsx, the tests), which never skip a check.
declare const __CONFLUENCE_NEXT_BUILD__: string | undefined
export const BUILD_ID: string | undefined =
  typeof __CONFLUENCE_NEXT_BUILD__ === 'string' ? __CONFLUENCE_NEXT_BUILD__ : undefined

/** The digest of a workspace's files (relative paths with `/`, and their texts) as `build` loads them. */
export function workspaceDigest(build: string, files: ReadonlyArray<readonly [string, string]>): string {
  const hash = createHash('sha256').update(`verified-workspace/1\n${build}\n`)
  for (const [file, text] of files) hash.update(`${file}\n${text.length}\n`).update(text)
  return hash.digest('hex')
}

let verified: { build: string; digests: ReadonlySet<string> } | undefined

/**
 * Installed by source-cache.ts from dist/sources.json: kept only when it was written by the build
 * that is running (`running`, BUILD_ID but for tests), else none. True when kept.
 */
export function useVerifiedWorkspaces(
  recorded: { build: string; digests: Iterable<string> } | undefined,
  running: string | undefined = BUILD_ID,
): boolean {
  verified =
    recorded !== undefined && running !== undefined && recorded.build === running
      ? { build: running, digests: new Set(recorded.digests) }
      : undefined
  return verified !== undefined
}

/** Whether these exact files were fully checked by the build that is running now. */
export function isBuildVerified(files: ReadonlyArray<readonly [string, string]>): boolean {
  return (
    verified !== undefined && verified.digests.size > 0 && verified.digests.has(workspaceDigest(verified.build, files))
  )
}
