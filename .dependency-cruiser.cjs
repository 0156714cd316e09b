// The layers of runtime/ (docs/architecture.md) and the rules between them, checked by
// test/architecture/layers.test.ts (`npm test`) and by `npx depcruise runtime sandbox`.
// A layer may import itself and the layers before it in LAYERS, never one after it: a change to a
// lower layer never needs to know who sits on top of it. Type-only imports count too (an upward type
// is an upward dependency, and a cycle of types is still a cycle).
const LAYERS = ['core', 'host', 'expressions', 'engine', 'instructions', 'workspace', 'tenants', 'server', 'cli']

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `runtime/${layer}/ may import only ${LAYERS.slice(0, i + 1).join(', ')}`,
  severity: 'error',
  from: { path: `^runtime/${layer}/` },
  to: { path: `^runtime/(${LAYERS.slice(i + 1).join('|')})/` },
}))

module.exports = {

  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle, of values or of types',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'runtime-outside-layers',
      comment: 'Every module of runtime/ lives in one of the layers',
      severity: 'error',
      from: { path: '^runtime/[^/]+$' },
      to: {},
    },
    {
      name: 'sandbox-uses-runtime-types-only',
      comment: 'sandbox/ (the fake Confluence and identity provider) may name the runtime\'s types, nothing more',
      severity: 'error',
      from: { path: '^sandbox/' },
      to: { path: '^runtime/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'worker-start-up-stays-in-its-thread',
      comment:
        'host/functions/worker.ts starts a conversion thread (compiles the translator, lowers its priority): ' +
        'the main thread loads it only by file (pool.ts), never by import; shared code is in conversions.ts',
      severity: 'error',
      from: {},
      to: { path: '^runtime/host/functions/worker[.]ts$' },
    },
    {
      name: 'only-cli-starts-the-sandbox',
      comment: 'Only the CLI layer (`serve --sandbox`) reaches into sandbox/',
      severity: 'error',
      from: { path: '^runtime/', pathNot: '^runtime/cli/' },
      to: { path: '^sandbox/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
}
