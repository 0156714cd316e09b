// Plain text of a storage body, as Confluence indexes it for CQL `text ~` and search excerpts:
// macro parameters are metadata, not text; code bodies and link texts are text.
import { parseStorage, type StorageNode } from './parse.ts'

const BLOCK = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'tr',
  'th',
  'td',
  'pre',
  'blockquote',
  'div',
  'table',
  'ul',
  'ol',
  'br',
  'hr',
  'ac:task',
  'ac:structured-macro',
])
const SKIP = new Set(['ac:parameter', 'ac:task-status', 'ac:task-id', 'ac:placeholder'])

export function plainText(storage: string): string {
  const parts: string[] = []
  walk(parseStorage(storage), parts)
  return parts
    .join('')
    .split('\n')
    .map(line => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
}

function walk(nodes: StorageNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push(node.value)
      continue
    }
    if (SKIP.has(node.name)) continue
    const block = BLOCK.has(node.name)
    if (block) out.push('\n')
    if (node.name === 'ac:link' && !node.children.some(c => c.type === 'element' && c.name.endsWith('link-body'))) {
      // A bare page link renders the target title as its text.
      const target = node.children.find(c => c.type === 'element' && c.name === 'ri:page')
      if (target && target.type === 'element') out.push(target.attrs['ri:content-title'] ?? '')
    } else {
      walk(node.children, out)
    }
    if (block) out.push('\n')
  }
}
