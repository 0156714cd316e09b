// `validate` as a CI gate (docs/language.md "Diagnostics"): --strict on the bundled workspace, warnings and
// infos, --format json and sarif. Apart from cli.test.ts: each check spawns the command line.
import { spawnSync } from 'node:child_process'
import t from 'tap'
import { ROOT } from '../connector/helpers.ts'
import { writeWorkspace } from '../helpers/workspace.ts'

const cli = (...args: string[]): { code: number | null; out: string; err: string } => {
  const r = spawnSync(process.execPath, ['bin/confluence-next.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const bad = writeWorkspace({
  'automations/main.yml': "do:\n  - sett: { name: a, value: 1 }\n  - set: { name: b, value: '{% 1 + %}' }\n",
})
// One warning (a typo in a path), one info (a computed variable name elsewhere): loads, but not --strict.
const warned = writeWorkspace({
  'automations/main.yml': "do:\n  - set: { name: page, value: 1 }\noutput: '{{pgae}}'\n",
  'automations/other.yml': "do:\n  - set: { name: key, value: x }\n  - set: { name: '{{key}}', value: 1 }\n",
})

t.test('validate --strict: the bundled workspace has no warning either (the CI gate)', async t => {
  const r = cli('validate', '--strict')
  t.equal(r.code, 0, r.err)
  t.equal(r.err, '', 'nothing reported')
})

t.test('validate --strict fails on a warning, not on an info', async t => {
  const lax = cli('validate', '--workspace', warned)
  t.equal(lax.code, 0, lax.err)
  t.match(
    lax.err,
    /automations\/main\.yml:3:12 warning UNKNOWN_VARIABLE unknown variable "pgae" \(did you mean "page"\?\)/,
  )
  t.match(lax.err, /automations\/other\.yml:3:18 info VARIABLES_NOT_CHECKED/)
  t.match(lax.out, /no errors \(1 warning\(s\), 1 info\(s\)\)/)
  const strict = cli('validate', '--strict', '--workspace', warned)
  t.equal(strict.code, 1)
  t.match(strict.err, /1 warning\(s\), 1 info\(s\) in workspace .*, which --strict refuses/)
  const infoOnly = writeWorkspace({
    'automations/other.yml': "do:\n  - set: { name: key, value: x }\n  - set: { name: '{{key}}', value: 1 }\n",
  })
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
  t.same(
    errors.diagnostics.map((d: { code: string }) => d.code),
    ['UNKNOWN_INSTRUCTION', 'EXPRESSION_SYNTAX'],
  )
  t.equal(errors.ok, false)
})

t.test('validate --format sarif: SARIF 2.1.0 with rules, levels and regions', async t => {
  const r = cli('validate', '--format', 'sarif', '--workspace', warned)
  t.equal(r.code, 0)
  const sarif = JSON.parse(r.out)
  t.equal(sarif.version, '2.1.0')
  const run = sarif.runs[0]
  t.equal(run.tool.driver.name, 'confluence-next')
  t.same(
    run.tool.driver.rules.map((rule: { id: string }) => rule.id),
    ['UNKNOWN_VARIABLE', 'VARIABLES_NOT_CHECKED'],
  )
  t.same(
    run.results.map((x: { level: string }) => x.level),
    ['warning', 'note'],
  )
  const [first] = run.results
  t.equal(first.ruleId, 'UNKNOWN_VARIABLE')
  t.equal(run.tool.driver.rules[first.ruleIndex].id, first.ruleId)
  t.match(first.locations[0].physicalLocation.artifactLocation.uri, /automations\/main\.yml$/)
  t.same(first.locations[0].physicalLocation.region, { startLine: 3, startColumn: 12 })
  t.equal(cli('validate', '--format', 'xml').code, 2, 'an unknown format is a usage error')
})
