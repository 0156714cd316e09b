// Positions in a Confluence storage body (XHTML), for edits and reads that must keep every other byte
// as Confluence holds it: the headings and their sections, and parts of a long body cut at heading
// boundaries. Nothing here re-serializes a document: callers slice the original string by offsets.
//
// The tokenizer reads storage as the XML it is (CDATA sections, comments, quoted attribute values
// that may hold `>`), tolerates what HTML allows (unclosed void elements, stray end tags) and keeps
// only what positions need: elements' start and end offsets and their nesting.
import { parse } from 'node-html-parser'

export interface Heading {
  level: number
  /** The heading's text, entities decoded, white space collapsed. */
  text: string
  /** Offset of `<hN`. */
  start: number
  /** Offset just after `</hN>`: the section's content starts here. */
  end: number
  /** Offset where the section's content ends: the next heading of the same or a higher level in the same
   * element, or the end of that element (a layout cell, a macro body, a table cell), or of the body. */
  sectionEnd: number
  /** Nesting depth: 0 for a heading at the top of the body. */
  depth: number
}

export interface Outline {
  headings: Heading[]
  /** Offsets where a top-level element (or text run) ends: safe places to cut a body into parts. */
  blockEnds: number[]
}

const VOID = new Set(['br', 'hr', 'img', 'col', 'input', 'meta', 'link', 'area', 'base', 'wbr', 'source', 'param'])
const HEADING = /^h([1-6])$/
/** A tag name at a position (sticky: no slice per tag). */
const NAME = /[A-Za-z][\w:.-]*/y

interface Open { name: string, start: number, id: number }
interface Pending { level: number, start: number, openEnd: number, depth: number, parent: number }

/** One linear pass over the body. */
export function outline (s: string): Outline {
  const stack: Open[] = []
  const headings: Array<Heading & { parent: number }> = []
  const closedAt = new Map<number, number>()
  const blockEnds: number[] = []
  let pending: Pending | undefined
  let nextId = 0
  let i = 0
  const topEnd = (at: number): void => { if (stack.length === 0 && blockEnds[blockEnds.length - 1] !== at) blockEnds.push(at) }
  while (i < s.length) {
    const lt = s.indexOf('<', i)
    if (lt < 0) { topEnd(s.length); break }
    if (lt > i && stack.length === 0 && s.slice(i, lt).trim()) topEnd(lt)
    if (s.startsWith('<![CDATA[', lt)) { i = skipPast(s, ']]>', lt + 9); topEnd(i); continue }
    if (s.startsWith('<!--', lt)) { i = skipPast(s, '-->', lt + 4); topEnd(i); continue }
    if (s[lt + 1] === '!' || s[lt + 1] === '?') { i = skipPast(s, '>', lt + 2); topEnd(i); continue }
    const closing = s[lt + 1] === '/'
    NAME.lastIndex = lt + (closing ? 2 : 1)
    const nameMatch = NAME.exec(s)
    if (!nameMatch) { i = lt + 1; continue }
    const name = nameMatch[0].toLowerCase()
    const gt = tagEnd(s, lt + 1 + nameMatch[0].length)
    if (closing) {
      const at = findOpen(stack, name)
      if (at >= 0) {
        while (stack.length > at) {
          const el = stack.pop()!
          closedAt.set(el.id, lt)
          if (pending && el.start === pending.start) {
            headings.push({ level: pending.level, text: '', start: pending.start, end: gt, sectionEnd: -1, depth: pending.depth, parent: pending.parent })
            headings[headings.length - 1]!.text = headingText(s.slice(pending.openEnd, lt))
            pending = undefined
          }
        }
      }
      i = gt
      topEnd(i)
      continue
    }
    const selfClosing = s[gt - 2] === '/' || VOID.has(name)
    if (!selfClosing) {
      const level = HEADING.exec(name)
      if (level && !pending) {
        pending = { level: Number(level[1]), start: lt, openEnd: gt, depth: stack.length, parent: stack[stack.length - 1]?.id ?? -1 }
      }
      stack.push({ name, start: lt, id: nextId++ })
    }
    i = gt
    if (selfClosing) topEnd(i)
  }
  for (const el of stack) closedAt.set(el.id, s.length)
  // A section runs to the next heading of the same or a higher level with the same parent element.
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h]!
    let end = heading.parent < 0 ? s.length : closedAt.get(heading.parent) ?? s.length
    for (let n = h + 1; n < headings.length; n++) {
      const next = headings[n]!
      if (next.start >= end) break
      if (next.parent === heading.parent && next.level <= heading.level) { end = next.start; break }
    }
    heading.sectionEnd = end
  }
  if (blockEnds[blockEnds.length - 1] !== s.length && s.length > 0) blockEnds.push(s.length)
  return { headings: headings.map(({ parent: _parent, ...h }) => h), blockEnds }
}

function skipPast (s: string, marker: string, from: number): number {
  const at = s.indexOf(marker, from)
  return at < 0 ? s.length : at + marker.length
}

/** The offset after the `>` closing a tag, skipping quoted attribute values. */
function tagEnd (s: string, from: number): number {
  let quote = ''
  for (let i = from; i < s.length; i++) {
    const c = s[i]
    if (quote) { if (c === quote) quote = '' } else if (c === '"' || c === "'") quote = c
    else if (c === '>') return i + 1
  }
  return s.length
}

function findOpen (stack: Open[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.name === name) return i
  return -1
}

function headingText (inner: string): string {
  // Most headings are plain text: parsing them would be most of the cost of an outline.
  if (!inner.includes('<') && !inner.includes('&')) return normalizeHeading(inner)
  return normalizeHeading(parse(inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, t: string) => escapeText(t))).text)
}

export function normalizeHeading (text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim()
}

function escapeText (s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

// ---------------------------------------------------------------------------------------------------
// Sections

export interface SectionRef { heading: string, occurrence?: number }

export type SectionResult =
  | { value: string, heading: string, level: number, start: number, end: number, replaced: number }
  | { error: 'SECTION_NOT_FOUND' | 'SECTION_AMBIGUOUS' | 'SECTION_OCCURRENCE', message: string, headings: string[] }

/** How the page's headings are listed in errors: indented by level, numbered when a text repeats. */
export function headingList (headings: Heading[]): string[] {
  const seen = new Map<string, number>()
  const counts = new Map<string, number>()
  for (const h of headings) counts.set(h.text, (counts.get(h.text) ?? 0) + 1)
  return headings.map(h => {
    const n = (seen.get(h.text) ?? 0) + 1
    seen.set(h.text, n)
    return `${'  '.repeat(h.level - 1)}${'#'.repeat(h.level)} ${h.text}${(counts.get(h.text) ?? 0) > 1 ? ` (occurrence ${n})` : ''}`
  })
}

/** The headings that `ref` names: exact text first, else the same text ignoring case; a leading `## ` is allowed. */
export function matchSection (headings: Heading[], ref: SectionRef): Heading[] {
  const wanted = normalizeHeading(ref.heading).replace(/^#{1,6}\s+/, '')
  const exact = headings.filter(h => h.text === wanted)
  if (exact.length > 0) return exact
  const lower = wanted.toLowerCase()
  return headings.filter(h => h.text.toLowerCase() === lower)
}

/**
 * `storage` with the content of one section (after its heading, up to where the section ends)
 * replaced by `replacement`; every byte outside that range is the original's.
 */
export function replaceSection (storage: string, section: string | SectionRef, replacement: string): SectionResult {
  const ref = typeof section === 'string' ? { heading: section } : section
  const { headings } = outline(storage)
  const list = headingList(headings)
  const matches = matchSection(headings, ref)
  const name = JSON.stringify(normalizeHeading(ref.heading))
  if (matches.length === 0) {
    return {
      error: 'SECTION_NOT_FOUND',
      message: headings.length === 0
        ? `The page has no headings, so there is no section ${name}: send the whole body without \`section\`.`
        : `The page has no heading ${name}. Its headings:\n${list.join('\n')}`,
      headings: list,
    }
  }
  let target: Heading
  if (ref.occurrence !== undefined) {
    const picked = matches[ref.occurrence - 1]
    if (!picked) {
      return {
        error: 'SECTION_OCCURRENCE',
        message: `The heading ${name} occurs ${matches.length} time(s), so there is no occurrence ${ref.occurrence}. ` +
          `Its headings:\n${list.join('\n')}`,
        headings: list,
      }
    }
    target = picked
  } else if (matches.length > 1) {
    return {
      error: 'SECTION_AMBIGUOUS',
      message: `The heading ${name} occurs ${matches.length} times: send \`section\` as {"heading": ${name}, ` +
        `"occurrence": 1 to ${matches.length}}. Its headings:\n${list.join('\n')}`,
      headings: list,
    }
  } else target = matches[0]!
  // The white space that opened and closed the old content (a line break after the heading) frames the new.
  const old = storage.slice(target.end, target.sectionEnd)
  const lead = /^\s*/.exec(old)![0]
  const trail = lead.length === old.length ? '' : /\s*$/.exec(old)![0]
  return {
    value: storage.slice(0, target.end) + lead + replacement.trim() + trail + storage.slice(target.sectionEnd),
    heading: target.text,
    level: target.level,
    start: target.end,
    end: target.sectionEnd,
    replaced: target.sectionEnd - target.end,
  }
}

// ---------------------------------------------------------------------------------------------------
// Parts

export interface Part {
  start: number
  end: number
  /** The first heading that starts in the part, if any. */
  heading?: string
}

/**
 * Cut a body into consecutive parts of at most `max` characters whose concatenation is the body:
 * at top-level headings where possible, else at the end of a top-level element, else (one element
 * longer than `max`) at `max` characters, never inside a surrogate pair.
 */
export function storageParts (s: string, max: number): Part[] {
  if (s.length <= max) return [{ start: 0, end: s.length, heading: outline(s).headings[0]?.text }]
  const { headings, blockEnds } = outline(s)
  const topStarts = headings.filter(h => h.depth === 0).map(h => h.start)
  const parts: Part[] = []
  let start = 0
  while (start < s.length) {
    const limit = start + max
    let end: number
    if (limit >= s.length) end = s.length
    else {
      const atHeading = lastBelow(topStarts, start, limit)
      const atBlock = lastBelow(blockEnds, start, limit)
      // A heading in the second half of the window is the cut; an earlier one would make a part tiny.
      end = (atHeading !== undefined && atHeading - start >= max / 2 ? atHeading : atBlock ?? atHeading) ?? safeCut(s, limit)
    }
    const first = headings.find(h => h.start >= start && h.start < end)
    parts.push({ start, end, heading: first?.text })
    start = end
  }
  return parts
}

/** The largest offset in `offsets` (ascending) with `from < o <= to`. */
function lastBelow (offsets: number[], from: number, to: number): number | undefined {
  let lo = 0
  let hi = offsets.length
  while (lo < hi) { const mid = (lo + hi) >> 1; if (offsets[mid]! <= to) lo = mid + 1; else hi = mid }
  const found = offsets[lo - 1]
  return found !== undefined && found > from ? found : undefined
}

function safeCut (s: string, at: number): number {
  const code = s.charCodeAt(at - 1)
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at
}

/** Top-level sections of a body, for Markdown parts: cut at every top-level heading. */
export function topSegments (s: string, o: Outline = outline(s)): Part[] {
  const starts = o.headings.filter(h => h.depth === 0)
  const segments: Part[] = []
  let start = 0
  for (const h of starts) {
    if (h.start > start) segments.push({ start, end: h.start })
    start = h.start
  }
  segments.push({ start, end: s.length })
  const byStart = new Map(starts.map(h => [h.start, h.text]))
  for (const seg of segments) seg.heading = byStart.get(seg.start)
  return segments.filter(seg => seg.end > seg.start)
}
