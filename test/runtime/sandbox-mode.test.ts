// `npm start` with nothing configured serves the sandbox Confluence (README "Quick start").
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { spawnServe, type Served } from '../helpers/serve.ts'

/** Run `serve` in a child process; resolves with its base URL once the banner shows `ready`. */
function serve(t: { teardown(fn: () => unknown): void }, extra: NodeJS.ProcessEnv, ready: string): Promise<Served> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cn-sandbox-')),
    LOG_LEVEL: 'warn',
    ...extra,
  }
  return spawnServe(t, [], { env, ready })
}

/** One tools/call as raw JSON-RPC. */
async function call(url: string, name: string, args: Record<string, unknown>): Promise<any> {
  const res = await fetch(url + '/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  })
  return ((await res.json()) as any).result
}

t.test('serve with no Confluence configured starts the sandbox and answers tool calls', async t => {
  const { url, out, child } = await serve(t, {}, 'SANDBOX:')
  t.match(out(), /embedded sandbox Confluence at http:\/\/127\.0\.0\.1:\d+/)
  t.match(out(), /Connect an MCP client to http:\/\/127\.0\.0\.1:\d+\/mcp/)
  const result = await call(url, 'spaces', { action: 'list' })
  t.notOk(result.isError, JSON.stringify(result))
  t.match(result.content[0].text, /DEMO — Demo space/)
  child.kill('SIGTERM')
  const code = await new Promise(resolve => child.once('exit', resolve))
  t.equal(code, 0, 'stops cleanly on SIGTERM')
})

t.test('CONFLUENCE_SANDBOX_AUTH=oauth: a user who is not connected gets a connect link', async t => {
  const { url } = await serve(
    t,
    { CONFLUENCE_SANDBOX_AUTH: 'oauth', PUBLIC_URL: 'http://127.0.0.1:9' },
    'OAuth: per-user',
  )
  const result = await call(url, 'spaces', { action: 'list', user_id: 'ada' })
  t.equal(result.isError, true)
  t.match(
    result.content[0].text,
    /Confluence is not connected for this user[\s\S]*http:\/\/127\.0\.0\.1:9\/v2\/workspaces\/slug:confluence-next\/webhooks\/oauthConnect/,
  )
})
