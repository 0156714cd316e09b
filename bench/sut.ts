// The system under test in its own process: the workspace loaded once and served by createServer,
// exactly as `confluence-next serve` does, except logging (off, so the figures are the runtime's).
import { createServer } from '../runtime/server/app.ts'
import { stats } from '../runtime/expressions.ts'
import { formatDiagnostic } from '../runtime/workspace/diagnostics.ts'
import { loadWorkspace } from '../runtime/workspace/load.ts'
import { serveCommands } from './ipc.ts'
import { profilerCommands } from './profiler.ts'
import { ROOT, workspaceEnv } from './targets.ts'

const { workspace, diagnostics } = loadWorkspace(ROOT, { env: workspaceEnv(process.env.BENCH_FAKE_URL!) })
if (!workspace) throw new Error(diagnostics.map(formatDiagnostic).join('\n'))
const server = await createServer({ workspaces: [workspace], port: 0, logger: false, env: {} })
const url = await server.listen()

serveCommands({ url }, {
  ...profilerCommands,
  stats: () => ({ ...stats, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20, memory: process.memoryUsage() }),
})
