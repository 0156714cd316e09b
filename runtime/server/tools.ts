// MCP tools generated from automations (docs/serving.md "Tools"): one tool per `when.mcp.tool`, an
// `action` enum, the union of the actions' arguments (each property says which actions use it),
// `outputFormat` and the identity arguments. Built once per workspace: the advertised list, the
// per-action automations and the output validators are reused by every call.

import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { Tool } from '@modelcontextprotocol/sdk/types.js'
import type { CompiledAutomation, McpBinding } from '../engine-types.ts'
import { clientSafeSchema, sameShape, truncate, withoutDescription } from './schema.ts'

export const OUTPUT_FORMATS = ['verbose', 'structured', 'both'] as const
export const IDENTITY_ARGUMENTS = ['agent_id', 'user_id', 'context_id'] as const
/** Arguments the runtime owns: an automation declaring one of them cannot be an MCP action. */
export const RESERVED_ARGUMENTS = new Set<string>(['action', 'outputFormat', ...IDENTITY_ARGUMENTS])

export interface ToolEntry {
  readonly name: string
  readonly actions: ReadonlyMap<string, CompiledAutomation>
  /** The action used when the call names none (tools with a single action). */
  readonly defaultAction?: string
  /** Set when every action shares one object `outputSchema`, which the tool then advertises. */
  readonly validateOutput?: ValidateFunction
  readonly definition: Tool
}

export interface ToolCatalog {
  readonly byName: ReadonlyMap<string, ToolEntry>
  /** The `tools/list` result, built once. */
  readonly list: { tools: Tool[] }
  /** Why an automation was left out or a value was changed (logged at start, printed by `tools`). */
  readonly problems: string[]
  /** `tool.action` names hidden because they write and the server is read-only. */
  readonly hidden: ReadonlySet<string>
}

interface IndexMcp { tools?: Record<string, { description?: string, title?: string }> }

// Output validation must never fill defaults into a result, unlike the arguments' ajv.
const outputAjv = new Ajv({ allErrors: true, strict: false })
;(addFormatsModule as unknown as (ajv: Ajv) => Ajv)(outputAjv)

export function buildToolCatalog (automations: Iterable<CompiledAutomation>, index: Record<string, unknown> = {}, options: { readOnly?: boolean } = {}): ToolCatalog {
  const problems: string[] = []
  const hidden = new Set<string>()
  const groups = new Map<string, Map<string, CompiledAutomation>>()
  for (const automation of automations) {
    const binding = automation.when.mcp
    if (!binding || automation.private) continue
    // Read-only mode: actions that write are neither listed nor callable.
    if (options.readOnly && binding.write) { hidden.add(`${binding.tool}.${binding.action}`); continue }
    const reserved = Object.keys(properties(automation)).filter(n => RESERVED_ARGUMENTS.has(n))
    if (reserved.length > 0) {
      problems.push(`${automation.file}: "${automation.slug}" is not served as ${binding.tool}.${binding.action}: argument(s) ${reserved.join(', ')} are reserved by the MCP server`)
      continue
    }
    const actions = groups.get(binding.tool) ?? new Map<string, CompiledAutomation>()
    const other = actions.get(binding.action)
    if (other) {
      problems.push(`${automation.file}: ${binding.tool}.${binding.action} is already served by "${other.slug}"`)
      continue
    }
    actions.set(binding.action, automation)
    groups.set(binding.tool, actions)
  }
  const byName = new Map<string, ToolEntry>()
  const toolTexts = (index.mcp as IndexMcp | undefined)?.tools ?? {}
  for (const [name, actions] of groups) byName.set(name, buildTool(name, actions, toolTexts[name] ?? {}, problems))
  return { byName, list: { tools: [...byName.values()].map(t => t.definition) }, problems, hidden }
}

function buildTool (name: string, actions: Map<string, CompiledAutomation>, texts: { description?: string, title?: string }, problems: string[]): ToolEntry {
  const bindings = [...actions.values()].map(a => a.when.mcp as McpBinding)
  const names = [...actions.keys()]
  const single = names.length === 1 ? names[0] : undefined
  const summaries = [...actions].map(([action, a]) => `- \`${action}\`: ${summary(a)}`).join('\n')
  const inputSchema: Tool['inputSchema'] = {
    type: 'object',
    properties: {
      action: {
        type: 'string',
        enum: names,
        ...(single ? { default: single } : {}),
        description: truncate(`The action to run:\n${summaries}`),
      },
      ...argumentProperties(actions),
      outputFormat: {
        type: 'string',
        enum: [...OUTPUT_FORMATS],
        default: 'verbose',
        description: '`verbose` (default): readable text; `structured`: JSON in structuredContent; `both`: the text and structuredContent.',
      },
      agent_id: { type: 'string', description: 'Id of the calling agent (set by the agent platform).' },
      user_id: { type: 'string', description: 'Id of the end user the call is made for (set by the agent platform); selects that user\'s settings and credentials.' },
      context_id: { type: 'string', description: 'Id of the conversation or task (set by the agent platform).' },
    },
    ...(single ? {} : { required: ['action'] }),
    additionalProperties: false,
  }
  const only = single ? actions.get(single)! : undefined
  const description = texts.description ?? bindings.find(b => b.toolDescription)?.toolDescription ??
    (only ? only.description ?? only.name : `Actions:\n${summaries}`)
  const title = texts.title ?? bindings.find(b => b.title)?.title
  const output = sharedOutputSchema([...actions.values()], name, problems)
  const annotations = combineAnnotations(bindings)
  const definition: Tool = {
    name,
    ...(title ? { title } : {}),
    description: truncate(description),
    inputSchema,
    ...(output ? { outputSchema: output as Tool['outputSchema'] } : {}),
    ...(annotations ? { annotations } : {}),
  }
  return { name, actions, defaultAction: single, validateOutput: output ? outputAjv.compile(output) : undefined, definition }
}

function properties (automation: CompiledAutomation): Record<string, Record<string, unknown>> {
  return (automation.argumentsSchema.properties ?? {}) as Record<string, Record<string, unknown>>
}

function summary (automation: CompiledAutomation): string {
  const text = (automation.description ?? automation.name).trim().split(/\n\s*\n/)[0].replace(/\s+/g, ' ')
  return truncate(text, 200)
}

/** The union of the actions' arguments; each description ends with who uses it ("Used by: get (required), list."). */
function argumentProperties (actions: Map<string, CompiledAutomation>): Record<string, unknown> {
  const users = new Map<string, Array<{ action: string, required: boolean, schema: Record<string, unknown> }>>()
  for (const [action, automation] of actions) {
    const required = new Set((automation.argumentsSchema.required ?? []) as string[])
    for (const [arg, schema] of Object.entries(properties(automation))) {
      const list = users.get(arg) ?? []
      list.push({ action, required: required.has(arg), schema: clientSafeSchema(schema, automation.argumentsSchema) })
      users.set(arg, list)
    }
  }
  const out: Record<string, unknown> = {}
  for (const [arg, list] of users) {
    // Actions that describe an argument differently each keep their words ("getBody: …; update: …").
    const texts = [...new Set(list.map(u => u.schema.description).filter((d): d is string => typeof d === 'string').map(d => d.trim()))]
    const own = texts.length <= 1
      ? texts[0]
      : list.filter(u => typeof u.schema.description === 'string').map(u => `${u.action}: ${(u.schema.description as string).trim().replace(/\.$/, '')}`).join('; ') + '.'
    const usedBy = actions.size === 1
      ? (list[0].required ? 'Required.' : '')
      : `Used by: ${list.map(u => u.action + (u.required ? ' (required)' : '')).join(', ')}.`
    const description = truncate([own?.trim(), usedBy].filter(Boolean).join(' '))
    const variants: unknown[] = []
    for (const u of list) if (!variants.some(v => sameShape(v, u.schema))) variants.push(withoutDescription(u.schema))
    // Actions that disagree on an argument's shape each keep theirs; their own validation decides.
    const base = variants.length === 1 ? variants[0] as Record<string, unknown> : { anyOf: variants }
    out[arg] = description ? { ...base, description } : base
  }
  return out
}

function sharedOutputSchema (automations: CompiledAutomation[], tool: string, problems: string[]): Record<string, unknown> | undefined {
  const schemas = automations.map(a => a.outputSchema)
  const first = schemas[0]
  if (!first || schemas.some(s => !s || JSON.stringify(s) !== JSON.stringify(first))) return undefined
  if (first.type !== 'object') {
    problems.push(`tool ${tool}: outputSchema is not advertised because MCP requires an object schema (type: object)`)
    return undefined
  }
  return clientSafeSchema(first)
}

/** A tool is read-only only if every action is; destructive or open-world if any action is. */
function combineAnnotations (bindings: McpBinding[]): Tool['annotations'] | undefined {
  const hint = (b: McpBinding, key: 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'): boolean | undefined =>
    b.annotations?.[key] ?? (key === 'readOnlyHint' && b.write !== undefined ? !b.write : undefined)
  const all = (key: 'readOnlyHint' | 'idempotentHint'): boolean | undefined => {
    const values = bindings.map(b => hint(b, key))
    return values.includes(false) ? false : values.every(v => v === true) ? true : undefined
  }
  const any = (key: 'destructiveHint' | 'openWorldHint'): boolean | undefined => {
    const values = bindings.map(b => hint(b, key))
    return values.includes(true) ? true : values.every(v => v === false) ? false : undefined
  }
  const annotations = { readOnlyHint: all('readOnlyHint'), destructiveHint: any('destructiveHint'), idempotentHint: all('idempotentHint'), openWorldHint: any('openWorldHint') }
  const defined = Object.fromEntries(Object.entries(annotations).filter(([, v]) => v !== undefined))
  return Object.keys(defined).length > 0 ? defined : undefined
}
