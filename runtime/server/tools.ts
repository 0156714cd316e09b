// MCP tools generated from automations (docs/serving.md "Tools"): one tool per `when.mcp.tool`, an
// `action` enum, the union of the actions' arguments (each property says which actions use it),
// `outputFormat` and the identity arguments. Built once per workspace: the advertised list, the
// per-action automations and the output validators are reused by every call.

import type { ValidateFunction } from 'ajv'
import { compileWhenSafe, outputAjv } from '../workspace/ajv.ts'
import type { Tool } from '@modelcontextprotocol/sdk/types.js'
import type { CompiledAutomation, McpBinding } from '../engine/types.ts'
import { RESERVED_ARGUMENTS } from '../core/reserved-names.ts'
import { clientSafeSchema, sameShape, truncate, withoutDescription } from './schema.ts'

export const OUTPUT_FORMATS = ['verbose', 'structured', 'both'] as const
export { IDENTITY_ARGUMENTS, RESERVED_ARGUMENTS } from '../core/reserved-names.ts'

export interface ToolEntry {
  readonly name: string
  readonly actions: ReadonlyMap<string, CompiledAutomation>
  /** The action used when the call names none (tools with a single action). */
  readonly defaultAction?: string
  /**
   * Each action's own output validator, set when every action declares an object `outputSchema`;
   * the tool then advertises their union.
   */
  readonly outputValidators?: ReadonlyMap<string, ValidateFunction>
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

interface IndexMcp {
  tools?: Record<string, { description?: string; title?: string }>
}

export function buildToolCatalog(
  automations: Iterable<CompiledAutomation>,
  index: Record<string, unknown> = {},
  options: { readOnly?: boolean } = {},
): ToolCatalog {
  const problems: string[] = []
  const hidden = new Set<string>()
  const groups = new Map<string, Map<string, CompiledAutomation>>()
  for (const automation of automations) {
    const binding = automation.when.mcp
    if (!binding || automation.private) continue
    // Read-only mode: actions that write are neither listed nor callable.
    if (options.readOnly && binding.write) {
      hidden.add(`${binding.tool}.${binding.action}`)
      continue
    }
    const reserved = Object.keys(properties(automation)).filter(n => RESERVED_ARGUMENTS.has(n))
    if (reserved.length > 0) {
      problems.push(
        `${automation.file}: "${automation.slug}" is not served as ${binding.tool}.${binding.action}: argument(s) ${reserved.join(
          ', ',
        )} are reserved by the MCP server`,
      )
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

function buildTool(
  name: string,
  actions: Map<string, CompiledAutomation>,
  texts: { description?: string; title?: string },
  problems: string[],
): ToolEntry {
  const bindings = [...actions.values()].map(a => a.when.mcp as McpBinding)
  const names = [...actions.keys()]
  const single = names.length === 1 ? names[0] : undefined
  // Required in the schema when every action requires it (a single action's required arguments).
  const required = [...actions.values()]
    .map(a => new Set((a.argumentsSchema.required ?? []) as string[]))
    .reduce((common, next) => {
      for (const n of common) if (!next.has(n)) common.delete(n)
      return common
    })
  const inputSchema: Tool['inputSchema'] = {
    type: 'object',
    properties: {
      action: {
        type: 'string',
        enum: names,
        ...(single ? { default: single } : {}),
        description: truncate(`The action to run:\n${summaries(actions, 300)}`),
      },
      ...argumentProperties(actions),
      outputFormat: {
        type: 'string',
        enum: [...OUTPUT_FORMATS],
        default: 'verbose',
        description:
          '`verbose` (default): readable text; `structured`: JSON in structuredContent; `both`: the text and structuredContent.',
      },
      agent_id: { type: 'string', description: 'Id of the calling agent (set by the agent platform).' },
      user_id: {
        type: 'string',
        description:
          "Id of the end user the call is made for (set by the agent platform); selects that user's settings and credentials.",
      },
      context_id: { type: 'string', description: 'Id of the conversation or task (set by the agent platform).' },
    },
    ...(single && required.size === 0 ? {} : { required: [...(single ? [] : ['action']), ...required] }),
    additionalProperties: false,
  }
  const only = single ? actions.get(single)! : undefined
  const own = texts.description ?? bindings.find(b => b.toolDescription)?.toolDescription
  // The action list, with what each action does to the data, follows the tool's own words: clients
  // see one set of annotations per tool, and read them for the tool as a whole.
  const list = `Actions:\n${summaries(actions, 160)}`
  const description = only ? (own ?? only.description ?? only.name) : own ? `${own.trim()}\n\n${list}` : list
  const title = texts.title ?? bindings.find(b => b.title)?.title
  const output = unionOutputSchema(actions, name, problems)
  const annotations = combineAnnotations(bindings)
  const definition: Tool = {
    name,
    ...(title ? { title } : {}),
    description: truncate(description),
    inputSchema,
    ...(output ? { outputSchema: output as Tool['outputSchema'] } : {}),
    ...(annotations ? { annotations } : {}),
  }
  const outputValidators = output
    ? new Map(
        [...actions].map(([action, a]) => [action, compileWhenSafe(outputAjv, clientSafeSchema(a.outputSchema!))]),
      )
    : undefined
  return { name, actions, defaultAction: single, outputValidators, definition }
}

function properties(automation: CompiledAutomation): Record<string, Record<string, unknown>> {
  return (automation.argumentsSchema.properties ?? {}) as Record<string, Record<string, unknown>>
}

/** One line per action: its name, its nature and the first sentence (or so) of its description. */
function summaries(actions: Map<string, CompiledAutomation>, max: number): string {
  return [...actions].map(([action, a]) => `- \`${action}\`${nature(a.when.mcp!)}: ${summary(a, max)}`).join('\n')
}

function summary(automation: CompiledAutomation, max: number): string {
  const text = (automation.description ?? automation.name)
    .trim()
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ')
  // The first sentence: the rest of the description is the action's own, in the argument texts.
  return truncate(text.split(/(?<=[.!?])\s+(?=[A-Z`])/)[0], max)
}

/** `readOnlyHint` as declared, else from `write` (`write: true` is not read-only). */
function readOnlyOf(binding: McpBinding): boolean | undefined {
  return binding.annotations?.readOnlyHint ?? (binding.write === undefined ? undefined : !binding.write)
}

/**
 * What an action does to the data, for the action list (clients see one set of annotations per
 * tool): nothing is said of an action that declares neither `write` nor annotations.
 */
function nature(binding: McpBinding): string {
  const readOnly = readOnlyOf(binding)
  if (readOnly === undefined) return ''
  if (readOnly) return ' (read)'
  return binding.annotations?.destructiveHint === false ? ' (write)' : ' (write, destructive)'
}

/** The union of the actions' arguments; each description ends with who uses it ("Used by: get (required), list."). */
function argumentProperties(actions: Map<string, CompiledAutomation>): Record<string, unknown> {
  const users = new Map<string, Array<{ action: string; required: boolean; schema: Record<string, unknown> }>>()
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
    const texts = [
      ...new Set(
        list
          .map(u => u.schema.description)
          .filter((d): d is string => typeof d === 'string')
          .map(d => d.trim()),
      ),
    ]
    const own =
      texts.length <= 1
        ? texts[0]
        : list
            .filter(u => typeof u.schema.description === 'string')
            .map(u => `${u.action}: ${(u.schema.description as string).trim().replace(/\.$/, '')}`)
            .join('; ') + '.'
    const usedBy =
      actions.size === 1
        ? list[0].required
          ? 'Required.'
          : ''
        : `Used by: ${list.map(u => u.action + (u.required ? ' (required)' : '')).join(', ')}.`
    const description = truncate([own?.trim(), usedBy].filter(Boolean).join(' '))
    const variants: unknown[] = []
    for (const u of list) if (!variants.some(v => sameShape(v, u.schema))) variants.push(withoutDescription(u.schema))
    // Actions that disagree on an argument's shape each keep theirs; their own validation decides.
    const base = variants.length === 1 ? (variants[0] as Record<string, unknown>) : { anyOf: variants }
    out[arg] = description ? { ...base, description } : base
  }
  return out
}

/**
 * The tool's outputSchema: the one every action declares, or the union (`anyOf`) of theirs. MCP
 * wants an object schema, so a tool advertises one only when every action declares an object schema.
 */
function unionOutputSchema(
  actions: Map<string, CompiledAutomation>,
  tool: string,
  problems: string[],
): Record<string, unknown> | undefined {
  const declared = [...actions].filter(([, a]) => a.outputSchema)
  if (declared.length === 0) return undefined
  const missing = [...actions.keys()].filter(action => !actions.get(action)!.outputSchema)
  if (missing.length > 0) {
    problems.push(`tool ${tool}: outputSchema is not advertised because action(s) ${missing.join(', ')} declare none`)
    return undefined
  }
  const notObject = declared.filter(([, a]) => a.outputSchema!.type !== 'object').map(([action]) => action)
  if (notObject.length > 0) {
    problems.push(
      `tool ${tool}: outputSchema is not advertised because MCP requires an object schema (type: object); ` +
        `see ${notObject.join(', ')}`,
    )
    return undefined
  }
  const variants: Record<string, unknown>[] = []
  for (const [, a] of declared) {
    const schema = clientSafeSchema(a.outputSchema!)
    if (!variants.some(v => sameShape(v, schema))) variants.push(schema)
  }
  return variants.length === 1 ? variants[0] : { type: 'object', anyOf: variants }
}

/** A tool is read-only only if every action is; destructive or open-world if any action is. */
function combineAnnotations(bindings: McpBinding[]): Tool['annotations'] | undefined {
  // A read-only action destroys nothing, whatever it declares (MCP reads destructiveHint only on writes).
  const hint = (
    b: McpBinding,
    key: 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint',
  ): boolean | undefined =>
    key === 'readOnlyHint'
      ? readOnlyOf(b)
      : key === 'destructiveHint' && readOnlyOf(b) === true
        ? false
        : b.annotations?.[key]
  const all = (key: 'readOnlyHint' | 'idempotentHint'): boolean | undefined => {
    const values = bindings.map(b => hint(b, key))
    return values.includes(false) ? false : values.every(v => v === true) ? true : undefined
  }
  const any = (key: 'destructiveHint' | 'openWorldHint'): boolean | undefined => {
    const values = bindings.map(b => hint(b, key))
    return values.includes(true) ? true : values.every(v => v === false) ? false : undefined
  }
  const annotations = {
    readOnlyHint: all('readOnlyHint'),
    destructiveHint: any('destructiveHint'),
    idempotentHint: all('idempotentHint'),
    openWorldHint: any('openWorldHint'),
  }
  const defined = Object.fromEntries(Object.entries(annotations).filter(([, v]) => v !== undefined))
  return Object.keys(defined).length > 0 ? defined : undefined
}
