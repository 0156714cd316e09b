// After taking a lock, a run reads `user`, `global` and `session` again (docs/language.md "lock"): two
// runs racing on one read-wait-write, each loaded before the other wrote, must not lose an update.
import t from 'tap'
import { loadFiles } from '../../helpers/workspace.ts'

function workspace() {
  const bump = (scope: string) => `slug: bump-${scope}
name: bump ${scope}
do:
  - set: { name: ${scope}.touched, value: true }
  - lock:
      key: bump
      do:
        - set: { name: seen, value: '{% $exists(${scope}.n) ? ${scope}.n : 0 %}' }
        - wait: { timeout: 0.02 }
        - set: { name: ${scope}.n, value: '{% seen + 1 %}' }
output: '{{${scope}.n}}'
`
  const files: Record<string, string> = {}
  for (const scope of ['user', 'global', 'session']) files[`automations/bump-${scope}.yml`] = bump(scope)
  const { workspace, diagnostics } = loadFiles(files)
  if (!workspace) throw new Error(JSON.stringify(diagnostics))
  return workspace
}

for (const scope of ['user', 'global', 'session']) {
  t.test(`${scope}: the second holder sees the first one's write`, async t => {
    const ws = workspace()
    const identity = { userId: 'alice', sessionId: 'conversation-1' }
    const outputs = await Promise.all([
      ws.run(`bump-${scope}`, {}, { identity }),
      ws.run(`bump-${scope}`, {}, { identity }),
    ])
    t.same(outputs.map(o => o.output).sort(), [1, 2])
  })
}
