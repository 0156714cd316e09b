// The `confluence-next` command line (docs/language.md "Command line"): validate, run, tools,
// serve, import and rotate-key, parsed by commander. Exit codes: 0 done, 1 the work failed (a diagnostic, a
// run error, a server that cannot start), 2 the command line itself is wrong. Never a stack trace.
import { resolve } from 'node:path'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { toDsulError } from '../core/errors.ts'
import { PACKAGE_VERSION } from '../core/package-root.ts'
import { formatDiagnostic } from '../workspace/diagnostics.ts'
import { loadWorkspace } from '../workspace/load.ts'
import { readTenantFiles } from '../tenants/files.ts'
import { countBySeverity, toJson, toSarif } from '../workspace/report.ts'

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

interface Io {
  out: (text: string) => void
  err: (text: string) => void
}
const stdio: Io = { out: text => process.stdout.write(text), err: text => process.stderr.write(text) }

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code: number = EXIT.ok
  const finish = (c: number): void => {
    code = c
  }
  const program = buildProgram(finish, io)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (err) {
    // exitOverride: commander throws instead of exiting; --help and --version are successes.
    if (!(err instanceof CommanderError)) throw err
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage
  }
  return code
}

function buildProgram(finish: (code: number) => void, io: Io): Command {
  const workspaceOption = (): Option =>
    new Option('-w, --workspace <dir>', 'the workspace folder (default: the current directory)')
  const program = new Command('confluence-next')
    .description('A DSUL-style YAML automation runtime, and the Confluence Cloud connector written in it.')
    .version(PACKAGE_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()

  program
    .command('validate')
    .description(
      'check every file of the workspace (and its tenant files); exit 1 on any error (with --strict, any warning)',
    )
    .addOption(workspaceOption())
    .option('--strict', 'fail on warnings too (a CI gate)')
    .addOption(
      new Option('--format <format>', 'how diagnostics are printed').choices(['text', 'json', 'sarif']).default('text'),
    )
    .action((opts: ValidateOptions) => finish(validate(dir(opts), opts, io)))

  program
    .command('run')
    .description('run one automation locally and print its output')
    .argument('<slug>', 'the automation, e.g. pages/get')
    .addOption(workspaceOption())
    .option('-a, --args <json>', 'its arguments, as a JSON object', jsonObject, {})
    .option('--user <id>', 'the user id the run is made for')
    .option('--trace', 'print every instruction with its location and duration to stderr')
    .action(async (slug: string, opts: RunOptions) => finish(await run(slug, opts, io)))

  program
    .command('tools')
    .description('print the MCP tools the workspace generates')
    .addOption(workspaceOption())
    .action(async (opts: { workspace?: string }) => {
      if (checkTenants(dir(opts), undefined, io) === undefined) return finish(EXIT.failed)
      const mod = await import('./tools-command.ts')
      finish(await mod.default({ dir: dir(opts) }))
    })

  program
    .command('serve')
    .description('serve MCP and webhooks until SIGTERM or SIGINT (docs/serving.md)')
    .addOption(workspaceOption())
    .addOption(new Option('-p, --port <port>', 'the port (default: PORT, else 3000)').argParser(portNumber))
    .addOption(new Option('-H, --host <host>', 'the address to listen on (default: HOST, else 127.0.0.1)'))
    .action(async (opts: { workspace?: string; port?: number; host?: string }) => {
      const mod = await import('./serve.ts')
      finish(await mod.default({ dir: dir(opts), port: opts.port, host: opts.host }))
    })

  program
    .command('import')
    .description('convert a Prisme.ai workspace folder into a workspace of this runtime, with a report of every change')
    .argument('<prisme-dir>', 'the Prisme.ai workspace (index.yml, automations/, imports/)')
    .argument('<out-dir>', 'where to write config/index.yml, automations/ and import-report.txt')
    .option('--force', 'write into a folder that is not empty')
    .action(async (from: string, to: string, opts: { force?: boolean }) =>
      finish((await import('./prisme/command.ts')).default(from, to, opts, io)),
    )

  // The new key comes from CONFLUENCE_NEXT_NEW_MASTER_KEY (or is generated next to master.key),
  // never from the command line, where every user of the host could read it.
  program
    .command('rotate-key')
    .description('re-encrypt every stored record under a new master key, every instance stopped (docs/operations.md)')
    .action(async () => finish(await rotate(io)))
  return program
}

interface RunOptions {
  workspace?: string
  args: Record<string, unknown>
  user?: string
  trace?: boolean
}

function dir(opts: { workspace?: string }): string {
  return resolve(opts.workspace ?? process.cwd())
}

function jsonObject(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new InvalidArgumentError(`--args is not valid JSON: ${(err as Error).message}`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError('--args must be a JSON object')
  }
  return value as Record<string, unknown>
}

function portNumber(text: string): number {
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535')
  return port
}

function load(dir: string, io: Io): ReturnType<typeof loadWorkspace>['workspace'] {
  const { workspace, diagnostics } = loadWorkspace(dir)
  for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n')
  if (!workspace) io.err(`${diagnostics.filter(d => d.severity === 'error').length} error(s) in workspace ${dir}\n`)
  return workspace
}

interface ValidateOptions {
  workspace?: string
  strict?: boolean
  format: 'text' | 'json' | 'sarif'
}

function validate(dir: string, opts: ValidateOptions, io: Io): number {
  const { workspace, diagnostics } = loadWorkspace(dir)
  // Tenant files are checked against the index, so only once the workspace loads.
  const tenants = workspace ? readTenantFiles(dir, { env: process.env, index: workspace.info.index }) : undefined
  const all = [...diagnostics, ...(tenants?.diagnostics ?? [])]
  const counts = countBySeverity(all)
  const failed = counts.error > 0 || (opts.strict === true && counts.warning > 0)
  if (opts.format === 'json') io.out(toJson(all, opts.strict === true) + '\n')
  else if (opts.format === 'sarif') {
    io.out(toSarif(all, { dir, base: process.cwd(), version: PACKAGE_VERSION }) + '\n')
  } else {
    for (const d of all) io.err(formatDiagnostic(d) + '\n')
    const notes = [counts.warning > 0 && `${counts.warning} warning(s)`, counts.info > 0 && `${counts.info} info(s)`]
      .filter(Boolean)
      .join(', ')
    const tenantErrors = countBySeverity(tenants?.diagnostics ?? []).error
    if (tenantErrors > 0) io.err(`${tenantErrors} error(s) in the tenant files of ${dir}\n`)
    else if (counts.error > 0) io.err(`${counts.error} error(s)${notes ? `, ${notes}` : ''} in workspace ${dir}\n`)
    else if (failed) io.err(`${notes} in workspace ${dir}, which --strict refuses\n`)
    else {
      io.out(
        `ok: workspace "${workspace!.slug}", ${workspace!.automations.size} automation(s), no errors${notes ? ` (${notes})` : ''}\n`,
      )
      const slugs = tenants!.specs.map(s => s.slug)
      if (slugs.length > 0) io.out(`ok: ${slugs.length} declared tenant(s): ${slugs.join(', ')}\n`)
    }
  }
  return failed ? EXIT.failed : EXIT.ok
}

async function run(slug: string, opts: RunOptions, io: Io): Promise<number> {
  const workspace = load(dir(opts), io)
  if (!workspace) return EXIT.failed
  try {
    const result = await workspace.run(slug, opts.args, {
      identity: { userId: opts.user },
      trigger: { type: 'cli' },
      trace: opts.trace
        ? e =>
            io.err(
              `${'  '.repeat(e.depth)}${e.automation} ${e.instruction} ${e.location} ` +
                `${e.durationMs.toFixed(2)} ms${e.error ? ' ERROR ' + e.error : ''}\n`,
            )
        : undefined,
    })
    io.out((typeof result.output === 'string' ? result.output : (JSON.stringify(result.output, null, 2) ?? '')) + '\n')
    await workspace.drain()
    return EXIT.ok
  } catch (err) {
    io.err(toDsulError(err).describe() + '\n')
    return EXIT.failed
  }
}

async function rotate(io: Io): Promise<number> {
  const { rotateKey, storeOptionsFromEnv } = await import('../host/store/index.ts')
  try {
    const { records, keyFile } = await rotateKey(storeOptionsFromEnv(process.env))
    io.out(`rotate-key: ${records} record(s) re-encrypted${keyFile ? `; the new key is in ${keyFile}` : ''}\n`)
    return EXIT.ok
  } catch (err) {
    io.err(`rotate-key: ${(err as Error).message}\n`)
    return EXIT.failed
  }
}

/** Check config/tenants/*.yml (docs/tenants.md), printing located diagnostics: the slugs, or undefined on an error. */
function checkTenants(dir: string, index: Record<string, unknown> | undefined, io: Io): string[] | undefined {
  const { specs, diagnostics } = readTenantFiles(dir, { env: process.env, index })
  for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n')
  const errors = diagnostics.filter(d => d.severity === 'error').length
  if (errors > 0) io.err(`${errors} error(s) in the tenant files of ${dir}\n`)
  return errors > 0 ? undefined : specs.map(s => s.slug)
}
