// The fake Atlassian identity server (sandbox/identity) behaves as auth.atlassian.com does where the
// connector depends on it: authorize checks, both grants in JSON and form bodies, the client secret,
// PKCE, single-use codes, rotating refresh tokens, revocation and expiry — and the tokens it mints
// work at the fake Confluence with exactly the granted scopes.
import t, { type Test } from 'tap'
import { createFakeConfluence } from '../../sandbox/confluence/index.ts'
import { createFakeIdentity, s256 } from '../../sandbox/identity/index.ts'

const CLIENT = { id: 'app', secret: 'app-secret', redirectUris: ['http://127.0.0.1:9/cb'] }

async function world(t: Test, lifetimes?: { accessToken?: number }) {
  const fake = await createFakeConfluence({ seed: 'demo' })
  const fakeUrl = await fake.listen()
  t.teardown(() => fake.close())
  const identity = await createFakeIdentity({ clients: [CLIENT], tokens: fake.credentials, lifetimes })
  const url = await identity.listen()
  t.teardown(() => identity.close())
  const authorize = async (params: Record<string, string>): Promise<Response> =>
    fetch(
      `${url}/authorize?${new URLSearchParams({ audience: 'api.atlassian.com', client_id: CLIENT.id, redirect_uri: CLIENT.redirectUris[0], response_type: 'code', prompt: 'consent', state: 's1', scope: 'read:space:confluence offline_access', ...params })}`,
      { redirect: 'manual' },
    )
  const token = async (body: Record<string, string>, form = false): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }
  const code = async (params: Record<string, string> = {}): Promise<string> => {
    const loc = new URL((await authorize(params)).headers.get('location')!)
    return loc.searchParams.get('code')!
  }
  const spaces = (access: string): Promise<Response> =>
    fetch(`${fakeUrl}/ex/confluence/${fake.cloudId}/wiki/api/v2/spaces`, {
      headers: { authorization: `Bearer ${access}` },
    })
  return { fake, identity, authorize, token, code, spaces }
}

t.test('authorize: refuses bad clients and redirect URIs with a page, other problems with a redirect', async t => {
  const { authorize } = await world(t)
  t.equal((await authorize({ client_id: 'nope' })).status, 400)
  t.equal((await authorize({ redirect_uri: 'http://127.0.0.1:9/other' })).status, 400)
  t.equal((await authorize({ audience: 'x' })).status, 400)
  t.equal((await authorize({ state: '' })).status, 400)
  const scope = new URL((await authorize({ scope: 'read:space:confluence admin:everything' })).headers.get('location')!)
  t.equal(scope.searchParams.get('error'), 'invalid_scope')
  t.equal(scope.searchParams.get('state'), 's1')
  const ok = await authorize({})
  t.equal(ok.status, 302)
  const loc = new URL(ok.headers.get('location')!)
  t.equal(loc.origin + loc.pathname, CLIENT.redirectUris[0])
  t.ok(loc.searchParams.get('code'))
  t.equal(loc.searchParams.get('state'), 's1')
})

t.test('token: both grants, JSON and form, secret check, PKCE, single-use codes, rotation', async t => {
  const { identity, token, code, spaces } = await world(t)
  const base = { client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uri: CLIENT.redirectUris[0] }
  t.match(await token({ ...base, client_secret: 'wrong', grant_type: 'authorization_code', code: await code() }), {
    status: 401,
    body: { error: 'access_denied' },
  })

  const c = await code()
  const first = await token({ ...base, grant_type: 'authorization_code', code: c })
  t.match(first, {
    status: 200,
    body: { token_type: 'Bearer', expires_in: 3600, scope: 'read:space:confluence offline_access' },
  })
  t.match(
    await token({ ...base, grant_type: 'authorization_code', code: c }),
    { status: 403, body: { error: 'invalid_grant' } },
    'a code works once',
  )
  t.equal((await spaces(first.body.access_token)).status, 200, 'the access token works at the fake gateway')

  // PKCE: the verifier must match the challenge sent at /authorize.
  const verifier = 'v'.repeat(50)
  const pkce = await code({ code_challenge: s256(verifier), code_challenge_method: 'S256' })
  t.match(await token({ ...base, grant_type: 'authorization_code', code: pkce, code_verifier: 'w'.repeat(50) }), {
    status: 403,
    body: { error: 'invalid_grant' },
  })
  const withPkce = await code({ code_challenge: s256(verifier), code_challenge_method: 'S256' })
  t.equal(
    (await token({ ...base, grant_type: 'authorization_code', code: withPkce, code_verifier: verifier }, true)).status,
    200,
    'form body, right verifier',
  )

  // Rotation: each refresh token works once and yields a new one.
  const r1 = first.body.refresh_token
  const second = await token(
    { client_id: CLIENT.id, client_secret: CLIENT.secret, grant_type: 'refresh_token', refresh_token: r1 },
    true,
  )
  t.equal(second.status, 200)
  t.not(second.body.refresh_token, r1)
  t.same(
    await token({ client_id: CLIENT.id, client_secret: CLIENT.secret, grant_type: 'refresh_token', refresh_token: r1 }),
    { status: 403, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } },
    'a spent refresh token',
  )
  t.equal(identity.latestRefreshToken(), second.body.refresh_token)
  t.equal(identity.counts.refresh_token, 1)

  // Narrowing on refresh, never widening.
  t.match(
    await token({
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      grant_type: 'refresh_token',
      refresh_token: second.body.refresh_token,
      scope: 'write:page:confluence',
    }),
    { status: 400, body: { error: 'invalid_scope' } },
  )
  t.match(await token({ ...base, grant_type: 'client_credentials' }), {
    status: 400,
    body: { error: 'unsupported_grant_type' },
  })

  // Revocation: every token of the grant dies, at the identity server and at the gateway.
  const live = identity.latestRefreshToken()
  t.equal(live, second.body.refresh_token, 'a refused narrowing does not spend the token')
  identity.revoke()
  t.equal((await spaces(second.body.access_token)).status, 401)
  t.equal(identity.latestRefreshToken(), undefined)
  t.match(
    await token({
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      grant_type: 'refresh_token',
      refresh_token: live!,
    }),
    { status: 403, body: { error: 'invalid_grant' } },
  )
})

t.test('minted tokens carry exactly the granted scopes, and stop working when they expire', async t => {
  const { token, code, spaces, fake } = await world(t, { accessToken: 1 })
  const read = await token({
    client_id: CLIENT.id,
    client_secret: CLIENT.secret,
    redirect_uri: CLIENT.redirectUris[0],
    grant_type: 'authorization_code',
    code: await code({ scope: 'read:page:confluence' }),
  })
  t.equal(read.body.refresh_token, undefined, 'no offline_access, no refresh token')
  const r = await spaces(read.body.access_token)
  t.equal(r.status, 401, 'read:space:confluence was not granted')
  t.match(await r.json(), { message: 'Unauthorized; scope does not match' })
  const full = await token({
    client_id: CLIENT.id,
    client_secret: CLIENT.secret,
    redirect_uri: CLIENT.redirectUris[0],
    grant_type: 'authorization_code',
    code: await code(),
  })
  t.equal((await spaces(full.body.access_token)).status, 200)
  await new Promise(resolve => setTimeout(resolve, 1100))
  t.equal((await spaces(full.body.access_token)).status, 401, 'expired after expires_in')
  t.same(fake.violations, [])
})
