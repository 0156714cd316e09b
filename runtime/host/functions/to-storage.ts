// Markdown → Confluence storage XHTML, the work behind `$storage` (a write in `representation:
// markdown`). marked (CommonMark + GFM) parses; the tokens are written here as storage so that what
// Confluence has its own element for gets it: fenced code → the code macro, task lists →
// <ac:task-list>, links to pages (`page:SPACE/Title`) → <ac:link><ri:page/>. The exact mapping is in
// docs/connector.md "Markdown in"; raw HTML is written as text (storage must be well-formed XHTML, and
// an agent's HTML is not a way around the mapping).
import type { Token, Tokens } from 'marked'
import { marked } from './lazy-modules.cjs'

interface State {
  taskId: number
}

export function markdownToStorage(markdown: string): string {
  const tokens = new (marked().Lexer)({ gfm: true }).lex(markdown.replace(/\r\n?/g, '\n'))
  return blocks(tokens, { taskId: 0 })
}

function blocks(tokens: Token[], state: State): string {
  return tokens.map(t => block(t, state)).join('')
}

function block(t: Token, state: State): string {
  switch (t.type) {
    case 'space':
    case 'def':
    case 'checkbox':
      return ''
    case 'paragraph':
      return `<p>${inline((t as Tokens.Paragraph).tokens)}</p>`
    case 'heading': {
      const h = t as Tokens.Heading
      return `<h${h.depth}>${inline(h.tokens)}</h${h.depth}>`
    }
    case 'code':
      return codeMacro((t as Tokens.Code).text, (t as Tokens.Code).lang)
    case 'blockquote':
      return `<blockquote>${blocks((t as Tokens.Blockquote).tokens, state)}</blockquote>`
    case 'hr':
      return '<hr />'
    case 'list':
      return list(t as Tokens.List, state)
    case 'table':
      return table(t as Tokens.Table)
    case 'html':
      return `<p>${escapeText((t as Tokens.HTML).text.trim())}</p>`
    case 'text': {
      const x = t as Tokens.Text
      return x.tokens ? inline(x.tokens) : escapeText(x.text)
    }
    default:
      return 'tokens' in t && Array.isArray(t.tokens) ? blocks(t.tokens, state) : escapeText(t.raw)
  }
}

function codeMacro(text: string, lang: string | undefined): string {
  const language = lang?.trim().split(/\s+/)[0]
  const param = language ? `<ac:parameter ac:name="language">${escapeText(language)}</ac:parameter>` : ''
  // `]]>` cannot appear in a CDATA section: it is split across two.
  const body = text.replace(/]]>/g, ']]]]><![CDATA[>')
  return (
    `<ac:structured-macro ac:name="code" ac:schema-version="1">${param}` +
    `<ac:plain-text-body><![CDATA[${body}]]></ac:plain-text-body></ac:structured-macro>`
  )
}

/** A list whose items are all tasks is a Confluence task list; otherwise <ul>/<ol>, a task item keeping "[ ]". */
function list(l: Tokens.List, state: State): string {
  if (l.items.length > 0 && l.items.every(i => i.task)) {
    const tasks = l.items.map(item => {
      const id = ++state.taskId
      return (
        `<ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>${item.checked ? 'complete' : 'incomplete'}` +
        `</ac:task-status><ac:task-body>${itemBody(item, state)}</ac:task-body></ac:task>`
      )
    })
    return `<ac:task-list>${tasks.join('')}</ac:task-list>`
  }
  const tag = l.ordered ? 'ol' : 'ul'
  const start = l.ordered && typeof l.start === 'number' && l.start !== 1 ? ` start="${l.start}"` : ''
  const items = l.items.map(
    item => `<li>${item.task ? `[${item.checked ? 'x' : ' '}] ` : ''}${itemBody(item, state)}</li>`,
  )
  return `<${tag}${start}>${items.join('')}</${tag}>`
}

/**
 * An item of one text is inline (no <p>), as Confluence writes list items, loose or tight (a blank line
 * between items is no content); an item of several blocks keeps them as paragraphs.
 */
function itemBody(item: Tokens.ListItem, state: State): string {
  const parts = item.tokens.filter(t => t.type !== 'checkbox' && t.type !== 'space')
  const only = parts.length === 1 ? parts[0]! : undefined
  if (only?.type === 'paragraph') return inline((only as Tokens.Paragraph).tokens)
  const paragraphs = item.loose && parts.length > 1
  return parts.map(t => (paragraphs && t.type === 'text' ? `<p>${block(t, state)}</p>` : block(t, state))).join('')
}

function table(t: Tokens.Table): string {
  const row = (cells: Tokens.TableCell[], tag: 'th' | 'td'): string =>
    `<tr>${cells.map(c => `<${tag}>${inline(c.tokens)}</${tag}>`).join('')}</tr>`
  return `<table><tbody>${row(t.header, 'th')}${t.rows.map(r => row(r, 'td')).join('')}</tbody></table>`
}

function inline(tokens: Token[] | undefined): string {
  let out = ''
  for (const t of tokens ?? []) out += inlineOne(t)
  return out
}

function inlineOne(t: Token): string {
  switch (t.type) {
    case 'text': {
      const x = t as Tokens.Text
      return x.tokens ? inline(x.tokens) : escapeText(x.text)
    }
    case 'escape':
      return escapeText((t as Tokens.Escape).text)
    case 'strong':
      return `<strong>${inline((t as Tokens.Strong).tokens)}</strong>`
    case 'em':
      return `<em>${inline((t as Tokens.Em).tokens)}</em>`
    case 'del':
      return `<del>${inline((t as Tokens.Del).tokens)}</del>`
    case 'codespan':
      return `<code>${escapeAll((t as Tokens.Codespan).text)}</code>`
    case 'br':
      return '<br />'
    case 'link':
      return link(t as Tokens.Link)
    case 'image':
      return image(t as Tokens.Image)
    case 'html':
      return escapeAll((t as Tokens.Tag).text)
    case 'checkbox':
      return ''
    default:
      return 'tokens' in t && Array.isArray(t.tokens) ? inline(t.tokens) : escapeText(t.raw)
  }
}

/**
 * `page:SPACE/Title` or `page:Title` (the title URI-encoded, as reading writes it) is a link to a
 * Confluence page by title; `#anchor` a link to an anchor of this page; anything else an <a href>.
 */
function link(l: Tokens.Link): string {
  const label = inline(l.tokens)
  const page = pageTarget(l.href)
  if (page) {
    const space = page.space ? ` ri:space-key="${escapeAll(page.space)}"` : ''
    const anchor = page.anchor ? ` ac:anchor="${escapeAll(page.anchor)}"` : ''
    return (
      `<ac:link${anchor}><ri:page${space} ri:content-title="${escapeAll(page.title)}" />` +
      `<ac:link-body>${label}</ac:link-body></ac:link>`
    )
  }
  if (l.href.startsWith('#') && l.href.length > 1) {
    return `<ac:link ac:anchor="${escapeAll(decode(l.href.slice(1)))}"><ac:link-body>${label}</ac:link-body></ac:link>`
  }
  const title = l.title ? ` title="${escapeAll(l.title)}"` : ''
  return `<a href="${escapeAll(l.href)}"${title}>${label}</a>`
}

export function pageTarget(href: string): { space?: string; title: string; anchor?: string } | undefined {
  if (!href.startsWith('page:')) return undefined
  const [path = '', anchor] = href.slice(5).split('#', 2)
  const slash = path.indexOf('/')
  const space = slash >= 0 ? decode(path.slice(0, slash)) : undefined
  const title = decode(slash >= 0 ? path.slice(slash + 1) : path)
  if (!title) return undefined
  return { space: space || undefined, title, anchor: anchor ? decode(anchor) : undefined }
}

function image(i: Tokens.Image): string {
  const alt = i.text ? ` ac:alt="${escapeAll(i.text)}"` : ''
  const ref = i.href.startsWith('attachment:')
    ? `<ri:attachment ri:filename="${escapeAll(decode(i.href.slice(11)))}" />`
    : `<ri:url ri:value="${escapeAll(i.href)}" />`
  return `<ac:image${alt}>${ref}</ac:image>`
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Text as XHTML: markup characters escaped, entity references the author wrote (`&amp;`, `&#169;`) kept. */
function escapeText(s: string): string {
  return s
    .replace(/&(?!(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

function escapeAll(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
