// A forgiving parser for Confluence storage format (XHTML with ac:/ri: elements and CDATA).
// Storage written by Confluence is well formed; hand-written bodies may not be, so unmatched
// closing tags are ignored and open elements are closed at their parent's end.

export interface ElementNode {
  type: 'element'
  name: string
  attrs: Record<string, string>
  children: StorageNode[]
}

export interface TextNode {
  type: 'text'
  /** Decoded text (entities resolved; CDATA taken verbatim). */
  value: string
}

export type StorageNode = ElementNode | TextNode

const VOID = new Set(['br', 'hr', 'img', 'col', 'input', 'meta', 'link', 'area', 'base', 'wbr', 'source', 'param'])
const TOKEN =
  /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>|([^<]+)|(<)/g
const ATTR = /([\w:.-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  middot: '\u00b7',
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED[ref.toLowerCase()] ?? whole
  })
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function parseStorage(source: string): StorageNode[] {
  const root: ElementNode = { type: 'element', name: '#root', attrs: {}, children: [] }
  const stack: ElementNode[] = [root]
  const top = () => stack[stack.length - 1]!
  for (const m of source.matchAll(TOKEN)) {
    const [, cdata, closing, opening, attrText, selfClose, text, stray] = m
    if (cdata !== undefined) top().children.push({ type: 'text', value: cdata })
    else if (closing) {
      const at = stack.map(e => e.name).lastIndexOf(closing)
      if (at > 0) stack.length = at
    } else if (opening) {
      const el: ElementNode = { type: 'element', name: opening, attrs: parseAttrs(attrText ?? ''), children: [] }
      top().children.push(el)
      if (!selfClose && !VOID.has(opening.toLowerCase())) stack.push(el)
    } else if (text !== undefined) top().children.push({ type: 'text', value: decodeEntities(text) })
    else if (stray) top().children.push({ type: 'text', value: '<' })
  }
  return root.children
}

function parseAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {}
  for (const m of text.matchAll(ATTR)) attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '')
  return attrs
}

/** Child elements with the given name (one level deep). */
export function childElements(el: ElementNode, name: string): ElementNode[] {
  return el.children.filter((c): c is ElementNode => c.type === 'element' && c.name === name)
}

/** The value of `<ac:parameter ac:name="...">` inside a macro. */
export function macroParam(macro: ElementNode, name: string): string | undefined {
  const param = childElements(macro, 'ac:parameter').find(p => p.attrs['ac:name'] === name)
  return param ? textOf(param.children) : undefined
}

/** Raw concatenated text of a subtree (no block separation). */
export function textOf(nodes: StorageNode[]): string {
  return nodes.map(n => (n.type === 'text' ? n.value : textOf(n.children))).join('')
}
