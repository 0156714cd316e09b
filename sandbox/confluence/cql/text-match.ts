// Word-based text matching for CQL `~` (like Confluence's Lucene index: case-insensitive, light
// stemming, `*`/`?` wildcards, quoted phrases) and search excerpts with highlight markers.
import { memoized } from '../memo.ts'

const HL_OPEN = '@@@hl@@@'
const HL_CLOSE = '@@@endhl@@@'
const WORD = /[\p{L}\p{N}_]+/gu
const SUFFIXES: Array<[string, string]> = [
  ['ments', ''],
  ['ment', ''],
  ['ations', ''],
  ['ation', ''],
  ['ions', ''],
  ['ion', ''],
  ['ings', ''],
  ['ing', ''],
  ['ies', 'y'],
  ['ers', ''],
  ['er', ''],
  ['es', ''],
  ['ed', ''],
  ['s', ''],
]

export function stem(word: string): string {
  const w = word.toLowerCase()
  for (const [suffix, replacement] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) return w.slice(0, -suffix.length) + replacement
  }
  return w
}

export interface TextQuery {
  phrase?: string
  terms: Array<{ raw: string; test: (word: string) => boolean }>
}

/** Parses the value of a `~` clause: a quoted phrase, or terms that must all occur. */
export function textQuery(value: string): TextQuery {
  const trimmed = value.trim()
  if (trimmed.length > 1 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return { phrase: normalise(trimmed.slice(1, -1)), terms: termsOf(trimmed.slice(1, -1)) }
  }
  return { terms: termsOf(trimmed) }
}

function termsOf(text: string): TextQuery['terms'] {
  return (text.match(/[\p{L}\p{N}_*?]+/gu) ?? []).map(raw => {
    if (/[*?]/.test(raw)) {
      const re = new RegExp(`^${raw.toLowerCase().replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'u')
      return { raw, test: (word: string) => re.test(word.toLowerCase()) }
    }
    const s = stem(raw)
    return { raw, test: (word: string) => stem(word) === s }
  })
}

const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim()

/** Number of matching words (0 = no match). Every term must occur somewhere in the text. */
export function matchText(query: TextQuery, text: string): number {
  if (query.phrase !== undefined) return normalise(text).includes(query.phrase) ? 1 : 0
  if (query.terms.length === 0) return 0
  const words = text.match(WORD) ?? []
  let hits = 0
  for (const term of query.terms) {
    const n = words.filter(w => term.test(w)).length
    if (n === 0) return 0
    hits += n
  }
  return hits
}

export type ExcerptMode = 'highlight' | 'indexed' | 'none' | 'highlight_unescaped' | 'indexed_unescaped'

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

// Indexed texts are the same string objects search after search (search-index.ts caches them), so
// their whitespace-collapsed form is kept too: collapsing a 20 KB body per result dominated a search.
const collapsed = memoized(text => text.replace(/\s+/g, ' ').trim(), 5_000)

/** An excerpt of `text` around the first hit; `highlight` modes wrap hits in @@@hl@@@ markers. */
export function excerpt(text: string, queries: TextQuery[], mode: ExcerptMode, size = 300): string {
  if (mode === 'none') return ''
  const flat = collapsed(text)
  const tests = queries.flatMap(q => q.terms.map(t => t.test))
  let start = 0
  if (tests.length) {
    for (const m of flat.matchAll(WORD)) {
      if (tests.some(t => t(m[0]))) {
        start = Math.max(0, m.index! - 80)
        break
      }
    }
  }
  const window = (start > 0 ? '...' : '') + flat.slice(start, start + size) + (start + size < flat.length ? '...' : '')
  return decorate(window, tests, mode)
}

/** Highlights hits in a short text such as a title (escaped unless an `_unescaped` mode). */
export function decorate(text: string, tests: Array<(w: string) => boolean>, mode: ExcerptMode): string {
  const esc = mode.endsWith('_unescaped') ? (s: string) => s : escapeHtml
  if (!mode.startsWith('highlight') || tests.length === 0) return esc(text)
  let out = ''
  let last = 0
  for (const m of text.matchAll(WORD)) {
    if (!tests.some(t => t(m[0]))) continue
    out += esc(text.slice(last, m.index)) + HL_OPEN + esc(m[0]) + HL_CLOSE
    last = m.index! + m[0].length
  }
  return out + esc(text.slice(last))
}
