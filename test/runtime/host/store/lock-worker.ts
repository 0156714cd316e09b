// One runtime instance for single-flight.test.ts (run as `node --import tsx lock-worker.ts`): loads
// test/fixtures/store-lock on the store described by STORE_OPTIONS, prints "ready", waits for "go"
// on stdin, fires RUNS concurrent runs for user alice, prints their results as one JSON line.
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createStore, type StoreOptions } from '../../../../runtime/host/store/index.ts'
import { loadWorkspace } from '../../../../runtime/workspace/load.ts'

const options = JSON.parse(process.env.STORE_OPTIONS!) as StoreOptions
const runs = Number(process.env.RUNS ?? 25)
const store = await createStore(options)
const { workspace, diagnostics } = loadWorkspace(
  join(import.meta.dirname, '..', '..', '..', 'fixtures', 'store-lock'),
  {
    store,
    env: { CONFLUENCE_ALLOW_LOOPBACK: 'true' },
  },
)
if (!workspace) throw new Error(JSON.stringify(diagnostics))

const lines = createInterface({ input: process.stdin })
process.stdout.write('ready\n')
for await (const line of lines) if (line.trim() === 'go') break
const results = await Promise.all(
  Array.from({ length: runs }, () =>
    workspace.run('access-token', { tokenUrl: process.env.TOKEN_URL }, { identity: { userId: 'alice' } }).then(
      r => ({ output: r.output }),
      (err: Error & { code?: string }) => ({ error: `${err.code} ${err.message}` }),
    ),
  ),
)
process.stdout.write(JSON.stringify(results) + '\n')
lines.close()
await store.close()
