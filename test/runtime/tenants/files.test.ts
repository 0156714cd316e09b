// Declared tenants (config/tenants/<slug>.yml): located diagnostics, secrets only by reference, the
// shipped example is valid and not loaded, `validate` / `tools` / `serve` check the files.
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { StartupError } from '../../../runtime/server/app.ts'
import { MemoryStore } from '../../../runtime/host/store/memory.ts'
import { readTenantFiles } from '../../../runtime/tenants/files.ts'
import { formatDiagnostic } from '../../../runtime/workspace/diagnostics.ts'
import { ROOT } from '../../connector/helpers.ts'
import { writeWorkspace } from '../../helpers/workspace.ts'
import { GLOBAL_KEY, hashOf, startTenantServer, VAULT_FILES } from './helpers.ts'

const read = (
  files: Record<string, string>,
  env: Record<string, string> = {},
  strict = false,
): { specs: ReturnType<typeof readTenantFiles>['specs']; lines: string[]; dir: string } => {
  const dir = writeWorkspace({ ...VAULT_FILES, ...files })
  const { specs, diagnostics } = readTenantFiles(dir, { env, strict })
  return { specs, lines: diagnostics.map(formatDiagnostic), dir }
}

t.test('a valid file: config values, secrets from the environment, hashed keys', async t => {
  const { specs, lines } = read(
    {
      'config/tenants/acme.yml': `slug: acme\nname: ACME\nconfig:\n  label: acme\nsecretsEnv:\n  token: ACME_TOKEN\napiKeys: ['${hashOf('k'.repeat(20)).toUpperCase().replace('SHA256', 'sha256')}']\n`,
      'config/tenants/notes.txt': 'not a tenant',
      'config/tenants/old.yml.disabled': 'slug: nope',
    },
    { ACME_TOKEN: 'acme-secret-value' },
  )
  t.same(lines, [])
  t.same(specs, [
    {
      slug: 'acme',
      name: 'ACME',
      config: { label: 'acme' },
      secrets: { token: 'acme-secret-value' },
      apiKeys: [hashOf('k'.repeat(20)).slice(7)],
      source: 'file',
      file: 'config/tenants/acme.yml',
    },
  ])
})

t.test('every problem is located in the tenant file', async t => {
  const { specs, lines } = read({
    'config/tenants/bad.yml': [
      'slug: bad',
      'config:',
      '  siteUrl: ftp://x',
      '  labl: x',
      '  level: 0',
      'secretsEnv:',
      '  tokn: X',
      'apiKeys: [a-raw-key-0123456789]',
      '',
    ].join('\n'),
    'config/tenants/clear.yml': 'slug: clear\nsecrets:\n  token: in-clear\n',
    'config/tenants/wrong.yml': 'slug: right\n',
    'config/tenants/core.yml': 'slug: core\n',
    'config/tenants/typo.yml': 'slug: typo\nconfg: {}\n',
    'config/tenants/Upper.yml': 'slug: Upper\n',
  })
  t.same(specs, [])
  t.same(lines.sort(), [
    'config/tenants/Upper.yml:1:7 SCHEMA_VIOLATION slug must match pattern "^[a-z][a-z0-9-]{0,62}$"',
    'config/tenants/bad.yml:3:12 CONFIG_INVALID config.siteUrl must match pattern "^https?://"',
    'config/tenants/bad.yml:4:3 CONFIG_INVALID config.labl is not a setting of this workspace (did you mean "label"?) (known: label, siteUrl, publicUrl, level)',
    'config/tenants/bad.yml:5:10 CONFIG_INVALID config.level must be >= 1',
    'config/tenants/bad.yml:7:3 CONFIG_INVALID secretsEnv.tokn: the workspace has no secret "tokn" (known: token)',
    'config/tenants/bad.yml:8:11 CONFIG_INVALID apiKeys[0] must be `sha256:<64 hex digits>` (the hash of the key, never the key itself)',
    'config/tenants/clear.yml:2:1 CONFIG_INVALID secrets are never written in a tenant file (it may be committed): name environment variables in `secretsEnv`, or a file outside the repository in `secretsFile`',
    'config/tenants/core.yml:1:7 CONFIG_INVALID slug "core" is the core workspace\'s own slug',
    'config/tenants/typo.yml:2:1 SCHEMA_VIOLATION unknown property "confg" (did you mean "config"?) (allowed: slug, name, config, secretsEnv, secretsFile, apiKeys)',
    'config/tenants/wrong.yml:1:7 CONFIG_INVALID slug "right" must be the file\'s name ("wrong")',
  ])
})

t.test('secretsFile: absolute, outside the workspace, private; secretsEnv wins', async t => {
  const outside = mkdtempSync(join(tmpdir(), 'cn-secrets-'))
  const file = join(outside, 'acme.yml')
  writeFileSync(file, 'token: from-the-file-0000\n', { mode: 0o600 })
  const ok = read({ 'config/tenants/acme.yml': `slug: acme\nsecretsFile: ${file}\n` })
  t.same([ok.lines, ok.specs[0].secrets], [[], { token: 'from-the-file-0000' }])
  const both = read(
    { 'config/tenants/acme.yml': `slug: acme\nsecretsFile: ${file}\nsecretsEnv: { token: T }\n` },
    { T: 'from-the-env-0000' },
  )
  t.same(both.specs[0].secrets, { token: 'from-the-env-0000' })

  chmodSync(file, 0o644)
  t.match(read({ 'config/tenants/acme.yml': `slug: acme\nsecretsFile: ${file}\n` }).lines, [
    /2:14 warning CONFIG_INVALID secretsFile ".*" is readable by other users; chmod 600 it/,
  ])
  writeFileSync(file, 'tokn: x\n')
  t.match(read({ 'config/tenants/acme.yml': `slug: acme\nsecretsFile: ${file}\n` }).lines, [
    /warning .*chmod 600/,
    /2:14 CONFIG_INVALID secrets\.tokn is not a setting of this workspace/,
  ])

  t.match(read({ 'config/tenants/acme.yml': 'slug: acme\nsecretsFile: secrets/acme.yml\n' }).lines, [
    /2:14 CONFIG_INVALID secretsFile must be an absolute path/,
  ])
  const inside = read({ 'config/tenants/acme.yml': 'slug: acme\n' })
  writeFileSync(
    join(inside.dir, 'config/tenants/acme.yml'),
    `slug: acme\nsecretsFile: ${join(inside.dir, 'secrets.yml')}\n`,
  )
  t.match(readTenantFiles(inside.dir, { env: {} }).diagnostics.map(formatDiagnostic), [
    /is inside the workspace, where it could be committed/,
  ])
  // Missing: a warning for `validate` (CI has no secrets), an error for `serve`.
  const missing = { 'config/tenants/acme.yml': `slug: acme\nsecretsFile: ${join(outside, 'nope.yml')}\n` }
  t.match(read(missing).lines, [/warning CONFIG_INVALID cannot read secretsFile ".*nope\.yml": ENOENT/])
  t.match(read(missing, {}, true).lines, [/2:14 CONFIG_INVALID cannot read secretsFile/])
  t.match(read({ 'config/tenants/acme.yml': 'slug: acme\nsecretsEnv: { token: UNSET_VAR }\n' }).lines, [
    'config/tenants/acme.yml:2:22 warning CONFIG_INVALID UNSET_VAR is not set: tenant "acme" runs without secrets.token',
  ])
})

t.test('the shipped example is valid against this workspace, and not loaded', async t => {
  t.same(readTenantFiles(ROOT, { env: {} }), { specs: [], diagnostics: [] }, 'npm start serves no tenant')
  const dir = mkdtempSync(join(tmpdir(), 'cn-example-'))
  mkdirSync(join(dir, 'config/tenants'), { recursive: true })
  copyFileSync(join(ROOT, 'config/index.yml'), join(dir, 'config/index.yml'))
  copyFileSync(join(ROOT, 'config/tenants/example.yml.disabled'), join(dir, 'config/tenants/acme.yml'))
  const { specs, diagnostics } = readTenantFiles(dir, { env: { ACME_CONFLUENCE_API_TOKEN: 'x'.repeat(24) } })
  t.same(diagnostics.map(formatDiagnostic), [])
  t.match(specs, [{ slug: 'acme', config: { authMode: 'apiToken' }, secrets: { apiToken: 'x'.repeat(24) } }])
})

t.test('serve: a bad tenant file or a reused key stops the start', async t => {
  const err = await startTenantServer(t, {
    store: new MemoryStore(),
    files: { 'config/tenants/a.yml': 'slug: a\nconfig: { level: 0 }\n' },
  }).catch(e => e)
  t.type(err, StartupError)
  t.match(err.message, 'invalid tenant files:\nconfig/tenants/a.yml:2:18 CONFIG_INVALID config.level must be >= 1')
  await t.rejects(
    startTenantServer(t, {
      store: new MemoryStore(),
      files: { 'config/tenants/a.yml': `slug: a\napiKeys: ['${hashOf(GLOBAL_KEY)}']\n` },
    }),
    /apiKeys\[0\] is already a global API key/,
  )
})

t.test('validate and tools check the tenant files', async t => {
  const cli = (...args: string[]): { code: number | null; out: string; err: string } => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/confluence-next.js'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, T: 'set-0000' },
    })
    return { code: r.status, out: r.stdout, err: r.stderr }
  }
  const good = writeWorkspace({
    ...VAULT_FILES,
    'config/tenants/acme.yml': 'slug: acme\nsecretsEnv: { token: T }\n',
    'config/tenants/beta.yml': 'slug: beta\n',
  })
  const ok = cli('validate', '--workspace', good)
  t.equal(ok.code, 0, ok.err)
  t.match(ok.out, /ok: workspace "core", \d+ automation\(s\), no errors\nok: 2 declared tenant\(s\): acme, beta/)
  const bad = writeWorkspace({ ...VAULT_FILES, 'config/tenants/acme.yml': 'slug: acme\nconfig:\n  siteUrl: nope\n' })
  for (const command of ['validate', 'tools']) {
    const r = cli(command, '--workspace', bad)
    t.equal(r.code, 1, command)
    t.match(r.err, 'config/tenants/acme.yml:3:12 CONFIG_INVALID config.siteUrl must match pattern "^https?://"')
    t.match(r.err, /1 error\(s\) in the tenant files of /)
    t.equal(r.out, '', 'no tools printed')
  }
  t.equal(readFileSync(join(ROOT, 'config/tenants/example.yml.disabled'), 'utf8').includes('secretsEnv'), true)
})
