// Compile the runtime to one JavaScript file, dist/cli.js, which `npm start` and the `confluence-next`
// bin run: no TypeScript loader thread at run time, modules loaded from one file, and plain function
// names (tsx's keepNames wraps every named closure). `node scripts/build.mjs` builds it; the benchmark
// bundles its own processes with `bundle()` the same way.
import { build } from 'esbuild'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/**
 * What the runtime is built from: its sources and the locked dependencies. The bundle carries this
 * hash as its BUILD_ID (runtime/workspace/verified.ts): a workspace checked by one build is taken as
 * checked only by a build of the same code.
 */
export function buildId() {
  const hash = createHash('sha256')
  for (const dir of ['runtime', 'schemas', 'sandbox']) {
    const base = join(ROOT, dir)
    if (!existsSync(base)) continue
    for (const name of readdirSync(base, { recursive: true }).sort()) {
      const path = join(base, name)
      if (!/\.(ts|js|json)$/.test(name)) continue
      hash.update(`${dir}/${name}\n`).update(readFileSync(path))
    }
  }
  hash.update(readFileSync(join(ROOT, 'package-lock.json')))
  return hash.digest('hex').slice(0, 32)
}

/**
 * Bundle `entryPoints` (paths relative to the package) into `outdir`, as ESM for Node 20. The
 * JavaScript files of `outdir` this build does not write (older builds' chunks) are removed after.
 */
export async function bundle(entryPoints, outdir) {
  const result = await build({
    absWorkingDir: ROOT,
    metafile: true,
    define: { __CONFLUENCE_NEXT_BUILD__: JSON.stringify(buildId()) },
    // The conversion worker (runtime/host/functions/pool.ts) is loaded by file next to the bundle's code.
    entryPoints: { ...entryPoints, 'conversion-worker': 'runtime/host/functions/worker.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    minifyWhitespace: true,
    minifySyntax: true,
    splitting: true,
    // Native addons stay in node_modules, and so does piscina: it starts its threads from its own files.
    external: ['better-sqlite3', 'piscina'],
    // CommonJS dependencies call require() for Node's built-ins; give the ESM bundle one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  })
  const written = new Set(Object.keys(result.metafile.outputs).map(out => resolve(ROOT, out)))
  const dir = resolve(ROOT, outdir)
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (/\.js(\.map)?$/.test(name) && !written.has(path)) rmSync(path)
  }
  return relative(ROOT, dir)
}

/**
 * dist/cli.js, and dist/sources.json: the package's workspace files parsed once here, so that a start
 * does not run the YAML parser on them (runtime/workspace/source-cache.ts, docs/performance.md "Start");
 * dist/validators.json: the validators of its schemas, compiled here (runtime/workspace/precompiled.ts).
 */
export async function buildCli() {
  await bundle(
    {
      cli: 'runtime/cli/main.ts',
      'source-cache': 'runtime/workspace/source-cache.ts',
      precompile: 'runtime/cli/precompile.ts',
    },
    'dist',
  )
  const { writeSourceCache } = await import(new URL('../dist/source-cache.js', import.meta.url).href)
  writeSourceCache()
  const { writePrecompiled } = await import(new URL('../dist/precompile.js', import.meta.url).href)
  await writePrecompiled()
  writeSourceList()
}

/**
 * dist/source-list.json: the source files and folders the bundle was built from. bin/confluence-next.js
 * stats exactly these (no walk of the tree at every start) to tell a stale bundle: an edited file is
 * newer than the bundle, an added or removed one changes its folder's time, a missing one is stale.
 */
export function writeSourceList() {
  const files = []
  const dirs = []
  for (const dir of ['runtime', 'sandbox', 'schemas']) {
    if (!existsSync(join(ROOT, dir))) continue
    dirs.push(dir)
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      const path = relative(ROOT, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join('/')
      if (entry.isDirectory()) dirs.push(path)
      else if (/\.(ts|json)$/.test(entry.name)) files.push(path)
    }
  }
  writeFileSync(join(ROOT, 'dist', 'source-list.json'), JSON.stringify({ format: 1, files: files.sort(), dirs }))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli()
}
