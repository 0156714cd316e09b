// Which sandbox `serve` starts, when, and with which environment comes from the workspace's
// `sandbox:` section (config/index.yml, docs/serving.md "Sandbox mode"), not from the runtime.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { sandboxSpec, startSandbox, wantsSandbox } from '../../runtime/cli/sandbox-mode.ts'
import { ROOT } from '../connector/helpers.ts'

t.test('the connector workspace: started unless a site or an auth mode is set, or its switch says', async t => {
  const spec = sandboxSpec(ROOT)
  t.ok(spec, 'config/index.yml has a sandbox section')
  t.equal(wantsSandbox({}, spec), true)
  t.equal(wantsSandbox({ CONFLUENCE_SITE_URL: 'https://x.atlassian.net' }, spec), false)
  t.equal(wantsSandbox({ CONFLUENCE_AUTH_MODE: 'oauth' }, spec), false)
  t.equal(wantsSandbox({ CONFLUENCE_AUTH_MODE: 'oauth', CONFLUENCE_SANDBOX: 'true' }, spec), true)
  t.equal(wantsSandbox({ CONFLUENCE_SANDBOX: 'false' }, spec), false)
})

t.test('a workspace without a sandbox section never gets one', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'cn-nosandbox-'))
  mkdirSync(join(dir, 'config'))
  writeFileSync(join(dir, 'config', 'index.yml'), 'slug: other\nname: Other\n')
  t.equal(sandboxSpec(dir), undefined)
  t.equal(wantsSandbox({ CONFLUENCE_SANDBOX: 'true' }, sandboxSpec(dir)), false)
  t.equal(sandboxSpec(join(dir, 'missing')), undefined, 'no index: no sandbox (the load reports the index)')
  writeFileSync(
    join(dir, 'config', 'index.yml'),
    'slug: other\nname: Other\nsandbox: { fake: confluence, startsWithout: X }\n',
  )
  t.equal(sandboxSpec(dir), undefined, 'a malformed section: no sandbox (the load reports it against the schema)')
})

t.test('the environment the section sets: env with {url}, defaults only where unset, loopback on', async t => {
  const spec = {
    fake: 'confluence',
    startsWithout: ['SITE'],
    env: { SITE: '{url}/wiki', MODE: 'token' },
    defaults: { ALL: 'true', KEPT: 'default' },
  }
  const sandbox = await startSandbox({ KEPT: 'given', MODE: 'overridden' }, spec)
  t.teardown(() => sandbox.close())
  t.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  t.equal(sandbox.env.SITE, `${sandbox.url}/wiki`)
  t.equal(sandbox.env.MODE, 'token', 'env wins over the environment')
  t.equal(sandbox.env.ALL, 'true')
  t.equal(sandbox.env.KEPT, 'given', 'a default never overrides a given value')
  t.equal(sandbox.env.CONFLUENCE_ALLOW_LOOPBACK, 'true')
  t.equal(sandbox.oauth, undefined)
  t.match(sandbox.notice('http://127.0.0.1:1').join('\n'), /embedded sandbox Confluence at http:\/\/127\.0\.0\.1:\d+/)
})

t.test('an unknown fake is a located error naming the known ones', async t => {
  await t.rejects(
    startSandbox({}, { fake: 'jira', startsWithout: ['X'] }),
    /config\/index\.yml sandbox\.fake: no embedded fake "jira" \(known: confluence\)/,
  )
})
