// $withoutKey(value, key): the value with `key` left out of every object in it, at any depth. A part
// that does not hold the key is returned as it is, not copied: dropping a key from a page of results
// costs one walk and a copy of each object on the way to it. The input is never changed, since the
// runtime shares values between variables without copying them (docs/language.md "Calling an
// automation").
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
  const keys = Object.keys(record)
  let out: Record<string, unknown> | undefined
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    if (k === key) {
      out ??= copied(record, keys, i)
      continue
    }
    const field = without(record[k], key, depth + 1)
    if (out) put(out, k, field)
    else if (field !== record[k]) {
      out = copied(record, keys, i)
      put(out, k, field)
    }
  }
  return out ?? value
}

/** A new object with the first `n` fields of `record`, in their order. */
function copied(record: Record<string, unknown>, keys: string[], n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (let i = 0; i < n; i++) put(out, keys[i], record[keys[i]])
  return out
}

function put(out: Record<string, unknown>, k: string, v: unknown): void {
  // An assignment to `__proto__` would set the copy's prototype instead of a field (JSON can have one).
  if (k === '__proto__')
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  else out[k] = v
}
