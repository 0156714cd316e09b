// docs/language.md "conditions": keys are JSONata expressions tried in order; the first truthy one
// runs its block, else `default`.
import type jsonata from 'jsonata'
import { evaluateJsonata, truthy } from '../expressions/index.ts'
import type { SourceLocation } from '../core/errors.ts'
import type { Block, InstructionDef } from './types.ts'

interface Branch {
  test: jsonata.Expression
  locate: (position: number) => SourceLocation
  block: Block
}
interface Plan {
  branches: Branch[]
  otherwise?: Block
}

export const conditions: InstructionDef<Plan> = {
  compile(args: Record<string, unknown>, c) {
    const branches: Branch[] = []
    let otherwise: Block | undefined
    for (const [key, list] of Object.entries(args)) {
      if (key === 'default') {
        otherwise = c.block(list, [key])
        continue
      }
      // `{% expr %}` is accepted too, for symmetry with values.
      const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(key)
      const source = m ? m[1] : key
      const offset = m ? key.indexOf('{%') + 2 : 0
      const at = c.locateKey([key])
      branches.push({
        test: c.jsonata(source, [key], offset),
        locate: p => ({ ...at, col: at.col + offset + p }),
        block: c.block(list, [key]),
      })
    }
    return { branches, otherwise }
  },
  async run(plan, ctx) {
    for (const b of plan.branches) {
      if (truthy(await evaluateJsonata(b.test, ctx.scope, b.locate))) return ctx.runBlock(b.block)
    }
    if (plan.otherwise) await ctx.runBlock(plan.otherwise)
  },
}
