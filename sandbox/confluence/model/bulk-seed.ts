// Generates many pages with large, varied storage bodies for benchmarks.
import type { ConfluenceState } from './state.ts'
import type { Page } from './types.ts'

export interface BulkOptions {
  /** How many pages to create (default 25). */
  pages?: number
  /** Approximate size of each storage body in bytes (default 20 000). */
  bodyBytes?: number
  /** Space to fill; created when missing (default 'BULK'). */
  spaceKey?: string
  /** Parent page id; defaults to the space homepage. */
  parentId?: string
  /** Labels added to every generated page. */
  labels?: string[]
}

const WORDS =
  'alpha beta gamma delta latency throughput cache replica shard queue worker deploy rollback incident metric budget'.split(
    ' ',
  )

function sentence(i: number): string {
  const words = Array.from({ length: 12 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length])
  return `${words.join(' ')}.`
}

/** One section mixes every block type a converter must handle. */
function section(n: number): string {
  return (
    `<h2>Section ${n}</h2><p>${sentence(n)} <strong>${sentence(n + 1)}</strong> <a href="https://example.com/${n}">link ${n}</a></p>` +
    `<ul><li>${sentence(n + 2)}</li><li>${sentence(n + 3)}</li></ul>` +
    `<table><tbody><tr><th><p>Key</p></th><th><p>Value</p></th></tr><tr><td><p>k${n}</p></td><td><p>${sentence(n + 4)}</p></td></tr></tbody></table>` +
    `<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">js</ac:parameter><ac:plain-text-body><![CDATA[const v${n} = compute(${n});\nconsole.log(v${n});]]></ac:plain-text-body></ac:structured-macro>`
  )
}

export function bulkBody(bytes: number, seed = 0): string {
  // Bytes counted per section: measuring the growing body each time made a 1 MB page quadratic to build.
  const parts = [`<h1>Generated page ${seed}</h1>`]
  for (let n = seed, size = Buffer.byteLength(parts[0]); size < bytes; n++) {
    parts.push(section(n))
    size += Buffer.byteLength(parts[parts.length - 1])
  }
  return parts.join('')
}

/** Adds `pages` generated pages under one parent and returns them. */
export function seedBulk(state: ConfluenceState, options: BulkOptions = {}): Page[] {
  const count = options.pages ?? 25
  const bytes = options.bodyBytes ?? 20_000
  const key = options.spaceKey ?? 'BULK'
  let space = state.spaceByKey(key)
  if (!space) {
    space = state.addSpace({ key, name: `Bulk ${key}`, description: 'Generated pages for benchmarks.' })
    state.addPage({ spaceId: space.id, title: `Bulk ${key} home`, body: '<p>Generated content.</p>' })
  }
  const parentId = options.parentId ?? space.homepageId
  const created: Page[] = []
  for (let i = 0; i < count; i++) {
    let title = `Bulk page ${i + 1}`
    for (let n = 2; state.titleTaken(space.id, title); n++) title = `Bulk page ${i + 1} (${n})`
    const page = state.addPage({ spaceId: space.id, parentId, title, body: bulkBody(bytes, i) })
    for (const label of options.labels ?? []) state.addLabel(page.id, 'global', label)
    created.push(page)
  }
  return created
}
