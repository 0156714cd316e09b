// What verbose output shows of a body (the work behind `$bodyView`, run in the conversion workers for
// large bodies): one section of it when asked, in the form asked, and — when that is longer than the
// cap — one numbered part, cut at heading boundaries, with a notice naming the exact next call.
//
// - storage / atlas_doc_format: the exact characters Confluence holds. Parts are slices of it: they
//   concatenate to the body byte for byte, so an agent can read all of it before writing it back.
// - markdown: the reading form (convert.ts). A long body's parts are the Markdown of its storage parts
//   (the same character ranges), each converted alone, so reading part N of a huge page costs an
//   outline (a linear scan) and the conversion of part N, never of the parts before it.
import { toMarkdown } from './convert.ts'
import {
  headingList,
  matchSection,
  normalizeHeading,
  type Outline,
  outline,
  type SectionRef,
  storageParts,
} from './storage-doc.ts'

export interface ViewOptions {
  /** storage and atlas_doc_format are shown exactly; markdown is converted from `value` (storage or view HTML). */
  format: 'storage' | 'atlas_doc_format' | 'markdown'
  maxChars: number
  part?: number
  section?: string | SectionRef
  /** The call that reads this body, for the notices: `{"tool": "pages.getBody", "args": {...}}`. */
  call: { tool: string; args: Record<string, unknown> }
  /** false where the call has no exact storage form nor `section` (comments): notices name neither. */
  exact?: boolean
  maxInputChars: number
}

export type ViewResult =
  | { text: string; part: number; parts?: number; more: boolean }
  | {
      error: 'SECTION_NOT_FOUND' | 'SECTION_AMBIGUOUS' | 'SECTION_OCCURRENCE' | 'PART_NOT_FOUND' | 'BAD_ARGUMENTS'
      message: string
      headings?: string[]
    }

export function bodyView(value: string, o: ViewOptions): ViewResult {
  const max = Math.max(1000, Math.floor(o.maxChars))
  const partNo = o.part ?? 1
  let body = value
  if (o.section !== undefined) {
    if (o.format === 'atlas_doc_format') {
      return {
        error: 'BAD_ARGUMENTS',
        message: '`section` reads storage, markdown or view bodies, not atlas_doc_format.',
      }
    }
    const found = section(value, o.section)
    if (typeof found !== 'string') return found
    body = found
  }
  const call = (extra: Record<string, unknown>): string =>
    `${o.call.tool} ${JSON.stringify({ ...o.call.args, ...extra })}`
  const sectionArg = o.section === undefined ? {} : { section: o.section }
  if (o.format === 'markdown') return markdownPart(body, max, partNo, o, call, sectionArg)
  const shape = o.format === 'storage' ? outline(body) : undefined
  const parts = shape ? storageParts(body, max, shape) : jsonParts(body, max)
  const p = parts[partNo - 1]
  if (!p) return noPart(partNo, parts.length, call, sectionArg)
  const text = body.slice(p.start, p.end)
  if (parts.length === 1) return { text, part: 1, parts: 1, more: false }
  const headings = parts
    .slice(partNo)
    .map((x, i) => (x.heading ? `part ${partNo + 1 + i} starts at "${x.heading}"` : ''))
    .filter(Boolean)
    .slice(0, 5)
  const next =
    partNo < parts.length
      ? ` Next: ${call({ ...sectionArg, part: partNo + 1 })}.${headings.length ? ` (${headings.join('; ')}.)` : ''}`
      : ' This is the last part.'
  return {
    text:
      `${text}\n[… part ${partNo} of ${parts.length}: characters ${
        p.start + 1
      }–${p.end} of ${body.length}, exactly as ` +
      `Confluence holds them (the parts concatenate to the body).${next}${shape ? sectionHint(shape, o, call) : ''}]`,
    part: partNo,
    parts: parts.length,
    more: partNo < parts.length,
  }
}

function section(value: string, ref: string | SectionRef): string | ViewResult {
  const r = typeof ref === 'string' ? { heading: ref } : ref
  const { headings } = outline(value)
  const matches = matchSection(headings, r)
  const list = headingList(headings)
  const name = JSON.stringify(normalizeHeading(r.heading))
  if (matches.length === 0) {
    return {
      error: 'SECTION_NOT_FOUND',
      message: `The page has no heading ${name}. Its headings:\n${list.join('\n') || '(none)'}`,
      headings: list,
    }
  }
  if (r.occurrence === undefined && matches.length > 1) {
    return {
      error: 'SECTION_AMBIGUOUS',
      message:
        `The heading ${name} occurs ${matches.length} times: send \`section\` as {"heading": ${name}, "occurrence": ` +
        `1 to ${matches.length}}. Its headings:\n${list.join('\n')}`,
      headings: list,
    }
  }
  const h = matches[(r.occurrence ?? 1) - 1]
  if (!h) {
    return {
      error: 'SECTION_OCCURRENCE',
      message: `The heading ${name} occurs ${matches.length} time(s), so there is no occurrence ${r.occurrence}.`,
      headings: list,
    }
  }
  return value.slice(h.end, h.sectionEnd)
}

/**
 * A body whose storage is at most this many times the cap is converted whole first: when its Markdown
 * fits the cap it is one part (most pages), at a cost bounded by the cap, not by the page.
 */
const WHOLE_FACTOR = 4

function markdownPart(
  body: string,
  max: number,
  partNo: number,
  o: ViewOptions,
  call: (extra: Record<string, unknown>) => string,
  sectionArg: Record<string, unknown>,
): ViewResult {
  const exact = o.exact === false ? undefined : `The exact body: ${call({ ...sectionArg, bodyFormat: 'storage' })}.`
  if (body.length <= WHOLE_FACTOR * max) {
    const md = toMarkdown(body, { maxChars: max, maxInputChars: o.maxInputChars, remedy: exact })
    if (md.length <= max || body.length <= max) {
      return partNo === 1 ? { text: md, part: 1, parts: 1, more: false } : noPart(partNo, 1, call, sectionArg)
    }
  }
  // Longer: the parts are the storage parts (the same character ranges as bodyFormat "storage"), each
  // converted alone. Finding part N costs one outline (a linear scan, no conversion) and converting it
  // costs at most `max` characters of storage: never the pages before it. Markdown is shorter than the
  // storage it comes from (markup is dropped), so a part's Markdown fits the cap.
  const shape = outline(body)
  const parts = storageParts(body, max, shape)
  const p = parts[partNo - 1]
  if (!p) return noPart(partNo, parts.length, call, sectionArg)
  const exactPart = o.exact === false ? undefined : call({ ...sectionArg, bodyFormat: 'storage', part: partNo })
  const md = toMarkdown(body.slice(p.start, p.end), {
    maxChars: max,
    maxInputChars: o.maxInputChars,
    remedy: exactPart && `This part exactly: ${exactPart}.`,
  })
  const next = parts[partNo]
  const starts = new Set(shape.headings.map(h => h.start))
  const how = !next ? 'the last part' : starts.has(next.start) ? 'cut at a heading' : 'cut between elements'
  const nextCall = next
    ? ` Next: ${call({ ...sectionArg, part: partNo + 1 })}${
        starts.has(next.start) && next.heading ? ` (it starts at "${next.heading}")` : ''
      }.`
    : ''
  return {
    text:
      `${md}

[… part ${partNo} of the Markdown, ${how}.${nextCall} Part ${partNo} of ${parts.length}: the Markdown of ` +
      `characters ${p.start + 1}–${p.end} of the ${body.length}-character storage body` +
      `${exactPart ? ` (${exactPart} shows them exactly)` : ''}.${sectionHint(shape, o, call)}]`,
    part: partNo,
    parts: parts.length,
    more: next !== undefined,
  }
}

/** One section by heading, the other way to read a long body: named when the body has headings. */
function sectionHint(shape: Outline, o: ViewOptions, call: (extra: Record<string, unknown>) => string): string {
  if (o.section !== undefined || o.exact === false) return ''
  const first = shape.headings.find(h => h.depth === 0)
  return first ? ` Or one section by its heading: ${call({ section: first.text })}.` : ''
}

function noPart(
  partNo: number,
  count: number,
  call: (extra: Record<string, unknown>) => string,
  sectionArg: Record<string, unknown>,
): ViewResult {
  return {
    error: 'PART_NOT_FOUND',
    message:
      `There is no part ${partNo}: the body has ${count} part(s) at this size. Start again with ` +
      `${call({ ...sectionArg, part: 1 })}.`,
  }
}

/** atlas_doc_format parts: slices of the JSON text (it has no headings to cut at), never inside a surrogate pair. */
function jsonParts(s: string, max: number): Array<{ start: number; end: number; heading?: string }> {
  const parts: Array<{ start: number; end: number }> = []
  for (let start = 0; start < s.length || parts.length === 0; ) {
    let end = Math.min(s.length, start + max)
    const code = s.charCodeAt(end - 1)
    if (end < s.length && code >= 0xd800 && code <= 0xdbff) end--
    parts.push({ start, end })
    if (end >= s.length) break
    start = end
  }
  return parts
}
