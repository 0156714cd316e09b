// The one signature every instruction implements (docs/language.md "Instructions").
import type jsonata from 'jsonata'
import type { SourceLocation } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { Segment } from '../core/paths.ts'
import type { RunContext } from '../core/run-context.ts'
import type { Scope } from '../core/scopes.ts'
import type { CompiledAutomation, Engine } from '../engine/types.ts'

export interface CompiledInstruction {
  /** The instruction name, or the slug of the automation it calls. */
  readonly name: string
  readonly location: SourceLocation
  /** `output: name` — where the runner stores the instruction's result. */
  readonly output?: Segment[]
  readonly plan: unknown
  readonly def: InstructionDef
}

export type Block = readonly CompiledInstruction[]

/** What an instruction's `compile` may use, at load time. Pointers are relative to the instruction's arguments. */
export interface Compiler {
  template (value: unknown, pointer?: Segment[]): Template
  block (list: unknown, pointer: Segment[]): Block
  instruction (value: unknown, pointer: Segment[]): CompiledInstruction
  jsonata (source: string, pointer: Segment[], offset?: number): jsonata.Expression
  locate (pointer?: Segment[], offset?: number): SourceLocation
  locateKey (pointer: Segment[]): SourceLocation
  path (source: string, pointer: Segment[]): Segment[]
  /** The automation a call names (already known to exist). */
  automation (slug: string): CompiledAutomation | undefined
  /** The workspace config (fetch reads its defaults at compile time). */
  readonly config: Readonly<Record<string, unknown>>
}

/** What an instruction's `run` receives. */
export interface InstructionContext {
  readonly scope: Scope
  readonly run: RunContext
  readonly engine: Engine
  readonly automation: CompiledAutomation
  readonly instruction: CompiledInstruction
  evaluate (template: Template): Promise<unknown>
  /** Undefined when the block finished without waiting, else a promise (errors may be thrown synchronously). */
  runBlock (block: Block, scope?: Scope): void | Promise<void>
}

export interface InstructionDef<P = any> {
  compile (args: any, c: Compiler): P
  /** The result (stored in `output`), or a promise of it: an instruction that needs no waiting returns it directly. */
  run (plan: P, ctx: InstructionContext): unknown
}
