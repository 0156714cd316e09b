// Secret redaction (docs/language.md "Secrets and redaction"). Every registered value is also known by
// its base64, base64url, URL-encoded and JSON-escaped forms, so a credential cannot leak by being encoded.
// A run gets a child redactor: credentials first seen during the run (fetch `auth`, Authorization
// headers) are registered there only — every output, error and trace of the run passes through it —
// so a long-running server does not accumulate every user's tokens in the workspace redactor.

export const REDACTED = '[REDACTED]'
const MIN_LENGTH = 4 // shorter values would shred ordinary text
const FEW = 32

export class Redactor {
  private readonly values = new Set<string>()
  private pattern: RegExp | null = null
  /** Length of the shortest value: a shorter string cannot contain one (most strings of a page). */
  private shortest = Infinity

  constructor(private readonly parent?: Redactor) {}

  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_LENGTH) return
    if (this.knows(value)) return
    for (const form of encodedForms(value)) {
      this.values.add(form)
      if (form.length < this.shortest) this.shortest = form.length
    }
    this.pattern = null
  }

  /** Register every string found in a (secrets) object. */
  addAll(value: unknown): void {
    if (typeof value === 'string') this.add(value)
    else if (value && typeof value === 'object') for (const v of Object.values(value)) this.addAll(v)
  }

  private knows(value: string): boolean {
    return this.values.has(value) || (this.parent?.knows(value) ?? false)
  }

  get size(): number {
    return this.values.size + (this.parent?.size ?? 0)
  }

  redact(text: string): string {
    const re = text.length >= this.shortest && this.mayContain(text) ? this.regex() : null
    let out = re ? text.replace(re, REDACTED) : text
    if (this.parent) out = this.parent.redact(out)
    return out
  }

  /** Redact every string inside a JSON-like value (returns a copy only where something changed). */
  redactDeep<T>(value: T): T {
    if (this.size === 0) return value
    if (typeof value === 'string') return this.redact(value) as T
    if (Array.isArray(value)) {
      let out: unknown[] | undefined
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) {
          if (out) out.length = i + 1
          continue
        } // keep holes, as map() did
        const r = this.redactDeep(value[i])
        if (r !== value[i] && !out) out = value.slice(0, i)
        if (out) out[i] = r
      }
      return (out ?? value) as T
    }
    if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      // Copied only from the first change on: most objects hold no secret.
      const keys = Object.keys(value)
      const src = value as Record<string, unknown>
      let out: Record<string, unknown> | undefined
      for (let i = 0; i < keys.length; i++) {
        const v = src[keys[i]]
        const r = this.redactDeep(v)
        if (r !== v && !out) {
          out = {}
          for (let j = 0; j < i; j++) out[keys[j]] = src[keys[j]]
        }
        if (out) out[keys[i]] = r
      }
      return (out ?? value) as T
    }
    return value
  }

  /**
   * Whether a value occurs in the text. With few values, a scan per value is cheaper than the
   * regex, which a run's redactor would otherwise build for its own few credentials every time.
   */
  private mayContain(text: string): boolean {
    if (this.values.size > FEW) return true
    for (const v of this.values) if (text.includes(v)) return true
    return false
  }

  private regex(): RegExp | null {
    if (this.values.size === 0) return null
    if (!this.pattern) {
      // Longest first, so a value is replaced whole before any of its substrings.
      const alts = [...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp)
      this.pattern = new RegExp(alts.join('|'), 'g')
    }
    return this.pattern
  }
}

// A run registers the same credentials on every call (fetch `auth`): their encoded forms are kept
// for the most recent values, a bounded few, instead of being re-encoded each time.
const FORMS_CACHED = 64
const formsCache = new Map<string, string[]>()

function encodedForms(value: string): string[] {
  let forms = formsCache.get(value)
  if (forms) return forms
  forms = computeForms(value)
  if (formsCache.size >= FORMS_CACHED) formsCache.delete(formsCache.keys().next().value!)
  formsCache.set(value, forms)
  return forms
}

function computeForms(value: string): string[] {
  const forms = new Set([value])
  const bytes = Buffer.from(value)
  const b64 = bytes.toString('base64')
  forms.add(b64)
  let end = b64.length
  while (end > 0 && b64.charCodeAt(end - 1) === 61) end-- // without its `=` padding
  forms.add(b64.slice(0, end))
  forms.add(bytes.toString('base64url'))
  const uri = encodeURIComponent(value)
  forms.add(uri)
  forms.add(formEncode(uri))
  forms.add(JSON.stringify(value).slice(1, -1))
  return [...forms].filter(f => f.length >= MIN_LENGTH)
}

/**
 * application/x-www-form-urlencoded, as URLSearchParams writes it, from encodeURIComponent's output
 * (which already threw on lone surrogates): space is `+`, and `!'()~` are escaped too.
 */
function formEncode(uri: string): string {
  if (!FORM_DIFFERS.test(uri)) return uri
  return uri.replace(/%20/g, '+').replace(/[!'()~]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

const FORM_DIFFERS = /%20|[!'()~]/

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
