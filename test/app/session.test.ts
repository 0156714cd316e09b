// The session and CSRF module (runtime/server/session.ts) on its own: signing, expiry, binding to a
// workspace, revocation, the shared secret, the double-submit token and the request checks.
import type { FastifyRequest } from 'fastify'
import t from 'tap'
import type { Workspace } from '../../runtime/engine/workspace.ts'
import {
  CSRF_HEADER,
  parseCookies,
  sessionCookie,
  sessionIdentity,
  sessionLocal,
  Sessions,
  unsafeRequestProblem,
} from '../../runtime/server/session.ts'
import { MemoryStore } from '../../runtime/host/store/memory.ts'

const ws = (slug: string, publicUrl?: string): Workspace =>
  ({ slug, config: publicUrl ? { publicUrl } : {} }) as unknown as Workspace
const request = (headers: Record<string, string>, method = 'POST'): FastifyRequest =>
  ({ headers: { host: '127.0.0.1:3000', ...headers }, method }) as unknown as FastifyRequest

/** The cookie header a browser would send back after these Set-Cookie values. */
function jar(setCookies: string[]): string {
  return setCookies.map(c => c.split(';')[0]).join('; ')
}

t.test('a session cookie round-trips, bound to its workspace, HttpOnly and SameSite=Strict', async t => {
  const sessions = await Sessions.open(new MemoryStore())
  const s = sessions.create('acme', 'admin')
  const set = sessions.cookies(s, false)
  t.match(set[0], /^cn-app-acme=[\w-]+\.[\w-]+; Path=\/; Max-Age=28800; SameSite=Strict; HttpOnly$/)
  t.match(
    set[1],
    /^cn-csrf-acme=[\w-]+; Path=\/; Max-Age=28800; SameSite=Strict$/,
    'the CSRF cookie is readable by the page',
  )
  const secure = sessions.cookies(s, true)
  t.match(secure[0], /^__Host-cn-app-acme=.*; Secure$/, 'behind https: Secure, with the __Host- prefix')
  const cookie = jar(set)
  t.match(await sessions.read(request({ cookie }), 'acme'), { sid: s.sid, ws: 'acme', role: 'admin' })
  t.equal(await sessions.read(request({ cookie }), 'beta'), undefined, 'another workspace does not accept it')
  t.equal(await sessions.read(request({ cookie: jar(secure) }), 'acme').then(x => x?.sid), s.sid)
  t.match(sessionLocal(sessions.create('acme', 'user', 'u1')), {
    role: 'user',
    workspace: 'acme',
    userId: 'u1',
    expiresAt: /^\d{4}-/,
  })
  t.same(sessionIdentity(sessions.create('acme', 'user', 'u1')), { userId: 'u1' })
  t.same(sessionIdentity(s), {}, 'an admin session runs with no user identity')
})

t.test('tampered, forged, expired and revoked cookies are refused', async t => {
  const store = new MemoryStore()
  const sessions = await Sessions.open(store)
  const s = sessions.create('acme', 'user', 'alice')
  const [value] = sessions.cookies(s, false)[0].split(';')
  const [, token] = value.split('=')
  const [payload, mac] = token.split('.')
  const forge = (p: object): string =>
    `${sessionCookie('acme', false)}=${Buffer.from(JSON.stringify(p)).toString('base64url')}.${mac}`
  t.equal(
    await sessions.read(request({ cookie: forge({ ...s, user: 'bob' }) }), 'acme'),
    undefined,
    'another user with the old signature',
  )
  t.equal(
    await sessions.read(request({ cookie: forge({ ...s, role: 'maintainer' }) }), 'acme'),
    undefined,
    'another role',
  )
  t.equal(
    await sessions.read(request({ cookie: `${sessionCookie('acme', false)}=${payload}.` }), 'acme'),
    undefined,
    'no signature',
  )
  t.equal(await sessions.read(request({ cookie: `${sessionCookie('acme', false)}=garbage` }), 'acme'), undefined)
  const other = await Sessions.open(new MemoryStore())
  t.equal(
    await other.read(request({ cookie: value }), 'acme'),
    undefined,
    'a store with another secret does not accept it',
  )

  const old = { ...s, exp: Date.now() - 1 }
  t.equal(await sessions.read(request({ cookie: jar(sessions.cookies(old, false)) }), 'acme'), undefined, 'expired')

  t.ok(await sessions.read(request({ cookie: value }), 'acme'))
  await sessions.revoke(s)
  t.equal(await sessions.read(request({ cookie: value }), 'acme'), undefined, 'logged out: refused at once')
  const again = await Sessions.open(store)
  t.equal(await again.read(request({ cookie: value }), 'acme'), undefined, 'on every instance of the store')
})

t.test('instances sharing a store share the signing secret, even when they start together', async t => {
  const store = new MemoryStore()
  const [a, b, c] = await Promise.all([Sessions.open(store), Sessions.open(store), Sessions.open(store)])
  const s = a.create('acme', 'admin')
  const cookie = jar(a.cookies(s, false))
  t.ok(await b.read(request({ cookie }), 'acme'))
  t.ok(await c.read(request({ cookie }), 'acme'))
  t.equal(b.csrfToken(s), a.csrfToken(s))
})

t.test('guard: a session, then for state changes the CSRF token, the same origin and JSON', async t => {
  const sessions = await Sessions.open(new MemoryStore())
  const s = sessions.create('acme', 'admin')
  const set = sessions.cookies(s, false)
  const cookie = jar(set)
  const token = set[1].split(';')[0].split('=')[1]
  t.equal(token, sessions.csrfToken(s))
  const json = { 'content-type': 'application/json', 'content-length': '2' }

  t.match(await sessions.guard(request({}, 'GET'), ws('acme')), { status: 401 })
  t.match(
    await sessions.guard(request({ cookie }, 'GET'), ws('acme')),
    { session: { sid: s.sid } },
    'a read needs no token',
  )
  t.match(
    await sessions.guard(request({ cookie, ...json }), ws('acme')),
    { status: 403, body: { error: 'CSRF' } },
    'no token',
  )
  t.match(
    await sessions.guard(request({ cookie, ...json, [CSRF_HEADER]: 'x'.repeat(43) }), ws('acme')),
    { status: 403 },
    'a wrong token',
  )
  const other = sessions.create('acme', 'admin')
  t.match(
    await sessions.guard(request({ cookie, ...json, [CSRF_HEADER]: sessions.csrfToken(other) }), ws('acme')),
    { status: 403 },
    "another session's token",
  )
  t.match(await sessions.guard(request({ cookie, ...json, [CSRF_HEADER]: token }), ws('acme')), {
    session: { sid: s.sid },
  })
  t.match(await sessions.guard(request({ cookie, ...json, [CSRF_HEADER]: token }, 'DELETE'), ws('acme')), {
    session: {},
  })
  t.match(
    await sessions.guard(
      request({
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': '3',
        [CSRF_HEADER]: token,
      }),
      ws('acme'),
    ),
    { status: 403, body: { message: /JSON/ } },
  )
  t.match(
    await sessions.guard(
      request({ cookie, ...json, [CSRF_HEADER]: token, origin: 'https://evil.example' }),
      ws('acme'),
    ),
    { status: 403, body: { message: /Origin/ } },
  )
  t.match(
    await sessions.guard(
      request({ cookie, ...json, [CSRF_HEADER]: token, origin: 'http://127.0.0.1:3000' }),
      ws('acme'),
    ),
    { session: {} },
    'same origin',
  )
  t.match(
    await sessions.guard(
      request({ cookie, ...json, [CSRF_HEADER]: token, origin: 'https://config.example.com' }),
      ws('acme', 'https://config.example.com'),
    ),
    { session: {} },
    'the public URL behind a proxy',
  )
})

t.test('unsafeRequestProblem and parseCookies', async t => {
  t.equal(unsafeRequestProblem(request({}), ws('a')), undefined, 'no body, no origin')
  t.match(unsafeRequestProblem(request({ origin: 'null' }), ws('a')), /Origin/)
  t.match(
    unsafeRequestProblem(request({ 'transfer-encoding': 'chunked', 'content-type': 'text/plain' }), ws('a')),
    /JSON/,
  )
  t.same(parseCookies('a=1; b = 2;c=x=y; a=ignored; broken'), { a: '1', b: '2', c: 'x=y' })
  t.same(parseCookies(undefined), {})
})
