// The package's own folder (where package.json, apps/ and sandbox/openapi/ live), found by walking up
// from this module: the same answer whether it runs from runtime/ through tsx or from the dist/ bundle.

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'confluence-next'
    )
      return dir
    if (dirname(dir) === dir) throw new Error(`confluence-next: no package.json of confluence-next above ${start}`)
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))
export const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version
