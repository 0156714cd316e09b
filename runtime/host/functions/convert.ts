// Confluence storage XHTML (or view HTML) → Markdown, the work behind `$markdown`. It runs in the
// conversion worker threads (worker.ts); nothing here touches the run or the event loop's state.
//
// Its cost is linear in the input and bounded by what the caller wants, not by the page:
// - only a window of the input proportional to `maxChars` is parsed (the Markdown of storage markup
//   is shorter than its source), cut on a tag boundary;
// - Confluence's own elements (ac:/ri:) are rewritten into the HTML they stand for while the window
//   is serialised, in one pass over a parsed tree (never regexes over markup, never a splice per node);
// - that HTML is translated in one go (translate.ts, linear), then cut to `maxChars`: the output is
//   "convert, then cut" whenever the window holds the whole body, which is always the case for the
//   bodies bodyView hands over (at most 4 × maxChars, or one part of at most maxChars).
import type { HTMLElement, Node } from 'node-html-parser'
import { htmlParser } from './lazy-modules.cjs'
import { translate } from './translate.ts'

const PANELS: Record<string, string> = {
  info: 'Info',
  note: 'Note',
  warning: 'Warning',
  tip: 'Tip',
  panel: 'Panel',
  expand: 'Details',
}

/** Input parsed per character of Markdown wanted; heavily formatted storage is ~5-10× its Markdown. */
const WINDOW_RATIO = 16
const MIN_WINDOW_CHARS = 64 * 1024
/** Task markers, private-use characters the translator leaves alone ("[x]" would come out escaped, "\\[x\\]"). */
const TASK_DONE = '\uE000'
const TASK_OPEN = '\uE001'

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

/**
 * The HTML a storage document stands for, Confluence elements rewritten (no Markdown translation):
 * what a translator sees (bench/converters.ts compares translators on it).
 */
export function storageToHtml(html: string): string {
  const root = htmlParser().parse(cdataAsText(html), { comment: false, blockTextElements: { pre: true } })
  return inner(root)
}

/** The first `max` characters, cut before the last tag that would be split. */
function cutAtTag(html: string, max: number): string {
  const lt = html.lastIndexOf('<', max)
  return html.slice(0, lt > 0 ? lt : max)
}

/** CDATA sections hold code-macro bodies: escaped text before parsing (an indexOf scan, linear). */
function cdataAsText(html: string): string {
  if (!html.includes('<![CDATA[')) return html
  let out = ''
  let i = 0
  for (;;) {
    const start = html.indexOf('<![CDATA[', i)
    if (start < 0) break
    const end = html.indexOf(']]>', start + 9)
    if (end < 0) {
      out += html.slice(i, start) + escapeHtml(html.slice(start + 9))
      i = html.length
      break
    }
    out += html.slice(i, start) + escapeHtml(html.slice(start + 9, end))
    i = end + 3
  }
  return out + html.slice(i)
}

function tagOf(el: HTMLElement): string {
  return el.rawTagName?.toLowerCase() ?? ''
}

/** The HTML a node stands for, Confluence elements replaced, outermost first (a macro reads its raw parameters). */
function render(node: Node): string {
  const { HTMLElement, TextNode } = htmlParser()
  if (!(node instanceof HTMLElement)) return node instanceof TextNode ? node.rawText : ''
  const tag = tagOf(node)
  if (tag === 'ac:structured-macro') return macro(node)
  if (tag === 'ac:link') return link(node)
  if (tag === 'ac:image') return image(node)
  if (tag === 'ac:emoticon') return `:${escapeHtml(node.getAttribute('ac:name') ?? 'emoticon')}:`
  if (tag === 'ac:task-list') return taskList(node)
  if (tag === 'ac:parameter') return ''
  // Confluence's editor leaves `<p>&nbsp;</p>` as spacing: a paragraph of a non-breaking space otherwise.
  if (tag === 'p' && node.childNodes.every(c => c instanceof TextNode && !c.text.trim())) return ''
  const inside = inner(node)
  if (!node.rawTagName || tag.startsWith('ac:') || tag.startsWith('ri:')) return inside
  const attrs = node.rawAttrs ? ` ${node.rawAttrs}` : ''
  return (
    node as unknown as { voidTag: { formatNode(tag: string, attrs: string, inner: string): string } }
  ).voidTag.formatNode(node.rawTagName, attrs, inside)
}

/** The HTML of an element's content, itself rewritten. */
function inner(el: HTMLElement | undefined | null): string {
  if (!el) return ''
  let out = ''
  for (const child of el.childNodes) out += render(child)
  return out
}

function elements(el: HTMLElement): HTMLElement[] {
  const { HTMLElement } = htmlParser()
  return el.childNodes.filter((c): c is HTMLElement => c instanceof HTMLElement)
}

function macro(el: HTMLElement): string {
  const name = el.getAttribute('ac:name') ?? ''
  const children = elements(el)
  const params = Object.fromEntries(
    children.filter(p => tagOf(p) === 'ac:parameter').map(p => [p.getAttribute('ac:name') ?? '', p.text]),
  )
  const body = children.find(c => tagOf(c) === 'ac:plain-text-body' || tagOf(c) === 'ac:rich-text-body')
  if (name === 'code' || name === 'noformat') {
    const lang = params.language ? ` class="language-${escapeHtml(params.language)}"` : ''
    return `<pre><code${lang}>${escapeHtml(body?.text ?? '')}</code></pre>`
  }
  if (PANELS[name]) {
    const title = params.title ? `${PANELS[name]}: ${params.title}` : PANELS[name]
    return `<blockquote><p><strong>${escapeHtml(title)}</strong></p>${inner(body)}</blockquote>`
  }
  if (name === 'toc') return ''
  if (name === 'status') return `<code>[${escapeHtml(params.title ?? 'status')}]</code>`
  if (name === 'jira') return `<code>${escapeHtml(params.key ?? 'Jira issue')}</code>`
  return body ? inner(body) : `<em>[${escapeHtml(name || 'macro')} macro]</em>`
}

function link(el: HTMLElement): string {
  const children = elements(el)
  const ref = children.find(c => tagOf(c).startsWith('ri:'))
  const body = children.find(c => tagOf(c) === 'ac:link-body' || tagOf(c) === 'ac:plain-text-link-body')
  const anchor = el.getAttribute('ac:anchor')
  const title = ref?.getAttribute('ri:content-title')
  const label = (body ? inner(body) : '') || escapeHtml(title ?? ref?.getAttribute('ri:filename') ?? anchor ?? 'link')
  // A page by title is written `page:SPACE/Title`, the form a Markdown write turns back into this link
  // (to-storage.ts): its URL would need a lookup, and a URL would not round-trip.
  if (ref && tagOf(ref) === 'ri:page' && title) {
    const space = ref.getAttribute('ri:space-key')
    const href =
      `page:${space ? `${encodeURIComponent(space)}/` : ''}${encodeURIComponent(title)}` +
      `${anchor ? `#${encodeURIComponent(anchor)}` : ''}`
    return `<a href="${escapeHtml(href)}">${label}</a>`
  }
  if (!ref && anchor) return `<a href="#${escapeHtml(encodeURIComponent(anchor))}">${label}</a>`
  return `<strong>${label}</strong>`
}

function image(el: HTMLElement): string {
  const ref = elements(el)[0]
  const src = ref?.getAttribute('ri:value') ?? ref?.getAttribute('ri:filename') ?? ''
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(el.getAttribute('ac:alt') ?? src)}">`
}

function taskList(el: HTMLElement): string {
  const items = el.querySelectorAll('ac\\:task').map(task => {
    const done = task.querySelector('ac\\:task-status')?.text.trim() === 'complete'
    return `<li>${done ? TASK_DONE : TASK_OPEN} ${inner(task.querySelector('ac\\:task-body'))}</li>`
  })
  return `<ul>${items.join('')}</ul>`
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
