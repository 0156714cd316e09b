// docs/language.md "fetch" — placeholder until the fetch issue lands.
import { DsulError } from '../errors.ts'
import type { InstructionDef } from './types.ts'

export const fetch: InstructionDef<null> = {
  compile: () => null,
  run: async () => { throw new DsulError('INTERNAL', { detail: 'fetch is not implemented yet' }) },
}
