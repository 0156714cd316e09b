// $markdown(html, maxChars?): Confluence storage XHTML (or view HTML) → Markdown for LLM-friendly
// output (convert.ts does the work). Its cost grows with the body, so anything but a small body is
// converted in the worker pool (pool.ts), bounded by the workspace's conversion limits; the answer
// is then a promise, which JSONata's evaluator awaits (the synchronous fast lane never calls it).
import { DEFAULT_LIMITS } from '../limits.ts'
import { toMarkdown } from './convert.ts'
import { type ConversionLimits, runConversion } from './pool.ts'

/** Below this many characters a conversion costs well under a millisecond: a worker round trip would cost more. */
export const INLINE_CHARS = 4 * 1024

/** What JSONata passes as `this` to a host function: `options` are the expression's compile options. */
interface Focus { options?: { limits?: ConversionLimits } }

export function markdown (this: Focus | undefined, html: unknown, maxChars?: unknown): string | Promise<string> | undefined {
  if (typeof html !== 'string') return undefined
  const limits = this?.options?.limits ?? DEFAULT_LIMITS
  const max = typeof maxChars === 'number' && maxChars > 0 ? maxChars : undefined
  if (html.length <= INLINE_CHARS) return toMarkdown(html, { maxChars: max, maxInputChars: limits.conversionInputChars })
  return runConversion({ kind: 'markdown', input: html, maxChars: max, maxInputChars: limits.conversionInputChars }, limits, 'the body to Markdown')
}
