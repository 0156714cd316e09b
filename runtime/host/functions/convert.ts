// Confluence storage XHTML (or view HTML) → Markdown, the work behind `$markdown`. It runs in the
// conversion worker threads (worker.ts); nothing here touches the run or the event loop's state.
//
// Its cost is linear in the input and bounded by what the caller wants, not by the page:
// - only a window of the input proportional to `maxChars` is parsed (the Markdown of storage markup
//   is shorter than its source), cut on a tag boundary;
// - Confluence's own elements (ac:/ri:) are rewritten into the HTML they stand for in one scan of the
//   window (storage-html.ts: never regexes over markup, never a splice per node);
// - that HTML is translated in one go (translate.ts, linear), then cut to `maxChars`: the output is
//   "convert, then cut" whenever the window holds the whole body, which is always the case for the
//   bodies bodyView hands over (at most 4 × maxChars, or one part of at most maxChars).
import { storageToHtml, TASK_DONE, TASK_OPEN } from './storage-html.ts'
import { translate } from './translate.ts'

/** Input parsed per character of Markdown wanted; heavily formatted storage is ~5-10× its Markdown. */
const WINDOW_RATIO = 16
const MIN_WINDOW_CHARS = 64 * 1024

export interface MarkdownOptions {
  /** Characters of Markdown wanted; beyond it the text is cut with a notice. */
  maxChars?: number
  /** Hard cap on the characters of input read whatever `maxChars` is (limits.conversionInputChars). */
  maxInputChars: number
  /** What the truncation notice tells the reader to do for the rest (an exact call). */
  remedy?: string
}

export function toMarkdown(html: string, options: MarkdownOptions): string {
  const limit = options.maxChars !== undefined && options.maxChars > 0 ? Math.floor(options.maxChars) : Infinity
  const window = Math.min(
    options.maxInputChars,
    limit === Infinity ? Infinity : Math.max(MIN_WINDOW_CHARS, limit * WINDOW_RATIO),
  )
  const source = html.length > window ? cutAtTag(html, window) : html
  const md = translate(storageToHtml(source)).replaceAll(TASK_DONE, '[x]').replaceAll(TASK_OPEN, '[ ]').trim()
  const readAll = source.length === html.length
  if (md.length > limit) {
    return (
      `${md.slice(0, limit)}\n\n[… truncated: showing the first ${limit} characters of Markdown of a body of ` +
      `${html.length} characters.${options.remedy ? ` ${options.remedy}` : ''}]`
    )
  }
  if (readAll) return md
  return (
    `${md}\n\n[… truncated: converted the first ${source.length} of ${html.length} characters of the body` +
    `${source.length === options.maxInputChars ? ' (limits.conversionInputChars)' : ''}.` +
    `${options.remedy ? ` ${options.remedy}` : ''}]`
  )
}

/** The first `max` characters, cut before the last tag that would be split. */
function cutAtTag(html: string, max: number): string {
  const lt = html.lastIndexOf('<', max)
  return html.slice(0, lt > 0 ? lt : max)
}
