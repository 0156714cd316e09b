// The deployment files (Dockerfile, deploy/compose.yml, deploy/kubernetes/*.yaml) cannot be run
// here (no Docker engine, no cluster), so they are checked against what the server really does:
// every environment variable they set is one the server reads, the probe paths answer, the
// grace period outlasts a run, and the container runs as non-root on a read-only filesystem.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { parseAllDocuments, parse } from 'yaml'
import { createServer } from '../../runtime/server/app.ts'
import { DEFAULT_LIMITS } from '../../runtime/core/limits.ts'
import { ROOT } from '../connector/helpers.ts'

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

/** Every environment variable the server reads: `env.X`/`env['X']` in the runtime, `env:` in the index. */
function variablesRead(): Set<string> {
  const names = new Set(['NODE_ENV'])
  const files = (readdirSync(join(ROOT, 'runtime'), { recursive: true }) as string[]).filter(f => f.endsWith('.ts'))
  for (const file of files) {
    const text = read(join('runtime', file))
    for (const m of text.matchAll(/env(?:\.|\[')([A-Z][A-Z0-9_]+)/g)) names.add(m[1])
    for (const m of text.matchAll(/_ENV\s*=\s*'([A-Z][A-Z0-9_]+)'/g)) names.add(m[1])
  }
  for (const m of read('config/index.yml').matchAll(/\benv: ([A-Z][A-Z0-9_]+)/g)) names.add(m[1])
  return names
}

const manifests = readdirSync(join(ROOT, 'deploy', 'kubernetes')).flatMap(f =>
  parseAllDocuments(read(join('deploy', 'kubernetes', f))).map(d => d.toJS()),
)
const kind = (k: string): any => manifests.find(m => m.kind === k)

t.test('every variable the deployment files set is one the server reads', async t => {
  const known = variablesRead()
  const deployment = kind('Deployment')
  const container = deployment.spec.template.spec.containers[0]
  const compose = parse(read('deploy/compose.yml'), { merge: true })
  const dockerfile = read('Dockerfile')
  const set = new Map<string, string>([
    ...container.env.map((e: { name: string }) => [e.name, 'deployment.yaml'] as const),
    ...Object.keys(kind('Secret').stringData).map(n => [n, 'secret.yaml'] as const),
    ...Object.keys(compose['x-app'].environment).map(n => [n, 'compose.yml'] as const),
    ...[...read('deploy/example.env').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map(m => [m[1], 'example.env'] as const),
    ...[...dockerfile.matchAll(/^\s+([A-Z][A-Z0-9_]+)=/gm)].map(m => [m[1], 'Dockerfile'] as const),
  ])
  t.ok(set.size >= 10)
  for (const [name, where] of set) t.ok(known.has(name), `${where}: ${name} is read by the server`)
  t.same(container.envFrom, [{ secretRef: { name: kind('Secret').metadata.name } }], 'the secret is the one mounted')
})

t.test('probes hit paths the server answers; SIGTERM has time to drain a whole run', async t => {
  const server = await createServer({
    dir: join(ROOT, 'test', 'fixtures', 'serve-basic'),
    port: 0,
    logger: false,
    env: {},
  })
  const url = await server.listen()
  t.teardown(() => server.close())
  const container = kind('Deployment').spec.template.spec.containers[0]
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const path = container[probe].httpGet.path
    t.equal((await fetch(url + path)).status, 200, `${probe} ${path}`)
  }
  t.match(read('Dockerfile'), /HEALTHCHECK[\s\S]*\/healthz/)
  const grace = kind('Deployment').spec.template.spec.terminationGracePeriodSeconds
  t.ok(grace * 1000 > DEFAULT_LIMITS.runWallTimeMs + 5000, `terminationGracePeriodSeconds ${grace} s outlasts a run`)
  const compose = parse(read('deploy/compose.yml'), { merge: true })
  t.ok(Number.parseInt(compose['x-app'].stop_grace_period, 10) * 1000 > DEFAULT_LIMITS.runWallTimeMs, 'compose too')
})

t.test('non-root, read-only root filesystem, no privilege escalation', async t => {
  const pod = kind('Deployment').spec.template.spec
  t.equal(pod.securityContext.runAsNonRoot, true)
  t.equal(pod.containers[0].securityContext.readOnlyRootFilesystem, true)
  t.equal(pod.containers[0].securityContext.allowPrivilegeEscalation, false)
  t.equal(kind('PodDisruptionBudget').spec.minAvailable, 2)
  t.equal(kind('Service').spec.ports[0].targetPort, pod.containers[0].ports[0].name)
  const dockerfile = read('Dockerfile')
  t.match(dockerfile, /^USER node$/m, 'the image runs as the node user')
  t.match(dockerfile, /^FROM node:24-bookworm-slim$/m, 'on Node 24')
  t.match(dockerfile, /ENTRYPOINT \["node", "\/app\/bin\/confluence-next\.js"\]/)
  const compose = parse(read('deploy/compose.yml'), { merge: true })
  t.equal(compose['x-app'].read_only, true)
  t.equal(compose.services.app.deploy.replicas, 3, 'three replicas')
  t.equal(compose.services.app.read_only, true, 'each with a read-only root filesystem')
  t.ok(compose.services.redis, 'and Redis')
  t.match(read('deploy/nginx.conf'), /server app:3000/)
  t.equal(kind('Deployment').spec.replicas, 3)
})
