// Every error code the runtime can raise, in one table (docs/language.md "Error codes" mirrors it;
// test/errors-documented.test.ts keeps the two in step, docs/errors.md has the other layers' tables,
// test/runtime/errors.test.ts the unit tests). Codes are never reused once retired.
// kind says who must act: `user` (a builder or caller mistake, never retried), `operational`
// (upstream or resource trouble, may be retried), `unexpected` (a bug, always logged).

export type ErrorKind = 'user' | 'operational' | 'unexpected'

interface CodeInfo {
  kind: ErrorKind
  status: number
  template: string
}

export const ERROR_CODES = {
  // Load phase: reported as diagnostics with file:line:col.
  YAML_SYNTAX: { kind: 'user', status: 400, template: '{detail}' },
  SCHEMA_VIOLATION: { kind: 'user', status: 400, template: '{detail}' },
  UNKNOWN_INSTRUCTION: { kind: 'user', status: 400, template: 'unknown instruction or automation "{name}"{hint}' },
  UNKNOWN_ARGUMENT: { kind: 'user', status: 400, template: 'automation "{slug}" has no argument "{name}"{hint}' },
  DUPLICATE_SLUG: { kind: 'user', status: 400, template: 'automation slug "{slug}" is already used by {other}' },
  EXPRESSION_SYNTAX: { kind: 'user', status: 400, template: 'JSONata {jsonataCode}: {detail}{hint}' },
  REGEX_UNSUPPORTED: {
    kind: 'user',
    status: 400,
    template:
      'regular expression /{pattern}/ cannot run in linear time ({detail}): ' +
      'rewrite it without backreferences or lookaround',
  },
  PATH_SYNTAX: { kind: 'user', status: 400, template: 'invalid variable path "{path}": {detail}' },
  WORKSPACE_INVALID: { kind: 'user', status: 400, template: '{detail}' },
  CONFIG_INVALID: { kind: 'user', status: 400, template: '{detail}' },
  // Run phase.
  AUTOMATION_NOT_FOUND: { kind: 'user', status: 404, template: 'no automation "{slug}" in workspace "{workspace}"' },
  ARGUMENTS_INVALID: { kind: 'user', status: 400, template: 'invalid arguments for "{slug}": {detail}' },
  EXPRESSION_FAILED: { kind: 'user', status: 400, template: 'JSONata {jsonataCode}: {detail}' },
  SCOPE_READ_ONLY: { kind: 'user', status: 400, template: 'cannot {action} "{name}": {reason}' },
  SCOPE_NO_USER: {
    kind: 'user',
    status: 400,
    template: 'cannot {action} "{name}": this run has no user id, so the user scope cannot be persisted',
  },
  INVALID_VALUE: { kind: 'user', status: 400, template: '{instruction}: {detail}' },
  SET_TYPE_MISMATCH: { kind: 'user', status: 400, template: 'cannot {type} into "{name}": {detail}' },
  RATE_LIMITED: {
    kind: 'operational',
    status: 429,
    template: 'rate limit "{name}" exceeded ({limit} per {window}s); retry in {retryAfter}s',
  },
  LOCK_TIMEOUT: {
    kind: 'operational',
    status: 503,
    template: 'lock "{key}" is still held by another run after waiting {wait} s',
  },
  SETTINGS_INVALID: { kind: 'user', status: 400, template: 'settings: {detail}' },
  SETTINGS_READ_ONLY: { kind: 'user', status: 409, template: 'settings: {detail}' },
  LIMIT_DEPTH: {
    kind: 'user',
    status: 508,
    template: 'call depth limit of {limit} exceeded in "{slug}" (limits.callDepth)',
  },
  LIMIT_INSTRUCTIONS: {
    kind: 'user',
    status: 508,
    template: 'more than {limit} instructions executed in one run (limits.instructionsPerRun), stopped in "{slug}"',
  },
  LIMIT_WALL_TIME: {
    kind: 'operational',
    status: 504,
    template: 'run exceeded its wall time of {limit} ms (limits.runWallTimeMs), stopped in "{slug}"',
  },
  // Not a failure of the run: nobody waits for its answer any more (the client went away or cancelled).
  RUN_CANCELLED: { kind: 'operational', status: 499, template: 'the run was cancelled: {reason}' },
  LIMIT_REPEAT: {
    kind: 'user',
    status: 508,
    template: 'repeat would run {count} iterations, more than the limit of {limit} (limits.repeatIterations)',
  },
  LIMIT_EXPRESSION_TIME: {
    kind: 'user',
    status: 508,
    template: 'expression ran longer than {limit} ms (limits.expressionTimeMs)',
  },
  LIMIT_SIZE: { kind: 'user', status: 413, template: '{what} is larger than {limit} bytes (limits.valueBytes)' },
  LIMIT_NESTING: { kind: 'user', status: 400, template: 'nesting deeper than {limit} levels in {what}{at} ({name})' },
  LIMIT_ITEMS: { kind: 'user', status: 413, template: '{what} has more than {limit} items (limits.expressionItems)' },
  LIMIT_EVENTS: {
    kind: 'user',
    status: 508,
    template: 'more than {limit} events emitted in one run (limits.eventsPerRun)',
  },
  LIMIT_CONVERSION_TIME: {
    kind: 'operational',
    status: 504,
    template:
      'converting {what} took longer than {limit} ms (limits.conversionTimeMs); ask for fewer characters or the unconverted source',
  },
  CONVERSION_FAILED: { kind: 'operational', status: 503, template: 'converting {what} failed: {detail}' },
  LIMIT_QUERY: { kind: 'user', status: 400, template: 'the {language} query is too {what}: {detail}' },
  QUERY_REFUSED: { kind: 'user', status: 400, template: 'the {language} query is refused: {detail}' },
  // Outbound HTTP (fetch).
  IDENTITY_REFUSED: { kind: 'user', status: 403, template: '{detail}' },
  FETCH_ADDRESS_REFUSED: {
    kind: 'user',
    status: 403,
    template:
      'fetch {method} {url}: {host} resolves to {address}, a {range} address, which this server does not reach (CONFLUENCE_ALLOW_LOOPBACK=true allows it for sandboxes and tests)',
  },
  FETCH_INVALID: { kind: 'user', status: 400, template: 'fetch {method} {url}: {detail}' },
  FETCH_HOST_REFUSED: {
    kind: 'user',
    status: 403,
    template: 'fetch {method} {url}: host "{host}" is not in http.allowedHosts of the workspace (config/index.yml)',
  },
  FETCH_TIMEOUT: { kind: 'operational', status: 504, template: 'fetch {method} {url}: timed out after {timeout} ms' },
  FETCH_CONNECTION: { kind: 'operational', status: 502, template: 'fetch {method} {url}: {detail}' },
  FETCH_TOO_LARGE: {
    kind: 'operational',
    status: 502,
    template: 'fetch {method} {url}: response is larger than {limit} bytes (http.maxResponseBytes)',
  },
  // Raised by the `fail` instruction: the automation's own message, reason and status.
  FAILED: { kind: 'user', status: 400, template: '{message}' },
  // Anything else is a bug.
  INTERNAL: { kind: 'unexpected', status: 500, template: 'internal error: {detail}' },
} as const satisfies Record<string, CodeInfo>

export type ErrorCode = keyof typeof ERROR_CODES

export interface SourceLocation {
  file: string
  line: number
  col: number
}

export function formatLocation(loc: SourceLocation | undefined): string {
  return loc ? `${loc.file}:${loc.line}:${loc.col}` : ''
}

function render(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = data[key]
    return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)
  })
}

/** The one error type of the runtime: a code from the table, the data its template needs, where it happened. */
export class DsulError extends Error {
  readonly code: ErrorCode
  readonly kind: ErrorKind
  readonly status: number
  readonly data: Record<string, unknown>
  location?: SourceLocation
  slug?: string

  constructor(
    code: ErrorCode,
    data: Record<string, unknown> = {},
    options: { cause?: unknown; location?: SourceLocation; slug?: string } = {},
  ) {
    const info: CodeInfo = ERROR_CODES[code]
    super(render(info.template, data), options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'DsulError'
    this.code = code
    this.kind = info.kind
    this.status = typeof data.status === 'number' && code === 'FAILED' ? data.status : info.status
    this.data = data
    this.location = options.location
    this.slug = options.slug
  }

  /** `file:line:col CODE message (in automation "slug")`, the form every surface prints. */
  describe(): string {
    const where = formatLocation(this.location)
    const inSlug = this.slug ? ` (in automation "${this.slug}")` : ''
    return `${where ? where + ' ' : ''}${this.code} ${this.message}${inSlug}`
  }

  /** The shape an automation sees as `$error` in a `catch` block. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.code,
      code: this.code,
      message: this.message,
      status: this.status,
      details: this.data,
      ...(typeof this.data.reason === 'string' ? { reason: this.data.reason } : {}),
      ...(this.slug ? { automation: this.slug } : {}),
      ...(this.location ? { location: formatLocation(this.location) } : {}),
    }
  }
}

/**
 * A short, safe text for a value in a message: any value an expression returns (an object without a
 * prototype, a 5 MiB string, a value thousands of levels deep) gives at most ~100 characters, never a throw.
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing'
  let text: string
  try {
    text = JSON.stringify(v) ?? typeof v
  } catch {
    text = Array.isArray(v) ? 'an array' : typeof v
  }
  return text.length > 100 ? `${text.slice(0, 100)}…` : text
}

/** Turn anything thrown (including JSONata's plain objects) into a DsulError. */
export function toDsulError(err: unknown): DsulError {
  if (err instanceof DsulError) return err
  // A value nested deeper than some recursive step can walk (a template rendering it, a built-in):
  // the builder's data, not a bug. The values the runtime stores are held to 1,000 levels (limits.ts).
  if (err instanceof RangeError && err.message === 'Maximum call stack size exceeded') {
    return new DsulError(
      'LIMIT_NESTING',
      {
        what: 'a value being handled',
        limit: 1000,
        at: '',
        name: 'the JavaScript stack',
      },
      { cause: err },
    )
  }
  const detail =
    err instanceof Error
      ? err.message
      : typeof err === 'object' && err && 'message' in err
        ? String((err as { message: unknown }).message)
        : String(err)
  return new DsulError('INTERNAL', { detail }, { cause: err })
}

/** Control flow for `break`; deliberately not an Error, so `try` never catches it. */
export class BreakSignal {
  constructor(
    readonly scope: 'automation' | 'repeat' | 'all',
    readonly payload: unknown,
    readonly hasPayload: boolean,
  ) {}
}
