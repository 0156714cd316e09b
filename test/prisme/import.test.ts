// `confluence-next import`: the layout and keys mapped, secrets moved out of config, app-import stubs,
// every change reported with its line, what cannot be translated located and set aside, exit codes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import t from 'tap'
import { parse } from 'yaml'
import { main } from '../../runtime/cli/main.ts'
import { importPrismeWorkspace } from '../../runtime/cli/prisme/import.ts'
import { loadWorkspace } from '../../runtime/workspace/load.ts'

function prismeWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cn-prisme-src-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

const INDEX = `name: My Space
slug: my-space
labels: [demo]
config:
  value:
    apiUrl: https://api.example.com/v1
    token: '{{secret.apiToken}}'
`

t.test('a workspace is converted, reported line by line, and loads', async t => {
  const src = prismeWorkspace({
    'index.yml': INDEX,
    'imports/Custom Code.yml': 'appSlug: custom-code\nslug: Custom Code\nconfig: {}\n',
    'security.yml': 'authorizations: {}\n',
    'automations/hello.yml': [
      'slug: hello',
      'name: { en: Hello, fr: Bonjour }',
      'private: true',
      'when:',
      '  endpoint: true',
      'arguments:',
      '  body: { type: object }',
      'validateArguments: true',
      'do:',
      '  - conditions:',
      '      \'{{body.name}} == "" || !{{body.name}}\':',
      '        - set: { name: who, value: world }',
      '      default:',
      "        - set: { name: who, value: '{% upper({{body.name}}) %}', scope: local }",
      '  - Custom Code.run: { function: f, parameters: { who: "{{who}}" }, output: r }',
      '  - greet: { who: "{{who}}", output: text }',
      "output: '{{text}}'",
      '',
    ].join('\n'),
    'automations/greet.yml':
      "slug: greet\ndo:\n  - fetch: { url: '{{config.apiUrl}}/x', headers: { Authorization: 'Bearer {{config.token}}' }, emitErrors: false }\noutput: 'Hello {{who}}'\n",
  })
  const out = mkdtempSync(join(tmpdir(), 'cn-prisme-out-'))
  const result = importPrismeWorkspace(src, out)
  t.same(result.errors, [])
  t.same(result.stubs, ['automations/imports/custom-code/run.yml'])
  const report = readFileSync(join(out, 'import-report.txt'), 'utf8')
  for (const line of [
    'automations/hello.yml:11: {{body.name}} == "" || !{{body.name}} → (body.name = "") or $not(body.name)',
    'automations/hello.yml:14: {% upper({{body.name}}) %} → {% $uppercase(body.name) %}',
    'automations/hello.yml:14: set.scope → (dropped: no counterpart here)',
    'automations/hello.yml:2: name: {en, fr} → name: Hello (one language)',
    'automations/hello.yml:3: private: true → (dropped: a private Prisme.ai automation keeps its endpoint and events, which private would disable here)',
    "automations/hello.yml:7: arguments.body → (dropped: the webhook's body is a variable here)",
    'automations/greet.yml:3: Bearer {{config.token}} → Bearer {{secret.apiToken}}',
    'automations/greet.yml:1: (callers pass who) → arguments: who: {}',
    "index.yml:7: config.value.token: '{{secret.apiToken}}' → secrets.schema.apiToken (env WORKSPACE_SECRET_MY_SPACE_APITOKEN); automations read {{secret.apiToken}}",
    'index.yml:3: labels: … → (dropped: for the Prisme.ai studio)',
    'security.yml:1: security.yml → (dropped: access is API keys and roles here (docs/serving.md))',
  ])
    t.ok(report.includes(line), line)
  t.match(report, /2 of 2 automation\(s\) converted, 1 app stub\(s\), \d+ change\(s\), 0 error\(s\)\n$/)

  const index = parse(readFileSync(join(out, 'config/index.yml'), 'utf8'))
  t.same(index.secrets.schema.properties.apiToken, { type: 'string', env: 'WORKSPACE_SECRET_MY_SPACE_APITOKEN' })
  t.same(index.config.value, { apiUrl: 'https://api.example.com/v1' })
  t.same(index.imports['Custom Code'], {
    appSlug: 'custom-code',
    config: {},
    automations: { run: 'imports/custom-code/run' },
  })
  t.ok(index.http.allowedHosts.includes('api.example.com'), 'the API host is allowed')
  const stub = parse(readFileSync(join(out, 'automations/imports/custom-code/run.yml'), 'utf8'))
  t.same(Object.keys(stub.arguments), ['function', 'parameters'], 'the stub declares what callers pass')

  const { workspace, diagnostics } = loadWorkspace(out, { env: { WORKSPACE_SECRET_MY_SPACE_APITOKEN: 'x' } })
  t.same(diagnostics, [])
  await t.rejects(
    workspace!.run('hello', {}, { locals: { body: { name: 'ada' } } }),
    { code: 'FAILED', data: { reason: 'APP_IMPORT_STUB' } },
    'the stub says it is one',
  )
})

t.test('what cannot be translated is located in the Prisme file and set aside', async t => {
  const src = prismeWorkspace({
    'index.yml': INDEX,
    'automations/ok.yml': 'slug: ok\ndo: []\noutput: 1\n',
    'automations/bad.yml':
      "slug: bad\ndo:\n  - conditions:\n      '{{a}} matches {{p}}':\n        - set: { name: x, value: 1 }\n  - run: { module: text, function: f }\n",
  })
  const out = mkdtempSync(join(tmpdir(), 'cn-prisme-out-'))
  const lines: string[] = []
  const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) }
  t.equal(await main(['import', src, out], io), 1, 'exit 1')
  const text = lines.join('')
  t.match(text, 'automations/bad.yml:4:22 error: cannot translate the condition `{{a}} matches {{p}}`')
  t.match(text, 'automations/bad.yml:6:5 error: the `run` instruction')
  t.match(text, '1 of 2 automation(s) converted')
  t.ok(existsSync(join(out, 'unconverted/automations/bad.yml')), 'set aside')
  t.notOk(existsSync(join(out, 'automations/bad.yml')))
  t.match(text, `ok: ${out} loads`, 'the rest loads')
  lines.length = 0
  t.equal(await main(['import', src, out], io), 1, 'a folder that is not empty is refused')
  t.match(lines.join(''), 'is not empty (use --force')
  t.equal(await main(['import', join(src, 'nope'), out], io), 1)
  t.equal(await main(['import', src], io), 2, 'a missing argument is a usage error')
})

t.test('a folder without index.yml is a located error', async t => {
  const src = prismeWorkspace({ 'automations/a.yml': 'do: []\n' })
  const result = importPrismeWorkspace(src, mkdtempSync(join(tmpdir(), 'cn-prisme-out-')))
  t.match(result.errors[0], { file: 'index.yml', line: 1, message: /cannot read index.yml/ })
})
