// Runs every language case in test/lang/ (format: test/lang/README.md).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { parse } from 'yaml'
import { runCase, type LangCase } from './helpers/lang-case.ts'

const root = join(import.meta.dirname, 'lang')
const files = (readdirSync(root, { recursive: true }) as string[]).filter(f => f.endsWith('.yml')).sort()

for (const file of files) {
  const c = parse(readFileSync(join(root, file), 'utf8')) as LangCase
  t.test(`${file}${c.description ? ': ' + c.description : ''}`, t => runCase(t, c))
}
