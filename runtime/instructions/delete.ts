// docs/language.md "delete": remove a variable, an object key or an array element.
import type { Template } from '../expressions/index.ts'
import type { Segment } from '../core/paths.ts'
import { dynamicPath } from './set.ts'
import type { InstructionDef } from './types.ts'

export const del: InstructionDef<Segment[] | Template> = {
  compile(args: { name: string }, c) {
    const t = c.template(args.name, ['name'])
    return t.constant ? c.path(args.name, ['name']) : t
  },
  async run(plan, ctx) {
    await ctx.scope.delete(Array.isArray(plan) ? plan : dynamicPath(await ctx.evaluate(plan)))
    return undefined
  },
}
