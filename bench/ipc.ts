// The benchmark's processes talk over Node's IPC channel (child_process.fork): the orchestrator sends
// `{id, cmd, args}`, the child answers `{id, value}` or `{id, error}`. A child says it is up with
// `{ready: info}`. Nothing here is measured, so plain JSON messages are enough.
import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

// biome-ignore lint/suspicious/noExplicitAny: each command's handler reads its own message shape
type Handler = (args: any) => unknown | Promise<unknown>

export interface Child<Info = Record<string, unknown>> {
  readonly name: string
  readonly pid: number
  readonly info: Info
  call<T = unknown>(cmd: string, args?: unknown): Promise<T>
  stop(): Promise<void>
}

/**
 * Start `file` (a bundle, or TypeScript through tsx) as a child and wait for its `ready` message.
 * BENCH_CPU_PROF=<name>[,<name>…] profiles those children (node --cpu-prof, into BENCH_CPU_PROF_DIR);
 * BENCH_SERVER_NODE_FLAGS adds node flags to the server under test (e.g. V8 heap sizes).
 */
export function spawnChild<Info = Record<string, unknown>>(
  name: string,
  file: URL,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<Child<Info>> {
  const profiled = (process.env.BENCH_CPU_PROF ?? '').split(',').includes(name)
  const flags = name === 'server' ? (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean) : []
  const proc = fork(file, [], {
    execArgv: [
      ...(file.pathname.endsWith('.ts') ? ['--import', 'tsx'] : []),
      ...flags,
      ...(profiled ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR ?? 'bench-profiles'}`] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let next = 0
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill()
      reject(new Error(`${name}: not ready after ${timeoutMs} ms`))
    }, timeoutMs)
    proc.on('exit', code => {
      clearTimeout(timer)
      for (const p of pending.values()) p.reject(new Error(`${name} exited (${code}) during a call`))
      pending.clear()
      reject(new Error(`${name} exited (${code}) before it was ready`))
    })
    proc.on('message', (m: { ready?: Info; id?: number; value?: unknown; error?: string }) => {
      if (m.ready !== undefined) {
        clearTimeout(timer)
        resolve(child(name, proc, m.ready, pending, () => next++))
        return
      }
      const p = pending.get(m.id!)
      if (!p) return
      pending.delete(m.id!)
      if (m.error !== undefined) p.reject(new Error(`${name}: ${m.error}`))
      else p.resolve(m.value)
    })
  })
}

function child<Info>(
  name: string,
  proc: ChildProcess,
  info: Info,
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>,
  id: () => number,
): Child<Info> {
  return {
    name,
    pid: proc.pid!,
    info,
    call<T>(cmd: string, args?: unknown): Promise<T> {
      const n = id()
      return new Promise<T>((resolve, reject) => {
        pending.set(n, { resolve: resolve as (v: unknown) => void, reject })
        proc.send({ id: n, cmd, args })
      })
    },
    stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve()
      return new Promise(resolve => {
        proc.once('exit', () => resolve())
        proc.kill('SIGTERM')
      })
    },
  }
}

/** In a child: answer the orchestrator's commands, then announce `info`. Exits when the parent goes. */
export function serveCommands(info: unknown, handlers: Record<string, Handler>): void {
  process.on('message', async (m: { id: number; cmd: string; args?: unknown }) => {
    try {
      const handler = handlers[m.cmd]
      if (!handler) throw new Error(`unknown command ${m.cmd}`)
      process.send!({ id: m.id, value: await handler(m.args) })
    } catch (err) {
      process.send!({ id: m.id, error: (err as Error).stack ?? String(err) })
    }
  })
  process.on('disconnect', () => process.exit(0))
  process.on('SIGTERM', () => process.exit(0))
  process.send!({ ready: info })
}

/** Peak resident set size of a process in MB (VmHWM), read from /proc: the process is measured alone. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

/** Reset the peak to the current RSS (Linux clear_refs "5"), so a peak belongs to one measurement. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return undefined
  }
}

const CLOCK_TICKS = 100 // USER_HZ on Linux
