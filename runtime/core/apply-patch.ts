// The semantics of `set` types on a document, shared by every store backend (docs/language.md "set").
import { DsulError } from './errors.ts'
import { formatPath, setPath } from './paths.ts'
import type { DocPatch } from './store.ts'

export function applyPatch(doc: Record<string, unknown>, patch: DocPatch, label = ''): Record<string, unknown> {
  const name = label + formatPath(patch.path)
  const combine = (prev: unknown): unknown => combineValue(prev, patch, name)
  if (patch.path.length === 0) {
    const next = combine(doc)
    if (next === undefined) return {}
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      throw new DsulError('SET_TYPE_MISMATCH', { type: patch.type, name, detail: 'a scope must stay an object' })
    }
    return next as Record<string, unknown>
  }
  setPath(doc, patch.path, combine)
  return doc
}

export function combineValue(prev: unknown, patch: DocPatch, name: string): unknown {
  const value = patch.value
  switch (patch.type) {
    case 'delete':
      return undefined
    case 'replace':
      return value
    case 'push': {
      if (prev === undefined || prev === null) return [value]
      if (!Array.isArray(prev))
        throw new DsulError('SET_TYPE_MISMATCH', {
          type: 'push',
          name,
          detail: `it holds ${typeName(prev)}, not an array`,
        })
      if (Object.isFrozen(prev)) return [...prev, value]
      prev.push(value)
      return prev
    }
    case 'merge': {
      if (prev === undefined || prev === null) return value
      if (Array.isArray(prev)) return Array.isArray(value) ? [...prev, ...value] : [...prev, value]
      if (typeof prev === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value))
        return { ...prev, ...value }
      throw new DsulError('SET_TYPE_MISMATCH', {
        type: 'merge',
        name,
        detail: `cannot merge ${typeName(value)} into ${typeName(prev)}`,
      })
    }
  }
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`
}
