// Variable paths (docs/language.md "Variables and paths"): `a.b[0]["k-ey"]`, `$http.status`, `items[]` (push).

export type Segment = string | number

const IDENT = /[A-Za-z_$][\w$-]*/y

/** Parse a path; throws a plain Error with a reason (callers turn it into PATH_SYNTAX with a location). */
export function parsePath(src: string): Segment[] {
  const text = src.trim()
  const out: Segment[] = []
  let i = 0
  const ident = (): string => {
    IDENT.lastIndex = i
    const m = IDENT.exec(text)
    if (!m) throw new Error(`expected a name at character ${i + 1}`)
    i = IDENT.lastIndex
    return m[0]
  }
  if (text === '') throw new Error('the path is empty')
  out.push(ident())
  while (i < text.length) {
    const c = text[i]
    if (c === '.') {
      i++
      out.push(ident())
      continue
    }
    if (c !== '[') throw new Error(`unexpected "${c}" at character ${i + 1}`)
    i++
    const q = text[i]
    if (q === '"' || q === "'") {
      const end = text.indexOf(q, i + 1)
      if (end < 0) throw new Error('unterminated quoted key')
      out.push(text.slice(i + 1, end))
      i = end + 1
    } else {
      const m = /^\d+/.exec(text.slice(i))
      if (!m) throw new Error(`expected an index or a quoted key at character ${i + 1}`)
      out.push(Number(m[0]))
      i += m[0].length
    }
    if (text[i] !== ']') throw new Error(`expected "]" at character ${i + 1}`)
    i++
  }
  return out
}

export function getPath(root: unknown, segments: readonly Segment[], from = 0): unknown {
  let cur = root
  for (let k = from; k < segments.length; k++) {
    if (cur === null || typeof cur !== 'object') return undefined
    const key = segments[k]
    cur = Object.hasOwn(cur, key) ? (cur as Record<Segment, unknown>)[key] : undefined
  }
  return cur
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Write `value` at `segments` inside `root` (an object), creating missing parents.
 * Containers that are frozen (compiled constants) are copied first, so a constant is never mutated.
 */
export function setPath(
  root: Record<string, unknown>,
  segments: readonly Segment[],
  update: (prev: unknown) => unknown,
): void {
  let cur: Record<Segment, unknown> = root
  for (let k = 0; k < segments.length; k++) {
    const key = segments[k]
    if (typeof key === 'string' && FORBIDDEN.has(key)) throw new Error(`"${key}" cannot be used as a key`)
    if (k === segments.length - 1) {
      const next = update(cur[key])
      if (next === undefined) deleteKey(cur, key)
      else cur[key] = next
      return
    }
    let child = cur[key]
    if (child === null || typeof child !== 'object') {
      child = typeof segments[k + 1] === 'number' ? [] : {}
      cur[key] = child
    } else if (Object.isFrozen(child)) {
      child = Array.isArray(child) ? [...child] : { ...(child as object) }
      cur[key] = child
    }
    cur = child as Record<Segment, unknown>
  }
}

function deleteKey(container: Record<Segment, unknown>, key: Segment): void {
  if (Array.isArray(container) && typeof key === 'number') container.splice(key, 1)
  else delete container[key]
}

export function formatPath(segments: readonly Segment[]): string {
  return segments
    .map((s, k) =>
      typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$-]*$/.test(s) ? (k === 0 ? s : '.' + s) : `["${s}"]`,
    )
    .join('')
}
