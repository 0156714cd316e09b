// The instruction registry. Its keys are checked against the instruction names declared in
// schemas/automation.schema.json, so declaring one without registering it (or the reverse) fails tsc.
import type schema from '../../schemas/automation.schema.json'
import { all } from './all.ts'
import { brk } from './break.ts'
import { comment } from './comment.ts'
import { conditions } from './conditions.ts'
import { del } from './delete.ts'
import { emit } from './emit.ts'
import { fail } from './fail.ts'
import { fetch } from './fetch.ts'
import { lock } from './lock.ts'
import { rateLimit } from './rate-limit.ts'
import { record } from './record.ts'
import { repeat } from './repeat.ts'
import { set } from './set.ts'
import { settings } from './settings.ts'
import { tryInstruction } from './try.ts'
import type { InstructionDef } from './types.ts'
import { wait } from './wait.ts'

export type InstructionName = keyof typeof schema.$defs.instruction.properties

export const instructions: { readonly [K in InstructionName]: InstructionDef } = {
  set,
  delete: del,
  conditions,
  repeat,
  all,
  break: brk,
  try: tryInstruction,
  emit,
  fail,
  wait,
  rateLimit,
  comment,
  fetch,
  lock,
  record,
  settings,
}

export function isInstruction(name: string): name is InstructionName {
  return Object.hasOwn(instructions, name)
}
