// The confluence-next command line: validate, run (with --args and --trace), exit codes.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { ROOT } from '../connector/helpers.ts'
import { spawnServe, stop } from '../helpers/serve.ts'
import { writeWorkspace } from '../helpers/workspace.ts'

const cli = (...args: string[]): { code: number | null; out: string; err: string } => {
  const r = spawnSync(process.execPath, ['bin/confluence-next.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const good = writeWorkspace({
  'automations/greet.yml':
    "arguments:\n  name: { type: string, required: true }\ndo:\n  - set: { name: text, value: 'Hello {{name}}' }\noutput: '{{text}}'\n",
})
const bad = writeWorkspace({
  'automations/main.yml': "do:\n  - sett: { name: a, value: 1 }\n  - set: { name: b, value: '{% 1 + %}' }\n",
})

t.test('validate: the bundled workspace is clean', async t => {
  const r = cli('validate')
  t.equal(r.code, 0, r.err)
  t.match(r.out, /ok: workspace "confluence-next", \d+ automation\(s\), no errors/)
})

t.test('validate: every diagnostic, located, exit 1', async t => {
  const r = cli('validate', '--workspace', bad)
  t.equal(r.code, 1)
  t.match(
    r.err,
    /automations\/main\.yml:2:5 UNKNOWN_INSTRUCTION unknown instruction or automation "sett" \(did you mean "set"\?\)/,
  )
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
