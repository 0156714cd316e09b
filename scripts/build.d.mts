/** Bundle `entryPoints` (name → path relative to the package) into `outdir`, as ESM for Node 20. */
export function bundle (entryPoints: Record<string, string>, outdir: string): Promise<void>
