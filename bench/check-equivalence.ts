// The differential checks of test/helpers/equivalence.ts with many more cases than `npm test` runs:
//   node --import tsx bench/check-equivalence.ts [runs]
import { checkClone, checkExpressions } from '../test/helpers/equivalence.ts'

const runs = Number(process.argv[2] ?? 20_000)
const fast = await checkExpressions(runs)
console.log(`expressions: ${runs} random cases agree with JSONata (${fast} evaluations without its evaluator)`)
checkClone(runs)
console.log(`cloneValue: ${runs} random values agree with structuredClone`)
