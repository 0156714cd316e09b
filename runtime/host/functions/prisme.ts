// Functions that carry Prisme.ai expression built-ins over to JSONata (docs/language.md "Importing a
// Prisme.ai workspace"): the importer writes `date(x).year` as `$date(x).year`, `json(x)` as `$json(x)`.

/** A date's fields (UTC) as Prisme's `date(x)` gives them: month 1–12, day 0 (Sunday)–6. */
export function date(value: unknown): Record<string, unknown> | undefined {
  const d = toDate(value)
  if (!d) return undefined
  return {
    ts: d.getTime(),
    iso: d.toISOString(),
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    date: d.getUTCDate(),
    day: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  }
}

function toDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? undefined : d
}

// dayjs format tokens (Prisme formats dates with dayjs), longest first so `YYYY` wins over `YY`.
const TOKENS = /\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|d|HH|H|hh|h|mm|m|ss|s|SSS|A|a|Z/g

/** `date(x, format, locale, timezone)`: dayjs tokens, in a time zone (default Europe/Paris, as Prisme). */
export function formatDate(
  value: unknown,
  format: string,
  locale = 'en',
  timeZone = 'Europe/Paris',
): string | undefined {
  const d = toDate(value)
  if (!d) return undefined
  let parts: Record<string, string>
  try {
    parts = Object.fromEntries(
      new Intl.DateTimeFormat(locale, {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
        .formatToParts(d)
        .map(p => [p.type, p.value]),
    )
  } catch {
    throw { code: 'X0002', message: `unknown locale or time zone: ${locale}, ${timeZone}` }
  }
  const named = (options: Intl.DateTimeFormatOptions): string =>
    new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(d)
  const pad = (v: string | number, n = 2): string => String(v).padStart(n, '0')
  const hour = Number(parts.hour) % 24
  // dayjs's `d`: 0 (Sunday) to 6, in the time zone.
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(d),
  )
  return String(format).replace(TOKENS, (token, escaped: string | undefined) => {
    if (escaped !== undefined) return escaped
    switch (token) {
      case 'YYYY':
        return parts.year
      case 'YY':
        return parts.year.slice(-2)
      case 'MMMM':
        return named({ month: 'long' })
      case 'MMM':
        return named({ month: 'short' })
      case 'MM':
        return pad(parts.month)
      case 'M':
        return String(Number(parts.month))
      case 'DD':
        return pad(parts.day)
      case 'D':
        return String(Number(parts.day))
      case 'dddd':
        return named({ weekday: 'long' })
      case 'ddd':
        return named({ weekday: 'short' })
      case 'd':
        return String(weekday)
      case 'HH':
        return pad(hour)
      case 'H':
        return String(hour)
      case 'hh':
        return pad(hour % 12 || 12)
      case 'h':
        return String(hour % 12 || 12)
      case 'mm':
        return pad(parts.minute)
      case 'm':
        return String(Number(parts.minute))
      case 'ss':
        return pad(parts.second)
      case 's':
        return String(Number(parts.second))
      case 'SSS':
        return pad(d.getUTCMilliseconds(), 3)
      case 'A':
        return hour < 12 ? 'AM' : 'PM'
      case 'a':
        return hour < 12 ? 'am' : 'pm'
      case 'Z':
        return offset(d, timeZone)
    }
    return token
  })
}

function offset(d: Date, timeZone: string): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(d)
      .find(p => p.type === 'timeZoneName')?.value ?? 'GMT'
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '')
}

/** Prisme's `json(x)`: a string is parsed (nothing when it is not JSON), anything else is written as JSON. */
export function json(value: unknown): unknown {
  if (typeof value !== 'string') return value === undefined ? undefined : JSON.stringify(value)
  try {
    return JSON.parse(value)
  } catch {
    return undefined
  }
}

/** Prisme's `slice(x, start, end?)`: of a string or an array, negative positions from the end. */
export function slice(value: unknown, start: number, end?: number): unknown {
  if (typeof value === 'string' || Array.isArray(value)) return value.slice(start, end)
  return undefined
}

/** `URLSearchParams(x).asJSON`: a query string as an object (a repeated key keeps its last value). */
export function decodeQuery(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query))
}
