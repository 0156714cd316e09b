// The page's scope checks (apps/confluence-next/scopes.js, plain browser JavaScript) against the
// table the server derives from the automations.
import t from 'tap'
import { scopeTable } from '../../runtime/server/web-apps.ts'
import { loadWorkspace } from '../../runtime/workspace/load.ts'
import { ROOT } from '../connector/helpers.ts'

interface Warning {
  kind: 'classic' | 'missing' | 'unknown'
  scope: string
  actions?: string[]
  text: string
}
const { parseScopes, isClassic, scopeWarnings } = (await import(
  new URL('../../apps/confluence-next/scopes.js', import.meta.url).href
)) as {
  parseScopes(text: string): string[]
  isClassic(scope: string): boolean
  scopeWarnings(scopes: string[], table: { actions: Record<string, string[]>; defaultScopes?: string[] }): Warning[]
}

const { workspace } = loadWorkspace(ROOT, { env: {} })
const table = scopeTable(workspace!)

t.test('parsing', async t => {
  t.same(parseScopes(' read:page:confluence,search:confluence\n\nread:page:confluence  offline_access '), [
    'read:page:confluence',
    'search:confluence',
    'offline_access',
  ])
  t.same(parseScopes(''), [])
})

t.test('the default set draws no warning', async t => {
  t.same(scopeWarnings(table.defaultScopes, table), [])
})

t.test('classic scopes are flagged', async t => {
  // Atlassian's list of classic Confluence scopes, every one of them.
  const classic = [
    'read:confluence-content.all',
    'read:confluence-content.summary',
    'read:confluence-content.permission',
    'read:confluence-props',
    'read:confluence-space.summary',
    'read:confluence-groups',
    'read:confluence-user',
    'write:confluence-content',
    'write:confluence-file',
    'write:confluence-props',
    'write:confluence-space',
    'write:confluence-groups',
    'readonly:content.attachment:confluence',
    'search:confluence',
    'manage:confluence-configuration',
  ]
  for (const s of classic) t.ok(isClassic(s), s)
  for (const s of [...table.defaultScopes, 'read:content-details:confluence']) t.notOk(isClassic(s), s)
  const w = scopeWarnings([...table.defaultScopes, 'read:confluence-content.all'], table)
  t.match(w, [{ kind: 'classic', scope: 'read:confluence-content.all', text: /classic scope.*granular/ }])
})

t.test('a missing granular scope names the actions that would get 403', async t => {
  const w = scopeWarnings(
    table.defaultScopes.filter(s => s !== 'write:page:confluence'),
    table,
  )
  t.same(
    w.map(x => [x.kind, x.scope, x.actions]),
    [['missing', 'write:page:confluence', ['pages.create', 'pages.update']]],
  )
  t.equal(w[0].text, 'Without write:page:confluence, pages.create, pages.update would get 403 from Confluence.')
  const ro = scopeWarnings(table.readOnlyScopes, table)
  t.same(
    ro.map(x => x.scope).sort(),
    ['delete:page:confluence', 'write:comment:confluence', 'write:label:confluence', 'write:page:confluence'],
    'the read-only preset: only the write actions would get 403',
  )
  t.same(ro.flatMap(x => x.actions).sort(), [
    'comments.addFooter',
    'labels.addToPage',
    'pages.create',
    'pages.delete',
    'pages.update',
  ])
  t.match(scopeWarnings([...table.defaultScopes, 'made:up'], table), [{ kind: 'unknown', scope: 'made:up' }])
})
