// One string-to-string result per key, kept while at most `max` are: the fake recomputes the same
// things for every request (a body's plain text, a date's friendly form), and a search page asks for
// 25 of each. Past `max` the memo starts over, so an endless stream of new keys cannot grow it.
export function memoized(compute: (key: string) => string, max: number): (key: string) => string {
  const known = new Map<string, string>()
  return key => {
    let value = known.get(key)
    if (value === undefined) {
      value = compute(key)
      if (known.size >= max) known.clear()
      known.set(key, value)
    }
    return value
  }
}
