// $withoutKey(value, key): the value with `key` left out of every object in it, at any depth. A part
// that does not hold the key is returned as it is, not copied: dropping a key from a page of results
// costs one walk and a copy (a spread) of each object on the way to it. The input is never changed,
// since the runtime shares values between variables without copying them (docs/language.md "Calling
// an automation").
import { DsulError } from '../../core/errors.ts'
import { VALUE_DEPTH } from '../../core/limits.ts'

export function withoutKey(value: unknown, key: string | undefined): unknown {
  return key === undefined ? value : without(value, key, 0)
}

function without(value: unknown, key: string, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value
  // A value built inside an expression has not been held to the nesting limit yet.
  if (depth >= VALUE_DEPTH) {
    const data = { what: 'the value given to $withoutKey', limit: VALUE_DEPTH, at: '' }
    throw new DsulError('LIMIT_NESTING', { ...data, name: "the runtime's nesting limit" })
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item = without(value[i], key, depth + 1)
      if (out) out.push(item)
      else if (item !== value[i]) {
        out = value.slice(0, i)
        out.push(item)
      }
    }
    return out ?? value
  }
  // Buffers, dates and other class instances are values, not records of fields.
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const record = value as Record<string, unknown>
  let out: Record<string, unknown> | undefined
  for (const k in record) {
    const field = record[k]
    // Own fields only: for…in would also list what a polluted Object.prototype made enumerable.
    if (k === key || field === null || typeof field !== 'object' || !Object.hasOwn(record, k)) continue
    const kept = without(field, key, depth + 1)
    // The spread and the computed key define fields, in their order: a `__proto__` field (JSON can
    // have one) stays a field and never becomes the copy's prototype.
    if (kept !== field) out = { ...(out ?? record), [k]: kept }
  }
  if (!Object.hasOwn(record, key)) return out ?? record
  const { [key]: _dropped, ...rest } = out ?? record
  return rest
}
