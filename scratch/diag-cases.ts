import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { formatDiagnostic } from '/work/wt-diag/runtime/workspace/diagnostics.ts'
import { loadFiles } from '/work/wt-diag/test/helpers/workspace.ts'
const root = process.argv[2]
for (const file of (readdirSync(root, { recursive: true }) as string[]).filter(f => f.endsWith('.yml')).sort()) {
  const c = parse(readFileSync(join(root, file), 'utf8'))
  const { diagnostics } = loadFiles(c.files, { env: c.env ?? {} })
  const got = diagnostics.map(formatDiagnostic)
  const want = c.expect.diagnostics ?? []
  if (JSON.stringify(got) !== JSON.stringify(want)) console.log(file, '\n  got:', got.join('\n       '), '\n  want:', want.join('\n       '))
}
