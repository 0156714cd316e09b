// Secret redaction (docs/language.md "Secrets and redaction"). Every registered value is also known by
// its base64, base64url, URL-encoded and JSON-escaped forms, so a credential cannot leak by being encoded.
// A run gets a child redactor: credentials first seen during the run (fetch `auth`, Authorization
// headers) are registered there only — every output, error and trace of the run passes through it —
// so a long-running server does not accumulate every user's tokens in the workspace redactor.

export const REDACTED = '[REDACTED]'
const MIN_LENGTH = 4 // shorter values would shred ordinary text

export class Redactor {
  private readonly values = new Set<string>()
  private pattern: RegExp | null = null

  constructor (private readonly parent?: Redactor) {}

  add (value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_LENGTH) return
    if (this.knows(value)) return
    for (const form of encodedForms(value)) this.values.add(form)
    this.pattern = null
  }

  /** Register every string found in a (secrets) object. */
  addAll (value: unknown): void {
    if (typeof value === 'string') this.add(value)
    else if (value && typeof value === 'object') for (const v of Object.values(value)) this.addAll(v)
  }

  private knows (value: string): boolean {
    return this.values.has(value) || (this.parent?.knows(value) ?? false)
  }

  get size (): number { return this.values.size + (this.parent?.size ?? 0) }

  redact (text: string): string {
    const re = this.regex()
    let out = re ? text.replace(re, REDACTED) : text
    if (this.parent) out = this.parent.redact(out)
    return out
  }

  /** Redact every string inside a JSON-like value (returns a copy only where something changed). */
  redactDeep<T> (value: T): T {
    if (this.size === 0) return value
    if (typeof value === 'string') return this.redact(value) as T
    if (Array.isArray(value)) {
      let changed = false
      const out = value.map(v => { const r = this.redactDeep(v); if (r !== v) changed = true; return r })
      return (changed ? out : value) as T
    }
    if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      let changed = false
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) { const r = this.redactDeep(v); if (r !== v) changed = true; out[k] = r }
      return (changed ? out : value) as T
    }
    return value
  }

  private regex (): RegExp | null {
    if (this.values.size === 0) return null
    if (!this.pattern) {
      // Longest first, so a value is replaced whole before any of its substrings.
      const alts = [...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp)
      this.pattern = new RegExp(alts.join('|'), 'g')
    }
    return this.pattern
  }
}

function encodedForms (value: string): string[] {
  const forms = new Set([value])
  const b64 = Buffer.from(value).toString('base64')
  forms.add(b64)
  forms.add(b64.replace(/=+$/, ''))
  forms.add(Buffer.from(value).toString('base64url'))
  forms.add(encodeURIComponent(value))
  forms.add(new URLSearchParams({ v: value }).toString().slice(2))
  forms.add(JSON.stringify(value).slice(1, -1))
  return [...forms].filter(f => f.length >= MIN_LENGTH)
}

function escapeRegExp (s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
