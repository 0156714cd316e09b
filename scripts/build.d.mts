/** Bundle `entryPoints` (name → path relative to the package) into `outdir`, as ESM for Node 20. */
export function bundle(entryPoints: Record<string, string>, outdir: string): Promise<void>
/** dist/cli.js and dist/sources.json (the package's workspace files, parsed at build time). */
export function buildCli(): Promise<void>
