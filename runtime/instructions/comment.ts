// docs/language.md "comment": documentation inside `do`; never evaluated.
import type { InstructionDef } from './types.ts'

export const comment: InstructionDef<null> = {
  compile: () => null,
  run: async () => undefined,
}
