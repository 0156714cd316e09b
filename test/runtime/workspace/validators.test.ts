// schemas/validators/ is generated from schemas/*.schema.json: a schema changed without
// `npm run generate:validators` would leave the runtime validating against the old one.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { generateValidators, VALIDATORS_DIR } from '../../../scripts/generate-validators.mjs'

t.test('the committed validators are those the schemas generate', async t => {
  const dir = join(import.meta.dirname, '..', '..', '..', VALIDATORS_DIR)
  const expected = generateValidators()
  const committed = Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map(f => [f, readFileSync(join(dir, f), 'utf8')]),
  )
  const stale = Object.keys({ ...expected, ...committed }).filter(f => expected[f] !== committed[f])
  if (stale.length > 0)
    t.fail(`schemas/validators/ is stale: run npm run generate:validators (differs: ${stale.join(', ')})`)
  else t.pass(`${Object.keys(expected).length} files up to date`)
})
