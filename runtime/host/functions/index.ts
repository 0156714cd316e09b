// JSONata functions the runtime adds (docs/language.md "Expressions"), registered once on every
// compiled expression. Each entry: implementation and JSONata signature.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { truthy } from '../../core/truthy.ts'
import { cqlCheck, cqlConfine } from './cql.ts'
import { bodyView, replaceSection, storage } from './editing.ts'
import { markdown } from './markdown.ts'
import { cachedPageBody, keepPageBody, pageBodyCacheable, pageBodyKey } from './page-bodies.ts'
import { date, decodeQuery, formatDate, json, slice } from './prisme.ts'
import { withoutKey } from './without-key.ts'

interface HostFunction {
  // biome-ignore lint/suspicious/noExplicitAny: JSONata checks the arguments against `signature` first
  impl: (...args: any[]) => unknown
  signature?: string
}

export const FUNCTIONS: Record<string, HostFunction> = {
  // $eval would compile at run time and bypass the load-time checks.
  eval: {
    impl: () => {
      throw { code: 'X0001', message: '$eval is disabled: write the expression directly' }
    },
  },
  // JSONata's own $not(missing) is missing (falsy), so `$not(x)` on an absent value silently failed
  // in conditions; here a missing value is false, so its negation is true.
  not: { impl: (v: unknown) => !truthy(v), signature: '<x-:b>' },
  uuid: { impl: () => randomUUID(), signature: '<:s>' },
  randomToken: {
    impl: (bytes?: number) => randomBytes(Math.min(Math.max(bytes ?? 32, 8), 256)).toString('base64url'),
    signature: '<n?:s>',
  },
  sha256: {
    impl: (text: string, encoding?: string) =>
      createHash('sha256')
        .update(text)
        .digest(encoding === 'hex' ? 'hex' : 'base64url'),
    signature: '<ss?:s>',
  },
  markdown: { impl: markdown, signature: '<s-n?s?:s>' },
  storage: { impl: storage, signature: '<s-:s>' },
  replaceSection: { impl: replaceSection, signature: '<sxs:o>' },
  bodyView: { impl: bodyView, signature: '<so:o>' },
  pageBodyCacheable: { impl: pageBodyCacheable, signature: '<x:b>' },
  pageBodyKey: { impl: pageBodyKey, signature: '<xxx:x>' },
  cachedPageBody: { impl: cachedPageBody, signature: '<xxx:x>' },
  keepPageBody: { impl: keepPageBody, signature: '<xxx:x>' },
  cqlCheck: { impl: cqlCheck, signature: '<s:s>' },
  cqlConfine: { impl: cqlConfine, signature: '<sx?:s>' },
  withoutKey: { impl: withoutKey, signature: '<x-s:x>' },
  // Prisme.ai built-ins, for imported workspaces (runtime/expressions/prisme/expression.ts writes them).
  date: { impl: date, signature: '<x-:o>' },
  formatDate: { impl: formatDate, signature: '<x-ss?s?:s>' },
  json: { impl: json, signature: '<x-:x>' },
  slice: { impl: slice, signature: '<x-nn?:x>' },
  decodeQuery: { impl: decodeQuery, signature: '<s-:o>' },
  encodeQuery: {
    impl: (params: Record<string, unknown>) =>
      new URLSearchParams(
        Object.entries(params ?? {})
          .filter(([, v]) => v !== undefined && v !== null)
          .flatMap(([k, v]) => (Array.isArray(v) ? v.map(x => [k, String(x)]) : [[k, String(v)]])),
      ).toString(),
    signature: '<o:s>',
  },
}
