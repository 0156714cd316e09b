// How a host function ($markdown, $storage …) finds the abort signal of the run evaluating it, so a
// conversion in the worker pool stops when the run does (its caller gone, its wall time up). Each
// scope hands JSONata the signal under RUN_SIGNAL_BINDING (core/scopes.ts).
import { RUN_SIGNAL_BINDING } from '../../core/scopes.ts'

export { RUN_SIGNAL_BINDING }

/** What JSONata passes as `this` to a host function: its `environment` looks bindings up. */
interface Focus {
  environment?: { lookup?: (name: string) => unknown }
}

export function runSignal(focus: unknown): AbortSignal | undefined {
  const signal = (focus as Focus | undefined)?.environment?.lookup?.(RUN_SIGNAL_BINDING)
  return signal instanceof AbortSignal ? signal : undefined
}
