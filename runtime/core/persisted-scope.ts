// The `user`, `global` and `session` scopes (docs/language.md "Scopes"): one document each in the
// store, read before the first automation that names them and written through on every change. Apart from scopes.ts so that the run
// (run-context.ts) can hold them without a cycle between the run and the scopes that read it.

import { applyPatch } from './apply-patch.ts'
import { DsulError } from './errors.ts'
import { formatPath, type Segment } from './paths.ts'
import type { PatchType, Store } from './store.ts'

/** A persisted scope document (`user`, `global` or `session`), cached for the run and written through the store. */
export class PersistedScope {
  private doc: Record<string, unknown>
  /**
   * `ephemeral`: without an id the document lives for the run instead of refusing writes (a session).
   * `ttlMs`: the store deletes the document that long after its last write (a session's idle timeout).
   */
  constructor(
    private readonly store: Store,
    readonly namespace: string,
    readonly id: string | undefined,
    doc: Record<string, unknown>,
    private readonly extra: Record<string, unknown> = {},
    private readonly ephemeral = false,
    private readonly ttlMs?: number,
  ) {
    this.doc = { ...doc, ...extra }
  }

  static async load(
    store: Store,
    namespace: string,
    id: string | undefined,
    extra?: Record<string, unknown>,
    ephemeral = false,
    ttlMs?: number,
  ): Promise<PersistedScope> {
    const doc = id === undefined ? {} : await store.getDoc(namespace, id)
    return new PersistedScope(store, namespace, id, doc, extra, ephemeral, ttlMs)
  }

  get value(): Record<string, unknown> {
    return this.doc
  }

  /** Read the document again (after taking a lock, to see what the previous holder wrote). */
  async reload(): Promise<void> {
    if (this.id !== undefined) this.doc = { ...(await this.store.getDoc(this.namespace, this.id)), ...this.extra }
  }

  async patch(scopeName: string, path: Segment[], type: PatchType, value: unknown): Promise<void> {
    const name = formatPath([scopeName, ...path])
    const action = type === 'delete' ? 'delete' : 'set'
    if (this.id === undefined && !this.ephemeral) throw new DsulError('SCOPE_NO_USER', { action, name })
    if (path.length === 0 || Object.hasOwn(this.extra, path[0])) {
      throw new DsulError('SCOPE_READ_ONLY', {
        action,
        name,
        reason:
          path.length === 0
            ? `the ${scopeName} scope itself cannot be replaced; set a key inside it`
            : `${formatPath([scopeName, path[0]])} is the caller's identity and is read-only`,
      })
    }
    const next =
      this.id === undefined
        ? applyPatch(structuredClone(this.doc), { type, path, value }, scopeName + '.')
        : await this.store.patchDoc(this.namespace, this.id, { type, path, value }, this.ttlMs)
    this.doc = { ...next, ...this.extra }
  }
}
