// The bench's servers load the package's workspace as `confluence-next serve` does (runtime/cli/serve.ts):
// from the build's parse of its files (dist/sources.json, which also names them build-verified, so
// expressions and argument schemas compile on first use) and with its schemas' validators compiled at
// build (dist/validators.json). Loaded as the tests load it instead, a server keeps every YAML document
// for its positions and compiles all of the connector's expressions up front: 7 MB more live heap,
// which V8's heap growth multiplies under load, for a server no deployment runs.
import { stats } from '../runtime/expressions/index.ts'
import { formatDiagnostic } from '../runtime/workspace/diagnostics.ts'
import { type LoadOptions, loadWorkspace } from '../runtime/workspace/load.ts'
import { loadPrecompiled } from '../runtime/workspace/precompiled.ts'
import { loadSourceCache } from '../runtime/workspace/source-cache.ts'
import { ROOT } from './targets.ts'
import type { Workspace } from '../runtime/engine/workspace.ts'

/**
 * The package's workspace, loaded with the build's caches. A load that compiled an expression was not
 * build-verified (dist/ from another build, or a file edited since the build): said on stderr, since
 * its figures are then not serve's.
 */
export function loadAsServe(who: string, options: LoadOptions): Workspace {
  const cached = loadSourceCache() && loadPrecompiled()
  const before = stats.jsonataCompilations
  const { workspace, diagnostics } = loadWorkspace(ROOT, options)
  if (!workspace) throw new Error(diagnostics.map(formatDiagnostic).join('\n'))
  if (!cached || stats.jsonataCompilations > before) {
    console.error(
      `${who}: not loaded as serve (dist/ is from another build, or a workspace file changed since: ` +
        'node scripts/build.mjs); its figures are not those of a deployed server',
    )
  }
  return workspace
}
