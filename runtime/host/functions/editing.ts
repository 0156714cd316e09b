// Host functions for reading and writing bodies exactly (docs/connector.md "Reading and editing
// bodies"): $storage(markdown) writes Markdown as storage XHTML, $replaceSection(storage, section,
// replacement) splices one section by offsets, $bodyView(value, options) is what verbose output shows
// of a body (a section, a form, a part). Like $markdown, anything but a small input runs in the
// conversion pool, bounded by the workspace's limits; a promise is awaited by JSONata's evaluator.
import { DEFAULT_LIMITS } from '../../core/limits.ts'
import { throughCache } from './cache.ts'
import type { ViewOptions } from './body-view.ts'
import { type Focus, INLINE_CHARS, resumeBudget } from './markdown.ts'
import { runConversion } from './pool.ts'
import { runSignal } from './run-signal.ts'
import { type ConversionTask, convert } from './conversions.ts'

function run(focus: Focus | undefined, task: ConversionTask, what: string): string | Promise<string> {
  if (task.input.length <= INLINE_CHARS) return convert(task)
  const limits = focus?.options?.limits ?? DEFAULT_LIMITS
  return runConversion(task, limits, what, runSignal(focus)).then(out => {
    resumeBudget(focus)
    return out
  })
}

function parsed(out: string | Promise<string>): unknown {
  return typeof out === 'string' ? JSON.parse(out) : out.then(s => JSON.parse(s) as unknown)
}

export function storage(this: Focus | undefined, markdown: unknown): string | Promise<string> | undefined {
  if (typeof markdown !== 'string') return undefined
  return run(this, { kind: 'storage', input: markdown }, 'the Markdown body to storage')
}

export function replaceSection(
  this: Focus | undefined,
  body: unknown,
  section: unknown,
  replacement: unknown,
): unknown {
  if (typeof body !== 'string' || typeof replacement !== 'string') return undefined
  const ref = typeof section === 'string' ? section : (section as { heading: string; occurrence?: number })
  return parsed(run(this, { kind: 'section', input: body, section: ref, replacement }, 'the section edit'))
}

export function bodyView(this: Focus | undefined, value: unknown, options: unknown): unknown {
  if (typeof value !== 'string') return undefined
  const limits = this?.options?.limits ?? DEFAULT_LIMITS
  const { versionKey, ...rest } = options as Omit<ViewOptions, 'maxInputChars'> & { versionKey?: unknown }
  const o = { ...rest, maxInputChars: limits.conversionInputChars }
  // Cached by every option and by what the body is (cache.ts): its version key when the caller has
  // one (pages.getBody: the body is that version's, so no digest of it is needed), else the body
  // Confluence answered with. Small bodies too: a hit skips the outline and the conversion.
  const task = { kind: 'view' as const, input: value, options: o }
  const convert = (): string | Promise<string> => run(this, task, 'the body')
  const shareable = value.length > INLINE_CHARS
  if (typeof versionKey === 'string' && versionKey) {
    return parsed(throughCache('view-of-version', versionKey, o, convert, shareable))
  }
  return parsed(throughCache('view', value, o, convert, shareable))
}
