// From an automation's output to an MCP tool result (docs/serving.md "Output contract").
// An output that is an object made only of `text` (a string), `data` and `content` (MCP content
// blocks) is an envelope: `text` is what a reader gets, `data` what a program gets, `content`
// extra blocks (images, audio, resources). Any other output is both: rendered as text for
// `verbose`, sent as is for `structured`.

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { OUTPUT_FORMATS } from './tools.ts'

export type OutputFormat = (typeof OUTPUT_FORMATS)[number]
type Block = CallToolResult['content'][number]

const ENVELOPE_KEYS = new Set(['text', 'data', 'content'])

// The SDK's schema of a content block, imported on the first output that carries blocks: its module
// brings zod (about 360 KB of code, 15–20 ms of a start), and most tools never return blocks.
let blockSchema: { safeParse(block: unknown): { success: boolean } } | undefined

/** Load the content block schema splitOutput checks blocks with (once; toToolResult does it when needed). */
export async function loadContentBlockSchema(): Promise<void> {
  blockSchema ??= (await import('@modelcontextprotocol/sdk/types.js')).ContentBlockSchema
}
const NO_OUTPUT = 'Done (no output).'

export interface Rendered {
  text?: string
  data: unknown
  content: Block[]
}

/** Split an output into its readable text, its data and its extra content blocks. */
export function splitOutput(output: unknown): Rendered {
  if (isEnvelope(output)) {
    const content = (output.content ?? []) as Block[]
    const hasData = 'data' in output
    return {
      text:
        typeof output.text === 'string'
          ? output.text
          : hasData || content.length === 0
            ? renderText(output.data)
            : undefined,
      data: hasData ? output.data : typeof output.text === 'string' ? { text: output.text } : {},
      content,
    }
  }
  return { text: renderText(output), data: output, content: [] }
}

function isEnvelope(v: unknown): v is { text?: unknown; data?: unknown; content?: unknown } {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Buffer.isBuffer(v)) return false
  const keys = Object.keys(v)
  if (keys.length === 0 || !keys.every(k => ENVELOPE_KEYS.has(k))) return false
  const { text, content } = v as { text?: unknown; content?: unknown }
  if (text !== undefined && typeof text !== 'string') return false
  if (content === undefined) return true
  if (!Array.isArray(content)) return false
  if (!blockSchema) throw new Error('splitOutput: content blocks checked before loadContentBlockSchema()')
  // Blocks must be valid MCP content, or clients would reject the whole result.
  return content.every(b => blockSchema!.safeParse(b).success)
}

/** Whether `output` may be an envelope with content blocks: what needs the block schema. */
function carriesBlocks(output: unknown): boolean {
  return output !== null && typeof output === 'object' && Array.isArray((output as { content?: unknown }).content)
}

/**
 * The tool result for one format. structuredContent must be an object, so other values are sent
 * as `{ result: value }`; `withStructured` forces it (a tool that advertises an outputSchema
 * must always send one, or clients reject the result).
 */
export async function toToolResult(
  output: unknown,
  format: OutputFormat,
  withStructured = false,
): Promise<CallToolResult> {
  if (carriesBlocks(output)) await loadContentBlockSchema()
  const { text, data, content } = splitOutput(output)
  const structured = format !== 'verbose' || withStructured ? asObject(data) : undefined
  const blocks: Block[] = []
  if (format === 'structured') blocks.push({ type: 'text', text: JSON.stringify(structured) })
  else if (text !== undefined) blocks.push({ type: 'text', text })
  blocks.push(...content)
  if (blocks.length === 0) blocks.push({ type: 'text', text: NO_OUTPUT })
  return structured === undefined ? { content: blocks } : { content: blocks, structuredContent: structured }
}

export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true }
}

function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v)
    ? (v as Record<string, unknown>)
    : { result: v ?? null }
}

/**
 * A compact, YAML-like rendering: no quotes or braces to spend tokens on, nesting by indentation,
 * multi-line strings as blocks. Much cheaper than a YAML library on large pages (hot path).
 */
export function renderText(value: unknown): string {
  if (value === undefined) return NO_OUTPUT
  if (typeof value === 'string') return value
  const lines: string[] = []
  write(value, '', lines)
  return lines.join('\n')
}

function scalar(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return v.includes('\n') ? undefined : v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Buffer.isBuffer(v)) return `(${v.length} bytes)`
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined
  if (typeof v === 'object') return Object.keys(v).length === 0 ? '{}' : undefined
  return String(v)
}

function write(value: unknown, indent: string, lines: string[]): void {
  const s = scalar(value)
  if (s !== undefined) {
    lines.push(indent + s)
    return
  }
  if (typeof value === 'string') {
    for (const l of value.split('\n')) lines.push(indent + l)
    return
  }
  if (Array.isArray(value)) {
    for (const item of value) entry('- ', item, indent, lines)
    return
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>))
    entry(`${key}:`, item, indent, lines, true)
}

/** One `key: value` or `- item` line; nested values go on the following lines, indented. */
function entry(label: string, item: unknown, indent: string, lines: string[], isKey = false): void {
  const s = scalar(item)
  if (s !== undefined) {
    lines.push(`${indent}${label}${isKey ? ' ' : ''}${s}`)
    return
  }
  if (typeof item === 'string') {
    lines.push(`${indent}${label}${isKey ? ' ' : ''}|`)
    for (const l of item.split('\n')) lines.push(`${indent}  ${l}`)
    return
  }
  if (!isKey && !Array.isArray(item)) {
    // `- first: 1` then the other keys aligned under it, as YAML does.
    const start = lines.length
    write(item, indent + '  ', lines)
    lines[start] = `${indent}- ${lines[start].slice(indent.length + 2)}`
    return
  }
  lines.push(`${indent}${label.trimEnd()}`)
  write(item, indent + '  ', lines)
}
