// Run bounds (docs/language.md "Limits"). Defaults here; a workspace overrides them under `limits:` in
// config/index.yml. They are captured once per run and checked at one choke point (runner.ts), except
// the JSONata time, which is compiled into every expression.

export interface Limits {
  callDepth: number
  instructionsPerRun: number
  runWallTimeMs: number
  repeatIterations: number
  expressionTimeMs: number
  valueBytes: number
  /** Items in one array or sequence an expression builds (ranges, paths, $split, $match). */
  expressionItems: number
  eventsPerRun: number
  /** Nesting levels of a tool call's or webhook's arguments, checked before anything walks them. */
  argumentDepth: number
}

export const DEFAULT_LIMITS: Limits = {
  callDepth: 20,
  instructionsPerRun: 10_000,
  runWallTimeMs: 30_000,
  repeatIterations: 10_000,
  expressionTimeMs: 1_000,
  valueBytes: 5 * 1024 * 1024,
  expressionItems: 100_000,
  eventsPerRun: 100,
  argumentDepth: 64,
}

/**
 * Approximate JSON size of a value, stopping as soon as it passes `max`
 * (so checking a huge value costs no more than `max` bytes of walking).
 */
export function sizeExceeds (value: unknown, max: number): boolean {
  let total = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === 'string') total += v.length + 2
    else if (v === null || typeof v !== 'object') total += 8
    else if (Buffer.isBuffer(v)) total += v.length
    else if (Array.isArray(v)) { total += 2; for (const x of v) stack.push(x) } else {
      for (const k in v) { total += k.length + 4; stack.push((v as Record<string, unknown>)[k]) }
    }
    if (total > max) return true
  }
  return false
}
