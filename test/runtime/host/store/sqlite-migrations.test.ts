// The SQLite file's schema moves forward in numbered migrations (runtime/host/store/sqlite.ts): a file
// written by an older release is upgraded in place with its records, and a file from a newer release is
// refused with a message instead of being misread.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { createStore, DB_FILE } from '../../../../runtime/host/store/index.ts'

const KEY = 'a'.repeat(64)

function dataDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'cn-migrate-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** The version the file records, read with SQLite itself. */
function version(dir: string): number {
  const db = new Database(join(dir, DB_FILE), { readonly: true })
  try {
    return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v
  } finally {
    db.close()
  }
}

t.test('a file of schema version 1 (documents without expiry) is upgraded, its documents kept', async t => {
  const dir = dataDir(t)
  const first = await createStore({ dataDir: dir, masterKey: KEY })
  await first.patchDoc('ws:user', 'alice', { type: 'replace', path: ['name'], value: 'Alice' })
  await first.close()
  // Back to what release 1 wrote: no expires_at column, version 1 recorded.
  const db = new Database(join(dir, DB_FILE))
  db.exec(
    'DROP INDEX docs_expiry; ALTER TABLE docs DROP COLUMN expires_at; DELETE FROM schema_migrations WHERE version > 1',
  )
  db.close()
  t.equal(version(dir), 1)

  const upgraded = await createStore({ dataDir: dir, masterKey: KEY })
  t.teardown(() => upgraded.close())
  t.ok(version(dir) >= 2, 'migrated forward')
  t.same(await upgraded.getDoc('ws:user', 'alice'), { name: 'Alice' }, 'the document survived')
  await upgraded.patchDoc('ws:session', 'c1', { type: 'replace', path: ['step'], value: 1 }, 60_000)
  t.same(await upgraded.getDoc('ws:session', 'c1'), { step: 1 }, 'documents with a ttl work on the upgraded file')
})

t.test('a file from a newer release is refused, naming both versions', async t => {
  const dir = dataDir(t)
  await (await createStore({ dataDir: dir, masterKey: KEY })).close()
  const db = new Database(join(dir, DB_FILE))
  db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(99, new Date().toISOString())
  db.close()
  await t.rejects(
    createStore({ dataDir: dir, masterKey: KEY }),
    /schema version 99, newer than this confluence-next knows/,
  )
})
