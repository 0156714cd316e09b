// bin/confluence-next.js in a checkout runs dist/cli.js only while it is newer than every source it
// was built from (dist/source-list.json, scripts/build.mjs): an edited, added or removed source runs
// the sources through tsx instead, so a stale bundle never shadows an edit.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { PACKAGE_ROOT } from '../../runtime/core/package-root.ts'

const root = mkdtempSync(join(tmpdir(), 'cn-stale-'))
t.teardown(() => rmSync(root, { recursive: true, force: true }))
for (const dir of ['bin', 'dist', 'runtime/cli']) mkdirSync(join(root, dir), { recursive: true })
symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(root, 'node_modules'))
copyFileSync(join(PACKAGE_ROOT, 'bin', 'confluence-next.js'), join(root, 'bin', 'confluence-next.js'))
writeFileSync(join(root, 'package-lock.json'), '{}')
writeFileSync(join(root, 'package.json'), '{"type":"module"}')
writeFileSync(
  join(root, 'runtime/cli/main.ts'),
  "export async function main(): Promise<number> {\n  console.log('sources')\n  return 0\n}\n",
)
writeFileSync(join(root, 'runtime/cli/old.ts'), 'export {}\n')
const files = ['runtime/cli/main.ts', 'runtime/cli/old.ts']
writeFileSync(
  join(root, 'dist/source-list.json'),
  JSON.stringify({ format: 1, files, dirs: ['runtime', 'runtime/cli'] }),
)
writeFileSync(join(root, 'dist/cli.js'), "export async function main() {\n  console.log('bundle')\n  return 0\n}\n")

const past = new Date(Date.now() - 3_600_000)
const future = new Date(Date.now() + 3_600_000)
function age(): void {
  for (const path of ['package-lock.json', 'runtime', 'runtime/cli', ...files]) {
    try {
      utimesSync(join(root, path), past, past)
    } catch {
      /* removed by a test */
    }
  }
}
const runs = (): string =>
  execFileSync(process.execPath, [join(root, 'bin', 'confluence-next.js')], { encoding: 'utf8' }).trim()

t.test('a bundle newer than every listed source runs', async t => {
  age()
  t.equal(runs(), 'bundle')
})

t.test('an edited source runs the sources', async t => {
  age()
  utimesSync(join(root, 'runtime/cli/main.ts'), future, future)
  t.equal(runs(), 'sources')
})

t.test('an added source (its folder changed) runs the sources', async t => {
  age()
  writeFileSync(join(root, 'runtime/cli/new.ts'), 'export {}\n')
  utimesSync(join(root, 'runtime/cli'), future, future)
  t.equal(runs(), 'sources')
  rmSync(join(root, 'runtime/cli/new.ts'))
})

t.test('a removed source runs the sources, whatever the folder times', async t => {
  rmSync(join(root, 'runtime/cli/old.ts'))
  age()
  t.equal(runs(), 'sources')
})

t.test('without the list, every source is walked', async t => {
  rmSync(join(root, 'dist/source-list.json'))
  age()
  t.equal(runs(), 'bundle')
  utimesSync(join(root, 'runtime/cli/main.ts'), future, future)
  t.equal(runs(), 'sources')
})
