// The fake Confluence in its own process: the demo site plus 25 generated pages with 20 KB storage
// bodies in one space (so a list returns 25 items), and one 1 MB page. Response validation is off (`validate: false`):
// it would cost the fake more than the runtime costs the server and hide what is being measured.
// Requests are still validated, as Confluence does. Nor are requests logged (`logRequests: false`): a run's
// requests would all stay in the fake's memory, and its garbage collection would grow with them.
// A read repeated is answered from memory (`cacheReads`): the bench's load is the same few reads, and
// what the fake computes for them (a search's 25 results, their JSON) would take the CPU the servers
// under test share with it, where Confluence's work is on other machines.
import { createFakeConfluence } from '../sandbox/confluence/index.ts'
import { serveCommands } from './ipc.ts'

const fake = await createFakeConfluence({
  seed: 'demo',
  credentials: 'any',
  validate: false,
  logRequests: false,
  cacheReads: true,
})
const pages = fake.seedBulk({ pages: 25, bodyBytes: 20_000 })
// One 1 MB formatted page in a space of its own, for the responsiveness scenario (run.ts).
const [huge] = fake.seedBulk({ pages: 1, bodyBytes: 1_000_000, spaceKey: 'HUGE' })
// getBody at three sizes (run.ts's body matrix): 1 KB, 200 KB and the 1 MB page above.
const [small] = fake.seedBulk({ pages: 1, bodyBytes: 1_000, spaceKey: 'SMALL' })
const [large] = fake.seedBulk({ pages: 1, bodyBytes: 200_000, spaceKey: 'LARGE' })
const url = await fake.listen(0, '127.0.0.1')

serveCommands(
  {
    url,
    pageId: pages[0].id,
    spaceId: pages[0].spaceId,
    bodyChars: pages[0].versions.at(-1)?.body.length,
    hugePageId: huge.id,
    smallPageId: small.id,
    largePageId: large.id,
  },
  { violations: () => fake.violations.length },
)
