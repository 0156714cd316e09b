// docs/language.md "Calling an automation": `- slug: {arguments…, output: name}`. The callee gets only
// its arguments (validated against its own schema) plus the shared user/global/run scopes. `output`
// is never passed on as an argument.
import type { Template } from '../expressions/index.ts'
import type { InstructionDef } from './types.ts'

interface Plan {
  slug: string
  args: Template
}

export function callInstruction(slug: string): InstructionDef<Plan> {
  return {
    compile(args: Record<string, unknown> | null, c) {
      const { output: _output, ...rest } = args ?? {}
      return { slug, args: c.template(rest) }
    },
    async run(plan, ctx) {
      const args = (await ctx.evaluate(plan.args)) as Record<string, unknown>
      // `results: '{{page.results}}'`: a part of a checked variable, bounded by its measure, so the
      // callee's argument check adds that measure instead of walking the part again.
      for (const [field, head] of plan.args.heads ?? []) {
        const bound = ctx.scope.checkedMeasure(head)
        if (bound !== undefined) ctx.run.markChecked(args[field], bound)
      }
      const depth = Number(ctx.scope.runVars.depth) + 1
      return ctx.engine.call(plan.slug, args, ctx.run, depth, ctx.instruction.location, ctx.automation)
    },
  }
}
