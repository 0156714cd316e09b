/** JSONata's truthiness, used by `conditions` and `$not` (empty string, 0, empty array/object are false). */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return false
  if (typeof v === 'string') return v.length > 0
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v)
  if (Array.isArray(v)) return v.some(truthy)
  if (typeof v === 'object') return Object.keys(v).length > 0
  return Boolean(v)
}

/**
 * A number from an instruction's argument: numbers as they are, numeric strings parsed, anything else
 * NaN. `Number()` itself throws on an object without a prototype (JSONata builds such objects), and a
 * workspace builder's mistake must be a clear INVALID_VALUE, not an internal error.
 */
export function numberOf(v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v === 'string') return v.trim() === '' ? Number.NaN : Number(v)
  return Number.NaN
}
