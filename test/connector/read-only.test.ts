// CONFLUENCE_READ_ONLY=true: write actions are not listed and are refused (docs/connector.md).
import t from 'tap'
import { startConnector, text } from './helpers.ts'

const WRITES = ['pages.create', 'pages.update', 'pages.delete', 'comments.addFooter', 'labels.addToPage']

t.test('read-only hides and refuses every write action', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_READ_ONLY: 'true' } })
  const { tools } = await c.client.listTools()
  const listed = tools.flatMap(x =>
    ((x.inputSchema.properties as any).action.enum as string[]).map(a => `${x.name}.${a}`),
  )
  t.equal(listed.length, 15, '15 read actions remain')
  for (const w of WRITES) t.notOk(listed.includes(w), `${w} is not listed`)
  const before = c.fake.requests.length
  const args: Record<string, Record<string, unknown>> = {
    'pages.create': { body: { spaceId: '98305', title: 'x', body: { value: '<p>x</p>' } } },
    'pages.update': { id: '65538', body: { title: 'x', body: { value: '<p>x</p>' }, version: { number: 5 } } },
    'pages.delete': { id: '65538' },
    'comments.addFooter': { body: { pageId: '65538', body: { value: '<p>x</p>' } } },
    'labels.addToPage': { id: '65538', labels: ['x'] },
  }
  for (const w of WRITES) {
    const [tool, action] = w.split('.')
    const r = await c.call(tool, action, args[w])
    t.equal(r.isError, true, `${w} refused`)
    t.match(text(r), new RegExp(`${w.replace('.', '\\.')} is not available: this server is read-only`))
  }
  t.equal(c.fake.requests.length, before, 'nothing reached Confluence')
  t.notOk((await c.call('pages', 'get', { id: '65538' })).isError, 'reads still work')
  const pages = tools.find(x => x.name === 'pages')!
  t.equal(pages.annotations?.readOnlyHint, true, 'the pages tool is now read-only')
})

t.test('the automation refuses writes too (defence in depth)', async t => {
  // Even if an automation is reached some other way, confluence/connect refuses in read-only mode.
  const c = await startConnector(t, { env: { CONFLUENCE_READ_ONLY: 'true' } })
  const workspace = c.server.served[0].workspace
  const err = await workspace.run('pages/delete', { id: '65538' }, { identity: { agentId: 'agent-1' } }).catch(e => e)
  t.match(
    err.message,
    /This Confluence connector is read-only \(CONFLUENCE_READ_ONLY=true\), so pages\.delete is disabled/,
  )
})
