/** JSONata's truthiness, used by `conditions` and `$not` (empty string, 0, empty array/object are false). */
export function truthy (v: unknown): boolean {
  if (v === undefined || v === null || v === false) return false
  if (typeof v === 'string') return v.length > 0
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v)
  if (Array.isArray(v)) return v.some(truthy)
  if (typeof v === 'object') return Object.keys(v).length > 0
  return Boolean(v)
}
