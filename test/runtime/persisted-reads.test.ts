// `user` and `global` are read from the store only for runs whose automations may use them
// (runtime/engine/persisted-reads.ts); the others make no store read at all.
import t from 'tap'
import { readsPersistedScopes } from '../../runtime/engine/persisted-reads.ts'
import { loadFiles } from '../helpers/workspace.ts'

const automation = (slug: string, body: string): string => `slug: ${slug}\nname: ${slug}\n${body}`

function load() {
  const { workspace, diagnostics } = loadFiles(
    {
      'automations/plain.yml': automation(
        'plain',
        `arguments: { x: { type: string }, items: { type: array } }
do:
  - set: { name: out, value: '{% [items.("item " & $)] %}' }
  - conditions:
      '$count(out) > 1': [{ set: { name: out, value: many } }]
  - reader: { output: r }
output: { out: '{{out}}', r: '{{r}}', who: 'the user said {{x}}' }`,
      ),
      'automations/reader.yml': automation(
        'reader',
        `private: true
do:
  - set: { name: user.seen, value: '{% $exists(user.seen) ? user.seen + 1 : 1 %}' }
output: '{{user.seen}}'`,
      ),
      'automations/local.yml': automation(
        'local',
        `do:
  - set: { name: n, value: '{% $$.config.x & $.run.workspace %}' }
output: '{{n}}'`,
      ),
    },
    { overrides: { config: { x: 'x' } } },
  )
  if (!workspace) throw new Error(JSON.stringify(diagnostics))
  let reads = 0
  const getDoc = workspace.store.getDoc.bind(workspace.store)
  workspace.store.getDoc = async (...args: Parameters<typeof getDoc>) => {
    reads++
    return await getDoc(...args)
  }
  return { workspace, reads: () => reads }
}

t.test('a run that never names user or global reads nothing from the store', async t => {
  const { workspace, reads } = load()
  const r = await workspace.run('local', {}, { identity: { userId: 'u1' } })
  t.equal(typeof r.output, 'string')
  t.equal(reads(), 0)
})

t.test('an automation that uses user gets it, loaded once per run, also from a call', async t => {
  const { workspace, reads } = load()
  const first = await workspace.run('plain', { x: 'hi' }, { identity: { userId: 'u1' } })
  t.equal((first.output as { r: number }).r, 1)
  t.equal(reads(), 2, 'user and global, once')
  const second = await workspace.run('plain', { x: 'hi' }, { identity: { userId: 'u1' } })
  t.equal((second.output as { r: number }).r, 2, 'the write of the first run is seen')
})

t.test('what counts as using them', async t => {
  const reads = (d: unknown, output?: unknown): boolean => readsPersistedScopes({ do: d, output })
  t.notOk(reads([{ set: { name: 'x', value: 'the user and the global thing' } }]), 'words in text are not reads')
  t.ok(reads([{ set: { name: 'global.cloudIds', value: 1 } }]), 'a write')
  t.ok(reads([{ set: { name: '{{target}}', value: 1 } }]), 'a computed name')
  t.ok(reads([{ lock: { key: 'k', do: [] } }]), 'a lock re-reads them')
  t.ok(reads([], '{{user.id}}'), 'a path')
  t.ok(reads([], '{% $lookup($$, "user") %}'), 'the whole root')
  t.ok(reads([], '{% $keys($) %}'), 'the whole input')
  t.ok(reads([], '{% never.compiled.user %}'), 'an expression without a known AST that may read')
  t.notOk(reads([], '{% never.compiled %}'), 'one whose text names no scope and not the input: no AST needed')
  t.notOk(reads([], '{% $count(items) > 1 ? $join(items, ", ") : $string(x) %}'), 'functions are not the input')
  t.notOk(reads([], '{% conn.user_id & conn.userId & $userName %}'), 'names that only start with a scope name')
  t.ok(reads([], '{% a.`user` %}'), 'a quoted name is still a mention: the AST decides')
  t.ok(reads([], '{% $.user %}'), 'the input by `$.`')
  t.ok(reads([], '{% items[$ = 1] and $$ %}'), 'the root by `$$`')
  // Decided from the text alone (these sources were never compiled, so there is no AST to ask):
  t.notOk(reads([], '{% $replace(config.siteUrl, /\\/+$/, "") %}'), "a regex's end anchor is not the input")
  t.notOk(reads([], '{% $$.base & $.title & $$.config.maxBodyChars %}'), 'one field of the root or the input')
  t.ok(reads([], '{% $$.user.id %}'), 'the user field of the root')
  t.ok(reads([], '{% $.session %}'), 'the session field of the input')
  t.ok(reads([], '{% $$ %}'), 'the root itself')
  t.ok(reads([], '{% $$[0] %}'), 'the root, indexed')
  t.ok(reads([], '{% $ / 2 %}'), 'a `$` followed by a space: the parse decides')
})
