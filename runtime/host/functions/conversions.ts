// One conversion, by kind: what a conversion worker thread runs (worker.ts), and what the main thread
// runs itself for inputs too small to be worth a hand-over (editing.ts). It has no side effects on
// import: the thread's start-up (the translator compiled, its priority lowered) is worker.ts's own.
import { bodyView, type ViewOptions } from './body-view.ts'
import { toMarkdown } from './convert.ts'
import { replaceSection, type SectionRef } from './storage-doc.ts'
import { markdownToStorage } from './to-storage.ts'

export type ConversionTask =
  | { kind: 'markdown'; input: string; maxChars?: number; maxInputChars: number; remedy?: string }
  | { kind: 'storage'; input: string }
  | { kind: 'section'; input: string; section: string | SectionRef; replacement: string }
  | { kind: 'view'; input: string; options: ViewOptions }

/** A task with where to write the moment a thread starts it: the main thread watches its deadline (pool.ts). */
export type TimedTask = ConversionTask & { startedAt?: Float64Array }

export function convert(task: TimedTask): string {
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
