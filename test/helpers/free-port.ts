// A TCP port free on loopback now, for a child process that takes its port from its environment
// (redis-server, a peer, a spawned server). Another process may take it before the child listens:
// callers that can, retry.
import { createServer } from 'node:net'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}
