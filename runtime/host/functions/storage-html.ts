// Confluence storage → the HTML it stands for, Confluence's own elements (ac:/ri:) rewritten: the first
// step of a conversion to Markdown (convert.ts), what the translator reads.
//
// One scan builds a light tree of element offsets (no attribute parsing, no text decoding, no copies),
// then the tree is written out. An element with nothing to rewrite inside it is written as its own
// source text, one slice, and so is a run of such siblings: a body without macros or links is
// written as one string. Only Confluence's elements, the paragraphs the editor leaves empty, and what
// the tree had to mend (an end tag missing or out of place, a comment) are written piece by piece.
//
// The tree is the one node-html-parser 6 builds, which this replaced (it cost ~3× the translation):
// the same rules close an unclosed `<li>`, `<p>` or `<td>`, ignore an end tag that closes nothing,
// keep `<pre>` content as text, and dissolve the elements still open at the end of the input (a
// window of a long body is cut there), so a document reads as it did. test/runtime/host/functions/
// storage-html.test.ts holds it to node-html-parser's output on random documents.
import { decodeHTML } from 'entities/decode'

/** An element left open when one of these opens is closed first (`<li>a<li>b`: two items). */
const CLOSED_BY_OPENING = new Map<string, readonly string[]>([
  ['li', ['li']],
  ['p', ['p', 'div']],
  ['b', ['div']],
  ['td', ['td', 'th']],
  ['th', ['td', 'th']],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map(h => [h, [h]] as [string, string[]]),
])
/** An element left open when one of these closes is closed with it (`<ul><li>a</ul>`). */
const CLOSED_BY_CLOSING = new Map<string, readonly string[]>([
  ['li', ['ul', 'ol']],
  ['a', ['div']],
  ['b', ['div']],
  ['i', ['div']],
  ['p', ['div']],
  ['td', ['tr', 'table']],
  ['th', ['tr', 'table']],
])
const ATTRIBUTE = /([a-zA-Z()[\]#@$.?:][a-zA-Z0-9-_:()[\]#]*)(?:\s*=\s*((?:'[^']*')|(?:"[^"]*")|\S+))?/g
const PANELS: Record<string, string> = {
  info: 'Info',
  note: 'Note',
  warning: 'Warning',
  tip: 'Tip',
  panel: 'Panel',
  expand: 'Details',
}
/** Task markers, private-use characters the translator leaves alone ("[x]" would come out escaped). */
export const TASK_DONE = '\uE000'
export const TASK_OPEN = '\uE001'

const GT = 62
const SLASH = 47
const BANG = 33
const DQUOTE = 34
const SQUOTE = 39

class Text {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}
}

class Element {
  /** Offset after the end tag's `>`, or after the start tag's for an element closed there. */
  end = -1
  readonly kids: Array<Element | Text> = []
  /** Its HTML is its own source text: nothing inside it is rewritten, dropped or mended. */
  plain = true
  constructor(
    /** Lower case; '' for the document. */
    readonly name: string,
    /** As written, for the tags written back. */
    readonly raw: string,
    /** Offset of `<`. */
    readonly start: number,
    /** The attributes' source: from the end of the name to `>` or `/>`. */
    readonly attrsStart: number,
    readonly attrsEnd: number,
    readonly parent: Element | undefined,
  ) {}
}

/** The HTML a storage document stands for, Confluence's elements rewritten (no Markdown translation). */
export function storageToHtml(storage: string): string {
  const s = cdataAsText(storage)
  return new Writer(s).inner(parse(s))
}

/** The text of a storage fragment (a heading's content): tags dropped, entities decoded, CDATA as text. */
export function storageText(storage: string): string {
  const s = cdataAsText(storage)
  return decode(rawText(s, parse(s)))
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

function parse(s: string): Element {
  const root = new Element('', '', 0, 0, 0, undefined)
  let cur = root
  /** Where the text not yet added starts. */
  let text = 0
  let from = 0
  const addText = (end: number): void => {
    if (end > text) cur.kids.push(new Text(text, end))
  }
  const open = (el: Element): void => {
    cur.kids.push(el)
    cur = el
  }
  /** Close `cur` at `end`; -1: closed without an end tag where the tree says so (written with one). */
  const close = (end: number): void => {
    const el = cur
    el.end = end
    if (end < 0 || (el.plain && isSpecial(s, el))) el.plain = false
    cur = el.parent!
    if (!el.plain) cur.plain = false
  }
  while (from < s.length) {
    const lt = s.indexOf('<', from)
    if (lt < 0) break
    from = lt + 1
    const next = s.charCodeAt(lt + 1)
    if (next === BANG) {
      // A comment is dropped; `<!DOCTYPE>` and other declarations stay text, as the old parser left them.
      if (!s.startsWith('<!--', lt)) continue
      const endComment = s.indexOf('-->', lt + 4)
      if (endComment < 0) continue
      addText(lt)
      cur.plain = false
      text = from = endComment + 3
      continue
    }
    const closing = next === SLASH
    const nameStart = lt + (closing ? 2 : 1)
    const nameEnd = tagNameEnd(s, nameStart)
    if (nameEnd === nameStart || !endsName(s.charCodeAt(nameEnd))) continue
    const gt = tagEnd(s, nameEnd)
    if (gt < 0) continue
    addText(lt)
    text = from = gt
    const raw = s.slice(nameStart, nameEnd)
    const name = lowerName(raw)
    if (closing) {
      for (;;) {
        if (cur !== root && cur.raw === raw) {
          close(gt)
          break
        }
        if (CLOSED_BY_CLOSING.get(cur.name)?.includes(name)) {
          close(-1)
          continue
        }
        // An end tag that closes nothing open here is dropped.
        cur.plain = false
        break
      }
      continue
    }
    const selfClosing = s.charCodeAt(gt - 2) === SLASH
    // (Every element an opening closes has a name of one or two letters.)
    if (!selfClosing && cur.name.length <= 2 && CLOSED_BY_OPENING.get(cur.name)?.includes(name)) close(-1)
    open(new Element(name, raw, lt, nameEnd, selfClosing ? gt - 2 : gt - 1, cur))
    if (name === 'pre') {
      // Its content is text, up to its end tag as written (or to the end of the input).
      const endTag = s.indexOf(`</${raw}>`, gt)
      const contentEnd = endTag < 0 ? s.length : endTag
      if (/\S/.test(s.slice(gt, contentEnd))) cur.kids.push(new Text(gt, contentEnd))
      else if (contentEnd > gt) cur.plain = false
      text = from = endTag < 0 ? s.length : endTag + raw.length + 3
      if (endTag >= 0) close(from)
      continue
    }
    if (selfClosing || isVoid(name)) {
      // `<br/>` is read as `<br>`; `<p/>` is written `<p></p>`.
      if (selfClosing && !isVoid(name)) cur.plain = false
      close(gt)
    }
  }
  addText(s.length)
  dissolveOpen(cur)
  return root
}

/**
 * The elements still open at the end: each one below the top is dissolved into its parent (its
 * content stays, its tags go), one of the same name as its parent into its grandparent; one at the
 * top of the document is kept and written closed.
 */
function dissolveOpen(innermost: Element): void {
  let last: Element | undefined = innermost
  while (last?.parent) {
    const parent: Element = last.parent
    last.plain = parent.plain = false
    const grand = parent.parent
    if (!grand) break
    parent.kids.pop()
    // A loop, not push(...kids): an element may hold more children than a call takes arguments.
    const into: Element = last.name === parent.name ? grand : parent
    for (const kid of last.kids) into.kids.push(kid)
    into.plain = false
    last = into
  }
}

/** Written otherwise than as its source: a Confluence element, or a paragraph the editor left empty. */
function isSpecial(s: string, el: Element): boolean {
  const n = el.name
  if (n.charCodeAt(2) === 0x3a && (n.startsWith('ac:') || n.startsWith('ri:'))) return true
  return n === 'p' && blankParagraph(s, el)
}

/** A paragraph of nothing but white space (`<p>&nbsp;</p>`, the editor's spacing): dropped. */
function blankParagraph(s: string, el: Element): boolean {
  for (const kid of el.kids) {
    if (!(kid instanceof Text)) return false
    const raw = s.slice(kid.start, kid.end)
    // Only white space and entities can decode to white space.
    if (!/^(?:\s|&[#a-zA-Z0-9]+;?)*$/.test(raw)) return false
    if (decode(raw).trim()) return false
  }
  return true
}

class Writer {
  constructor(private readonly s: string) {}

  /** The HTML of an element's content; consecutive plain children are one slice. */
  inner(el: Element | undefined): string {
    if (!el) return ''
    const { kids } = el
    let out = ''
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]!
      if (kid instanceof Text || kid.plain) {
        let j = i
        while (j + 1 < kids.length && isPlain(kids[j + 1]!) && kids[j + 1]!.start === kids[j]!.end) j++
        out += this.s.slice(kid.start, kids[j]!.end)
        i = j
      } else out += this.render(kid)
    }
    return out
  }

  private render(el: Element): string {
    const tag = el.name
    if (tag === 'ac:structured-macro') return this.macro(el)
    if (tag === 'ac:link') return this.link(el)
    if (tag === 'ac:image') return this.image(el)
    if (tag === 'ac:emoticon') return `:${escapeHtml(this.attr(el, 'ac:name') ?? 'emoticon')}:`
    if (tag === 'ac:task-list') return this.taskList(el)
    if (tag === 'ac:parameter') return ''
    if (tag === 'p' && blankParagraph(this.s, el)) return ''
    const inside = this.inner(el)
    if (tag.startsWith('ac:') || tag.startsWith('ri:')) return inside
    const start = `<${el.raw}${this.s.slice(el.attrsStart, el.attrsEnd)}>`
    return isVoid(tag) ? start : `${start}${inside}</${el.raw}>`
  }

  private macro(el: Element): string {
    const name = this.attr(el, 'ac:name') ?? ''
    const children = elements(el)
    const params: Record<string, string> = Object.create(null)
    for (const p of children) if (p.name === 'ac:parameter') params[this.attr(p, 'ac:name') ?? ''] = this.text(p)
    const body = children.find(c => c.name === 'ac:plain-text-body' || c.name === 'ac:rich-text-body')
    if (name === 'code' || name === 'noformat') {
      const lang = params.language ? ` class="language-${escapeHtml(params.language)}"` : ''
      return `<pre><code${lang}>${escapeHtml(body ? this.text(body) : '')}</code></pre>`
    }
    if (Object.hasOwn(PANELS, name)) {
      const title = params.title ? `${PANELS[name]}: ${params.title}` : PANELS[name]
      return `<blockquote><p><strong>${escapeHtml(title!)}</strong></p>${this.inner(body)}</blockquote>`
    }
    if (name === 'toc') return ''
    if (name === 'status') return `<code>[${escapeHtml(params.title ?? 'status')}]</code>`
    if (name === 'jira') return `<code>${escapeHtml(params.key ?? 'Jira issue')}</code>`
    return body ? this.inner(body) : `<em>[${escapeHtml(name || 'macro')} macro]</em>`
  }

  private link(el: Element): string {
    const children = elements(el)
    const ref = children.find(c => c.name.startsWith('ri:'))
    const body = children.find(c => c.name === 'ac:link-body' || c.name === 'ac:plain-text-link-body')
    const anchor = this.attr(el, 'ac:anchor')
    const title = ref && this.attr(ref, 'ri:content-title')
    const label =
      (body ? this.inner(body) : '') || escapeHtml(title ?? (ref && this.attr(ref, 'ri:filename')) ?? anchor ?? 'link')
    // A page by title is written `page:SPACE/Title`, the form a Markdown write turns back into this link
    // (to-storage.ts): its URL would need a lookup, and a URL would not round-trip.
    if (ref && ref.name === 'ri:page' && title) {
      const space = this.attr(ref, 'ri:space-key')
      const href =
        `page:${space ? `${encodeURIComponent(space)}/` : ''}${encodeURIComponent(title)}` +
        `${anchor ? `#${encodeURIComponent(anchor)}` : ''}`
      return `<a href="${escapeHtml(href)}">${label}</a>`
    }
    if (!ref && anchor) return `<a href="#${escapeHtml(encodeURIComponent(anchor))}">${label}</a>`
    return `<strong>${label}</strong>`
  }

  private image(el: Element): string {
    const ref = elements(el)[0]
    const src = (ref && (this.attr(ref, 'ri:value') ?? this.attr(ref, 'ri:filename'))) ?? ''
    return `<img src="${escapeHtml(src)}" alt="${escapeHtml(this.attr(el, 'ac:alt') ?? src)}">`
  }

  /** Every task inside the list, nested ones too (in document order), each with its own body. */
  private taskList(el: Element): string {
    const items = descendants(el, 'ac:task').map(task => {
      const status = descendants(task, 'ac:task-status')[0]
      const done = status !== undefined && this.text(status).trim() === 'complete'
      return `<li>${done ? TASK_DONE : TASK_OPEN} ${this.inner(descendants(task, 'ac:task-body')[0])}</li>`
    })
    return `<ul>${items.join('')}</ul>`
  }

  /** An attribute's value, entities decoded (of a repeated name, the first non-empty); '' when it has none. */
  private attr(el: Element, name: string): string | undefined {
    const source = this.s.slice(el.attrsStart, el.attrsEnd)
    const folded = /[A-Z]/.test(source)
    if (!folded && !source.includes(name)) return undefined
    // As node-html-parser read them: per name as written, the first non-empty value; then, the names
    // lower-cased, the last of those.
    const byName = new Map<string, string | null>()
    ATTRIBUTE.lastIndex = 0
    for (let m = ATTRIBUTE.exec(source); m; m = ATTRIBUTE.exec(source)) {
      if (!folded && m[1] !== name) continue
      let value: string | null = m[2] || null
      if (value && (value[0] === "'" || value[0] === '"')) value = value.slice(1, value.length - 1)
      byName.set(m[1]!, byName.get(m[1]!) || value)
    }
    let found: string | undefined
    for (const [key, value] of byName) if (key.toLowerCase() === name) found = decode(value || '')
    return found
  }

  /** The text inside an element, entities decoded (a `<br>` reads as a line break). */
  private text(el: Element): string {
    return decode(rawText(this.s, el))
  }
}

function rawText(s: string, el: Element): string {
  if (el.name === 'br') return '\n'
  let out = ''
  for (const kid of el.kids) out += kid instanceof Text ? s.slice(kid.start, kid.end) : rawText(s, kid)
  return out
}

function isPlain(node: Element | Text): boolean {
  return node instanceof Text || node.plain
}

function elements(el: Element): Element[] {
  return el.kids.filter((k): k is Element => k instanceof Element)
}

/** The elements called `name` inside `el` (not `el` itself), in document order. */
function descendants(el: Element, name: string): Element[] {
  const found: Element[] = []
  const walk = (node: Element): void => {
    for (const kid of node.kids) {
      if (!(kid instanceof Element)) continue
      if (kid.name === name) found.push(kid)
      walk(kid)
    }
  }
  walk(el)
  return found
}

/** Character references decoded as HTML reads them in text (by the `entities` package). */
function decode(raw: string): string {
  return raw.includes('&') ? decodeHTML(raw) : raw
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

function escapeHtml(s: string): string {
  return /[&<>"]/.test(s) ? s.replace(/[&<>"]/g, c => ESCAPES[c]!) : s
}

/**
 * HTML's void elements (area, base, br, col, embed, hr, img, input, link, meta, param, source, track,
 * wbr): compared by length first, as a Set lookup would hash every freshly cut name (a sixth of an
 * outline's time, storage-doc.ts).
 */
export function isVoid(name: string): boolean {
  switch (name.length) {
    case 2:
      return name === 'br' || name === 'hr'
    case 3:
      return name === 'img' || name === 'col' || name === 'wbr'
    case 4:
      return name === 'meta' || name === 'link' || name === 'area' || name === 'base'
    case 5:
      return name === 'input' || name === 'param' || name === 'embed' || name === 'track'
    case 6:
      return name === 'source'
    default:
      return false
  }
}

/** Per ASCII code: NAME for what a tag name may hold after its first letter, UPPER for A–Z too. */
const NAME = 1
const UPPER = 2
const NAME_CHARS = new Uint8Array(128)
for (let c = 0x30; c <= 0x3a; c++) NAME_CHARS[c] = NAME // 0-9 and `:`
for (let c = 0x61; c <= 0x7a; c++) NAME_CHARS[c] = NAME
for (let c = 0x41; c <= 0x5a; c++) NAME_CHARS[c] = NAME | UPPER
for (const c of [0x5f, 0x2e, 0x2d]) NAME_CHARS[c] = NAME // `_`, `.`, `-`
/** What the last tagNameEnd read: UPPER when the name has a capital (tagName reads it right after). */
let lastName = 0

/**
 * Where a tag name starting at `from` ends: a letter, then letters, digits, `_`, `:`, `.` or `-` (from
 * itself when none). One table lookup per character; it notes a capital on the way, for tagName.
 */
export function tagNameEnd(s: string, from: number): number {
  const first = s.charCodeAt(from)
  const letter = first | 0x20
  if (letter < 0x61 || letter > 0x7a) return from
  let flags = NAME_CHARS[first]!
  let i = from + 1
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const kind = c < 128 ? NAME_CHARS[c]! : 0
    if (kind === 0) break
    flags |= kind
  }
  lastName = flags
  return i
}

/** The name tagNameEnd just read, lower case (XHTML's are; HTML's may not be). */
export function tagName(s: string, start: number, end: number): string {
  return lowerName(s.slice(start, end))
}

/** `raw`, the name tagNameEnd just read, in lower case: lowered only when it noted a capital. */
function lowerName(raw: string): string {
  return lastName & UPPER ? raw.toLowerCase() : raw
}

/** A tag's name ends at white space, `/` or `>`; anything else makes the `<` text. */
function endsName(c: number): boolean {
  return c === GT || c === SLASH || c === 0x20 || (c >= 9 && c <= 13) || c === 0xa0
}

/** The offset after the `>` closing a tag (quoted values may hold `>`), or -1 when none does. */
export function tagEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === GT) return i + 1
    if (c === DQUOTE || c === SQUOTE) {
      const close = s.indexOf(c === DQUOTE ? '"' : "'", i + 1)
      if (close < 0) {
        const gt = s.indexOf('>', i + 1)
        return gt < 0 ? -1 : gt + 1
      }
      i = close
    }
  }
  return -1
}
