// Every YAML example of docs/fetch.md is a file of test/fixtures/fetch-docs (same text, named by its
// first line), and every one of those automations runs here against undici's MockAgent.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { MockAgent, type FormData } from 'undici'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'

const ROOT = join(import.meta.dirname, '../../..')
const FIXTURE = join(ROOT, 'test/fixtures/fetch-docs')
const SITE = 'https://acme.atlassian.net'
const ENV = {
  CONFLUENCE_EMAIL: 'bot@acme.example',
  CONFLUENCE_API_TOKEN: 'ATATT-docs-token',
  ATLASSIAN_CLIENT_SECRET: 'docs-client-secret',
}
const BASIC = `Basic ${Buffer.from(`${ENV.CONFLUENCE_EMAIL}:${ENV.CONFLUENCE_API_TOKEN}`).toString('base64')}`
const JSON_TYPE = { headers: { 'content-type': 'application/json' } }

t.test('each YAML block of docs/fetch.md is a fixture file, and each fixture is in the docs', async t => {
  const docs = readFileSync(join(ROOT, 'docs/fetch.md'), 'utf8')
  const blocks = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1])
  const named = new Set<string>()
  for (const block of blocks) {
    const name = /^# ((?:config|automations)\/[\w./-]+\.yml)\n/.exec(block)?.[1]
    if (!t.ok(name, `the block names its file: ${block.slice(0, 40)}`)) continue
    named.add(name!)
    t.equal(block, readFileSync(join(FIXTURE, name!), 'utf8'), `${name} matches its fixture`)
  }
  const files = ['config/index.yml', ...readdirSync(join(FIXTURE, 'automations')).map(f => `automations/${f}`)]
  t.same([...named].sort(), files.sort(), 'no fixture without its example')
})

t.test('the examples run', async t => {
  const agent = new MockAgent()
  agent.disableNetConnect()
  t.teardown(() => agent.close())
  const { workspace: ws, diagnostics } = loadWorkspace(FIXTURE, { env: ENV, services: { dispatcher: agent } })
  t.same(diagnostics, [])
  if (!ws) return
  const site = agent.get(SITE)
  const run = async (slug: string, args: Record<string, unknown>): Promise<unknown> => (await ws.run(slug, args)).output

  site
    .intercept({
      path: '/wiki/api/v2/pages/7?body-format=storage',
      headers: { authorization: BASIC, 'user-agent': 'confluence-next/0.1' },
    })
    .reply(200, { id: '7', title: 'Runbook', version: { number: 3 } }, JSON_TYPE)
  site
    .intercept({ path: '/wiki/api/v2/pages/8?body-format=storage' })
    .reply(404, { errors: [{ status: 404, title: 'Not Found' }] }, JSON_TYPE)
  site
    .intercept({ path: '/wiki/api/v2/pages/9?body-format=storage' })
    .reply(403, { message: 'no permission' }, JSON_TYPE)
  t.same(await run('get-page', { id: '7' }), { found: true, title: 'Runbook', version: 3 })
  t.same(await run('get-page', { id: '8' }), { found: false, id: '8' })
  t.same(await run('get-page', { id: '9' }), { found: false, status: 403, error: { message: 'no permission' } })

  let sent: unknown
  site.intercept({ path: '/wiki/api/v2/pages/7', method: 'PUT' }).reply(
    200,
    (opts: { body?: unknown }) => {
      sent = JSON.parse(String(opts.body))
      return { version: { number: 4 } }
    },
    JSON_TYPE,
  )
  site
    .intercept({ path: '/wiki/api/v2/pages/7', method: 'PUT' })
    .reply(409, { errors: [{ title: 'Version must be incremented' }] }, JSON_TYPE)
  site
    .intercept({ path: '/wiki/api/v2/pages/7', method: 'PUT' })
    .reply(400, { errors: [{ title: 'Invalid storage format' }] }, JSON_TYPE)
  const update = { id: '7', title: 'Runbook', storage: '<p>v4</p>', version: 3 }
  t.same(await run('update-page', update), { updated: true, version: 4 })
  t.same(sent, {
    id: '7',
    status: 'current',
    title: 'Runbook',
    body: { representation: 'storage', value: '<p>v4</p>' },
    version: { number: 4 },
  })
  t.same(await run('update-page', update), { updated: false, reason: 'version conflict: read the page again' })
  t.same(await run('update-page', update), { updated: false, status: 400, reason: 'Invalid storage format' })

  agent
    .get('https://api.atlassian.com')
    .intercept({
      path: '/ex/confluence/0b7f5a2c-1d2e-4f60-9a8b-3c4d5e6f7a8b/wiki/api/v2/pages?id=1&id=2&limit=250',
      headers: { authorization: 'Bearer at-123456' },
    })
    .reply(
      200,
      {
        results: [
          { id: '1', title: 'One' },
          { id: '2', title: 'Two' },
        ],
      },
      JSON_TYPE,
    )
  t.same(await run('list-pages', { ids: ['1', '2'], token: 'at-123456' }), { status: 200, titles: ['One', 'Two'] })

  let form: FormData | undefined
  site
    .intercept({
      path: '/wiki/rest/api/content/7/child/attachment',
      method: 'PUT',
      headers: { 'x-atlassian-token': 'no-check' },
    })
    .reply(
      200,
      (opts: { body?: unknown }) => {
        form = opts.body as FormData
        return { results: [{ id: 'att99' }] }
      },
      JSON_TYPE,
    )
  t.same(
    await run('upload-attachment', {
      pageId: '7',
      filename: 'a.bin',
      content: Buffer.from('bytes!').toString('base64'),
    }),
    { status: 200, id: 'att99' },
  )
  const file = form?.get('file') as unknown as File
  t.equal(file.name, 'a.bin')
  t.equal(Buffer.from(await file.arrayBuffer()).toString(), 'bytes!')
  t.equal(form?.get('minorEdit'), 'true')

  let tokenForm = ''
  agent
    .get('https://auth.atlassian.com')
    .intercept({ path: '/oauth/token', method: 'POST' })
    .reply(
      200,
      (opts: { body?: unknown }) => {
        tokenForm = String(opts.body)
        return { access_token: 'new-access', expires_in: 3600 }
      },
      JSON_TYPE,
    )
  t.same((await ws.run('refresh-token', { refreshToken: 'rt-abcdef' })).output, {
    ok: true,
    accessToken: 'new-access',
    expiresIn: 3600,
  })
  t.equal(
    tokenForm,
    'grant_type=refresh_token&client_id=my-oauth-client-id&client_secret=docs-client-secret&refresh_token=rt-abcdef',
  )
  agent
    .get('https://auth.atlassian.com')
    .intercept({ path: '/oauth/token', method: 'POST' })
    .reply(400, { error: 'invalid_grant' }, JSON_TYPE)
  t.same((await ws.run('refresh-token', { refreshToken: 'rt-abcdef' })).output, {
    ok: false,
    status: 400,
    error: 'invalid_grant',
  })

  site.intercept({ path: '/wiki/rest/api/content/7/child/attachment/att99/download' }).reply(302, '', {
    headers: { location: 'https://api.media.atlassian.com/file/f1/binary?token=media-jwt-xyz&client=c1' },
  })
  let mediaAuth: unknown = 'unset'
  agent
    .get('https://api.media.atlassian.com')
    .intercept({ path: '/file/f1/binary?token=media-jwt-xyz&client=c1' })
    .reply(
      200,
      (opts: { headers?: unknown }) => {
        mediaAuth = (opts.headers as Record<string, string>).authorization
        return Buffer.from([1, 2, 3])
      },
      { headers: { 'content-type': 'image/png' } },
    )
  t.same(await run('download-attachment', { pageId: '7', attachmentId: 'att99' }), {
    status: 200,
    mediaType: 'image/png',
    base64: 'AQID',
  })
  t.equal(mediaAuth, undefined, 'the redirect to another origin drops the credentials')

  site
    .intercept({ path: '/wiki/api/v2/pages/5' })
    .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
    .times(3)
  t.same(await run('page-or-reason', { id: '5' }), {
    unavailable: 'FETCH_CONNECTION',
    reason: `fetch GET ${SITE}/wiki/api/v2/pages/5: connection refused (ECONNREFUSED)`,
    attempts: 3,
  })
  agent.assertNoPendingInterceptors()
})
