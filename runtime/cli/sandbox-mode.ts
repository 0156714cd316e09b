// `npm start` with nothing configured: start the embedded sandbox the workspace's `sandbox:` section
// names (config/index.yml, docs/serving.md "Sandbox mode") on loopback and serve the workspace with
// the environment that section sets. Which fake, when it starts and with which values is the
// workspace's to say; the fakes themselves live in sandbox/.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ALLOW_LOOPBACK_ENV } from '../workspace/load.ts'
import { parseSource } from '../workspace/source.ts'
import type { EmbeddedFake } from '../../sandbox/embedded.ts'

/** The `sandbox:` section of config/index.yml (schemas/workspace.schema.json). */
export interface SandboxSpec {
  fake: string
  switch?: string
  startsWithout: string[]
  env?: Record<string, string>
  defaults?: Record<string, string>
  oauth?: { switch: string }
}

/**
 * The workspace's `sandbox:` section, read before the load (the sandbox's environment is the load's);
 * undefined without one, or when the index or the section is malformed: the load then reports it,
 * located, against the schema.
 */
export function sandboxSpec(dir: string): SandboxSpec | undefined {
  try {
    // parseSource: the package's own index comes from the source cache (source-cache.ts), unparsed.
    const text = readFileSync(join(dir, 'config', 'index.yml'), 'utf8')
    const index = parseSource('config/index.yml', text, [])?.value as { sandbox?: SandboxSpec } | null | undefined
    const spec = index?.sandbox
    return typeof spec?.fake === 'string' && Array.isArray(spec.startsWithout) ? spec : undefined
  } catch {
    // An unreadable index fails at load, with its located diagnostics: not here.
    return undefined
  }
}

/** Forced by the spec's switch (`true`, `false`), else only when none of its `startsWithout` is set. */
export function wantsSandbox(env: NodeJS.ProcessEnv, spec: SandboxSpec | undefined): spec is SandboxSpec {
  if (!spec) return false
  const forced = spec.switch === undefined ? undefined : env[spec.switch]
  if (forced === 'false') return false
  if (forced === 'true') return true
  return spec.startsWithout.every(name => !env[name])
}

export interface Sandbox {
  env: NodeJS.ProcessEnv
  url: string
  oauth?: string
  /** The banner's lines about the sandbox (the fake's own words); `serverUrl` is where serve listens. */
  notice(serverUrl: string): string[]
  close(): Promise<void>
}

export async function startSandbox(given: NodeJS.ProcessEnv, spec: SandboxSpec): Promise<Sandbox> {
  // Imported lazily: a configured server never loads the fakes.
  const { EMBEDDED_FAKES } = await import('../../sandbox/embedded.ts')
  const start = Object.hasOwn(EMBEDDED_FAKES, spec.fake) ? EMBEDDED_FAKES[spec.fake] : undefined
  if (!start) {
    throw new Error(
      `config/index.yml sandbox.fake: no embedded fake ${JSON.stringify(spec.fake)} (known: ${Object.keys(
        EMBEDDED_FAKES,
      ).join(', ')})`,
    )
  }
  // The embedded fakes listen on loopback: sandbox mode opts in explicitly (docs/operations.md).
  const env: NodeJS.ProcessEnv = { ...given, [ALLOW_LOOPBACK_ENV]: 'true' }
  for (const [name, value] of Object.entries(spec.defaults ?? {})) env[name] ??= value
  const oauth = spec.oauth !== undefined && env[spec.oauth.switch] === 'oauth'
  const fake: EmbeddedFake = await start({ port: Number(env.SANDBOX_PORT ?? 0), oauth: oauth ? { env } : undefined })
  const served = fake.oauth?.env ?? { ...env, ...withUrl(spec.env ?? {}, fake.url) }
  return { url: fake.url, env: served, oauth: fake.oauth?.url, notice: fake.notice, close: () => fake.close() }
}

/** The spec's values with `{url}` replaced by the fake's URL. */
function withUrl(values: Record<string, string>, url: string): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.replaceAll('{url}', url)]))
}
