// HTML → Markdown, the translation step behind convert.ts, by mdream (docs/performance.md "Converter
// comparison": chosen over node-html-markdown and @kreuzberg/html-to-markdown-node by speed and by the
// fidelity corpus in test/fixtures/markdown/). Its cost is linear in the input (node-html-markdown's
// was quadratic in its output). mdream's WebAssembly build is used everywhere: its native bindings
// need Node 22 (npm leaves them out on Node 20), and one build gives one output on every host.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { htmlToMarkdown, initSync } from 'mdream/wasm'

let ready = false

/** Compiles the module on first use (~10 ms), so a process that never converts never pays for it. */
export function loadTranslator(): void {
  if (ready) return
  const file = createRequire(import.meta.url).resolve('mdream/wasm/mdream_edge_bg.wasm')
  initSync({ module: readFileSync(file) })
  ready = true
}

export function translate(html: string): string {
  loadTranslator()
  return htmlToMarkdown(html, {})
}
