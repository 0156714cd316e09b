// `confluence-next import PRISME_DIR OUT_DIR` (docs/language.md "Importing a Prisme.ai workspace"):
// convert, write the report next to the result, then load the result the way `validate` does.
import { existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { formatDiagnostic } from '../../workspace/diagnostics.ts'
import { loadWorkspace } from '../../workspace/load.ts'
import { formatReport, importPrismeWorkspace } from './import.ts'

interface Io {
  out: (text: string) => void
  err: (text: string) => void
}

/** 0: converted and it loads; 1: something could not be translated, or the result does not load. */
export default function importCommand(from: string, to: string, opts: { force?: boolean }, io: Io): number {
  const src = resolve(from)
  const out = resolve(to)
  if (!existsSync(src)) {
    io.err(`import: ${from} does not exist\n`)
    return 1
  }
  if (existsSync(out) && readdirSync(out).length > 0 && !opts.force) {
    io.err(`import: ${to} is not empty (use --force to write into it)\n`)
    return 1
  }
  const result = importPrismeWorkspace(src, out)
  io.out(formatReport(result))
  if (result.automations.length === 0 && result.errors.length > 0) return 1
  const { diagnostics } = loadWorkspace(out, { env: {} })
  for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n')
  const loadErrors = diagnostics.filter(d => d.severity === 'error').length
  io.out(
    loadErrors === 0
      ? `ok: ${to} loads (report: ${to}/import-report.txt)\n`
      : `${loadErrors} error(s) loading ${to}: fix them there (report: ${to}/import-report.txt)\n`,
  )
  return result.errors.length > 0 || loadErrors > 0 ? 1 : 0
}
