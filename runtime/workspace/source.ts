// A YAML file with positions: parse once with a LineCounter, then point any JSON path (and any
// character offset inside a string value) back at `line:col` in the file.

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node } from 'yaml'
import type { SourceLocation } from '../core/errors.ts'
import type { Segment } from '../core/paths.ts'
import type { Diagnostic } from './diagnostics.ts'

export interface SourceFile {
  readonly file: string          // relative to the workspace root, as printed in diagnostics
  readonly text: string
  readonly doc: Document.Parsed
  readonly value: unknown
  locate (pointer?: Segment[], offset?: number): SourceLocation
  locateKey (pointer: Segment[]): SourceLocation
}

export function parseSource (file: string, text: string, diagnostics: Diagnostic[]): SourceFile | undefined {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true })
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)))
    return { file, line, col }
  }
  // After the first syntax error YAML's parser mostly reports knock-on errors: show the first one
  // (with a count of the rest) so the builder fixes the real cause.
  const first = doc.errors[0]
  if (first) {
    const pos = first.linePos?.[0]
    const more = doc.errors.length - 1
    diagnostics.push({
      severity: 'error',
      code: 'YAML_SYNTAX',
      message: `${first.code}: ${firstLine(first.message)}${more > 0 ? ` (${more} more syntax error(s) after this one, probably caused by it)` : ''}`,
      location: pos ? { file, line: pos.line, col: pos.col } : at(first.pos[0]),
    })
  }
  for (const w of doc.warnings) {
    const pos = w.linePos?.[0]
    diagnostics.push({ severity: 'warning', code: 'YAML_SYNTAX', message: `${w.code}: ${firstLine(w.message)}`, location: pos ? { file, line: pos.line, col: pos.col } : at(w.pos[0]) })
  }
  if (doc.errors.length > 0) return undefined
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (err) {
    diagnostics.push({ severity: 'error', code: 'YAML_SYNTAX', message: (err as Error).message, location: at(0) })
    return undefined
  }

  /** The deepest node that exists along `pointer` (a missing property points at its parent). */
  const nodeAt = (pointer: Segment[]): Node | null => {
    let node: unknown = doc.contents
    for (const seg of pointer) {
      let next: unknown
      if (isMap(node)) next = node.items.find(p => isScalar(p.key) ? String(p.key.value) === String(seg) : false)?.value
      else if (isSeq(node)) next = node.items[Number(seg)]
      if (next === undefined || next === null) break
      node = next
    }
    return (node ?? null) as Node | null
  }

  return {
    file,
    text,
    doc,
    value,
    locate (pointer = [], offset) {
      const node = nodeAt(pointer)
      if (!node?.range) return at(0)
      if (offset !== undefined && isScalar(node) && typeof node.value === 'string') return at(stringOffset(node, text, offset))
      return at(node.range[0])
    },
    locateKey (pointer) {
      const parent = nodeAt(pointer.slice(0, -1))
      const last = pointer[pointer.length - 1]
      if (isMap(parent)) {
        const pair = parent.items.find(p => isPair(p) && isScalar(p.key) && String(p.key.value) === String(last))
        if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0])
      }
      return this.locate(pointer)
    },
  }
}

/**
 * Map an offset inside a string's value to an offset in the file. Exact for plain and quoted
 * one-line scalars; for block scalars and escapes it searches the source, else falls back to the start.
 */
function stringOffset (node: Scalar, text: string, offset: number): number {
  const start = node.range![0]
  const value = node.value as string
  const quote = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0
  const direct = start + quote
  if (text.slice(direct, direct + offset) === value.slice(0, offset)) return direct + offset
  // Block scalars: find the line of the value that contains the offset, then its column.
  const before = value.slice(0, offset)
  const lineIndex = before.split('\n').length - 1
  const lineText = value.split('\n')[lineIndex]
  const column = before.length - (before.lastIndexOf('\n') + 1)
  const found = lineText ? text.indexOf(lineText, start) : -1
  return found >= 0 && found < node.range![1] ? found + column : start
}

function firstLine (s: string): string {
  return s.split('\n')[0]
}
