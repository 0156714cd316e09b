// The young generation through a start (docs/serving.md "Start and memory"). V8 doubles its new space
// whenever the objects surviving its scavenges outgrow it, and a start is mostly survivors (modules,
// the compiled workspace, the first calls' deferred compiles): the new space grew to 16–32 MB and
// stayed, a sixth of the idle process. bin/confluence-next.js holds its growth off from the first
// line of `serve` (the flag must be set before the modules load); it is allowed again a few seconds
// after the server listens, for a busy server wants it (held for good, a call at 50 concurrent costs
// about 20% more CPU). An idle server's new space then stays small: nothing survives to grow it.
import { setFlagsFromString } from 'node:v8'

// V8's default semi_space_growth_factor (flag-definitions.h), the same in the Node versions supported.
const V8_DEFAULT_GROWTH = 2
/** How long after listening the new space stays at its start size: the start and its first calls. */
export const HOLD_AFTER_LISTEN_MS = 5_000

/** Allow the new space to grow again after HOLD_AFTER_LISTEN_MS (a no-op when nothing held it). */
export function releaseYoungGenerationSoon(): void {
  setTimeout(() => setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH}`), HOLD_AFTER_LISTEN_MS).unref()
}
