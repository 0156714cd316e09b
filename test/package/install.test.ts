// What the container image does, without Docker (docs/operations.md "Container"): pack the package,
// unpack the tarball in an empty folder, install production dependencies only, start it from there
// and serve a tool call — writing nothing to the package folder, and with Redis and a master key,
// nothing to the local disk (no DATA_DIR). The image's build stage compiles the native addon; here
// the checkout's own build of better-sqlite3 (same Node, same platform) stands in for it.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import t from 'tap'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { ROOT } from '../connector/helpers.ts'
import { spawnServe, stop } from '../helpers/serve.ts'
import { HAVE_REDIS, startRedis } from '../runtime/host/store/helpers.ts'

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' })

/** Every file below `dir` with its size and modification time, to prove nothing was written. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, name))
    files.set(relative(dir, join(dir, name)), `${s.size}:${s.mtimeMs}`)
  }
  return files
}

t.test('the packed package installs with production dependencies only and serves from a read-only folder', async t => {
  const work = mkdtempSync(join(tmpdir(), 'cn-package-'))
  // A fresh bundle of the sources as they are (dist/ of the checkout may be stale), packed from a
  // staging copy so the checkout itself is left alone.
  const stage = join(work, 'stage')
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }
  // Whole folders are copied; `npm pack` itself keeps only what `files` lists.
  for (const entry of manifest.files.filter(f => !f.startsWith('!') && !f.startsWith('dist'))) {
    const path = entry.replace(/\/\*\.json$|\/$/, '')
    cpSync(join(ROOT, path), join(stage, path), { recursive: true })
  }
  cpSync(join(ROOT, 'package.json'), join(stage, 'package.json'))
  type Bundle = (entryPoints: Record<string, string>, outdir: string) => Promise<void>
  const { bundle } = (await import(new URL('../../scripts/build.mjs', import.meta.url).href)) as { bundle: Bundle }
  await bundle({ cli: 'runtime/cli/main.ts' }, join(stage, 'dist'))
  const tarball = join(
    work,
    npm(['pack', '--ignore-scripts', '--pack-destination', work], stage).trim().split('\n').at(-1)!,
  )
  const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
  t.match(listed, /package\/dist\/cli\.js/, 'ships the bundle')
  t.match(listed, /package\/dist\/conversion-worker\.js/, 'ships the conversion worker')
  t.notMatch(listed, /package\/(test|bench|\.ci|runtime|scripts)\//, 'ships no tests, benchmark, CI or sources')

  // The tarball unpacked in an empty folder, with production dependencies only, at the versions of
  // the lockfile (which npm never packs), from the npm cache that `npm ci` filled (the registry only
  // for what it lacks).
  const pkg = join(work, 'app')
  mkdirSync(pkg)
  execFileSync('tar', ['-xzf', tarball, '-C', pkg, '--strip-components=1'])
  cpSync(join(ROOT, 'package-lock.json'), join(pkg, 'package-lock.json'))
  npm(['ci', '--omit=dev', '--prefer-offline', '--ignore-scripts'], pkg)
  const modules = join(pkg, 'node_modules')
  t.notOk(
    existsSync(join(modules, 'tsx')) || existsSync(join(modules, 'tap')) || existsSync(join(modules, 'esbuild')),
    'no dev dependency',
  )
  const addon = join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
  cpSync(join(ROOT, 'node_modules', addon), join(modules, addon))

  const before = snapshot(pkg)
  const dataDir = join(work, 'data')
  const redis = HAVE_REDIS ? await startRedis(t) : undefined
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    DATA_DIR: dataDir,
    CONFLUENCE_NEXT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...(redis ? { REDIS_URL: redis.url } : {}),
  }
  const served = await spawnServe(t, ['--port', '0'], { bin: join(pkg, 'bin', 'confluence-next.js'), cwd: pkg, env })
  const url = served.url
  t.match(served.out(), /SANDBOX/, 'no Confluence configured: the embedded sandbox')

  const client = new Client({ name: 'package-test', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)))
  const result = await client.callTool({ name: 'pages', arguments: { action: 'get', id: '65538', agent_id: 'any' } })
  await client.close()
  t.notOk(result.isError, JSON.stringify(result.content))
  t.match(JSON.stringify(result.content), /Getting started/)
  // The bundle loads prom-client from its own chunk after the start (ops.ts): the scrape counts that call.
  const metrics = await (await fetch(`${url}/metrics`)).text()
  t.match(metrics, /confluence_next_tool_calls_total\{workspace="[^"]+",tool="pages",action="get",outcome="ok"\} 1/)
  t.match(metrics, 'nodejs_eventloop_lag_p99_seconds')

  t.equal(await stop(served), 0, 'stops cleanly on SIGTERM')
  t.same(
    [...snapshot(pkg)].filter(([f, v]) => before.get(f) !== v),
    [],
    'nothing written to the package folder',
  )
  t.same(snapshot(pkg).size, before.size, 'no file added to the package folder')
  if (redis) t.notOk(existsSync(dataDir), 'with Redis and a master key, DATA_DIR is never created')
  else {
    t.ok(
      existsSync(join(dataDir, 'confluence-next.db')) || existsSync(dataDir),
      'SQLite in DATA_DIR (no redis-server here)',
    )
  }
})
