// docs/language.md "set": write a variable; `type` replace (default), merge or push; `name[]` pushes.
import { cloneValue } from '../core/clone.ts'
import { describeValue, DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import { parsePath, type Segment } from '../core/paths.ts'
import type { PatchType } from '../core/store.ts'
import type { InstructionDef } from './types.ts'

interface Plan {
  name: Segment[] | Template
  value: Template
  type: PatchType
}

export const set: InstructionDef<Plan> = {
  compile(args: { name: string; value?: unknown; type?: PatchType }, c) {
    let raw = args.name
    let type: PatchType = args.type ?? 'replace'
    if (raw.trimEnd().endsWith('[]')) {
      raw = raw.trimEnd().slice(0, -2)
      type = 'push'
    }
    const nameTemplate = c.template(raw, ['name'])
    return {
      name: nameTemplate.constant ? c.path(raw, ['name']) : nameTemplate,
      value: c.template(args.value, ['value']),
      type,
    }
  },
  async run(plan, ctx) {
    const path = Array.isArray(plan.name) ? plan.name : dynamicPath(await ctx.evaluate(plan.name))
    const value = await ctx.evaluate(plan.value)
    // A part of a checked variable (`value: '{{page.results}}'`) is within the limits: not walked again.
    const head = plan.value.head
    await ctx.scope.set(
      path,
      plan.type,
      value,
      ownCopy,
      head === undefined ? undefined : ctx.scope.checkedMeasure(head),
    )
  },
}

export function dynamicPath(name: unknown): Segment[] {
  if (typeof name !== 'string' && typeof name !== 'number') {
    throw new DsulError('PATH_SYNTAX', { path: describeValue(name), detail: 'a variable name must be a string' })
  }
  try {
    return parsePath(String(name))
  } catch (err) {
    throw new DsulError('PATH_SYNTAX', { path: String(name), detail: (err as Error).message })
  }
}

/**
 * Values read through `{{ path }}` are shared with their source; copy them so a later nested `set`
 * cannot change two variables at once. Compiled constants are frozen and copied on write instead.
 */
function ownCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v
  if (Buffer.isBuffer(v)) return Buffer.from(v)
  return cloneValue(v)
}
