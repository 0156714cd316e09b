// The runtime is generic (docs/architecture.md "No connector names in the runtime"): the connector's
// names (its app, its scope automation, its sandbox and the environment the sandbox reads and sets)
// live in its workspace files, config/index.yml. So no code of runtime/ says "confluence", in any
// case, outside comments and the small allowlist below. The code is read with TypeScript's scanner,
// so a comment is told from a string exactly; a second check proves the scan still finds a name.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import ts from 'typescript'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const NAME = /confluence/gi

/**
 * What may still say it, and why. Each entry must match at least once (a stale entry fails too).
 * - The package's own name, confluence-next, names the product, not the connector it ships: its
 *   CONFLUENCE_NEXT_* variables and confluence_next_* metrics anywhere, the auth realm, and the bare
 *   name only where the package names itself: package.json `name` (core/package-root.ts), the SQLite
 *   file and the master key's associated data (renaming those would orphan stored data), the
 *   User-Agent, the SARIF driver, the CLI and its messages.
 * - CONFLUENCE_ALLOW_LOOPBACK: a runtime switch of the fetch host policy (docs/operations.md), read by
 *   the loader and the HTTP host; renaming it would break deployments that set it.
 * - The CLI's one-line description of the package (`--help`), which ships the connector.
 * - The notice of $bodyView: the storage-format functions of runtime/host/functions (to-storage,
 *   convert, cql, body-view) are the Confluence formats themselves; moving them out of the runtime is
 *   more than a name, and this sentence is what agents read in a tool result today.
 */
const ALLOWED: Array<{ file?: RegExp; pattern: RegExp }> = [
  { pattern: /CONFLUENCE_NEXT_[A-Z0-9_]+/g },
  { pattern: /confluence_next_[a-z_]+/g },
  { pattern: /realm="confluence-next"/g },
  {
    file: new RegExp(
      `^runtime/(${[
        'core/package-root',
        'host/store/\\w+',
        'host/http/settings',
        'workspace/report',
        'expressions/prisme/hint',
        'cli/(serve|main)',
      ].join('|')})\\.ts$`,
    ),
    pattern: /confluence-next/g,
  },
  { pattern: /CONFLUENCE_ALLOW_LOOPBACK/g },
  { file: /^runtime\/cli\/main\.ts$/, pattern: /the Confluence Cloud connector written in it/g },
  { file: /^runtime\/host\/functions\/body-view\.ts$/, pattern: /exactly as ` \+\s*`Confluence holds them/g },
]

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return files(path)
    return /\.(ts|mts|js|mjs)$/.test(name) ? [path] : []
  })
}

/**
 * The source with everything but its tokens blanked (same length, so offsets and lines stay): the
 * parser's leaves are the code, comments are trivia between them (JSDoc nodes are skipped).
 */
function withoutComments(file: string, source: string): string {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true)
  const out = source.replace(/[^\n]/g, ' ').split('')
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return
    const children = node.getChildren(tree)
    if (children.length > 0) {
      children.forEach(visit)
      return
    }
    const start = node.getStart(tree)
    for (let i = start; i < node.end; i++) out[i] = source[i]
  }
  visit(tree)
  return out.join('')
}

/** Every unallowed occurrence in `source`, as `file:line: text`. */
function offences(file: string, source: string, used: Set<number>): string[] {
  const code = withoutComments(file, source)
  const allowed = new Set<number>()
  ALLOWED.forEach((entry, i) => {
    if (entry.file !== undefined && !entry.file.test(file)) return
    for (const m of code.matchAll(entry.pattern)) {
      used.add(i)
      for (const n of m[0].matchAll(NAME)) allowed.add(m.index + n.index)
    }
  })
  const found: string[] = []
  for (const m of code.matchAll(NAME)) {
    if (allowed.has(m.index)) continue
    const line = code.slice(0, m.index).split('\n').length
    found.push(`${file}:${line}: ${source.split('\n')[line - 1].trim()}`)
  }
  return found
}

t.test('no connector name in the code of runtime/', async t => {
  const used = new Set<number>()
  const found = files(join(ROOT, 'runtime')).flatMap(path =>
    offences(relative(ROOT, path).split('\\').join('/'), readFileSync(path, 'utf8'), used),
  )
  t.same(found, [], 'move the name into the workspace (config/index.yml), or justify it in ALLOWED')
  t.same(
    ALLOWED.filter((_, i) => !used.has(i)),
    [],
    'every allowlist entry still matches something',
  )
})

t.test('the check finds a name in code and none in comments', async t => {
  const used = new Set<number>()
  const source = [
    '// confluence in a line comment',
    '/* Confluence in a block comment */',
    "const slug = 'confluence-next'",
    'const realm = \'Bearer realm="confluence-next"\'',
    "const automation = 'confluence/request'",
    'const url = `${base}/CONFLUENCE_SITE_URL/${`x${ { a: 1 }.a }`}`',
    '/** the package name: confluence-next */',
  ].join('\n')
  t.same(offences('runtime/x.ts', source, used), [
    "runtime/x.ts:3: const slug = 'confluence-next'",
    "runtime/x.ts:5: const automation = 'confluence/request'",
    'runtime/x.ts:6: const url = `${base}/CONFLUENCE_SITE_URL/${`x${ { a: 1 }.a }`}`',
  ])
  t.same(
    offences('runtime/x.ts', 'const a = `${b}` // confluence\nconst c = `${d} confluence`', used),
    ['runtime/x.ts:2: const c = `${d} confluence`'],
    'a comment after a template is a comment; the text of a template tail is code',
  )
})
