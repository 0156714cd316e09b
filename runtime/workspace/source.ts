// A YAML file with positions: parse once with a LineCounter, then point any JSON path (and any
// character offset inside a string value) back at `line:col` in the file.
//
// A start spends most of its workspace load in the YAML parser (docs/performance.md "Start"), so a
// file whose text is in the source cache (source-cache.ts: the package's own files, parsed at build
// time, clean of errors and warnings) takes its value from there, and the YAML document with its
// positions is parsed only when a location is first read: a diagnostic, a trace, a run error.

import { createHash } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node } from 'yaml'
import type { SourceLocation } from '../core/errors.ts'
import type { Segment } from '../core/paths.ts'
import type { Diagnostic } from './diagnostics.ts'

export interface SourceFile {
  readonly file: string // relative to the workspace root, as printed in diagnostics
  readonly text: string
  readonly doc: Document.Parsed
  readonly value: unknown
  locate(pointer?: Segment[], offset?: number): SourceLocation
  locateKey(pointer: Segment[]): SourceLocation
}

/** Parsed values by text hash (source-cache.ts), installed before a load; a miss parses the file. */
export interface SourceCache {
  get(hash: string): string | undefined
}
let cache: SourceCache | undefined
export function useSourceCache(c: SourceCache | undefined): void {
  cache = c
}

/**
 * The cache's key of a text: the parse's settings are part of it (change them, and every entry
 * misses). The yaml package's version is not: the cache is rebuilt with the bundle (scripts/build.mjs).
 */
export function sourceHash(text: string): string {
  return createHash('sha1').update('yaml-2/uniqueKeys/strict/maxAliasCount=100\n').update(text).digest('hex')
}

function parseYaml(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true })
  return { doc, lineCounter }
}

/** A location whose line and column are worked out when first read (the file parsed then). */
function lazyLocation(
  file: string,
  offset: () => number,
  linePos: (offset: number) => { line: number; col: number },
): SourceLocation {
  let pos: { line: number; col: number } | undefined
  const get = (): { line: number; col: number } => (pos ??= linePos(offset()))
  return {
    file,
    get line() {
      return get().line
    },
    get col() {
      return get().col
    },
  }
}

// V8 stores a text that holds any character past U+00FF (an em dash, an ellipsis) two bytes per
// character, and every piece cut from it too, as yaml cuts its scalars. A property name is stored once
// for the whole process, in the form it was first seen: a key first made from such a piece (`results`,
// `excerpt`) stays two bytes per character, and so does every JSON answer holding it, Confluence's
// included. Such answers take twice the memory and are transcoded to be sent: with a workspace loaded
// from YAML, a search cost 0.83–0.91 ms of CPU against 0.77–0.80 ms once its strings are one byte (JSON.parse,
// as the build's cache is read, makes one-byte strings).

/** Whether V8 stores the text, and what is cut from it, two bytes per character. */
function twoByte(text: string): boolean {
  return /[^\x00-\xff]/.test(text)
}

/**
 * Make the text's words property names of one byte per character, before yaml's toJS makes its keys
 * from pieces of the text: a name is looked up by its characters, so the keys reuse these. Nothing
 * keeps them but those keys; only a full collection in between could drop one (a slower key, no error).
 */
function internOneByteWords(text: string): void {
  const words: Record<string, 0> = Object.create(null)
  // Each byte as one character: its ASCII words are intact, and one byte per character.
  const bytes = Buffer.from(text).toString('latin1')
  for (const word of bytes.match(/[\w$-]+/g) ?? []) words[word] = 0
}

/** The value as JSON and parsed back, when JSON carries it exactly (not `.inf`, `-0`), else undefined. */
export function exactJson(value: unknown): { json: string; copy: unknown } | undefined {
  const json = JSON.stringify(value)
  if (json === undefined) return undefined
  const copy: unknown = JSON.parse(json)
  return isDeepStrictEqual(copy, value) ? { json, copy } : undefined
}

/** The value with fresh strings, one byte per character where they fit; kept as is when JSON is not exact. */
function compactStrings(value: unknown): unknown {
  return exactJson(value)?.copy ?? value
}

export function parseSource(file: string, text: string, diagnostics: Diagnostic[]): SourceFile | undefined {
  const cached = cache?.get(sourceHash(text))
  let parsed = cached === undefined ? parseYaml(text) : undefined
  const yaml = (): { doc: Document.Parsed; lineCounter: LineCounter } => (parsed ??= parseYaml(text))
  const linePos = (offset: number): { line: number; col: number } => {
    const { line, col } = yaml().lineCounter.linePos(Math.max(0, Math.min(offset, text.length)))
    return { line, col }
  }
  const at = (offset: number): SourceLocation => ({ file, ...linePos(offset) })
  /** Where `offset()` points: now when the file is parsed, else when first read. */
  const point = (offset: () => number): SourceLocation => (parsed ? at(offset()) : lazyLocation(file, offset, linePos))
  let value: unknown
  if (cached !== undefined) {
    value = JSON.parse(cached)
  } else {
    const doc = parsed!.doc
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
      diagnostics.push({
        severity: 'warning',
        code: 'YAML_SYNTAX',
        message: `${w.code}: ${firstLine(w.message)}`,
        location: pos ? { file, line: pos.line, col: pos.col } : at(w.pos[0]),
      })
    }
    if (doc.errors.length > 0) return undefined
    const compact = twoByte(text)
    if (compact) internOneByteWords(text)
    try {
      value = doc.toJS({ maxAliasCount: 100 })
      if (compact) value = compactStrings(value)
    } catch (err) {
      diagnostics.push({ severity: 'error', code: 'YAML_SYNTAX', message: (err as Error).message, location: at(0) })
      return undefined
    }
  }

  /** The deepest node that exists along `pointer` (a missing property points at its parent). */
  const nodeAt = (pointer: Segment[]): Node | null => {
    let node: unknown = yaml().doc.contents
    for (const seg of pointer) {
      let next: unknown
      if (isMap(node))
        next = node.items.find(p => (isScalar(p.key) ? String(p.key.value) === String(seg) : false))?.value
      else if (isSeq(node)) next = node.items[Number(seg)]
      if (next === undefined || next === null) break
      node = next
    }
    return (node ?? null) as Node | null
  }

  const offsetOf = (pointer: Segment[], offset?: number): number => {
    const node = nodeAt(pointer)
    if (!node?.range) return 0
    if (offset !== undefined && isScalar(node) && typeof node.value === 'string')
      return stringOffset(node, text, offset)
    return node.range[0]
  }
  const keyOffsetOf = (pointer: Segment[]): number => {
    const parent = nodeAt(pointer.slice(0, -1))
    const last = pointer[pointer.length - 1]
    if (isMap(parent)) {
      const pair = parent.items.find(p => isPair(p) && isScalar(p.key) && String(p.key.value) === String(last))
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0]
    }
    return offsetOf(pointer)
  }
  return {
    file,
    text,
    get doc() {
      return yaml().doc
    },
    value,
    // Copies: a lazy location must not see a caller's later changes to its path.
    locate: (pointer = [], offset) => {
      const path = [...pointer]
      return point(() => offsetOf(path, offset))
    },
    locateKey: pointer => {
      const path = [...pointer]
      return point(() => keyOffsetOf(path))
    },
  }
}

/**
 * Map an offset inside a string's value to an offset in the file. Exact for plain and quoted
 * one-line scalars; for block scalars and escapes it searches the source, else falls back to the start.
 */
function stringOffset(node: Scalar, text: string, offset: number): number {
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

function firstLine(s: string): string {
  return s.split('\n')[0]
}
