// The `confluence-next` command line: validate, run, tools, serve (docs/language.md "Command line").
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { toDsulError } from './errors.ts'
import { formatDiagnostic } from './workspace/diagnostics.ts'
import { loadWorkspace } from './workspace/load.ts'
import { readTenantFiles } from './tenants/files.ts'

const USAGE = `Usage: confluence-next <command> [options]

Commands:
  validate [--workspace DIR]                       check every file; exit 1 on any error
  run SLUG [--workspace DIR] [--args JSON] [--trace] [--user ID]
                                                   run one automation and print its output
  tools [--workspace DIR]                          print the generated MCP tools
  serve [--workspace DIR]                          serve MCP and webhooks (HOST, PORT)

--workspace defaults to the current directory's workspace (this repository).`

export async function main (argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string', short: 'w' },
      args: { type: 'string', short: 'a' },
      trace: { type: 'boolean' },
      user: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, ...rest] = positionals
  if (values.help || !command) { console.log(USAGE); return command ? 0 : 2 }
  const dir = resolve(values.workspace ?? process.cwd())

  if (command === 'serve' || command === 'tools') {
    if (command === 'tools' && checkTenants(dir) === undefined) return 1
    const mod = await import(command === 'serve' ? './serve.ts' : './tools-command.ts')
    return mod.default({ dir })
  }

  const { workspace, diagnostics } = loadWorkspace(dir)
  for (const d of diagnostics) (d.severity === 'error' ? console.error : console.warn)(formatDiagnostic(d))
  if (!workspace) {
    console.error(`${diagnostics.filter(d => d.severity === 'error').length} error(s) in workspace ${dir}`)
    return 1
  }
  if (command === 'validate') {
    const tenants = checkTenants(dir, workspace.info.index)
    if (tenants === undefined) return 1
    console.log(`ok: workspace "${workspace.slug}", ${workspace.automations.size} automation(s), no errors`)
    if (tenants.length > 0) console.log(`ok: ${tenants.length} declared tenant(s): ${tenants.join(', ')}`)
    return 0
  }
  if (command === 'run') {
    const slug = rest[0]
    if (!slug) { console.error('run: which automation? e.g. `confluence-next run my-slug --args \'{"x": 1}\'`'); return 2 }
    let args: Record<string, unknown> = {}
    try {
      args = values.args ? JSON.parse(values.args) : {}
    } catch (err) {
      console.error(`--args is not valid JSON: ${(err as Error).message}`)
      return 2
    }
    try {
      const result = await workspace.run(slug, args, {
        identity: { userId: values.user },
        trigger: { type: 'cli' },
        trace: values.trace ? e => console.error(`${'  '.repeat(e.depth)}${e.automation} ${e.instruction} ${e.location} ${e.durationMs.toFixed(2)} ms${e.error ? ' ERROR ' + e.error : ''}`) : undefined,
      })
      console.log(typeof result.output === 'string' ? result.output : JSON.stringify(result.output, null, 2) ?? '')
      await workspace.drain()
      return 0
    } catch (err) {
      console.error(toDsulError(err).describe())
      return 1
    }
  }
  console.error(`unknown command "${command}"\n\n${USAGE}`)
  return 2
}

/** Check config/tenants/*.yml (docs/tenants.md), printing located diagnostics: the slugs, or undefined on an error. */
function checkTenants (dir: string, index?: Record<string, unknown>): string[] | undefined {
  const { specs, diagnostics } = readTenantFiles(dir, { env: process.env, index })
  for (const d of diagnostics) (d.severity === 'error' ? console.error : console.warn)(formatDiagnostic(d))
  const errors = diagnostics.filter(d => d.severity === 'error').length
  if (errors > 0) console.error(`${errors} error(s) in the tenant files of ${dir}`)
  return errors > 0 ? undefined : specs.map(s => s.slug)
}
