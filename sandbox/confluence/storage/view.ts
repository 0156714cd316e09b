// Renders storage format to the `view` representation: plain HTML with the CSS classes Confluence
// Cloud emits (confluenceTable, code panel, information macros, ...), so HTML-to-markdown
// converters are exercised on realistic markup.
import {
  childElements,
  escapeHtml,
  macroParam,
  parseStorage,
  textOf,
  type ElementNode,
  type StorageNode,
} from './parse.ts'

export interface RenderLinks {
  /** URL of the page with this title (in the given space, or the current one), if it exists. */
  page(title: string, spaceKey?: string): { href: string; id: string } | undefined
  /** Download URL of an attachment of the current page (or of the page titled `pageTitle`). */
  attachment(filename: string, pageTitle?: string): string | undefined
  /** Child pages of the current page, for the `children` macro. */
  children(): Array<{ title: string; href: string }>
}

const PASS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'del',
  'sub',
  'sup',
  'code',
  'pre',
  'blockquote',
  'span',
  'div',
  'br',
  'hr',
  'a',
  'tbody',
  'thead',
  'tr',
  'colgroup',
  'col',
  'img',
])
const KEEP_ATTRS = new Set(['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'start'])
const ADMONITIONS: Record<string, [string, string]> = {
  info: ['information', 'info'],
  note: ['note', 'warning'],
  warning: ['warning', 'error'],
  tip: ['tip', 'approve'],
}

export function renderView(storage: string, links: RenderLinks): string {
  return render(parseStorage(storage), links)
}

function render(nodes: StorageNode[], links: RenderLinks): string {
  return nodes.map(n => (n.type === 'text' ? escapeHtml(n.value) : element(n, links))).join('')
}

function element(el: ElementNode, links: RenderLinks): string {
  const inner = () => render(el.children, links)
  switch (el.name) {
    case 'table':
      return `<div class="table-wrap"><table data-layout="default" class="confluenceTable">${inner()}</table></div>`
    case 'th':
      return `<th class="confluenceTh"${attrs(el)}>${inner()}</th>`
    case 'td':
      return `<td class="confluenceTd"${attrs(el)}>${inner()}</td>`
    case 'ac:structured-macro':
      return macro(el, links)
    case 'ac:link':
      return link(el, links)
    case 'ac:image':
      return image(el, links)
    case 'ac:task-list':
      return `<ul class="inline-task-list">${childElements(el, 'ac:task')
        .map(t => task(t, links))
        .join('')}</ul>`
    case 'ac:inline-comment-marker':
      return `<span class="inline-comment-marker" data-ref="${escapeHtml(el.attrs['ac:ref'] ?? '')}">${inner()}</span>`
    case 'ac:emoticon':
      return `<img class="emoticon emoticon-${escapeHtml(el.attrs['ac:name'] ?? 'smile')}" alt="(${escapeHtml(el.attrs['ac:name'] ?? '')})" />`
    case 'ac:placeholder':
    case 'ac:parameter':
      return ''
  }
  if (PASS.has(el.name)) {
    const open = `<${el.name}${attrs(el)}`
    return ['br', 'hr', 'col', 'img'].includes(el.name) ? `${open} />` : `${open}>${inner()}</${el.name}>`
  }
  return inner() // unknown ac:/ri: wrappers and rich-text bodies render as their content
}

function attrs(el: ElementNode): string {
  return Object.entries(el.attrs)
    .filter(([k]) => KEEP_ATTRS.has(k))
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('')
}

function richBody(el: ElementNode, links: RenderLinks): string {
  return childElements(el, 'ac:rich-text-body')
    .map(b => render(b.children, links))
    .join('')
}

function macro(el: ElementNode, links: RenderLinks): string {
  const name = el.attrs['ac:name'] ?? ''
  if (name === 'code' || name === 'noformat') {
    const code = childElements(el, 'ac:plain-text-body')
      .map(b => textOf(b.children))
      .join('')
    const language = macroParam(el, 'language') ?? 'text'
    return `<div class="code panel pdl" style="border-width: 1px;"><div class="codeContent panelContent pdl"><pre class="syntaxhighlighter-pre" data-syntaxhighlighter-params="brush: ${escapeHtml(language)}; gutter: false; theme: Confluence" data-theme="Confluence">${escapeHtml(code)}</pre></div></div>`
  }
  const admonition = ADMONITIONS[name]
  if (admonition) {
    const title = macroParam(el, 'title')
    return (
      `<div class="confluence-information-macro confluence-information-macro-${admonition[0]}"><span class="aui-icon aui-icon-small aui-iconfont-${admonition[1]} confluence-information-macro-icon"> </span>` +
      `${title ? `<p class="title">${escapeHtml(title)}</p>` : ''}<div class="confluence-information-macro-body">${richBody(el, links)}</div></div>`
    )
  }
  if (name === 'panel')
    return `<div class="panel" style="border-width: 1px;"><div class="panelContent">${richBody(el, links)}</div></div>`
  if (name === 'expand') {
    const title = macroParam(el, 'title') ?? 'Click here to expand...'
    return `<div class="expand-container"><div class="expand-control"><span class="expand-control-text">${escapeHtml(title)}</span></div><div class="expand-content">${richBody(el, links)}</div></div>`
  }
  if (name === 'status') {
    const colour = (macroParam(el, 'colour') ?? 'grey').toLowerCase()
    return `<span class="status-macro aui-lozenge aui-lozenge-${escapeHtml(colour)}">${escapeHtml(macroParam(el, 'title') ?? '')}</span>`
  }
  if (name === 'children') {
    const items = links
      .children()
      .map(c => `<li><a href="${escapeHtml(c.href)}">${escapeHtml(c.title)}</a></li>`)
      .join('')
    return `<ul class="childpages-macro">${items}</ul>`
  }
  return `<div class="conf-macro output-block" data-macro-name="${escapeHtml(name)}">${richBody(el, links)}</div>`
}

function link(el: ElementNode, links: RenderLinks): string {
  const body = el.children.find((c): c is ElementNode => c.type === 'element' && c.name.endsWith('link-body'))
  const bodyHtml = body
    ? body.name === 'ac:plain-text-link-body'
      ? escapeHtml(textOf(body.children))
      : render(body.children, links)
    : undefined
  const target = el.children.find((c): c is ElementNode => c.type === 'element' && c.name.startsWith('ri:'))
  if (target?.name === 'ri:page') {
    const title = target.attrs['ri:content-title'] ?? ''
    const found = links.page(title, target.attrs['ri:space-key'])
    const text = bodyHtml ?? escapeHtml(title)
    return found
      ? `<a href="${escapeHtml(found.href)}" data-linked-resource-id="${found.id}" data-linked-resource-type="page">${text}</a>`
      : `<a class="createlink" href="#">${text}</a>`
  }
  if (target?.name === 'ri:attachment') {
    const filename = target.attrs['ri:filename'] ?? ''
    return `<a href="${escapeHtml(links.attachment(filename) ?? '#')}" data-linked-resource-type="attachment">${bodyHtml ?? escapeHtml(filename)}</a>`
  }
  if (target?.name === 'ri:url')
    return `<a href="${escapeHtml(target.attrs['ri:value'] ?? '#')}">${bodyHtml ?? escapeHtml(target.attrs['ri:value'] ?? '')}</a>`
  return bodyHtml ?? ''
}

function image(el: ElementNode, links: RenderLinks): string {
  const target = el.children.find((c): c is ElementNode => c.type === 'element' && c.name.startsWith('ri:'))
  const alt = escapeHtml(el.attrs['ac:alt'] ?? '')
  const src =
    target?.name === 'ri:attachment' ? links.attachment(target.attrs['ri:filename'] ?? '') : target?.attrs['ri:value']
  return `<span class="confluence-embedded-file-wrapper"><img class="confluence-embedded-image" src="${escapeHtml(src ?? '')}" alt="${alt}" /></span>`
}

function task(el: ElementNode, links: RenderLinks): string {
  const done = childElements(el, 'ac:task-status').some(s => textOf(s.children).trim() === 'complete')
  const body = childElements(el, 'ac:task-body')
    .map(b => render(b.children, links))
    .join('')
  return `<li${done ? ' class="checked"' : ''}>${body}</li>`
}
