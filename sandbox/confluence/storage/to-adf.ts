// Storage format -> Atlassian Document Format (the `atlas_doc_format` body, returned as a JSON
// string). Covers the node types the demo and bulk seeds use; unknown macros become
// `extension` nodes as Confluence does for macros without an ADF equivalent.
import { childElements, macroParam, parseStorage, textOf, type ElementNode, type StorageNode } from './parse.ts'

export interface AdfNode {
  type: string
  version?: number
  attrs?: Record<string, unknown>
  content?: AdfNode[]
  text?: string
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>
}

type Mark = NonNullable<AdfNode['marks']>[number]

const MARKS: Record<string, Mark> = {
  strong: { type: 'strong' },
  b: { type: 'strong' },
  em: { type: 'em' },
  i: { type: 'em' },
  u: { type: 'underline' },
  s: { type: 'strike' },
  del: { type: 'strike' },
  code: { type: 'code' },
  sub: { type: 'subsup', attrs: { type: 'sub' } },
  sup: { type: 'subsup', attrs: { type: 'sup' } },
}
const PANELS: Record<string, string> = { info: 'info', note: 'note', warning: 'warning', tip: 'success' }
const INLINE = new Set([
  ...Object.keys(MARKS),
  'a',
  'br',
  'span',
  'ac:link',
  'ac:inline-comment-marker',
  'ac:emoticon',
  'ac:image',
])

export function storageToAdf(storage: string): AdfNode {
  return { type: 'doc', version: 1, content: blocks(parseStorage(storage)) }
}

/** Converts a node list to block nodes, wrapping loose inline runs in paragraphs. */
function blocks(nodes: StorageNode[]): AdfNode[] {
  const out: AdfNode[] = []
  let run: StorageNode[] = []
  const flush = () => {
    const content = inline(run, [])
    if (content.some(n => n.type !== 'text' || n.text!.trim())) out.push({ type: 'paragraph', content })
    run = []
  }
  for (const node of nodes) {
    if (node.type === 'text' || INLINE.has(node.name)) run.push(node)
    else {
      flush()
      out.push(...block(node))
    }
  }
  flush()
  return out
}

function block(el: ElementNode): AdfNode[] {
  const heading = /^h([1-6])$/.exec(el.name)
  if (heading) return [{ type: 'heading', attrs: { level: Number(heading[1]) }, content: inline(el.children, []) }]
  switch (el.name) {
    case 'p':
      return [{ type: 'paragraph', content: inline(el.children, []) }]
    case 'ul':
    case 'ol':
      return [
        {
          type: el.name === 'ul' ? 'bulletList' : 'orderedList',
          ...(el.name === 'ol' ? { attrs: { order: 1 } } : {}),
          content: childElements(el, 'li').map(li => ({ type: 'listItem', content: blocks(li.children) })),
        },
      ]
    case 'blockquote':
      return [{ type: 'blockquote', content: blocks(el.children) }]
    case 'hr':
      return [{ type: 'rule' }]
    case 'pre':
      return [codeBlock(textOf(el.children))]
    case 'table':
      return [{ type: 'table', attrs: { isNumberColumnEnabled: false, layout: 'default' }, content: rows(el) }]
    case 'ac:structured-macro':
      return macro(el)
    case 'ac:task-list':
      return [
        {
          type: 'taskList',
          attrs: { localId: '' },
          content: childElements(el, 'ac:task').map(t => ({
            type: 'taskItem',
            attrs: {
              localId: '',
              state: childElements(t, 'ac:task-status').some(s => textOf(s.children).trim() === 'complete')
                ? 'DONE'
                : 'TODO',
            },
            content: childElements(t, 'ac:task-body').flatMap(b => inline(b.children, [])),
          })),
        },
      ]
    default:
      return blocks(el.children) // div, tbody and other wrappers
  }
}

function rows(table: ElementNode): AdfNode[] {
  const trs: ElementNode[] = []
  const collect = (el: ElementNode) =>
    el.children.forEach(c => c.type === 'element' && (c.name === 'tr' ? trs.push(c) : collect(c)))
  collect(table)
  return trs.map(tr => ({
    type: 'tableRow',
    content: tr.children
      .filter((c): c is ElementNode => c.type === 'element' && (c.name === 'th' || c.name === 'td'))
      .map(cell => ({
        type: cell.name === 'th' ? 'tableHeader' : 'tableCell',
        attrs: {},
        content: blocks(cell.children),
      })),
  }))
}

function codeBlock(code: string, language?: string): AdfNode {
  return {
    type: 'codeBlock',
    ...(language ? { attrs: { language } } : {}),
    content: code ? [{ type: 'text', text: code }] : [],
  }
}

function macro(el: ElementNode): AdfNode[] {
  const name = el.attrs['ac:name'] ?? ''
  if (name === 'code' || name === 'noformat') {
    return [
      codeBlock(
        childElements(el, 'ac:plain-text-body')
          .map(b => textOf(b.children))
          .join(''),
        macroParam(el, 'language'),
      ),
    ]
  }
  const body = childElements(el, 'ac:rich-text-body').flatMap(b => blocks(b.children))
  if (PANELS[name]) return [{ type: 'panel', attrs: { panelType: PANELS[name] }, content: body }]
  if (name === 'expand') return [{ type: 'expand', attrs: { title: macroParam(el, 'title') ?? '' }, content: body }]
  const params = Object.fromEntries(
    childElements(el, 'ac:parameter').map(p => [p.attrs['ac:name'] ?? '', { value: textOf(p.children) }]),
  )
  return [
    {
      type: body.length ? 'bodiedExtension' : 'extension',
      attrs: {
        extensionType: 'com.atlassian.confluence.macro.core',
        extensionKey: name,
        parameters: { macroParams: params },
      },
      ...(body.length ? { content: body } : {}),
    },
  ]
}

function inline(nodes: StorageNode[], marks: Mark[]): AdfNode[] {
  const out: AdfNode[] = []
  const text = (value: string, m: Mark[]) =>
    value && out.push({ type: 'text', text: value, ...(m.length ? { marks: m } : {}) })
  for (const node of nodes) {
    if (node.type === 'text') {
      text(node.value.replace(/\s+/g, ' '), marks)
      continue
    }
    const mark = MARKS[node.name]
    if (mark) out.push(...inline(node.children, [...marks, mark]))
    else if (node.name === 'a')
      out.push(...inline(node.children, [...marks, { type: 'link', attrs: { href: node.attrs.href ?? '' } }]))
    else if (node.name === 'br') out.push({ type: 'hardBreak' })
    else if (node.name === 'ac:inline-comment-marker') {
      out.push(
        ...inline(node.children, [
          ...marks,
          { type: 'annotation', attrs: { id: node.attrs['ac:ref'] ?? '', annotationType: 'inlineComment' } },
        ]),
      )
    } else if (node.name === 'ac:link') {
      const page = node.children.find((c): c is ElementNode => c.type === 'element' && c.name === 'ri:page')
      const label =
        textOf(node.children.filter(c => c.type === 'element' && c.name.endsWith('link-body'))) ||
        page?.attrs['ri:content-title'] ||
        ''
      text(label, [
        ...marks,
        {
          type: 'link',
          attrs: {
            href: `/wiki/pages/viewpage.action?title=${encodeURIComponent(page?.attrs['ri:content-title'] ?? '')}`,
          },
        },
      ])
    } else if (node.name === 'ac:emoticon')
      out.push({ type: 'emoji', attrs: { shortName: `:${node.attrs['ac:name'] ?? 'smile'}:` } })
    else if (node.name !== 'ac:image' && node.name !== 'ac:parameter') out.push(...inline(node.children, marks))
  }
  return out
}
