// Positions in a Confluence storage body (XHTML), for edits and reads that must keep every other byte
// as Confluence holds it: the headings and their sections, and parts of a long body cut at heading
// boundaries. Nothing here re-serializes a document: callers slice the original string by offsets.
//
// The tokenizer reads storage as the XML it is (CDATA sections, comments, quoted attribute values
// that may hold `>`), tolerates what HTML allows (unclosed void elements, stray end tags) and keeps
// only what positions need: elements' start and end offsets and their nesting.
import { isVoid, storageText, tagEnd, tagName, tagNameEnd } from './storage-html.ts'

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
  /** Offsets, ascending, where an element (or a top-level text run) ends or a heading starts: the places
   * to cut a body into parts. `cutRank[i]` orders them, lower first: twice the nesting depth at the
   * cut (0 between top-level elements), one less before a heading (a part starts at its heading), so
   * the least nested cut wins and a heading wins among equals. Never right after a heading. */
  cuts: number[]
  cutRank: number[]
}

/** Deeper than this, open elements are also counted by name (outline). */
const DEEP_STACK = 64
/** Character codes the tokenizer compares (charCodeAt: no one-character string per test). */
const GT = 62
const SLASH = 47
const BANG = 33
const QUESTION = 63

interface Pending {
  level: number
  start: number
  openEnd: number
  depth: number
  parent: number
  /** The heading element's id: its end tag completes the heading. */
  id: number
}

/** One linear pass over the body. */
export function outline(s: string): Outline {
  // The open elements, innermost last, as two parallel arrays (no object per element): names and ids.
  const stack: string[] = []
  const ids: number[] = []
  const headings: Array<Heading & { parent: number }> = []
  /** Where each element (by id, in order of opening) closes. */
  const closedAt: number[] = []
  const cuts: number[] = []
  const cutRank: number[] = []
  /**
   * Open elements by name, kept only while the stack is deep: a stray end tag (no such element open)
   * then costs a lookup instead of a walk of the whole stack. A shallow stack is walked (at most
   * DEEP_STACK entries), which costs less than counting every element of a typical body by name.
   */
  let openByName: Map<string, number> | undefined
  let pending: Pending | undefined
  let nextId = 0
  let i = 0
  const cut = (at: number, beforeHeading = false): void => {
    const rank = stack.length * 2 - (beforeHeading ? 1 : 0)
    if (cuts[cuts.length - 1] === at) {
      cutRank[cutRank.length - 1] = Math.min(cutRank[cutRank.length - 1]!, rank)
      return
    }
    cuts.push(at)
    cutRank.push(rank)
  }
  const topEnd = (at: number): void => {
    if (stack.length === 0) cut(at)
  }
  while (i < s.length) {
    const lt = s.indexOf('<', i)
    if (lt < 0) {
      topEnd(s.length)
      break
    }
    if (lt > i && stack.length === 0 && s.slice(i, lt).trim()) topEnd(lt)
    const next = s.charCodeAt(lt + 1)
    if (next === BANG || next === QUESTION) {
      if (s.startsWith('<![CDATA[', lt)) i = skipPast(s, ']]>', lt + 9)
      else if (s.startsWith('<!--', lt)) i = skipPast(s, '-->', lt + 4)
      else i = skipPast(s, '>', lt + 2)
      topEnd(i)
      continue
    }
    const closing = next === SLASH
    const nameStart = lt + (closing ? 2 : 1)
    const nameEnd = tagNameEnd(s, nameStart)
    if (nameEnd === nameStart) {
      i = lt + 1
      continue
    }
    // Most tags have no attributes (`<p>`, `</td>`): their end is right after the name.
    const gt = s.charCodeAt(nameEnd) === GT ? nameEnd + 1 : tagEndOr(s, nameEnd)
    if (closing) {
      // Most end tags close the innermost element: matched in place, without making the name a string.
      const top = stack[stack.length - 1]
      const at =
        top !== undefined && top.length === nameEnd - nameStart && s.startsWith(top, nameStart)
          ? stack.length - 1
          : openAt(stack, openByName, tagName(s, nameStart, nameEnd))
      let afterHeading = false
      if (at >= 0) {
        while (stack.length > at) {
          const name = stack.pop()!
          const id = ids.pop()!
          if (openByName) {
            openByName.set(name, openByName.get(name)! - 1)
            // Hysteresis: built past DEEP_STACK, dropped at half, so rebuilding costs O(1) per element.
            if (stack.length <= DEEP_STACK / 2) openByName = undefined
          }
          closedAt[id] = lt
          if (pending && id === pending.id) {
            headings.push({
              level: pending.level,
              text: '',
              start: pending.start,
              end: gt,
              sectionEnd: -1,
              depth: pending.depth,
              parent: pending.parent,
            })
            headings[headings.length - 1]!.text = headingText(s.slice(pending.openEnd, lt))
            pending = undefined
            afterHeading = true
          }
        }
      }
      i = gt
      if (!afterHeading) cut(i)
      continue
    }
    const name = tagName(s, nameStart, nameEnd)
    const selfClosing = s.charCodeAt(gt - 2) === SLASH || isVoid(name)
    if (!selfClosing) {
      const level = headingLevel(name)
      if (level > 0 && !pending) {
        cut(lt, true)
        pending = {
          level,
          start: lt,
          openEnd: gt,
          depth: stack.length,
          parent: ids.length > 0 ? ids[ids.length - 1]! : -1,
          id: nextId,
        }
      }
      stack.push(name)
      ids.push(nextId++)
      if (openByName) openByName.set(name, (openByName.get(name) ?? 0) + 1)
      else if (stack.length > DEEP_STACK) {
        openByName = new Map()
        for (const open of stack) openByName.set(open, (openByName.get(open) ?? 0) + 1)
      }
    }
    i = gt
    if (selfClosing) topEnd(i)
  }
  for (const id of ids) closedAt[id] = s.length
  // A section runs to the next heading of the same or a higher level with the same parent element, or
  // to the end of that element. One pass: per parent, the headings whose section is still open, levels
  // ascending; a heading closes those of its level or deeper (each heading is pushed and popped once,
  // where a forward scan per heading was quadratic on deeply nested or long runs of headings).
  const open = new Map<number, Array<Heading & { parent: number }>>()
  for (const heading of headings) {
    let list = open.get(heading.parent)
    if (!list) open.set(heading.parent, (list = []))
    while (list.length > 0 && list[list.length - 1]!.level >= heading.level) list.pop()!.sectionEnd = heading.start
    list.push(heading)
  }
  for (const [parent, list] of open) {
    const end = parent < 0 ? s.length : (closedAt[parent] ?? s.length)
    for (const heading of list) heading.sectionEnd = end
  }
  if (cuts[cuts.length - 1] !== s.length && s.length > 0) {
    cuts.push(s.length)
    cutRank.push(0)
  }
  const bare = headings.map(h => ({
    level: h.level,
    text: h.text,
    start: h.start,
    end: h.end,
    sectionEnd: h.sectionEnd,
    depth: h.depth,
  }))
  return { headings: bare, cuts, cutRank }
}

/** Where a tag ends as storage-html reads it (so an outline and a conversion agree), else the body's end. */
function tagEndOr(s: string, from: number): number {
  const end = tagEnd(s, from)
  return end < 0 ? s.length : end
}

function skipPast(s: string, marker: string, from: number): number {
  const at = s.indexOf(marker, from)
  return at < 0 ? s.length : at + marker.length
}

/** 1 to 6 for h1…h6, else 0. */
function headingLevel(name: string): number {
  if (name.length !== 2 || name.charCodeAt(0) !== 0x68) return 0
  const d = name.charCodeAt(1) - 0x30
  return d >= 1 && d <= 6 ? d : 0
}

/** Where the innermost open element called `name` is on the stack, or -1 (a stray end tag). */
function openAt(stack: string[], openByName: Map<string, number> | undefined, name: string): number {
  return !openByName || (openByName.get(name) ?? 0) > 0 ? findOpen(stack, name) : -1
}

function findOpen(stack: string[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i] === name) return i
  return -1
}

function headingText(inner: string): string {
  // Most headings are plain text: reading them as markup would be most of the cost of an outline.
  if (!inner.includes('<') && !inner.includes('&')) return normalizeHeading(inner)
  return normalizeHeading(storageText(inner))
}

export function normalizeHeading(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim()
}

// ---------------------------------------------------------------------------------------------------
// Sections

export interface SectionRef {
  heading: string
  occurrence?: number
}

export type SectionResult =
  | { value: string; heading: string; level: number; start: number; end: number; replaced: number }
  | { error: 'SECTION_NOT_FOUND' | 'SECTION_AMBIGUOUS' | 'SECTION_OCCURRENCE'; message: string; headings: string[] }

/** How the page's headings are listed in errors: indented by level, numbered when a text repeats. */
export function headingList(headings: Heading[]): string[] {
  const seen = new Map<string, number>()
  const counts = new Map<string, number>()
  for (const h of headings) counts.set(h.text, (counts.get(h.text) ?? 0) + 1)
  return headings.map(h => {
    const n = (seen.get(h.text) ?? 0) + 1
    seen.set(h.text, n)
    return `${'  '.repeat(h.level - 1)}${'#'.repeat(h.level)} ${h.text}${
      (counts.get(h.text) ?? 0) > 1 ? ` (occurrence ${n})` : ''
    }`
  })
}

/** The headings that `ref` names: exact text first, else the same text ignoring case; a leading `## ` is allowed. */
export function matchSection(headings: Heading[], ref: SectionRef): Heading[] {
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
export function replaceSection(storage: string, section: string | SectionRef, replacement: string): SectionResult {
  const ref = typeof section === 'string' ? { heading: section } : section
  const { headings } = outline(storage)
  const list = headingList(headings)
  const matches = matchSection(headings, ref)
  const name = JSON.stringify(normalizeHeading(ref.heading))
  if (matches.length === 0) {
    return {
      error: 'SECTION_NOT_FOUND',
      message:
        headings.length === 0
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
        message:
          `The heading ${name} occurs ${matches.length} time(s), so there is no occurrence ${ref.occurrence}. ` +
          `Its headings:\n${list.join('\n')}`,
        headings: list,
      }
    }
    target = picked
  } else if (matches.length > 1) {
    return {
      error: 'SECTION_AMBIGUOUS',
      message:
        `The heading ${name} occurs ${matches.length} times: send \`section\` as {"heading": ${name}, ` +
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
 * Cut a body into consecutive parts of at most `max` characters whose concatenation is the body: at
 * the best-ranked cut in the second half of the window (a top-level heading, else between top-level
 * elements, else the least nested place; see Outline.cutRank), else at the last cut in the window,
 * else (text longer than `max`) at `max` characters, never inside a surrogate pair. Linear: the second
 * halves of consecutive windows do not overlap, the rest is binary search.
 */
export function storageParts(s: string, max: number, shape: Outline = outline(s)): Part[] {
  const { headings, cuts, cutRank } = shape
  if (s.length <= max) return [{ start: 0, end: s.length, heading: headings[0]?.text }]
  const starts = headings.map(h => h.start)
  const parts: Part[] = []
  let start = 0
  while (start < s.length) {
    const limit = start + max
    const end =
      limit >= s.length
        ? s.length
        : (bestCut(cuts, cutRank, start + Math.floor(max / 2), limit) ??
          lastBelow(cuts, start, limit) ??
          safeCut(s, limit))
    const first = firstAtOrAfter(starts, start)
    parts.push({ start, end, heading: first !== undefined && starts[first]! < end ? headings[first]!.text : undefined })
    start = end
  }
  return parts
}

/** The last of the best-ranked cuts with `from < cut <= to`. */
function bestCut(cuts: number[], rank: number[], from: number, to: number): number | undefined {
  let best: number | undefined
  let bestRank = Infinity
  for (let i = firstAtOrAfter(cuts, from + 1) ?? cuts.length; i < cuts.length && cuts[i]! <= to; i++) {
    if (rank[i]! <= bestRank) {
      best = cuts[i]
      bestRank = rank[i]!
    }
  }
  return best
}

/** The index of the first offset >= `at` in `offsets` (ascending), if any. */
function firstAtOrAfter(offsets: number[], at: number): number | undefined {
  let lo = 0
  let hi = offsets.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (offsets[mid]! < at) lo = mid + 1
    else hi = mid
  }
  return lo < offsets.length ? lo : undefined
}

/** The largest offset in `offsets` (ascending) with `from < o <= to`. */
function lastBelow(offsets: number[], from: number, to: number): number | undefined {
  let lo = 0
  let hi = offsets.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (offsets[mid]! <= to) lo = mid + 1
    else hi = mid
  }
  const found = offsets[lo - 1]
  return found !== undefined && found > from ? found : undefined
}

function safeCut(s: string, at: number): number {
  const code = s.charCodeAt(at - 1)
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at
}
