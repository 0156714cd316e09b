// Issue 15, identity: a user is linked to an Atlassian account only from a connect flow that the same
// user started, in the same browser. An attacker who starts a flow and plants its callback URL on a
// victim (or replays a victim's callback elsewhere) connects nobody.
import t from 'tap'
import { browse, callTool, connectLink, ownClientEnv, serveInProcess, startWorld, worldEnv } from '../oauth/helpers.ts'

const TOKEN = (user: string): string => `record:confluence-next:oauth:token:${user}`

t.test('a callback completed in another browser than the one that started the flow is refused', async t => {
  const w = await startWorld(t)
  const inst = await serveInProcess(t, [{ env: worldEnv(w, ownClientEnv) }])
  const mcp = inst.url + '/mcp'
  const store = inst.workspaces[0].store
  // Mallory starts the flow with the link made for him, stops at Atlassian's redirect back...
  const mallory = new Map<string, string>()
  const started = await fetch(await connectLink(mcp, 'mallory'), { method: 'POST', redirect: 'manual' })
  for (const c of started.headers.getSetCookie()) {
    mallory.set(c.split(';')[0].split('=')[0], c.split(';')[0].split('=')[1])
  }
  t.equal(mallory.size, 1, 'the flow is bound to his browser by a cookie')
  t.match(started.headers.getSetCookie()[0], /HttpOnly; SameSite=Lax/)
  const atAtlassian = await fetch(started.headers.get('location')!, { redirect: 'manual' })
  const callback = atAtlassian.headers.get('location')!
  t.match(callback, /\/webhooks\/oauthCallback\?code=/)
  // ...and has someone else's browser open the callback URL (no cookie, or another flow's cookie).
  const victim = await browse(callback, 'GET', new Map([['cn-connect-0000000000000000', 'x']]))
  t.equal(victim.final.status, 403)
  t.match(victim.final.text, /This sign-in was started elsewhere.*nothing was connected/s)
  t.equal(await store.get(TOKEN('mallory')), undefined, 'nobody is connected')
  t.equal(w.identity.counts.authorization_code, 0, 'the code was never exchanged')
  // The state is spent: even Mallory's own browser cannot finish it now.
  t.equal((await browse(callback, 'GET', mallory)).final.status, 400)
  t.match((await callTool(mcp, 'mallory', 'spaces', 'list')).text, /NOT_CONNECTED/)
})

t.test('the browser that started the flow completes it, for the user the link was made for', async t => {
  const w = await startWorld(t)
  const inst = await serveInProcess(t, [{ env: worldEnv(w, ownClientEnv) }])
  const mcp = inst.url + '/mcp'
  const jar = new Map<string, string>()
  const flow = await browse(await connectLink(mcp, 'alice'), 'POST', jar)
  t.equal(flow.final.status, 200, flow.final.text)
  t.ok(await inst.workspaces[0].store.get(TOKEN('alice')), 'alice is connected')
  t.equal(await inst.workspaces[0].store.get(TOKEN('bob')), undefined, 'and nobody else')
})
