// `validate --format json|sarif` (docs/language.md "Diagnostics"): the diagnostics as one JSON document
// for scripts, or as SARIF 2.1.0, which GitHub code scanning turns into annotations on the lines.

import { relative, resolve, sep } from 'node:path'
import { ERROR_CODES } from '../core/errors.ts'
import { ANALYSIS_CODES, type Diagnostic, type Severity } from './diagnostics.ts'

export interface Counts {
  error: number
  warning: number
  info: number
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 }
  for (const d of diagnostics) counts[d.severity]++
  return counts
}

export function toJson(diagnostics: readonly Diagnostic[], strict: boolean): string {
  const counts = countBySeverity(diagnostics)
  return JSON.stringify(
    {
      ok: counts.error === 0 && !(strict && counts.warning > 0),
      strict,
      counts,
      diagnostics: diagnostics.map(d => ({
        severity: d.severity,
        code: d.code,
        message: d.message,
        file: d.location.file,
        line: d.location.line,
        col: d.location.col,
      })),
    },
    null,
    2,
  )
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' }
const HELP = { text: 'The codes are documented in docs/language.md, "Diagnostics".' }

/**
 * SARIF 2.1.0. Paths are made relative to `base` (the current directory: the repository root in CI) so
 * that the annotations land on the right files when the workspace is a sub-folder.
 */
export function toSarif(
  diagnostics: readonly Diagnostic[],
  options: { dir: string; base: string; version: string },
): string {
  const codes = [...new Set(diagnostics.map(d => d.code))].sort()
  const rules = codes.map(code => {
    const analysis = (ANALYSIS_CODES as Record<string, { severity: Severity; meaning: string }>)[code]
    return {
      id: code,
      name: code,
      shortDescription: { text: analysis?.meaning ?? ERROR_CODES[code as keyof typeof ERROR_CODES]?.template ?? code },
      defaultConfiguration: { level: SARIF_LEVEL[analysis?.severity ?? 'error'] },
      help: HELP,
    }
  })
  const uri = (file: string): string => {
    const path = relative(options.base, resolve(options.dir, file))
    return (path.startsWith('..') ? file : path).split(sep).join('/')
  }
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'confluence-next', version: options.version, rules } },
          results: diagnostics.map(d => ({
            ruleId: d.code,
            ruleIndex: codes.indexOf(d.code),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(d.location.file) },
                  region: { startLine: Math.max(1, d.location.line), startColumn: Math.max(1, d.location.col) },
                },
              },
            ],
          })),
        },
      ],
    },
    null,
    2,
  )
}
