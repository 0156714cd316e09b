// Converts write bodies to storage format, the fake's canonical representation. Confluence
// accepts `storage`, `atlas_doc_format` (ADF as a JSON string) and `wiki` markup on writes.
import { escapeHtml } from './parse.ts'
import type { AdfNode } from './to-adf.ts'

export class BodyConversionError extends Error {
  override name = 'BodyConversionError'
}

export function toStorage(representation: string, value: string): string {
  if (representation === 'storage') return value
  if (representation === 'atlas_doc_format') {
    let doc: AdfNode
    try {
      doc = JSON.parse(value) as AdfNode
    } catch {
      throw new BodyConversionError('The atlas_doc_format value is not valid JSON')
    }
    if (doc?.type !== 'doc') throw new BodyConversionError('The atlas_doc_format value must be a "doc" node')
    return adfBlocks(doc.content ?? [])
  }
  if (representation === 'wiki') return wikiToStorage(value)
  throw new BodyConversionError(`Unsupported representation: ${representation}`)
}

function adfBlocks(nodes: AdfNode[]): string {
  return nodes.map(adfNode).join('')
}

function adfNode(node: AdfNode): string {
  const inner = () => adfBlocks(node.content ?? [])
  switch (node.type) {
    case 'paragraph':
      return `<p>${inner()}</p>`
    case 'heading':
      return `<h${Number(node.attrs?.level ?? 1)}>${inner()}</h${Number(node.attrs?.level ?? 1)}>`
    case 'bulletList':
      return `<ul>${inner()}</ul>`
    case 'orderedList':
      return `<ol>${inner()}</ol>`
    case 'listItem':
      return `<li>${inner()}</li>`
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`
    case 'rule':
      return '<hr />'
    case 'hardBreak':
      return '<br />'
    case 'table':
      return `<table><tbody>${inner()}</tbody></table>`
    case 'tableRow':
      return `<tr>${inner()}</tr>`
    case 'tableHeader':
      return `<th>${inner()}</th>`
    case 'tableCell':
      return `<td>${inner()}</td>`
    case 'codeBlock': {
      const code = (node.content ?? [])
        .map(t => t.text ?? '')
        .join('')
        .replace(/]]>/g, ']]]]><![CDATA[>')
      const lang = node.attrs?.language
        ? `<ac:parameter ac:name="language">${escapeHtml(String(node.attrs.language))}</ac:parameter>`
        : ''
      return `<ac:structured-macro ac:name="code" ac:schema-version="1">${lang}<ac:plain-text-body><![CDATA[${code}]]></ac:plain-text-body></ac:structured-macro>`
    }
    case 'panel': {
      const name =
        { info: 'info', note: 'note', warning: 'warning', success: 'tip', error: 'warning' }[
          String(node.attrs?.panelType)
        ] ?? 'info'
      return `<ac:structured-macro ac:name="${name}" ac:schema-version="1"><ac:rich-text-body>${inner()}</ac:rich-text-body></ac:structured-macro>`
    }
    case 'text':
      return adfText(node)
    default:
      return inner()
  }
}

function adfText(node: AdfNode): string {
  let html = escapeHtml(node.text ?? '')
  for (const mark of node.marks ?? []) {
    if (mark.type === 'strong') html = `<strong>${html}</strong>`
    else if (mark.type === 'em') html = `<em>${html}</em>`
    else if (mark.type === 'code') html = `<code>${html}</code>`
    else if (mark.type === 'underline') html = `<u>${html}</u>`
    else if (mark.type === 'strike') html = `<s>${html}</s>`
    else if (mark.type === 'link') html = `<a href="${escapeHtml(String(mark.attrs?.href ?? ''))}">${html}</a>`
  }
  return html
}

/** A small subset of Confluence wiki markup: headings, lists, {code} blocks, *bold*, _italic_. */
function wikiToStorage(wiki: string): string {
  const out: string[] = []
  const lines = wiki.replace(/\r\n/g, '\n').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const code = /^\{code(?::([^}]*))?\}\s*$/.exec(line)
    if (code) {
      const body: string[] = []
      for (i++; i < lines.length && !/^\{code\}\s*$/.test(lines[i]!); i++) body.push(lines[i]!)
      const lang = code[1]?.replace(/^language=/, '')
      out.push(
        `<ac:structured-macro ac:name="code" ac:schema-version="1">${lang ? `<ac:parameter ac:name="language">${escapeHtml(lang)}</ac:parameter>` : ''}<ac:plain-text-body><![CDATA[${body.join('\n')}]]></ac:plain-text-body></ac:structured-macro>`,
      )
      continue
    }
    const heading = /^h([1-6])\.\s+(.*)$/.exec(line)
    const item = /^([*#])\s+(.*)$/.exec(line)
    if (heading) out.push(`<h${heading[1]}>${wikiInline(heading[2]!)}</h${heading[1]}>`)
    else if (item) {
      const tag = item[1] === '*' ? 'ul' : 'ol'
      const items = [item[2]!]
      while (i + 1 < lines.length && lines[i + 1]!.startsWith(`${item[1]} `)) items.push(lines[++i]!.slice(2))
      out.push(`<${tag}>${items.map(t => `<li>${wikiInline(t)}</li>`).join('')}</${tag}>`)
    } else if (line.trim()) out.push(`<p>${wikiInline(line)}</p>`)
  }
  return out.join('')
}

function wikiInline(text: string): string {
  return escapeHtml(text)
    .replace(/\*([^*]+)\*/g, '<strong>$1</strong>')
    .replace(/(^|\W)_([^_]+)_(?=\W|$)/g, '$1<em>$2</em>')
    .replace(/\{\{([^}]+)\}\}/g, '<code>$1</code>')
    .replace(/\[([^|\]]+)\|(https?:[^\]]+)\]/g, '<a href="$2">$1</a>')
}
