// Cold start, in a fresh process: load, validate and compile the whole workspace (loadWorkspace),
// timed alone (wall and CPU time); the time to import the runtime's modules is reported beside it.
const t0 = performance.now()
const { loadWorkspace } = await import('../runtime/workspace/load.ts')
const { workspaceEnv, ROOT } = await import('./targets.ts')
const t1 = performance.now()
const cpu = process.cpuUsage()
const { workspace, diagnostics } = loadWorkspace(ROOT, { env: workspaceEnv('http://127.0.0.1:9') })
const used = process.cpuUsage(cpu)
const t2 = performance.now()
if (!workspace) throw new Error(`workspace failed to load: ${diagnostics.length} diagnostics`)
process.stdout.write(JSON.stringify({ loadMs: t2 - t1, cpuMs: (used.user + used.system) / 1000, importMs: t1 - t0, automations: workspace.automations.size }) + '\n')
