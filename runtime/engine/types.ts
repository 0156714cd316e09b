// Types shared by the engine, the instructions and the servers (kept apart to avoid import cycles).
import type { ValidateFunction } from 'ajv'
import type { SourceLocation } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { Block } from '../instructions/types.ts'
import type { RunContext, RunOptions } from '../core/run-context.ts'

export interface McpBinding {
  tool: string
  action: string
  toolDescription?: string
  title?: string
  annotations?: { readOnlyHint?: boolean, destructiveHint?: boolean, idempotentHint?: boolean, openWorldHint?: boolean }
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
  readonly when: { endpoint?: string, public?: boolean, mcp?: McpBinding, events?: string[] }
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
  outcome: 'ok' | 'error'
  code?: string
}

export interface WorkspaceEvent {
  type: string
  payload: unknown
  source: { automation: string, depth: number, correlationId: string, userId?: string }
}

export interface Engine {
  readonly slug: string
  automation(slug: string):
    | CompiledAutomation
    | undefined
  /** Run an automation inside an existing run (automation calls, event triggers). */
  call(
    slug: string,
    args: Record<string, unknown>,
    run: RunContext,
    depth: number,
    location?: SourceLocation,
  ): Promise<unknown>
  emit(event: WorkspaceEvent, run: RunContext): void
  /** With `run`, an event since its last `emit` that arrived before this wait counts too. */
  waitFor(
    type: string,
    filter: (e: WorkspaceEvent) => boolean,
    timeoutMs: number,
    signal: AbortSignal,
    run?: RunContext,
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
