// The system under test in its own process: the workspace loaded once and served by createServer,
// exactly as `confluence-next serve` does (the build's caches, a SQLite store), except logging (off,
// so the figures are the runtime's).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import { configureConversionCache } from '../runtime/host/functions/cache.ts'
import { createStore } from '../runtime/host/store/index.ts'
import { createServer } from '../runtime/server/app.ts'
import { stats } from '../runtime/expressions/index.ts'
import { serveCommands } from './ipc.ts'
import { profilerCommands } from './profiler.ts'
import { loadAsServe } from './serve-load.ts'
import { workspaceEnv } from './targets.ts'

// BENCH_CONVERSION_CACHE=off: the cold server of the body matrix (run.ts), every read converted.
if (process.env.BENCH_CONVERSION_CACHE === 'off') configureConversionCache({ chars: 0 })
// serve's default store: SQLite in DATA_DIR, here a folder of this process's own.
const dataDir = mkdtempSync(join(tmpdir(), 'bench-sut-'))
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }))
const store = await createStore({ dataDir, env: {} })
const workspace = loadAsServe('sut', { env: workspaceEnv(process.env.BENCH_FAKE_URL!), store })
const server = await createServer({ workspaces: [workspace], port: 0, logger: false, env: {} })
const url = await server.listen()

// The event loop's delay over a phase (run.ts's responsiveness scenario): what every tenant waits.
let loop: IntervalHistogram | undefined

serveCommands(
  { url },
  {
    ...profilerCommands,
    'loop-delay-start': () => {
      loop?.disable()
      loop = monitorEventLoopDelay({ resolution: 5 })
      loop.enable()
    },
    'loop-delay-stop': () => {
      loop!.disable()
      const ms = (ns: number): number => ns / 1e6
      return { p50: ms(loop!.percentile(50)), p99: ms(loop!.percentile(99)), max: ms(loop!.max) }
    },
    stats: () => ({ ...stats, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20, memory: process.memoryUsage() }),
  },
)
