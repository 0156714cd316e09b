// The `user` and `global` scopes (docs/language.md "Scopes"): one document each in the store, read
// when a run starts and written through on every change. Apart from scopes.ts so that the run
// (run-context.ts) can hold them without a cycle between the run and the scopes that read it.

import { DsulError } from './errors.ts'
import { formatPath, type Segment } from './paths.ts'
import type { PatchType, Store } from './store.ts'

/** A persisted scope document (`user` or `global`), cached for the run and written through the store. */
export class PersistedScope {
  private doc: Record<string, unknown>
  constructor (private readonly store: Store, readonly namespace: string, readonly id: string | undefined, doc: Record<string, unknown>, private readonly extra: Record<string, unknown> = {}) {
    this.doc = { ...doc, ...extra }
  }

  static async load (store: Store, namespace: string, id: string | undefined, extra?: Record<string, unknown>): Promise<PersistedScope> {
    return new PersistedScope(store, namespace, id, id === undefined ? {} : await store.getDoc(namespace, id), extra)
  }

  get value (): Record<string, unknown> { return this.doc }

  /** Read the document again (after taking a lock, to see what the previous holder wrote). */
  async reload (): Promise<void> {
    if (this.id !== undefined) this.doc = { ...await this.store.getDoc(this.namespace, this.id), ...this.extra }
  }

  async patch (scopeName: string, path: Segment[], type: PatchType, value: unknown): Promise<void> {
    const name = formatPath([scopeName, ...path])
    const action = type === 'delete' ? 'delete' : 'set'
    if (this.id === undefined) throw new DsulError('SCOPE_NO_USER', { action, name })
    if (path.length === 0 || Object.prototype.hasOwnProperty.call(this.extra, path[0])) {
      throw new DsulError('SCOPE_READ_ONLY', { action, name, reason: path.length === 0 ? `the ${scopeName} scope itself cannot be replaced; set a key inside it` : `${formatPath([scopeName, path[0]])} is the caller's identity and is read-only` })
    }
    const next = await this.store.patchDoc(this.namespace, this.id, { type, path, value })
    this.doc = { ...next, ...this.extra }
  }
}
