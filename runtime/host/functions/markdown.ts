// $markdown(html, maxChars?, remedy?): Confluence storage XHTML (or view HTML) → Markdown for LLM-friendly
// output (convert.ts does the work). Its cost grows with the body, so anything but a small body is
// converted in the worker pool (pool.ts), bounded by the workspace's conversion limits; the answer
// is then a promise, which JSONata's evaluator awaits (the synchronous fast lane never calls it).
import { DEFAULT_LIMITS } from '../../core/limits.ts'
import { throughCache } from './cache.ts'
import { toMarkdown } from './convert.ts'
import { type ConversionLimits, runConversion } from './pool.ts'
import { runSignal } from './run-signal.ts'

/** Below this many characters a conversion costs well under a millisecond: a worker round trip would cost more. */
export const INLINE_CHARS = 4 * 1024

/** What JSONata passes as `this` to a host function: `options` are the expression's compile options. */
export interface Focus {
  options?: { limits?: ConversionLimits; timeout?: number; stack?: number }
  environment?: { base?: { guardrails?: () => void; depth?: number } }
}

/** `remedy` is what a truncation notice tells the reader to do for the rest: an exact call. */
export function markdown(
  this: Focus | undefined,
  html: unknown,
  maxChars?: unknown,
  remedy?: unknown,
): string | Promise<string> | undefined {
  if (typeof html !== 'string') return undefined
  const limits = this?.options?.limits ?? DEFAULT_LIMITS
  const max = typeof maxChars === 'number' && maxChars > 0 ? maxChars : undefined
  const then = typeof remedy === 'string' && remedy ? remedy : undefined
  if (html.length <= INLINE_CHARS) {
    return toMarkdown(html, { maxChars: max, maxInputChars: limits.conversionInputChars, remedy: then })
  }
  const task = {
    kind: 'markdown' as const,
    input: html,
    maxChars: max,
    maxInputChars: limits.conversionInputChars,
    remedy: then,
  }
  const options = { maxChars: max, maxInputChars: limits.conversionInputChars, remedy: then }
  return throughCache('markdown', html, options, () =>
    runConversion(task, limits, 'the body to Markdown', runSignal(this)).then(md => {
      resumeBudget(this)
      return md
    }),
  )
}

/**
 * JSONata's time limit (limits.expressionTimeMs) counts wall time from the start of the evaluation,
 * so an expression that goes on after a conversion (a map over comments) would fail for the time it
 * spent waiting for a thread — which conversionTimeMs already bounds. Once the conversion is back,
 * the evaluation gets a fresh budget: its guard (jsonata 2.2's environment.base.guardrails) fails
 * only when the time since then, or the stack depth, is over the limit.
 */
export function resumeBudget(focus: Focus | undefined): void {
  const base = focus?.environment?.base
  const timeout = focus?.options?.timeout ?? 0
  const stack = focus?.options?.stack ?? 0
  if (!base?.guardrails || timeout <= 0) return
  const original = ((base as { original?: () => void }).original ??= base.guardrails)
  const resumed = Date.now()
  base.guardrails = () => {
    if (Date.now() - resumed > timeout || (stack > 0 && (base.depth ?? 0) > stack)) original()
  }
}
