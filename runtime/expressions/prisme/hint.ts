// A JSONata syntax error that Prisme.ai syntax caused (`{{a}} == b`, `&&`, `!x`) says so and shows the
// JSONata form, written by the Prisme translator (expression.ts); `import` converts whole workspaces.
import { PrismeSyntaxError, translateExpression } from './expression.ts'

const PRISME_MARKS = /\{\{|==|&&|\|\||!(?!=)|\s(matches|exists|equals)\b/

/** `; this looks like Prisme syntax: …; in JSONata write …`, or '' when it does not look like Prisme's. */
export function prismeHint(src: string, mode: 'value' | 'condition' = 'value'): string {
  if (!PRISME_MARKS.test(src)) return ''
  let jsonata: string
  try {
    jsonata = translateExpression(src.trim(), mode)
  } catch (err) {
    if (err instanceof PrismeSyntaxError) return ''
    throw err
  }
  return (
    `; this looks like Prisme syntax: \`${src.trim()}\`; in JSONata write \`${jsonata}\`` +
    ' (`confluence-next import` converts a Prisme.ai workspace)'
  )
}
