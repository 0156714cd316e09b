// The confluence-next command line: validate, run (with --args and --trace), exit codes.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { ROOT } from '../connector/helpers.ts'
import { spawnServe, stop } from '../helpers/serve.ts'
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

// One warning (a typo in a path), one info (a computed variable name elsewhere): loads, but not --strict.
const warned = writeWorkspace({
  'automations/main.yml': 'do:\n  - set: { name: page, value: 1 }\noutput: \'{{pgae}}\'\n',
  'automations/other.yml': 'do:\n  - set: { name: key, value: x }\n  - set: { name: \'{{key}}\', value: 1 }\n',
})

t.test('validate --strict: the bundled workspace has no warning either (the CI gate)', async t => {
  const r = cli('validate', '--strict')
  t.equal(r.code, 0, r.err)
  t.equal(r.err, '', 'nothing reported')
})

t.test('validate --strict fails on a warning, not on an info', async t => {
  const lax = cli('validate', '--workspace', warned)
  t.equal(lax.code, 0, lax.err)
  t.match(lax.err, /automations\/main\.yml:3:12 warning UNKNOWN_VARIABLE unknown variable "pgae" \(did you mean "page"\?\)/)
  t.match(lax.err, /automations\/other\.yml:3:18 info VARIABLES_NOT_CHECKED/)
  t.match(lax.out, /no errors \(1 warning\(s\), 1 info\(s\)\)/)
  const strict = cli('validate', '--strict', '--workspace', warned)
  t.equal(strict.code, 1)
  t.match(strict.err, /1 warning\(s\), 1 info\(s\) in workspace .*, which --strict refuses/)
  const infoOnly = writeWorkspace({ 'automations/other.yml': 'do:\n  - set: { name: key, value: x }\n  - set: { name: \'{{key}}\', value: 1 }\n' })
  t.equal(cli('validate', '--strict', '--workspace', infoOnly).code, 0, 'an info never fails')
})

t.test('validate --format json: every diagnostic with its severity, code and place', async t => {
  const r = cli('validate', '--strict', '--format', 'json', '--workspace', warned)
  t.equal(r.code, 1)
  const doc = JSON.parse(r.out)
  t.same(doc.counts, { error: 0, warning: 1, info: 1 })
  t.equal(doc.ok, false)
  t.same(doc.diagnostics[0], {
    severity: 'warning',
    code: 'UNKNOWN_VARIABLE',
    message: doc.diagnostics[0].message,
    file: 'automations/main.yml',
    line: 3,
    col: 12,
  })
  const errors = JSON.parse(cli('validate', '--format', 'json', '--workspace', bad).out)
  t.same(errors.diagnostics.map((d: { code: string }) => d.code), ['UNKNOWN_INSTRUCTION', 'EXPRESSION_SYNTAX'])
  t.equal(errors.ok, false)
})

t.test('validate --format sarif: SARIF 2.1.0 with rules, levels and regions', async t => {
  const r = cli('validate', '--format', 'sarif', '--workspace', warned)
  t.equal(r.code, 0)
  const sarif = JSON.parse(r.out)
  t.equal(sarif.version, '2.1.0')
  const run = sarif.runs[0]
  t.equal(run.tool.driver.name, 'confluence-next')
  t.same(run.tool.driver.rules.map((rule: { id: string }) => rule.id), ['UNKNOWN_VARIABLE', 'VARIABLES_NOT_CHECKED'])
  t.same(run.results.map((x: { level: string }) => x.level), ['warning', 'note'])
  const [first] = run.results
  t.equal(first.ruleId, 'UNKNOWN_VARIABLE')
  t.equal(run.tool.driver.rules[first.ruleIndex].id, first.ruleId)
  t.match(first.locations[0].physicalLocation.artifactLocation.uri, /automations\/main\.yml$/)
  t.same(first.locations[0].physicalLocation.region, { startLine: 3, startColumn: 12 })
  t.equal(cli('validate', '--format', 'xml').code, 2, 'an unknown format is a usage error')
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

t.test('--help, --version and mistakes on the command line: exit codes, no stack trace', async t => {
  const help = cli('--help')
  t.equal(help.code, 0)
  t.match(help.out, /Usage: confluence-next[\s\S]*validate[\s\S]*serve[\s\S]*rotate-key/)
  const version = cli('--version')
  t.equal(version.code, 0)
  t.equal(version.out.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version)
  t.match(cli('serve', '--help').out, /--workspace <dir>[\s\S]*--port <port>[\s\S]*--host <host>/)
  for (const [args, says] of [
    [[], /Usage: confluence-next/],
    [['bogus'], /unknown command 'bogus'/],
    [['validate', '--nope'], /unknown option '--nope'/],
    [['serve', '--port', 'x'], /a port is a number from 0 to 65535/],
    [['run'], /missing required argument 'slug'/],
    [['run', 'greet', '--args', '[1]'], /--args must be a JSON object/],
  ] as const) {
    const r = cli(...args)
    t.equal(r.code, 2, `${args.join(' ')}: exit 2`)
    t.match(r.err, says, `${args.join(' ')}: says what is wrong`)
    t.notMatch(r.err, /\n\s+at /, `${args.join(' ')}: no stack trace`)
  }
})

t.test('serve --port and --host win over PORT and HOST', async t => {
  const served = await spawnServe(t, ['--port', '0', '--host', '127.0.0.1'], {
    env: { PATH: process.env.PATH, PORT: '1', HOST: '203.0.113.1', DATA_DIR: writeWorkspace({}) },
  })
  t.equal((await fetch(`${served.url}/healthz`)).status, 200)
  t.equal(await stop(served), 0, 'SIGTERM stops it cleanly')
})
