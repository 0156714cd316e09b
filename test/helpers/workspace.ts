// Write a fixture workspace to a temporary folder and load it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { loadWorkspace, type LoadOptions, type LoadResult } from '../../runtime/workspace/load.ts'

export const DEFAULT_INDEX = 'slug: test\nname: Test workspace\n'

/** An environment the package's own workspace (the connector) loads with, in apiToken mode. */
export const PACKAGE_ENV: Record<string, string> = {
  CONFLUENCE_AUTH_MODE: 'apiToken',
  CONFLUENCE_SITE_URL: 'https://example.atlassian.net',
  CONFLUENCE_EMAIL: 'a@example.com',
  CONFLUENCE_API_TOKEN: 'token',
  CONFLUENCE_ALLOWED_AGENTS: 'agent',
}

export function writeWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cn-ws-'))
  const all = { 'config/index.yml': DEFAULT_INDEX, ...files }
  mkdirSync(join(dir, 'automations'), { recursive: true })
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

export function loadFiles(files: Record<string, string>, options: LoadOptions = {}): LoadResult & { dir: string } {
  const dir = writeWorkspace(files)
  return { ...loadWorkspace(dir, { env: {}, ...options }), dir }
}
