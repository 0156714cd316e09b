// Prisme.ai strings with `{{path}}` and `{% expr %}` parts, written in this runtime's template syntax:
// each `{% %}` becomes JSONata (expression.ts); a `{{path}}` stays when this runtime reads it the same
// way, and becomes `{% … %}` when it needs JSONata (a dynamic key `{{a[{{k}}]}}`, a renamed scope).
import {
  closingBraces,
  isRenamed,
  parsePrismePath,
  plainSegments,
  PrismeSyntaxError,
  translateExpression,
  writePath,
} from './expression.ts'
import { formatPath, parsePath } from '../../core/paths.ts'

export function hasTemplate(s: string): boolean {
  return s.includes('{{') || s.includes('{%')
}

/** The string in this runtime's syntax; throws PrismeSyntaxError with the offset inside `src`. */
export function translateTemplate(src: string): string {
  if (!hasTemplate(src)) return src
  let out = ''
  let i = 0
  while (i < src.length) {
    const a = src.indexOf('{{', i)
    const b = src.indexOf('{%', i)
    const start = a < 0 ? b : b < 0 ? a : Math.min(a, b)
    if (start < 0) {
      out += src.slice(i)
      break
    }
    out += src.slice(i, start)
    if (start === b) {
      const end = src.indexOf('%}', start + 2)
      if (end < 0) throw new PrismeSyntaxError('missing "%}"', start)
      const inner = src.slice(start + 2, end)
      out += `{% ${wrap(inner, start + 2)} %}`
      i = end + 2
    } else {
      const end = closingBraces(src, start)
      out += translatePath(src.slice(start + 2, end), start + 2)
      i = end + 2
    }
  }
  return out
}

function wrap(inner: string, offset: number): string {
  try {
    return translateExpression(inner.trim(), 'value')
  } catch (err) {
    if (err instanceof PrismeSyntaxError) throw new PrismeSyntaxError(err.message, offset + leading(inner) + err.offset)
    throw err
  }
}

function leading(s: string): number {
  return s.length - s.trimStart().length
}

/** `{{path}}` kept as a path when this runtime's paths read it alike, else as a JSONata expression. */
function translatePath(inner: string, offset: number): string {
  const path = parsePrismePath(inner, offset)
  const segments = plainSegments(path)
  if (segments?.every(s => (typeof s === 'string' ? !s.includes('"') : s >= 0))) {
    const text = isRenamed(path) ? formatPath(segments) : inner.trim()
    try {
      parsePath(text)
      return `{{${text}}}`
    } catch {
      // Not a path this runtime parses: JSONata reads it.
    }
  }
  return `{% ${writePath(path)} %}`
}

/** Translate a `conditions` key: the whole key is one Prisme expression (a `{% %}` around it is allowed). */
export function translateCondition(key: string): string {
  const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(key)
  const src = m ? m[1] : key
  const base = m ? key.indexOf('{%') + 2 : 0
  try {
    return translateExpression(src.trim(), 'condition')
  } catch (err) {
    if (err instanceof PrismeSyntaxError) throw new PrismeSyntaxError(err.message, base + leading(src) + err.offset)
    throw err
  }
}
