// The instruction runner: the one choke point where limits are checked before every dispatch, and
// where the cross-cutting wrappers (trace, output capture, error location) are composed.

import { BreakSignal, DsulError, formatLocation, toDsulError } from './errors.ts'
import type { Template } from './expressions.ts'
import type { CompiledAutomation, Engine } from './engine-types.ts'
import type { Block, CompiledInstruction, InstructionContext } from './instructions/types.ts'
import type { Scope } from './scopes.ts'

export async function runBlock (engine: Engine, automation: CompiledAutomation, block: Block, scope: Scope): Promise<void> {
  if (block.length === 0) return
  // Made once per block, not per instruction.
  const helpers: Helpers = {
    evaluate: (t: Template) => t.constant ? Promise.resolve(t.value) : t.evaluate(scope),
    runBlock: (inner: Block, s: Scope = scope) => runBlock(engine, automation, inner, s),
  }
  for (const instruction of block) await runInstruction(engine, automation, instruction, scope, helpers)
}

type Helpers = Pick<InstructionContext, 'evaluate' | 'runBlock'>

async function runInstruction (engine: Engine, automation: CompiledAutomation, instruction: CompiledInstruction, scope: Scope, helpers: Helpers): Promise<void> {
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
  const started = run.trace ? performance.now() : 0
  let failure: DsulError | undefined
  try {
    const result = await instruction.def.run(instruction.plan, ctx)
    if (instruction.output && result !== undefined) await scope.set(instruction.output, 'replace', result)
  } catch (err) {
    if (err instanceof BreakSignal) throw err
    failure = locate(toDsulError(err), automation, instruction)
    throw failure
  } finally {
    run.trace?.({
      automation: automation.slug,
      instruction: instruction.name,
      location: formatLocation(instruction.location),
      depth: Number(scope.runVars.depth),
      durationMs: performance.now() - started,
      ...(failure ? { error: run.redactor.redact(failure.describe()) } : {}),
    })
  }
}

function checkLimits (automation: CompiledAutomation, instruction: CompiledInstruction, scope: Scope): void {
  const run = scope.run
  if (run.instructions >= run.limits.instructionsPerRun) {
    throw new DsulError('LIMIT_INSTRUCTIONS', { limit: run.limits.instructionsPerRun, slug: automation.slug }, { location: instruction.location, slug: automation.slug })
  }
  if (Date.now() >= run.deadline || run.signal.aborted) {
    throw new DsulError('LIMIT_WALL_TIME', { limit: run.limits.runWallTimeMs, slug: automation.slug }, { location: instruction.location, slug: automation.slug })
  }
}

/** The innermost location wins: an error keeps the place it was first located at. */
function locate (err: DsulError, automation: CompiledAutomation, instruction: CompiledInstruction): DsulError {
  if (!err.location) err.location = instruction.location
  if (!err.slug) err.slug = automation.slug
  return err
}
