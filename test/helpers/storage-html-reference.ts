// The storage → HTML step as it was written on node-html-parser's tree (until runtime/host/functions/
// storage-html.ts replaced it, five times faster): the reference storage-html.test.ts compares the new
// scanner's Markdown with, on the fidelity corpus and on random documents. Kept as it was, except for
// PANELS, which the scanner reads with Object.hasOwn (a macro named `constructor` is no panel).
import type { HTMLElement, Node } from 'node-html-parser'
import { parse, TextNode, HTMLElement as Element } from 'node-html-parser'

const TASK_DONE = '\uE000'
const TASK_OPEN = '\uE001'
const htmlParser = () => ({ parse, TextNode, HTMLElement: Element })
const PANELS: Record<string, string> = {
  info: 'Info',
  note: 'Note',
  warning: 'Warning',
  tip: 'Tip',
  panel: 'Panel',
  expand: 'Details',
}

export function referenceStorageToHtml(html: string): string {
  const root = htmlParser().parse(cdataAsText(html), { comment: false, blockTextElements: { pre: true } })
  return inner(root)
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
  if (Object.hasOwn(PANELS, name)) {
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
