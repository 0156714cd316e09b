// `confluence-next serve` in a child process, for the tests that need a real process (signals,
// start-up, the installed package, attacks that could kill it): resolves with its base URL once the
// banner names it (and shows `ready`, when given); killed at teardown.
import { spawn, type ChildProcess } from 'node:child_process'
import { ROOT } from '../connector/helpers.ts'

export interface Served {
  url: string
  child: ChildProcess
  /** Everything the process wrote so far (stdout and stderr). */
  out(): string
  alive(): boolean
}

export interface ServeOptions {
  /** The bin to run (default: the checkout's). */
  bin?: string
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Text the output must also contain before the server counts as started. */
  ready?: string
}

export async function spawnServe(
  t: { teardown(fn: () => unknown): void },
  args: string[] = [],
  options: ServeOptions = {},
): Promise<Served> {
  const child = spawn(process.execPath, [options.bin ?? 'bin/confluence-next.js', 'serve', ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let exited = false
  child.on('exit', () => {
    exited = true
  })
  t.teardown(() => {
    if (!exited) child.kill('SIGKILL')
  })
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 60 s:\n${out}`)), 60_000)
    const onData = (d: Buffer): void => {
      out += d.toString()
      const m = /MCP: +(http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(out)
      if (m && (options.ready === undefined || out.includes(options.ready))) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', code => {
      clearTimeout(timer)
      reject(new Error(`exited ${code}:\n${out}`))
    })
  })
  return { url, child, out: () => out, alive: () => !exited }
}

/** SIGTERM, then the exit code. */
export function stop(served: Served): Promise<number | null> {
  if (!served.alive()) return Promise.resolve(served.child.exitCode)
  return new Promise(resolve => {
    served.child.once('exit', code => resolve(code))
    served.child.kill('SIGTERM')
  })
}
