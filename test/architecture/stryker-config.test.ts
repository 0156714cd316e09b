// `npm run mutate` and `mutate:full` name the files they mutate and the tests they run by path: after a
// move (the re-layering of runtime/ did exactly this) a stale path mutates nothing, and Stryker reports a
// score over no code instead of failing. Every pattern must match a file, every test file must exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import t from 'tap'
import { ROOT } from '../connector/helpers.ts'

/** Stryker's globs as used here: `**` any folders, `*` within one name. */
function globRegex(glob: string): RegExp {
  const body = glob
    .split('**/')
    .map(part =>
      part
        .split('*')
        .map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('(?:.*/)?')
  return new RegExp(`^${body}$`)
}

const files = (readdirSync(join(ROOT, 'runtime'), { recursive: true }) as string[]).map(f =>
  relative(ROOT, join(ROOT, 'runtime', f))
    .split(sep)
    .join('/'),
)

for (const config of ['stryker.config.json', 'stryker.full.config.json']) {
  t.test(config, async t => {
    const c = JSON.parse(readFileSync(join(ROOT, config), 'utf8')) as { mutate: string[]; tap: { testFiles: string[] } }
    for (const pattern of c.mutate) {
      if (pattern.startsWith('!')) continue
      const re = globRegex(pattern)
      t.ok(
        files.some(f => re.test(f)),
        `mutate "${pattern}" matches a file`,
      )
    }
    for (const test of c.tap.testFiles) t.ok(existsSync(join(ROOT, test)), `test file ${test} exists`)
  })
}

t.test('the glob reading is the one Stryker applies to these patterns', async t => {
  t.ok(globRegex('runtime/core/*.ts').test('runtime/core/clone.ts'))
  t.notOk(globRegex('runtime/core/*.ts').test('runtime/core/x/clone.ts'))
  t.ok(globRegex('runtime/**/*.ts').test('runtime/a/b/c.ts'))
  t.notOk(globRegex('runtime/truthy.ts').test('runtime/core/truthy.ts'))
})
