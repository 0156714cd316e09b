// docs/language.md "all": run every branch concurrently and wait for all of them.
// A branch is one instruction or a list of instructions.
import type { Block, InstructionDef } from './types.ts'

export const all: InstructionDef<Block[]> = {
  compile(args: unknown[], c) {
    return args.map((branch, i) => (Array.isArray(branch) ? c.block(branch, [i]) : [c.instruction(branch, [i])]))
  },
  async run(branches, ctx) {
    // async: a branch that fails at once is a rejection like any other, and the others still start.
    await Promise.all(branches.map(async b => ctx.runBlock(b)))
    return undefined
  },
}
