// The conversion worker thread (piscina): it receives strings, numbers and plain objects, and answers a
// string (structured answers as JSON). The main thread never runs these conversions for large inputs (pool.ts).
import { createRequire } from 'node:module'
import { workerData } from 'node:worker_threads'
import { bodyView, type ViewOptions } from './body-view.ts'
import { toMarkdown } from './convert.ts'
import { replaceSection, type SectionRef } from './storage-doc.ts'
import { markdownToStorage } from './to-storage.ts'
import { loadTranslator } from './translate.ts'

// Imports first, at the thread's starting priority: loading them is most of a cold thread's cost, and
// every conversion waiting for it counts that time against its deadline (pool.ts). Then the thread
// yields the core to the event loop for the conversions themselves (ignored where unsupported).
// The translator's WebAssembly is compiled with the imports, as part of the thread's start-up (bounded
// apart, pool.ts), not inside the first conversion's own deadline.
loadTranslator()
const niceness = (workerData as { nice?: number } | null)?.nice ?? 0
if (niceness > 0) {
  // piscina's optional dependency, loaded as piscina does (a top-level await here broke loading under tsx).
  try {
    ;(createRequire(import.meta.url)('@napi-rs/nice') as { nice(increment: number): number }).nice(niceness)
  } catch {
    /* missing or not permitted: conversions keep the default priority */
  }
}

export type ConversionTask =
  | { kind: 'markdown'; input: string; maxChars?: number; maxInputChars: number; remedy?: string }
  | { kind: 'storage'; input: string }
  | { kind: 'section'; input: string; section: string | SectionRef; replacement: string }
  | { kind: 'view'; input: string; options: ViewOptions }

/** A task with where to write the moment a thread starts it: the main thread watches its deadline (pool.ts). */
export type TimedTask = ConversionTask & { startedAt?: Float64Array }

export default function convert(task: TimedTask): string {
  if (task.startedAt) task.startedAt[0] = Date.now()
  switch (task.kind) {
    case 'markdown':
      return toMarkdown(task.input, { maxChars: task.maxChars, maxInputChars: task.maxInputChars, remedy: task.remedy })
    case 'storage':
      return markdownToStorage(task.input)
    case 'section':
      return JSON.stringify(replaceSection(task.input, task.section, task.replacement))
    case 'view':
      return JSON.stringify(bodyView(task.input, task.options))
  }
  throw new Error(`unknown conversion "${String((task as { kind?: unknown }).kind)}"`)
}
