// The peer aashari/mcp-server-atlassian-confluence, built outside the repository by build-peers.sh
// (bench/peers/README.md), run with its own HTTP transport against the bench's fake Confluence.
// Its one tool for reads, conf_get, takes a Confluence path and query parameters and answers the
// response as TOON (its default output), so each action maps to the Confluence request ours makes.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../test/helpers/free-port.ts'

export interface Peer {
  name: string
  pid: number
  url: string
  stop(): Promise<void>
  cleanUp(): void
}

/** CONFLUENCE_NEXT_AASHARI (the built entry), else the peers dir build-peers.sh fills. */
export function aashariEntry(): string {
  if (process.env.CONFLUENCE_NEXT_AASHARI) return process.env.CONFLUENCE_NEXT_AASHARI
  const dir =
    process.env.CONFLUENCE_NEXT_PEERS_DIR ??
    process.env.BENCH_PEERS_DIR ??
    join(homedir(), '.cache', 'confluence-next-peers')
  return join(dir, 'aashari', 'dist', 'index.js')
}

// aashari writes every Confluence response it receives to a file here (src/utils/response.util.ts);
// the bench removes the files its run wrote, or a full run would leave hundreds of MB behind.
const RAW_RESPONSES = '/tmp/mcp/mcp-server-atlassian-confluence'

/** The peer's environment: its HTTP transport on `port`, pointed at the fake, its files under `home`. */
export function aashariEnv(port: number, fakeUrl: string, home: string): Record<string, string> {
  return {
    HOME: home,
    TRANSPORT_MODE: 'http',
    PORT: String(port),
    ATLASSIAN_SITE_NAME: 'bench',
    ATLASSIAN_USER_EMAIL: 'bench@example.com',
    ATLASSIAN_API_TOKEN: 'bench-api-token-0123456789', // the fake accepts any credentials in bench mode
    ATLASSIAN_BASE_URL: fakeUrl, // the build's one patch (build-peers.sh)
  }
}

/** Starts the peer on a free port (TRANSPORT_MODE=http, PORT) and waits until its `/` answers. */
export async function spawnAashari(entry: string, fakeUrl: string, timeoutMs = 60_000): Promise<Peer> {
  const port = await freePort()
  const started = Date.now()
  // Its logger writes a session file under ~/.mcp/data: a private HOME keeps that out of the user's.
  const home = mkdtempSync(join(tmpdir(), 'bench-aashari-'))
  const proc = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH, ...aashariEnv(port, fakeUrl, home) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  // A bench that dies must not leave the peer running (it is not a forked child that exits with its parent).
  const orphan = (): void => {
    proc.kill()
  }
  process.once('exit', orphan)
  proc.once('exit', () => process.off('exit', orphan))
  let stderr = ''
  proc.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 4_000) stderr += d.toString()
  })
  const url = `http://127.0.0.1:${port}`
  const cleanUp = (): void => {
    if (!existsSync(RAW_RESPONSES)) return
    for (const name of readdirSync(RAW_RESPONSES)) {
      const file = join(RAW_RESPONSES, name)
      try {
        if (statSync(file).mtimeMs >= started - 1_000) rmSync(file, { force: true })
      } catch {
        /* already gone */
      }
    }
  }
  const stop = (): Promise<void> => {
    const done =
      proc.exitCode !== null || proc.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>(resolve => {
            proc.once('exit', () => resolve())
            proc.kill('SIGTERM')
          })
    return done.then(() => {
      cleanUp()
      rmSync(home, { recursive: true, force: true })
    })
  }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) {
      throw new Error(`peer aashari exited (${proc.exitCode}) before it listened: ${stderr.slice(-500)}`)
    }
    try {
      const res = await fetch(`${url}/`)
      await res.text()
      if (res.ok) return { name: 'aashari', pid: proc.pid!, url, stop, cleanUp }
    } catch {
      /* not listening yet */
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  await stop()
  throw new Error(`peer aashari: not listening on ${url} after ${timeoutMs} ms: ${stderr.slice(-500)}`)
}

/** conf_get's arguments for a Confluence GET: a path and its query parameters (TOON output, its default). */
export function confGet(path: string, queryParams: Record<string, string> = {}): Record<string, unknown> {
  return { path, queryParams }
}
