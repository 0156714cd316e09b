// Targeted getBody loop (helper script, not part of the bench): CPU ms per call of the server and the fake.
//   node --import tsx bench/body-loop.ts [cold|warm] [small|large|huge] [calls] [concurrency] [profileDir]
import { bundle } from '../scripts/build.mjs'
import { cpuTimeMs, spawnChild } from './ipc.ts'
import { AGENT, BUNDLE_DIR, BUNDLES, bundled, type FakeInfo, MCP_HEADERS, spawnServer, toolsCall, USER } from './targets.ts'

const [mode = 'cold', size = 'large', n = '300', c = '1', profileDir] = process.argv.slice(2)
await bundle(BUNDLES, BUNDLE_DIR)
const fake = await spawnChild<FakeInfo>('fake', bundled('fake'))
const server = await spawnServer(fake.info, mode === 'cold' ? { BENCH_CONVERSION_CACHE: 'off' } : {})
const id = { small: fake.info.smallPageId, large: fake.info.largePageId, huge: fake.info.hugePageId }[size]
const body = toolsCall('pages', { action: 'getBody', id, bodyFormat: 'markdown', agent_id: AGENT, user_id: USER })
async function call(): Promise<number> {
  const r = await fetch(`${server.info.url}/mcp`, { method: 'POST', headers: MCP_HEADERS, body })
  const t = await r.text()
  if (!r.ok || t.includes('"isError":true')) throw new Error(t.slice(0, 300))
  return t.length
}
let len = 0
for (let i = 0; i < 50; i++) len = await call()
if (profileDir) await server.call('profile-start')
const s0 = cpuTimeMs(server.pid)!
const f0 = cpuTimeMs(fake.pid)!
const t0 = performance.now()
let left = Number(n)
await Promise.all(Array.from({ length: Number(c) }, async () => { while (left-- > 0) await call() }))
const secs = (performance.now() - t0) / 1000
const sms = (cpuTimeMs(server.pid)! - s0) / Number(n)
const fms = (cpuTimeMs(fake.pid)! - f0) / Number(n)
if (profileDir) console.log(await server.call('profile-stop', { dir: profileDir, name: `${mode}-${size}` }))
console.log(`${mode} ${size} c=${c}: ${Math.round(Number(n) / secs)}/s server ${sms.toFixed(2)} ms/call fake ${fms.toFixed(2)} ms/call answer ${len} chars`)
await Promise.all([server.stop(), fake.stop()])
