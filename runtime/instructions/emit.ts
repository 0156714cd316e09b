// docs/language.md "emit": publish an event; automations whose `when.events` list it run with
// `payload`, and pending `wait`s see it. Triggered runs count one more call depth, so an event loop
// ends at limits.callDepth; limits.eventsPerRun bounds a fan-out inside one run. `target` narrows
// which waits see the event (a user, a session, the emitting run); `options` is carried on the event.
import { describeValue, DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { WorkspaceEvent } from '../engine/types.ts'
import type { InstructionDef } from './types.ts'

interface Plan {
  event: Template
  payload?: Template
  target?: Template
  options?: Template
}

export const emit: InstructionDef<Plan> = {
  compile(args: { event: string; payload?: unknown; target?: unknown; options?: unknown }, c) {
    const optional = (key: 'payload' | 'target' | 'options'): Template | undefined =>
      args[key] === undefined ? undefined : c.template(args[key], [key])
    return {
      event: c.template(args.event, ['event']),
      payload: optional('payload'),
      target: optional('target'),
      options: optional('options'),
    }
  },
  async run(plan, ctx) {
    const run = ctx.run
    if (++run.events > run.limits.eventsPerRun) throw new DsulError('LIMIT_EVENTS', { limit: run.limits.eventsPerRun })
    const type = eventType(await ctx.evaluate(plan.event), 'emit')
    const payload = plan.payload ? run.redactor.redactDeep(await ctx.evaluate(plan.payload)) : {}
    const event: WorkspaceEvent = {
      type,
      payload,
      source: {
        automation: ctx.automation.slug,
        depth: Number(ctx.scope.runVars.depth),
        correlationId: run.correlationId,
        userId: run.identity.userId,
      },
    }
    if (plan.target) event.target = eventTarget(await ctx.evaluate(plan.target), run.correlationId)
    if (plan.options) event.options = objectOf(await ctx.evaluate(plan.options), 'options')
    ctx.engine.emit(event, run)
    return undefined
  },
}

function objectOf(v: unknown, key: string): Record<string, unknown> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
  const detail = `\`${key}\` must be an object, got ${describeValue(v)}`
  throw new DsulError('INVALID_VALUE', { instruction: 'emit', detail })
}

function eventTarget(v: unknown, correlationId: string): NonNullable<WorkspaceEvent['target']> {
  const t = objectOf(v, 'target')
  const text = (k: string): string | undefined => (t[k] === undefined || t[k] === null ? undefined : String(t[k]))
  const target: NonNullable<WorkspaceEvent['target']> = {}
  if (text('userId') !== undefined) target.userId = text('userId')
  if (text('sessionId') !== undefined) target.sessionId = text('sessionId')
  if (text('userTopic') !== undefined) target.userTopic = text('userTopic')
  if (t.currentSocket === true) {
    target.currentSocket = true
    target.correlationId = correlationId
  }
  return target
}

/** An event's type, as `emit` and `wait` read it: a string (or a number), else INVALID_VALUE. */
export function eventType(v: unknown, instruction: string): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  throw new DsulError('INVALID_VALUE', { instruction, detail: `\`event\` must be a string, got ${describeValue(v)}` })
}
