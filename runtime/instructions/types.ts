// The one signature every instruction implements (docs/language.md "Instructions"). The types live in
// the engine's contract (engine/types.ts, one module because they refer to each other); instructions
// import them from here.
export type {
  Block,
  CompiledInstruction,
  Compiler,
  InstructionContext,
  InstructionDef,
} from '../engine/types.ts'
