// The confluence-next command line: validate, run (with --args and --trace), exit codes.
import { spawnSync } from 'node:child_process'
import t from 'tap'
import { ROOT } from '../connector/helpers.ts'
import { writeWorkspace } from '../helpers/workspace.ts'

const cli = (...args: string[]): { code: number | null, out: string, err: string } => {
  const r = spawnSync(process.execPath, ['bin/confluence-next.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const good = writeWorkspace({
  'automations/greet.yml': 'arguments:\n  name: { type: string, required: true }\ndo:\n  - set: { name: text, value: \'Hello {{name}}\' }\noutput: \'{{text}}\'\n',
})
const bad = writeWorkspace({
  'automations/main.yml': 'do:\n  - sett: { name: a, value: 1 }\n  - set: { name: b, value: \'{% 1 + %}\' }\n',
})

t.test('validate: the bundled workspace is clean', async t => {
  const r = cli('validate')
  t.equal(r.code, 0, r.err)
  t.match(r.out, /ok: workspace "confluence-next", \d+ automation\(s\), no errors/)
})

t.test('validate: every diagnostic, located, exit 1', async t => {
  const r = cli('validate', '--workspace', bad)
  t.equal(r.code, 1)
  t.match(r.err, /automations\/main\.yml:2:5 UNKNOWN_INSTRUCTION unknown instruction or automation "sett" \(did you mean "set"\?\)/)
  t.match(r.err, /automations\/main\.yml:3:35 EXPRESSION_SYNTAX JSONata S0207/)
  t.match(r.err, /2 error\(s\)/)
})

t.test('run: output, arguments, trace', async t => {
  const r = cli('run', 'greet', '--workspace', good, '--args', '{"name":"Ada"}', '--trace')
  t.equal(r.code, 0, r.err)
  t.equal(r.out.trim(), 'Hello Ada')
  t.match(r.err, /greet set automations\/greet\.yml:4:5 \d+\.\d\d ms/, 'trace: instruction, location, duration')
})

t.test('run: errors are one readable line, exit 1', async t => {
  const missing = cli('run', 'greet', '--workspace', good)
  t.equal(missing.code, 1)
  t.match(missing.err, /ARGUMENTS_INVALID invalid arguments for "greet": `name` is required/)
  t.notMatch(missing.err, /\n\s+at /, 'no stack trace')
  const json = cli('run', 'greet', '--workspace', good, '--args', '{oops')
  t.equal(json.code, 2)
  t.match(json.err, /--args is not valid JSON/)
  const unknown = cli('run', 'nope', '--workspace', good)
  t.equal(unknown.code, 1)
  t.match(unknown.err, /AUTOMATION_NOT_FOUND no automation "nope"/)
})
