// Summaries of one measurement and of its repetitions.

export interface LoadResult {
  calls: number
  errors: number
  firstError?: string
  elapsedMs: number
  callsPerSec: number
  p50: number
  p99: number
}

export function summarize(latencies: Float64Array, elapsedMs: number, errors: number, firstError?: string): LoadResult {
  const sorted = Float64Array.from(latencies).sort()
  return {
    calls: sorted.length,
    errors,
    ...(firstError ? { firstError } : {}),
    elapsedMs,
    callsPerSec: sorted.length / (elapsedMs / 1000),
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

export function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (v.length === 0) return NaN
  const mid = v.length >> 1
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

/** How far the repetitions lie apart: (max − min) / median, as a fraction. */
export function spread(values: number[]): number {
  const v = values.filter(Number.isFinite)
  if (v.length < 2) return 0
  return (Math.max(...v) - Math.min(...v)) / median(v)
}
