// Shared by the store tests: each backend under test (SQLite in a temporary DATA_DIR, Redis on a
// redis-server child process started on a free loopback port), opened through createStore.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import type { Logger } from '../../../../runtime/engine/workspace.ts'
import { createStore, type StoreOptions } from '../../../../runtime/host/store/index.ts'
import type { Store } from '../../../../runtime/core/store.ts'
import { freePort } from '../../../helpers/free-port.ts'

export const KEY = randomBytes(32).toString('base64')

export const HAVE_REDIS = spawnSync('redis-server', ['--version']).status === 0
export const NO_REDIS = 'redis-server is not installed (apt-get install -y redis-server); CI installs it'

export interface Backend {
  name: 'sqlite' | 'redis'
  /** createStore options for this backend; every open sees the same data. */
  options: StoreOptions
  open(overrides?: Partial<StoreOptions>): Promise<Store>
}

export function tempDir(t: Test, name = 'cn-store-'): string {
  const dir = mkdtempSync(join(tmpdir(), name))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export function sqliteBackend(t: Test): Backend {
  const options: StoreOptions = { dataDir: tempDir(t), masterKey: KEY }
  return { name: 'sqlite', options, open: o => createStore({ ...options, ...o }) }
}

/** A backend on `redisUrl`, isolated from other tests on the same server by its own key prefix. */
export function redisBackend(t: Test, redisUrl: string): Backend {
  const options: StoreOptions = {
    dataDir: tempDir(t),
    masterKey: KEY,
    redisUrl,
    redisPrefix: `t${randomBytes(4).toString('hex')}:`,
  }
  return { name: 'redis', options, open: o => createStore({ ...options, ...o }) }
}

/** Open a store and close it at teardown. */
export async function opened(t: Test, b: Backend, overrides?: Partial<StoreOptions>): Promise<Store> {
  const store = await b.open(overrides)
  t.teardown(() => store.close())
  return store
}

/** Start redis-server on a free loopback port, without persistence; killed at teardown. */
export async function startRedis(t: Test): Promise<{ url: string; port: number; process: ChildProcess }> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort()
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    const ready = await new Promise<boolean>(resolve => {
      const timer = setTimeout(() => resolve(false), 10_000)
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer)
          resolve(true)
        }
      })
      child.on('exit', () => {
        clearTimeout(timer)
        resolve(false)
      })
    })
    if (ready) {
      t.teardown(() => stopChild(child))
      return { url: `redis://127.0.0.1:${port}`, port, process: child }
    }
    await stopChild(child)
    // The port may have been taken between probing and binding: try another.
    if (attempt >= 3) throw new Error(`redis-server did not start:\n${out}`)
  }
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise(resolve => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** Every backend to test: SQLite always, Redis when the binary is there (else a visible skip). */
export async function allBackends(t: Test): Promise<Backend[]> {
  const list = [sqliteBackend(t)]
  if (HAVE_REDIS) list.push(redisBackend(t, (await startRedis(t)).url))
  return list
}

export interface Captured {
  level: string
  obj: object
  msg?: string
}

export function captureLog(): Logger & { lines: Captured[] } {
  const lines: Captured[] = []
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj, msg })
    }
  return { lines, info: at('info'), warn: at('warn'), error: at('error') }
}

export const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))
