// Standalone sandbox: `node --import tsx sandbox/confluence/main.ts [port]` serves the demo site
// with permissive credentials and prints its URL. PORT and HOST environment variables also work.
import { createFakeConfluence } from './index.ts'

const port = Number(process.argv[2] ?? process.env.PORT ?? 0)
const host = process.env.HOST ?? '127.0.0.1'
const fake = await createFakeConfluence({ seed: 'demo', credentials: 'any', precompile: true })
const url = await fake.listen(port, host)

console.log(`Confluence sandbox listening on ${url}`)
console.log(`  site (Basic, any email:token): ${url}/wiki/api/v2/pages`)
console.log(`  gateway (Bearer, any token):   ${url}/ex/confluence/${fake.cloudId}/wiki/api/v2/pages`)
console.log(`  cloudId: ${fake.cloudId}`)

const stop = async () => {
  if (fake.violations.length)
    console.error(`${fake.violations.length} OpenAPI violation(s) recorded:`, JSON.stringify(fake.violations, null, 2))
  await fake.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
