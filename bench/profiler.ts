// CPU profiles of a child's steady state only (not its start-up): the orchestrator sends
// `profile-start` after the warm-up and `profile-stop` at the end; the .cpuprofile goes to `dir`.
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'

let session: Session | undefined

export const profilerCommands = {
  'profile-start': async (): Promise<void> => {
    session = new Session()
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  },
  'profile-stop': async ({ dir, name }: { dir: string; name: string }): Promise<string | undefined> => {
    if (!session) return undefined
    const { profile } = await session.post('Profiler.stop')
    session.disconnect()
    session = undefined
    const file = join(dir, `${name}-${process.pid}.cpuprofile`)
    writeFileSync(file, JSON.stringify(profile))
    return file
  },
}
