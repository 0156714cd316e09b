// The docs are part of the product: every `# example:` block in docs/*.md runs and must give its
// `# expect:` result, and the error-code table of docs/language.md matches runtime/core/errors.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { ERROR_CODES } from '../runtime/core/errors.ts'
import { ANALYSIS_CODES } from '../runtime/workspace/diagnostics.ts'
import { runCase, type LangCase } from './helpers/lang-case.ts'

const docsDir = join(import.meta.dirname, '..', 'docs')

/** Parse the `# example:` YAML blocks of a markdown file into language cases. */
export function examples(markdown: string): Array<{ name: string; case: LangCase }> {
  const out: Array<{ name: string; case: LangCase }> = []
  for (const m of markdown.matchAll(/```yaml\n(# example: [^\n]+\n[\s\S]*?)```/g)) {
    const lines = m[1].split('\n')
    const meta: Record<string, string> = {}
    const files: Record<string, string> = {}
    let current = 'automations/main.yml'
    for (const line of lines) {
      const header = /^# (example|args|expect|diagnostics|identity|env|file|run): (.*)$/.exec(line)
      if (header && header[1] === 'file') {
        current = header[2].trim()
        continue
      }
      if (header) {
        meta[header[1]] = header[2]
        continue
      }
      files[current] = (files[current] ?? '') + line + '\n'
    }
    out.push({
      name: meta.example,
      case: {
        files,
        run: meta.run,
        args: meta.args ? JSON.parse(meta.args) : {},
        identity: meta.identity ? JSON.parse(meta.identity) : undefined,
        env: meta.env ? JSON.parse(meta.env) : undefined,
        // `# diagnostics:` (a JSON array, as `validate` prints them) alone, or with the `# expect:` of the run.
        expect: {
          ...(meta.expect === undefined ? {} : { output: JSON.parse(meta.expect) }),
          ...(meta.diagnostics === undefined ? {} : { diagnostics: JSON.parse(meta.diagnostics) }),
        },
      },
    })
  }
  return out
}

for (const file of readdirSync(docsDir).filter(f => f.endsWith('.md'))) {
  const list = examples(readFileSync(join(docsDir, file), 'utf8'))
  for (const ex of list) t.test(`docs/${file} example "${ex.name}"`, t => runCase(t, ex.case))
}

t.test('every error code is documented, and every documented code exists', async t => {
  const doc = readFileSync(join(docsDir, 'language.md'), 'utf8')
  const table = doc.slice(doc.indexOf('## Error codes'), doc.indexOf('## Command line'))
  const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map(m => m[1])
  t.same([...documented].sort(), Object.keys(ERROR_CODES).sort())
})

t.test('every analysis code is documented with its severity, and every documented one exists', async t => {
  const doc = readFileSync(join(docsDir, 'language.md'), 'utf8')
  const section = doc.slice(doc.indexOf('## Diagnostics'), doc.indexOf('## Error codes'))
  const documented = Object.fromEntries(
    [...section.matchAll(/^\| `([A-Z_]+)` \| (error|warning|info) \|/gm)].map(m => [m[1], m[2]]),
  )
  const listed = Object.fromEntries(Object.entries(ANALYSIS_CODES).map(([code, info]) => [code, info.severity]))
  t.same(documented, listed)
})
