// Profile one action in-process, with the fake Confluence in its own process so the profile holds
// only the runtime:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts get [calls] [concurrency]
import { formatDiagnostic } from '../runtime/workspace/diagnostics.ts'
import { loadWorkspace } from '../runtime/workspace/load.ts'
import { spawnChild } from './ipc.ts'
import { median } from './stats.ts'
import { ACTIONS, AGENT, ROOT, USER, automationCall, workspaceEnv, type Action, type FakeInfo } from './targets.ts'

const action = (process.argv[2] ?? 'get') as Action
if (!ACTIONS.includes(action)) throw new Error(`action must be one of ${ACTIONS.join(', ')}`)
const calls = Number(process.argv[3] ?? 2000)
const concurrency = Number(process.argv[4] ?? 1)
const fake = await spawnChild<FakeInfo>('fake', new URL('./fake.ts', import.meta.url))
try {
  const { workspace, diagnostics } = loadWorkspace(ROOT, { env: workspaceEnv(fake.info.url) })
  if (!workspace) throw new Error(diagnostics.map(formatDiagnostic).join('\n'))
  const { slug, args } = automationCall(action, fake.info)
  const options = { identity: { agentId: AGENT, userId: USER }, trigger: { type: 'mcp', value: `pages.${action}` } }
  // Warm-up first (JIT, connections), so the figures are steady-state.
  for (let i = 0; i < Math.min(500, calls); i++) await workspace.run(slug, args, options)
  const latencies: number[] = []
  let left = calls
  const started = performance.now()
  const cpu = process.cpuUsage()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const t0 = performance.now()
        await workspace.run(slug, args, options)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const secs = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const cpuMs = (used.user + used.system) / 1000 / calls
  console.log(
    `${slug}: ${calls} calls at c ${concurrency}: ${Math.round(calls / secs)} calls/s, p50 ${median(latencies).toFixed(3)} ms, CPU ${cpuMs.toFixed(3)} ms/call`,
  )
} finally {
  await fake.stop()
}
