// Run one language case (test/lang/README.md) and compare it with its expectation.
import type { Test } from 'tap'
import { DsulError, formatLocation } from '../../runtime/core/errors.ts'
import { formatDiagnostic } from '../../runtime/workspace/diagnostics.ts'
import { loadFiles } from './workspace.ts'

export interface LangCase {
  description?: string
  files: Record<string, string>
  run?: string
  args?: Record<string, unknown>
  identity?: { userId?: string; agentId?: string }
  runs?: number
  env?: Record<string, string>
  expect: { output?: unknown; error?: { code: string; location?: string; message?: string }; diagnostics?: string[] }
}

export async function runCase(t: Test, c: LangCase): Promise<void> {
  const { workspace, diagnostics } = loadFiles(c.files, { env: c.env ?? {} })
  // `diagnostics` alone: the load's diagnostics are the result. With `output` or `error`: warnings the
  // workspace loads with, then the run.
  const expected = c.expect.diagnostics ?? []
  t.same(diagnostics.map(formatDiagnostic), expected, expected.length > 0 ? 'diagnostics' : 'no diagnostics')
  if (c.expect.diagnostics && !('output' in c.expect) && !c.expect.error) return
  if (!workspace) return
  let output: unknown
  let error: DsulError | undefined
  // `runs` repeats the run (persisted scopes survive between runs of one workspace).
  for (let i = 0; i < (c.runs ?? 1); i++) {
    try {
      output = (await workspace.run(c.run ?? 'main', c.args ?? {}, { identity: c.identity })).output
    } catch (err) {
      if (!(err instanceof DsulError)) throw err
      error = err
    }
  }
  await workspace.drain()
  if (c.expect.error) {
    t.ok(error, `fails with ${c.expect.error.code}`)
    t.equal(error?.code, c.expect.error.code, error?.describe() ?? 'no error')
    if (c.expect.error.location) t.equal(formatLocation(error?.location), c.expect.error.location, 'error location')
    if (c.expect.error.message) t.match(error?.message, c.expect.error.message)
  } else {
    t.notOk(error, error?.describe() ?? 'no error')
    t.same(output, c.expect.output, 'output')
  }
}
