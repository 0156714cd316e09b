// The conversion worker thread (piscina): it receives strings and numbers only, and answers a string.
// The main thread never runs these conversions for large inputs (pool.ts).
import { toMarkdown } from './convert.ts'

export interface ConversionTask { kind: 'markdown', input: string, maxChars?: number, maxInputChars: number }

export default function convert (task: ConversionTask): string {
  if (task.kind === 'markdown') return toMarkdown(task.input, { maxChars: task.maxChars, maxInputChars: task.maxInputChars })
  throw new Error(`unknown conversion "${String((task as { kind?: unknown }).kind)}"`)
}
