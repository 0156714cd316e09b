// Who may call: the agent allowlist and its messages, configuration errors (docs/connector.md).
import t from 'tap'
import { startConnector, text } from './helpers.ts'

t.test('agent identity and allowlist', async t => {
  const c = await startConnector(t)
  const anonymous = (await c.client.callTool({ name: 'spaces', arguments: { action: 'list' } })) as any
  t.equal(anonymous.isError, true)
  t.match(
    text(anonymous),
    /The calling agent could not be identified, so it cannot be authorized\. The MCP capability must declare Scope "context_id,agent_id,user_id"/,
  )
  const stranger = await c.call('spaces', 'list', { agent_id: 'intruder' })
  t.equal(stranger.isError, true)
  t.match(
    text(stranger),
    /This agent is not authorized to use this connector\. A workspace admin must allow it: add the agent id \(intruder\)/,
  )
  const before = c.fake.requests.length
  await c.call('pages', 'delete', { pageId: '65538', agent_id: 'intruder' })
  t.equal(c.fake.requests.length, before, 'a refused agent never reaches Confluence')
  t.notOk((await c.call('spaces', 'list', {})).isError, 'the allowed agent gets through')
})

t.test('allow all agents', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_ALLOWED_AGENTS: '', CONFLUENCE_ALLOW_ALL_AGENTS: 'true' } })
  t.notOk((await c.call('spaces', 'list', { agent_id: 'anyone' })).isError)
  t.notOk(
    ((await c.client.callTool({ name: 'spaces', arguments: { action: 'list' } })) as any).isError,
    'even without an agent id',
  )
})

t.test('not configured', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_API_TOKEN: '' } })
  const r = await c.call('spaces', 'list', {})
  t.equal(r.isError, true)
  t.match(
    text(r),
    /not configured for apiToken mode: set CONFLUENCE_SITE_URL, CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN/,
  )
})

t.test('OAuth modes without a client', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_AUTH_MODE: 'oauthCentral' } })
  const r = await c.call('spaces', 'list', {})
  t.equal(r.isError, true)
  t.match(text(r), /OAuth is not configured/)
})
