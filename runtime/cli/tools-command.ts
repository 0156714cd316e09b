// `confluence-next tools` (docs/serving.md "Tools"): print the MCP tools the workspace serves, as the
// `tools/list` result (JSON on stdout); problems (automations left out) go to stderr.

import { formatDiagnostic } from '../workspace/diagnostics.ts'
import { loadWorkspace } from '../workspace/load.ts'
import { serveWorkspace } from '../server/served.ts'

export default async function tools({ dir }: { dir: string }): Promise<number> {
  const { workspace, diagnostics } = loadWorkspace(dir)
  for (const d of diagnostics) (d.severity === 'error' ? console.error : console.warn)(formatDiagnostic(d))
  if (!workspace) {
    console.error(`${diagnostics.filter(d => d.severity === 'error').length} error(s) in workspace ${dir}`)
    return 1
  }
  const served = serveWorkspace(workspace)
  for (const problem of served.problems) console.error(`warning: ${problem}`)
  console.log(JSON.stringify(served.catalog.list, null, 2))
  await workspace.store.close()
  return 0
}
