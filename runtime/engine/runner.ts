// The instruction runner: the one choke point where limits are checked before every dispatch, and
// where the cross-cutting wrappers (trace, output capture, error location) are composed.

import { BreakSignal, DsulError, formatLocation, toDsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { Block, CompiledAutomation, CompiledInstruction, Engine, InstructionContext } from './types.ts'
import type { Scope } from '../core/scopes.ts'
import type { RunContext } from '../core/run-context.ts'

/** Run a block: its instructions one after the other, each awaited (issue 17: no synchronous lane). */
export async function runBlock(
  engine: Engine,
  automation: CompiledAutomation,
  block: Block,
  scope: Scope,
): Promise<void> {
  if (block.length === 0) return
  // Made once per block, not per instruction.
  const helpers: Helpers = {
    evaluate: (t: Template) => (t.constant ? Promise.resolve(t.value) : t.evaluate(scope)),
    runBlock: (inner: Block, s: Scope = scope) => runBlock(engine, automation, inner, s),
  }
  for (let i = 0; i < block.length; i++) {
    if (mustYield()) await yieldTurn()
    await runInstruction(engine, automation, block[i], scope, helpers)
  }
}

// One server process serves every tenant: a run that never waits (a long repeat of `set`s, expressions
// settling as promises) would hold the event loop until its wall time. Past TURN_MS of one event-loop
// turn, the next instruction waits for setImmediate, so /healthz and other runs get their turn.
const TURN_MS = 20
let turnStart = 0
let turnOpen = false

function mustYield(): boolean {
  const now = performance.now()
  if (!turnOpen) {
    // The first check of a turn marks its start; the turn ends when the event loop runs setImmediate.
    turnOpen = true
    turnStart = now
    setImmediate(() => {
      turnOpen = false
    })
    return false
  }
  return now - turnStart > TURN_MS
}

function yieldTurn(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve))
}

type Helpers = Pick<InstructionContext, 'evaluate' | 'runBlock'>

function runInstruction(
  engine: Engine,
  automation: CompiledAutomation,
  instruction: CompiledInstruction,
  scope: Scope,
  helpers: Helpers,
): Promise<void> {
  const run = scope.run
  checkLimits(automation, instruction, scope)
  run.instructions++
  const ctx: InstructionContext = {
    scope,
    run,
    engine,
    automation,
    instruction,
    evaluate: helpers.evaluate,
    runBlock: helpers.runBlock,
  }
  return run.trace ? traced(ctx) : dispatch(ctx)
}

/** The instruction itself, its result stored in `output`; every error (but a break) located at it. */
async function dispatch(ctx: InstructionContext): Promise<void> {
  const { instruction, automation, scope } = ctx
  try {
    const result = await instruction.def.run(instruction.plan, ctx)
    // A called automation's output was checked as it returned: scope.set does not walk it again.
    // Tested here, not in an async helper: most instructions store nothing, and each await costs.
    if (instruction.output && result !== undefined) await scope.set(instruction.output, 'replace', result)
  } catch (err) {
    fail(err, automation, instruction, scope.run)
  }
}

function fail(err: unknown, automation: CompiledAutomation, instruction: CompiledInstruction, run: RunContext): never {
  if (err instanceof BreakSignal) throw err
  // Whatever an aborted run's instruction failed with (a cut fetch, a stopped conversion), the cause is the abort.
  if (run.aborted && !(err instanceof DsulError && (err.code === 'RUN_CANCELLED' || err.code === 'LIMIT_WALL_TIME'))) {
    throw run.cancelled !== undefined
      ? run.abortError(automation.slug, instruction.location)
      : limitError('LIMIT_WALL_TIME', run.limits.runWallTimeMs, automation, instruction)
  }
  throw locate(toDsulError(err), automation, instruction)
}

/** With a trace sink: one entry per instruction, with its duration and (redacted) error. */
async function traced(ctx: InstructionContext): Promise<void> {
  const { run, automation, instruction, scope } = ctx
  const started = performance.now()
  let failure: DsulError | undefined
  try {
    await dispatch(ctx)
  } catch (err) {
    if (!(err instanceof BreakSignal)) failure = err as DsulError
    throw err
  } finally {
    run.trace!({
      automation: automation.slug,
      instruction: instruction.name,
      location: formatLocation(instruction.location),
      depth: Number(scope.runVars.depth),
      durationMs: performance.now() - started,
      ...(failure ? { error: run.redactor.redact(failure.describe()) } : {}),
    })
  }
}

function checkLimits(automation: CompiledAutomation, instruction: CompiledInstruction, scope: Scope): void {
  const run = scope.run
  if (run.instructions >= run.limits.instructionsPerRun) {
    throw limitError('LIMIT_INSTRUCTIONS', run.limits.instructionsPerRun, automation, instruction)
  }
  if (Date.now() >= run.deadline || run.aborted) {
    if (run.cancelled !== undefined) throw run.abortError(automation.slug, instruction.location)
    throw limitError('LIMIT_WALL_TIME', run.limits.runWallTimeMs, automation, instruction)
  }
}

/** Built only when a limit is hit: the check itself allocates nothing. */
function limitError(
  code: 'LIMIT_INSTRUCTIONS' | 'LIMIT_WALL_TIME',
  limit: number,
  automation: CompiledAutomation,
  instruction: CompiledInstruction,
): DsulError {
  return new DsulError(
    code,
    { limit, slug: automation.slug },
    { location: instruction.location, slug: automation.slug },
  )
}

/** The innermost location wins: an error keeps the place it was first located at. */
function locate(err: DsulError, automation: CompiledAutomation, instruction: CompiledInstruction): DsulError {
  if (!err.location) err.location = instruction.location
  if (!err.slug) err.slug = automation.slug
  return err
}
