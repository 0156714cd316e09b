// docs/language.md "emit": publish an event; automations whose `when.events` list it run with
// `payload`, and pending `wait`s see it. Triggered runs count one more call depth, so an event loop
// ends at limits.callDepth; limits.eventsPerRun bounds a fan-out inside one run.
import { describeValue, DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { InstructionDef } from './types.ts'

interface Plan { event: Template, payload?: Template }

export const emit: InstructionDef<Plan> = {
  compile (args: { event: string, payload?: unknown }, c) {
    return { event: c.template(args.event, ['event']), payload: args.payload === undefined ? undefined : c.template(args.payload, ['payload']) }
  },
  async run (plan, ctx) {
    const run = ctx.run
    if (++run.events > run.limits.eventsPerRun) throw new DsulError('LIMIT_EVENTS', { limit: run.limits.eventsPerRun })
    const type = eventType(await ctx.evaluate(plan.event), 'emit')
    const payload = plan.payload ? run.redactor.redactDeep(await ctx.evaluate(plan.payload)) : {}
    ctx.engine.emit({
      type,
      payload,
      source: { automation: ctx.automation.slug, depth: Number(ctx.scope.runVars.depth), correlationId: run.correlationId, userId: run.identity.userId },
    }, run)
    return undefined
  },
}

/** An event's type, as `emit` and `wait` read it: a string (or a number), else INVALID_VALUE. */
export function eventType (v: unknown, instruction: string): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  throw new DsulError('INVALID_VALUE', { instruction, detail: `\`event\` must be a string, got ${describeValue(v)}` })
}
