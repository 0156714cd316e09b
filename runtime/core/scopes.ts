// Scopes (docs/language.md "Scopes"). Local variables live in chained frames: a repeat iteration gets a
// child frame for `item` / `$index`, so nested loops never clobber the outer `item`; `set` writes to
// the frame that already owns the variable, else to the automation's own frame. `user` and `global`
// are persisted documents, `session` too when the run has a session id (else it lives for the run);
// `config` and `secret` are read-only, and so are `run`'s own fields (other `run.*` keys are shared by
// every automation of the run, as in Prisme.ai).

import { DsulError } from './errors.ts'
import { valueError, type Measure } from './limits.ts'
import { formatPath, getPath, setPath, type Segment } from './paths.ts'
import { applyPatch, combineValue } from './apply-patch.ts'
import type { PatchType } from './store.ts'
import type { RunContext } from './run-context.ts'

export { PersistedScope } from './persisted-scope.ts'

/**
 * The binding under which each scope hands JSONata its run's abort signal, for the host functions
 * that give work to the conversion pool (host/functions/run-signal.ts). Its name holds a space: no
 * expression can name it, read it or shadow it (a JSONata variable name ends at whitespace).
 */
export const RUN_SIGNAL_BINDING = 'run signal'

export const SCOPE_NAMES = ['run', 'user', 'global', 'session', 'config', 'secret'] as const
const READ_ONLY = new Set(['config', 'secret'])

export class Frame {
  readonly vars: Record<string, unknown> = Object.create(null)
  /** `isolated`: new variables created inside stay here (concurrent iterations of a batch). */
  constructor(
    readonly parent?: Frame,
    vars?: Record<string, unknown>,
    readonly isolated = false,
  ) {
    if (vars) Object.assign(this.vars, vars)
  }

  owner(name: string): Frame | undefined {
    for (let f: Frame | undefined = this; f; f = f.parent) if (name in f.vars) return f
    return undefined
  }

  /** Where a new variable goes: the nearest isolated frame, else the automation's frame. */
  home(root: Frame): Frame {
    for (let f: Frame | undefined = this; f && f !== root; f = f.parent) if (f.isolated) return f
    return root
  }
}

/** The variables one automation invocation sees. */
// Satisfies expressions/' ExpressionScope structurally: core/ knows nothing of the layers above it.
export class Scope {
  private cachedView?: Record<string, unknown>
  private cachedBindings?: Record<string, unknown>
  private cachedAt = -1

  private runView?: Record<string, unknown>
  private runViewAt = -1

  constructor(
    readonly run: RunContext,
    readonly runVars: Record<string, unknown>,
    readonly frame: Frame,
    private readonly root: Frame = frame,
  ) {}

  /** `run`: the run's shared `run.*` keys under this automation's own (read-only) fields. */
  private runScope(): Record<string, unknown> {
    if (Object.keys(this.run.shared).length === 0) return this.runVars
    if (this.runViewAt !== this.run.generation || !this.runView) {
      this.runView = Object.defineProperties({ ...this.run.shared }, Object.getOwnPropertyDescriptors(this.runVars))
      this.runViewAt = this.run.generation
    }
    return this.runView
  }

  /** A scope for a nested block (a repeat iteration) with its own variables. */
  child(vars: Record<string, unknown>, isolated = false): Scope {
    return new Scope(this.run, this.runVars, new Frame(this.frame, vars, isolated), this.root)
  }

  lookup(name: string): unknown {
    switch (name) {
      case 'run':
        return this.runScope()
      case 'user':
        return this.run.user.value
      case 'global':
        return this.run.global.value
      case 'session':
        return this.run.session.value
      case '$workspace':
        return this.run.host.dsul
      case 'config':
        return this.run.config
      case 'secret':
        return this.run.secret
    }
    const f = this.frame.owner(name)
    return f ? f.vars[name] : undefined
  }

  has(name: string): boolean {
    return this.frame.owner(name) !== undefined
  }

  view(): Record<string, unknown> {
    this.refresh()
    return this.cachedView!
  }

  bindings(): Record<string, unknown> {
    this.refresh()
    return this.cachedBindings!
  }

  /**
   * `set` on any scope; `type` is replace, merge or push. Only the persisted scopes wait for the store.
   * `bound`: a measure known to bound the value (a part of a checked value, run-context.ts): not walked.
   */
  async set(
    path: Segment[],
    type: PatchType,
    value: unknown,
    copy?: (v: unknown) => unknown,
    bound?: Measure,
  ): Promise<void> {
    const m = bound ?? this.run.measured(value)
    if (typeof m === 'string') throw valueError(m, `the value of "${formatPath(path)}"`, this.run.limits)
    // `copy` (the `set` instruction's) runs after the check: never a recursive copy of an oversized value.
    const stored = copy ? copy(value) : value
    // Only the persisted scopes answer a promise: awaiting nothing would still cost a microtask turn.
    const written = this.write(path, type, stored)
    if (written) await written
    this.run.markChecked(stored, m)
  }

  /**
   * The measure of the checked object the variable `name` holds, or undefined: it bounds anything read
   * inside it (a part is never bigger or deeper than the whole).
   */
  checkedMeasure(name: string): Measure | undefined {
    return this.run.measureOf(this.lookup(name))
  }

  async delete(path: Segment[]): Promise<void> {
    await this.write(path, 'delete', undefined)
  }

  /** Write a local variable without checks (instruction outputs, loop variables). */
  setLocal(name: string, value: unknown): void {
    ;(this.frame.owner(name) ?? this.frame.home(this.root)).vars[name] = value
    this.run.generation++
  }

  private write(path: Segment[], type: PatchType, value: unknown): void | Promise<void> {
    // A write inside a value (a parallel branch's too) may grow any checked value: they are checked again.
    if (path.length > 1 || type === 'push' || type === 'merge') this.run.changedInPlace()
    const head = path[0] as string
    const action = type === 'delete' ? 'delete' : 'set'
    if (READ_ONLY.has(head) || head === '$workspace') {
      throw new DsulError('SCOPE_READ_ONLY', {
        action,
        name: formatPath(path),
        reason: `the ${head} scope is read-only`,
      })
    }
    if (head === 'run') {
      if (path.length < 2 || Object.hasOwn(this.runVars, path[1])) {
        const reason = path.length < 2 ? 'set a key inside it' : `${formatPath(path.slice(0, 2))} is set by the runtime`
        throw new DsulError('SCOPE_READ_ONLY', { action, name: formatPath(path), reason })
      }
      applyPatch(this.run.shared, { type, path: path.slice(1), value }, 'run.')
    } else if (head === 'user' || head === 'global' || head === 'session') {
      return this.run[head].patch(head, path.slice(1), type, value).then(() => {
        this.run.generation++
      })
    } else {
      const target = this.frame.owner(head) ?? this.frame.home(this.root)
      // The name is only for push/merge mismatch messages: not worth formatting on every write.
      const name = type === 'replace' || type === 'delete' ? '' : formatPath(path)
      setPath(target.vars, path, prev => combineValue(prev, { type, path, value }, name))
    }
    this.run.generation++
  }

  private refresh(): void {
    if (this.cachedAt === this.run.generation && this.cachedView) return
    const view: Record<string, unknown> = {}
    const frames: Frame[] = []
    for (let f: Frame | undefined = this.frame; f; f = f.parent) frames.unshift(f)
    for (const f of frames) Object.assign(view, f.vars)
    const bindings: Record<string, unknown> = {}
    for (const k of Object.keys(view)) if (k.startsWith('$')) bindings[k.slice(1)] = view[k]
    // For the host functions that hand work to the conversion pool (functions/run-signal.ts): read only
    // by JSONata's own evaluator, so the run makes its signal then, not for every view (run-context.ts).
    const run = this.run
    Object.defineProperty(bindings, RUN_SIGNAL_BINDING, { enumerable: true, get: () => run.signal })
    bindings.workspace = this.run.host.dsul
    for (const s of SCOPE_NAMES) {
      // Not read from the store for automations that never name them (runtime/engine/persisted-reads.ts).
      if ((s === 'user' || s === 'global' || s === 'session') && !this.run.persistedLoaded) {
        Object.defineProperty(view, s, { enumerable: true, configurable: true, get: () => this.lookup(s) })
      } else {
        view[s] = this.lookup(s)
      }
    }
    this.cachedView = view
    this.cachedBindings = bindings
    this.cachedAt = this.run.generation
  }
}

export function readPath(scope: Scope, path: Segment[]): unknown {
  return getPath(scope.lookup(path[0] as string), path, 1)
}
