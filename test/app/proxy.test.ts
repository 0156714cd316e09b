// Behind a load balancer (docs/operations.md "Behind a load balancer"): with TRUST_PROXY the
// sign-in rate limit counts each client by its X-Forwarded-For, so one guesser behind the balancer
// does not lock every admin out; without it every client is the balancer.
import t, { type Test } from 'tap'
import { startWorld } from './helpers.ts'

const LOGIN = '/apps/confluence-next/api/login'
const BALANCER = '10.0.0.5'

async function failedLogins(t: Test, trustProxy: string[] | false): Promise<number> {
  const w = await startWorld(t, { trustProxy })
  const login = (client: string) =>
    w.server.app.inject({
      method: 'POST',
      url: LOGIN,
      remoteAddress: BALANCER,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      payload: { key: 'not-a-key-0000000000000000' },
    })
  for (let i = 0; i < 10; i++) await login('203.0.113.7')
  t.equal((await login('203.0.113.7')).statusCode, 429, 'the guesser is rate-limited')
  return (await login('198.51.100.9')).statusCode
}

t.test('TRUST_PROXY: each client is counted by its own address', async t => {
  t.equal(await failedLogins(t, ['10.0.0.0/8']), 401, 'another client behind the same balancer can still sign in')
})

t.test('without it, every client behind the balancer shares one count', async t => {
  t.equal(await failedLogins(t, false), 429, 'the balancer address is the only client')
})
