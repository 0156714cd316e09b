// The conversion worker thread (piscina): it receives strings, numbers and plain objects, and answers a
// string (structured answers as JSON). The main thread never runs these conversions for large inputs
// (pool.ts), and never imports this file: its start-up below is the thread's (conversions.ts is shared).
import { createRequire } from 'node:module'
import { workerData } from 'node:worker_threads'
import { convert } from './conversions.ts'
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

export default convert
