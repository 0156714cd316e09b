// The language's contract: what compiling produces (CompiledAutomation, CompiledInstruction), the one
// signature every instruction implements (InstructionDef), and what a running instruction may reach
// (InstructionContext, Engine and its typed services). One module, because these types refer to each
// other: split in two, they would form an import cycle. Shared by the engine, the instructions
// (instructions/types.ts re-exports the instruction half), the loader and the servers.
import type { ValidateFunction } from 'ajv'
import type jsonata from 'jsonata'
import type { SourceLocation } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { Logger } from '../core/logger.ts'
import type { Segment } from '../core/paths.ts'
import type { RunContext, RunOptions } from '../core/run-context.ts'
import type { Scope } from '../core/scopes.ts'
import type { Store } from '../core/store.ts'

export interface McpBinding {
  tool: string
  action: string
  toolDescription?: string
  title?: string
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean }
  write?: boolean
}

export interface CompiledAutomation {
  readonly slug: string
  readonly name: string
  readonly description?: string
  readonly file: string
  readonly location: SourceLocation
  /** The arguments as one JSON Schema object (what MCP and `validate` show). */
  readonly argumentsSchema: Record<string, unknown>
  readonly validateArguments: ValidateFunction
  readonly when: { endpoint?: string; public?: boolean; mcp?: McpBinding; events?: string[]; schedules?: string[] }
  readonly outputSchema?: Record<string, unknown>
  readonly private: boolean
  /** Filled after every file is parsed (calls may point forward). */
  do: Block
  output?: Template
  readonly raw: Record<string, unknown>
}

/** One automation run ended (the workspace's `automation` event): its outcome and, on error, the code or `fail` reason. */
export interface AutomationRunEvent {
  workspace: string
  automation: string
  /** `cancelled`: its caller stopped waiting (RUN_CANCELLED). */
  outcome: 'ok' | 'error' | 'cancelled'
  code?: string
}

export interface WorkspaceEvent {
  type: string
  payload: unknown
  source: { automation: string; depth: number; correlationId: string; userId?: string }
  /** `emit.target`: who the event is for (only their waits see it); `correlationId` for `currentSocket`. */
  target?: { userId?: string; sessionId?: string; userTopic?: string; currentSocket?: boolean; correlationId?: string }
  /** `emit.options` (Prisme.ai's `persist`, `aggPayload`, `async`), carried on the event. */
  options?: Record<string, unknown>
}

export interface Engine {
  readonly slug: string
  /** What the host lent the workspace; typed, so an instruction never casts the engine to reach it. */
  readonly services: WorkspaceServices
  readonly store: Store
  readonly log: Logger
  automation(slug: string): CompiledAutomation | undefined
  /**
   * Run an automation inside an existing run (automation calls, event triggers). `caller`: the
   * automation whose instruction calls it (whether it may change the arguments' values in place).
   */
  call(
    slug: string,
    args: Record<string, unknown>,
    run: RunContext,
    depth: number,
    location?: SourceLocation,
    caller?: CompiledAutomation,
  ): Promise<unknown>
  emit(event: WorkspaceEvent, run: RunContext): void
  /** With `run`, an event since its last `emit` that arrived before this wait counts too. */
  waitFor(
    type: string | readonly string[],
    filter: (e: WorkspaceEvent) => boolean,
    timeoutMs: number,
    signal: AbortSignal,
    run?: RunContext,
    cancels?: (e: WorkspaceEvent) => boolean,
  ): Promise<WorkspaceEvent | undefined>
  run(
    slug: string,
    args?: Record<string, unknown>,
    options?: RunOptions & { locals?: Record<string, unknown> },
  ): Promise<RunResult>
}

export interface RunResult {
  output: unknown
  /** Webhook response control set by the automation through `$http`. */
  http?: Record<string, unknown>
  instructions: number
  durationMs: number
}

/**
 * The host's services of a workspace (`loadWorkspace(dir, { services })`; tenants share the core's).
 * A new service an instruction needs gets a typed field here, and the host that provides it sets it.
 */
export interface WorkspaceServices {
  /** An undici Dispatcher every `fetch` of the workspace goes through (tests: a MockAgent); checked by host/http. */
  dispatcher?: unknown
  /** Where the `settings` instruction reads and writes (docs/language.md "settings"). */
  settings?: SettingsBackend
}

export interface SettingsView {
  workspace: string
  /** `core` (a server's own workspace), `api` / `file` (a tenant), `memory` (no server). */
  source: 'core' | 'api' | 'file' | 'memory'
  config: Record<string, unknown>
  /** Every secret of the schema: whether it is set. Never a value. */
  secrets: Record<string, boolean>
  updatedAt?: string
}

/** A change: a config value `null` drops the workspace's own value; a secret `null` clears it. */
export interface SettingsPatch {
  config?: Record<string, unknown>
  secrets?: Record<string, string | null>
}

export interface SettingsBackend {
  get(ws: Engine): Promise<SettingsView>
  put(ws: Engine, patch: SettingsPatch): Promise<SettingsView>
}

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
  template(value: unknown, pointer?: Segment[]): Template
  block(list: unknown, pointer: Segment[]): Block
  instruction(value: unknown, pointer: Segment[]): CompiledInstruction
  jsonata(source: string, pointer: Segment[], offset?: number): jsonata.Expression
  locate(pointer?: Segment[], offset?: number): SourceLocation
  locateKey(pointer: Segment[]): SourceLocation
  path(source: string, pointer: Segment[]): Segment[]
  /** The automation a call names (already known to exist). */
  automation(slug: string): CompiledAutomation | undefined
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
  evaluate(template: Template): Promise<unknown>
  runBlock(block: Block, scope?: Scope): Promise<void>
}

// biome-ignore lint/suspicious/noExplicitAny: arguments come from YAML, checked by the schema; each instruction narrows them
export interface InstructionDef<P = any> {
  // biome-ignore lint/suspicious/noExplicitAny: the instruction's own YAML arguments, already schema-checked
  compile(args: any, c: Compiler): P
  /** A promise of the result (stored in `output`). */
  run(plan: P, ctx: InstructionContext): Promise<unknown>
}
