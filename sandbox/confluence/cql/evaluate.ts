// Evaluates a parsed CQL query over the searchable entities of the site (pages, comments,
// attachments and spaces), scoring text hits for relevance ordering.
import { CqlError } from './lexer.ts'
import type { CqlQuery, Expr, Value } from './parser.ts'
import { matchText, textQuery, type TextQuery } from './text-match.ts'

export interface SearchEntity {
  type: 'page' | 'comment' | 'attachment' | 'space'
  id: string
  title: string
  /** Indexed plain text (body, or description for spaces). */
  text: string
  spaceId?: string
  spaceKey?: string
  spaceName?: string
  labels: string[]
  ancestorIds: string[]
  parentId?: string
  created: number
  modified: number
  creator: string
  contributors: string[]
}

export interface EvalContext {
  currentUser: string
  now: number
}

export interface Hit<E extends SearchEntity> {
  entity: E
  score: number
}

export function search<E extends SearchEntity>(query: CqlQuery, entities: E[], ctx: EvalContext): Array<Hit<E>> {
  const hits: Array<Hit<E>> = []
  for (const entity of entities) {
    const score = evaluate(query.where, entity, ctx)
    if (score > 0) hits.push({ entity, score })
  }
  const keys: Record<string, (e: SearchEntity) => string | number> = {
    title: e => e.title.toLowerCase(),
    created: e => e.created,
    lastmodified: e => e.modified,
    id: e => Number(e.id.replace(/^att/, '')),
    type: e => e.type,
    space: e => e.spaceKey ?? '',
  }
  const order = query.orderBy.length ? query.orderBy : []
  return hits.sort((a, b) => {
    for (const { field, desc } of order) {
      const x = keys[field]!(a.entity)
      const y = keys[field]!(b.entity)
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
      if (c !== 0) return desc ? -c : c
    }
    // Without ORDER BY: relevance, then most recently modified.
    return order.length ? 0 : b.score - a.score || b.entity.modified - a.entity.modified
  })
}

/** Returns a positive score when the entity matches, 0 otherwise. */
function evaluate(expr: Expr, e: SearchEntity, ctx: EvalContext): number {
  switch (expr.kind) {
    case 'and': {
      const l = evaluate(expr.left, e, ctx)
      const r = l ? evaluate(expr.right, e, ctx) : 0
      return l && r ? l + r : 0
    }
    case 'or':
      return evaluate(expr.left, e, ctx) + evaluate(expr.right, e, ctx)
    case 'not':
      return evaluate(expr.expr, e, ctx) ? 0 : 1
    case 'clause': {
      if (expr.op === '~' || expr.op === '!~') {
        const hits = textHits(expr.field, expr.values[0]!, e)
        return expr.op === '~' ? hits : hits ? 0 : 1
      }
      if (expr.field === 'created' || expr.field === 'lastmodified') {
        return compareDate(expr.field === 'created' ? e.created : e.modified, expr.op, expr.values[0]!, ctx) ? 1 : 0
      }
      const any = expr.values.some(v => equals(expr.field, literal(v, ctx), e))
      return (expr.op === '=' || expr.op === 'in') === any ? 1 : 0
    }
  }
}

function textHits(field: string, value: Value, e: SearchEntity): number {
  const q: TextQuery = textQuery(value.kind === 'literal' ? value.value : '')
  if (field === 'title') return matchText(q, e.title) * 2
  if (field === 'space.title') return matchText(q, e.spaceName ?? '')
  return matchText(q, `${e.title}\n${e.text}`)
}

function equals(field: string, value: string, e: SearchEntity): boolean {
  const v = value.toLowerCase()
  switch (field) {
    case 'type':
      return e.type === v
    case 'space':
      return e.spaceKey?.toLowerCase() === v
    case 'space.id':
      return e.spaceId === value
    case 'space.title':
      return e.spaceName?.toLowerCase() === v
    case 'title':
      return e.title.toLowerCase() === v
    case 'label':
      return e.labels.includes(v.replace(/^global:/, ''))
    case 'ancestor':
      return e.ancestorIds.includes(value)
    case 'parent':
      return e.parentId === value
    case 'id':
      return e.id === value || e.id === `att${value}`
    case 'creator':
      return e.creator === value
    case 'contributor':
      return e.contributors.includes(value)
    default:
      throw new CqlError(`unsupported field ${field}`)
  }
}

function literal(v: Value, ctx: EvalContext): string {
  if (v.kind === 'literal') return v.value
  if (v.name === 'currentuser') return ctx.currentUser
  throw new CqlError(`unsupported function ${v.name}()`)
}

// ---- dates: literals (2024-01-15, 2024/01/15 10:30), relative offsets (-7d) and functions ----

const UNITS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  M: 2_592_000_000,
  y: 31_536_000_000,
}

function offset(text: string | undefined): number {
  if (!text) return 0
  const m = /^([+-]?\d+)([mhdwMy])$/.exec(text.trim())
  if (!m) throw new CqlError(`invalid date offset ${text}`)
  return Number(m[1]) * UNITS[m[2]!]!
}

/** The instant a date value denotes and whether it names a whole day. */
function dateOf(v: Value, ctx: EvalContext): { at: number; day: boolean } {
  if (v.kind === 'func') {
    const at = ctx.now + offset(v.args[0])
    const d = new Date(at)
    if (v.name === 'now') return { at, day: false }
    if (v.name === 'startofday') return { at: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), day: true }
    if (v.name === 'startofweek')
      return { at: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay()), day: true }
    if (v.name === 'startofmonth') return { at: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), day: true }
    if (v.name === 'startofyear') return { at: Date.UTC(d.getUTCFullYear(), 0, 1), day: true }
    throw new CqlError(`unsupported function ${v.name}()`)
  }
  if (/^[+-]?\d+[mhdwMy]$/.test(v.value)) return { at: ctx.now + offset(v.value), day: false }
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:\s+(\d{2}):(\d{2}))?$/.exec(v.value.trim())
  if (!m) throw new CqlError(`invalid date ${v.value}`)
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0))
  return { at, day: m[4] === undefined }
}

/** Dates without a time compare at midnight UTC (as in JQL); `=` on such a date means that day. */
function compareDate(t: number, op: string, v: Value, ctx: EvalContext): boolean {
  const { at, day } = dateOf(v, ctx)
  const end = day ? at + UNITS.d! : at + UNITS.m!
  switch (op) {
    case '=':
      return t >= at && t < end
    case '!=':
      return t < at || t >= end
    case '>':
      return t > at
    case '>=':
      return t >= at
    case '<':
      return t < at
    case '<=':
      return t <= at
    default:
      throw new CqlError(`operator ${op} is not supported for dates`)
  }
}
