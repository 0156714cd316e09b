// Two `serve` processes share one Redis and one master key. A connected user's access token expires;
// 50 tool calls arrive at once, 25 on each process. The refresh token rotates (a spent one is
// refused), so two refreshes would break the connection: exactly one must happen, every call must
// succeed, and the store must hold the newest refresh token.
import { randomBytes } from 'node:crypto'
import t from 'tap'
import { createStore } from '../../runtime/host/store/index.ts'
import { HAVE_REDIS, NO_REDIS, startRedis, tempDir } from '../runtime/host/store/helpers.ts'
import { callTool, connectUser, ownClientEnv, serveChild, startWorld, worldEnv } from './helpers.ts'

const CALLS_PER_PROCESS = 25
const TOKEN = 'record:confluence-next:oauth:token:alice'

t.test(
  '50 concurrent calls with an expired token across two processes: one refresh, all succeed',
  {
    skip: HAVE_REDIS ? false : NO_REDIS,
  },
  async t => {
    const w = await startWorld(t)
    const redis = await startRedis(t)
    const masterKey = randomBytes(32).toString('base64')
    const shared = { REDIS_URL: redis.url, CONFLUENCE_NEXT_MASTER_KEY: masterKey, LOG_LEVEL: 'warn' }
    const [a, b] = await Promise.all([
      serveChild(t, worldEnv(w, { ...ownClientEnv, ...shared, DATA_DIR: tempDir(t, 'cn-oauth-a-') })),
      serveChild(t, worldEnv(w, { ...ownClientEnv, ...shared, DATA_DIR: tempDir(t, 'cn-oauth-b-') })),
    ])
    t.equal((await connectUser(a.url + '/mcp', 'alice')).final.status, 200, 'connected through process A')
    t.equal(
      (await callTool(b.url + '/mcp', 'alice', 'spaces', 'list')).isError,
      false,
      'and process B sees the connection',
    )

    const store = await createStore({ dataDir: tempDir(t), redisUrl: redis.url, masterKey })
    t.teardown(() => store.close())
    const before = (await store.get(TOKEN)) as any
    t.ok(before?.refresh, 'tokens are in Redis, encrypted with the shared key')
    await store.set(TOKEN, { ...before, expiresAt: Date.now() - 1000 })
    w.identity.expireAccessTokens() // the gateway refuses the old token too
    w.identity.tokenDelayMs = 50 // a refresh takes a while, so the racing calls really overlap

    const calls = [a, b].flatMap(p =>
      Array.from({ length: CALLS_PER_PROCESS }, (_, i) =>
        callTool(
          p.url + '/mcp',
          'alice',
          i % 2 ? 'spaces' : 'pages',
          i % 2 ? 'list' : 'get',
          i % 2 ? {} : { id: '65538' },
        ),
      ),
    )
    const results = await Promise.all(calls)
    t.equal(results.length, 2 * CALLS_PER_PROCESS)
    t.same(
      results.filter(r => r.isError).map(r => r.text),
      [],
      'every call succeeds',
    )
    t.equal(w.identity.counts.refresh_token, 1, 'exactly one refresh')
    t.equal(w.identity.counts.invalid_grant, 0, 'no spent refresh token was ever sent')
    const after = (await store.get(TOKEN)) as any
    t.equal(after.refresh, w.identity.latestRefreshToken(), 'the stored refresh token is the newest')
    t.not(after.refresh, before.refresh)
    t.same(w.identity.liveAccessTokens(), [after.access], 'and its access token is the only live one')
    t.same(w.fake.violations, [])
  },
)
