// The runtime's own evaluator for a JSONata subset, its remembered config-only results and its
// hand-written argument clone must give exactly what JSONata and structuredClone give (random cases;
// bench/check-equivalence.ts runs many more).
import t from 'tap'
import { checkClone, checkExpressions } from '../helpers/equivalence.ts'

t.test('expressions agree with JSONata, errors included', async t => {
  const fast = await checkExpressions(3_000)
  t.ok(fast > 0, `${fast} evaluations took the synchronous path`)
})

t.test('cloneValue agrees with structuredClone', async t => {
  checkClone(3_000)
  t.pass('3,000 random values')
})
