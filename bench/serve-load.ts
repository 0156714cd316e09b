// The bench's servers load the package's workspace as `confluence-next serve` does (runtime/cli/serve.ts):
// from the build's parse of its files (dist/sources.json, which also names them build-verified, so
// expressions and argument schemas compile on first use) and with its schemas' validators compiled at
// build (dist/validators.json). Loaded as the tests load it instead, a server keeps every YAML document
// for its positions and compiles all of the connector's expressions up front: 7 MB more live heap,
// which V8's heap growth multiplies under load, for a server no deployment runs.
import { loadPrecompiled } from '../runtime/workspace/precompiled.ts'
import { loadSourceCache } from '../runtime/workspace/source-cache.ts'

/** Install the build's caches; says so on stderr when they are missing or from another build. */
export function loadAsServe(who: string): void {
  const sources = loadSourceCache()
  const validators = loadPrecompiled()
  if (!sources || !validators) {
    console.error(
      `${who}: dist/ is not from this build (node scripts/build.mjs): loading as the tests do, not as serve`,
    )
  }
}
