// MCP authorization as an OAuth resource server (docs/serving.md "OAuth resource server"), tried
// as an attacker would: an authorization server of our own on loopback publishes its keys (JWKS);
// a token it signed for this server runs as its subject and client, and every forged, expired,
// misdirected or unsigned token is refused with a challenge naming the resource metadata.
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { createServer } from '../../runtime/server/app.ts'
import { fixture } from '../runtime/server/helpers.ts'

async function authorizationServer(t: { teardown(fn: () => unknown): void }, jwk: JWK): Promise<string> {
  const server = createHttpServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end()
      return
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: [{ ...jwk, kid: 'k1', alg: 'RS256', use: 'sig' }] }))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise(resolve => server.close(resolve)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

t.test('a token of the authorization server runs as its subject and client; nothing else gets in', async t => {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const other = await generateKeyPair('RS256')
  const issuer = await authorizationServer(t, await exportJWK(publicKey))
  const publicUrl = 'https://confluence-next.example.com'
  const server = await createServer({
    dir: fixture('serve-basic'),
    host: '0.0.0.0', // no API keys, not loopback: allowed only because tokens are required
    port: 0,
    logger: false,
    env: { CONFLUENCE_NEXT_OAUTH_ISSUER: issuer, PUBLIC_URL: publicUrl, CONFLUENCE_NEXT_OAUTH_SCOPES: 'mcp' },
  })
  const listening = await server.listen()
  const url = listening.replace('0.0.0.0', '127.0.0.1')
  t.teardown(() => server.close())

  const sign = (claims: Record<string, unknown>, key = privateKey, expires = '5m'): Promise<string> =>
    new SignJWT({ scope: 'mcp', azp: 'agent-9', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(`${publicUrl}/mcp`)
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(key)
  const call = (token: string | undefined, args: Record<string, unknown> = {}) =>
    fetch(url + '/mcp', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'whoami', arguments: args },
      }),
    })

  // The SDK client with a valid token: the call runs as the token's subject and client.
  const client = new Client({ name: 'rs-test', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL(url + '/mcp'), {
    requestInit: { headers: { authorization: `Bearer ${await sign({})}` } },
  })
  await client.connect(transport)
  t.teardown(() => client.close())
  const who = await client.callTool({ name: 'whoami', arguments: {} })
  t.match(who.content, [{ text: /userId: alice[\s\S]*agent: agent-9/ }], 'runs as sub and azp')
  const claimed = await client.callTool({ name: 'whoami', arguments: { user_id: 'bob' } })
  t.equal(claimed.isError, true, 'the arguments cannot claim another user')
  t.match(JSON.stringify(claimed.content), /IDENTITY_REFUSED/)

  const metadata = await fetch(url + '/.well-known/oauth-protected-resource').then(r => r.json())
  t.same(metadata, {
    resource: `${publicUrl}/mcp`,
    authorization_servers: [issuer],
    bearer_methods_supported: ['header'],
    scopes_supported: ['mcp'],
  })

  const refused: Array<[string, string | undefined, RegExp]> = [
    [
      'no token',
      undefined,
      /^Bearer realm="confluence-next", resource_metadata="https:\/\/confluence-next\.example\.com\/\.well-known\/oauth-protected-resource"$/,
    ],
    [
      'signed by another key',
      await sign({}, other.privateKey),
      /error="invalid_token", error_description="the token is not signed by the authorization server"/,
    ],
    ['expired', await sign({}, privateKey, '-1h'), /the token has expired/],
    [
      'for another audience',
      await new SignJWT({ scope: 'mcp' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience('https://elsewhere.example/mcp')
        .setSubject('alice')
        .setExpirationTime('5m')
        .sign(privateKey),
      /`aud` claim/,
    ],
    [
      'from another issuer',
      await new SignJWT({ scope: 'mcp' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer('https://evil.example')
        .setAudience(`${publicUrl}/mcp`)
        .setSubject('alice')
        .setExpirationTime('5m')
        .sign(privateKey),
      /`iss` claim/,
    ],
    ['without the scope', await sign({ scope: 'other' }), /lacks the scope\(s\) mcp/],
    [
      'unsigned (alg none)',
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ iss: issuer, aud: `${publicUrl}/mcp`, sub: 'alice', scope: 'mcp' }),
      ).toString('base64url')}.`,
      /error="invalid_token"/,
    ],
    ['not a token', 'an-api-key-that-does-not-exist', /resource_metadata=/],
  ]
  for (const [what, token, challenge] of refused) {
    const res = await call(token)
    t.equal(res.status, 401, `${what}: 401`)
    t.match(res.headers.get('www-authenticate') ?? '', challenge, `${what}: the challenge says why and where to look`)
    t.notMatch(await res.text(), /userId|alice/, `${what}: nothing runs`)
  }
})

t.test("start-up: the tokens' audience needs PUBLIC_URL", async t => {
  await t.rejects(
    createServer({
      dir: fixture('serve-basic'),
      port: 0,
      logger: false,
      env: { CONFLUENCE_NEXT_OAUTH_ISSUER: 'https://auth.example' },
    }),
    /set PUBLIC_URL/,
  )
})
