// The same automations without the server: `workspace.run` in a loop, one call at a time, against
// the same fake. What is left is the runtime (validation, instructions, expressions, fetch).
import { stats } from '../runtime/expressions/index.ts'
import { serveCommands } from './ipc.ts'
import { summarize, type LoadResult } from './stats.ts'
import { loadAsServe } from './serve-load.ts'
import { AGENT, USER, workspaceEnv } from './targets.ts'

const workspace = loadAsServe('in-process', { env: workspaceEnv(process.env.BENCH_FAKE_URL!) })

interface Job {
  slug: string
  args: Record<string, unknown>
  calls: number
  seconds: number
}

async function loop(job: Job): Promise<LoadResult & { instructions: number }> {
  const latencies = new Float64Array(job.calls)
  const deadline = performance.now() + job.seconds * 1000
  const options = {
    identity: { agentId: AGENT, userId: USER },
    trigger: { type: 'mcp', value: job.slug.replace('/', '.') },
  }
  let done = 0
  let errors = 0
  let firstError: string | undefined
  let instructions = 0
  const started = performance.now()
  while (done < job.calls && performance.now() < deadline) {
    const t0 = performance.now()
    try {
      instructions = (await workspace!.run(job.slug, job.args, options)).instructions
    } catch (err) {
      errors++
      firstError ??= (err as Error).message
    }
    latencies[done++] = performance.now() - t0
  }
  return { ...summarize(latencies.subarray(0, done), performance.now() - started, errors, firstError), instructions }
}

serveCommands(
  {},
  {
    run: loop,
    stats: () => ({ ...stats }),
  },
)
