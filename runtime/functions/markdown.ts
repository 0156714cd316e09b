// $markdown(html, maxChars?): Confluence storage XHTML (or view HTML) → Markdown for LLM-friendly
// output. node-html-markdown does the conversion; Confluence's own elements (ac:/ri:) are first
// rewritten into the HTML they stand for, on a parsed tree (never with regexes over markup).
import { NodeHtmlMarkdown } from 'node-html-markdown'
import { HTMLElement, parse } from 'node-html-parser'

const converter = new NodeHtmlMarkdown({ maxConsecutiveNewlines: 2, bulletMarker: '-', codeFence: '```' })

const PANELS: Record<string, string> = { info: 'Info', note: 'Note', warning: 'Warning', tip: 'Tip', panel: 'Panel', expand: 'Details' }

export function markdown (html: unknown, maxChars?: unknown): string | undefined {
  if (typeof html !== 'string') return undefined
  // CDATA sections hold code-macro bodies; turn them into escaped text before parsing.
  const text = html.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, body: string) => escapeHtml(body))
  const root = parse(text, { comment: false, blockTextElements: { pre: true } })
  rewriteConfluence(root)
  const md = converter.translate(root.toString()).trim()
  const limit = typeof maxChars === 'number' && maxChars > 0 ? Math.floor(maxChars) : Infinity
  if (md.length <= limit) return md
  return `${md.slice(0, limit)}\n\n[… truncated: showing ${limit} of ${md.length} characters. Ask for the body in "storage" format, or a narrower part, to see the rest.]`
}

/** Replace Confluence elements by plain HTML, outermost first (a macro reads its raw parameters). */
function rewriteConfluence (node: HTMLElement): void {
  for (const child of [...node.childNodes]) {
    if (!(child instanceof HTMLElement)) continue
    const tag = child.rawTagName?.toLowerCase() ?? ''
    let replacement: string | undefined
    if (tag === 'ac:structured-macro') replacement = macro(child)
    else if (tag === 'ac:link') replacement = link(child)
    else if (tag === 'ac:image') replacement = image(child)
    else if (tag === 'ac:emoticon') replacement = `:${escapeHtml(child.getAttribute('ac:name') ?? 'emoticon')}:`
    else if (tag === 'ac:task-list') replacement = taskList(child)
    else if (tag === 'ac:parameter') replacement = ''
    if (replacement !== undefined) { child.replaceWith(replacement); continue }
    rewriteConfluence(child)
    if (tag.startsWith('ac:') || tag.startsWith('ri:')) child.replaceWith(...child.childNodes)
  }
}

/** The HTML of a rich body, itself rewritten. */
function inner (el: HTMLElement | undefined): string {
  if (!el) return ''
  const copy = parse(el.innerHTML, { comment: false })
  rewriteConfluence(copy)
  return copy.toString()
}

function macro (el: HTMLElement): string {
  const name = el.getAttribute('ac:name') ?? ''
  const params = Object.fromEntries(el.childNodes.filter((c): c is HTMLElement => c instanceof HTMLElement && c.rawTagName?.toLowerCase() === 'ac:parameter').map(p => [p.getAttribute('ac:name') ?? '', p.text]))
  const body = el.childNodes.find((c): c is HTMLElement => c instanceof HTMLElement && /^ac:(plain-text-body|rich-text-body)$/i.test(c.rawTagName ?? ''))
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

function link (el: HTMLElement): string {
  const page = el.childNodes.find((c): c is HTMLElement => c instanceof HTMLElement && c.rawTagName?.toLowerCase().startsWith('ri:') === true)
  const title = page?.getAttribute('ri:content-title') ?? page?.getAttribute('ri:filename') ?? page?.getAttribute('ri:username') ?? ''
  const label = el.childNodes.find((c): c is HTMLElement => c instanceof HTMLElement && /^ac:(plain-text-)?link-body$/i.test(c.rawTagName ?? ''))?.text
  const anchor = el.getAttribute('ac:anchor')
  // A link to another Confluence page: keep its title as text (its URL needs a lookup).
  return `<strong>${escapeHtml(label || title || anchor || 'link')}</strong>`
}

function image (el: HTMLElement): string {
  const ref = el.childNodes.find((c): c is HTMLElement => c instanceof HTMLElement)
  const src = ref?.getAttribute('ri:value') ?? ref?.getAttribute('ri:filename') ?? ''
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(el.getAttribute('ac:alt') ?? src)}">`
}

function taskList (el: HTMLElement): string {
  const items = el.querySelectorAll('ac\\:task').map(task => {
    const done = task.querySelector('ac\\:task-status')?.text.trim() === 'complete'
    return `<li>[${done ? 'x' : ' '}] ${inner(task.querySelector('ac\\:task-body') ?? undefined)}</li>`
  })
  return `<ul>${items.join('')}</ul>`
}

function escapeHtml (s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
