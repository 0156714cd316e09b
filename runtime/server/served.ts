// What the server prepares once per workspace, at start: the tool catalog, the webhook endpoints and
// the MCP identity (name, version, instructions). Requests only look things up here.

import type { CompiledAutomation } from '../engine/types.ts'
import type { Workspace } from '../engine/workspace.ts'
import { PACKAGE_VERSION } from '../core/package-root.ts'
import { buildToolCatalog, type ToolCatalog } from './tools.ts'

export interface ServedWorkspace {
  readonly workspace: Workspace
  readonly catalog: ToolCatalog
  /** Endpoint name → automation (`when.endpoint`). */
  readonly endpoints: ReadonlyMap<string, CompiledAutomation>
  readonly serverInfo: { name: string; version: string }
  readonly instructions?: string
  readonly readOnly: boolean
  readonly problems: string[]
}

interface IndexMcp {
  serverName?: string
  instructions?: string
  readOnly?: boolean | string
}

export function serveWorkspace(workspace: Workspace): ServedWorkspace {
  const index = workspace.info.index
  const mcpIndex = (index.mcp ?? {}) as IndexMcp
  const readOnly = resolveFlag(mcpIndex.readOnly, workspace.config)
  const catalog = buildToolCatalog(workspace.automations.values(), index, { readOnly })
  const problems = [...catalog.problems]
  const endpoints = new Map<string, CompiledAutomation>()
  for (const automation of workspace.automations.values()) {
    const name = automation.when.endpoint
    if (name === undefined || automation.private) continue
    const other = endpoints.get(name)
    if (name === 'mcp')
      problems.push(
        `${automation.file}: endpoint "mcp" is reserved for the MCP server; "${automation.slug}" is not served`,
      )
    else if (other) problems.push(`${automation.file}: endpoint "${name}" is already served by "${other.slug}"`)
    else endpoints.set(name, automation)
  }
  const mcp = mcpIndex
  return {
    workspace,
    catalog,
    endpoints,
    serverInfo: { name: mcp.serverName ?? workspace.slug, version: PACKAGE_VERSION },
    instructions: mcp.instructions,
    readOnly,
    problems,
  }
}

/** `mcp.readOnly` is a boolean or `{{ config.<name> }}` (read once, at start). */
function resolveFlag(value: boolean | string | undefined, config: Readonly<Record<string, unknown>>): boolean {
  if (typeof value === 'boolean') return value
  const m = typeof value === 'string' ? /^\{\{\s*config\.([\w-]+)\s*\}\}$/.exec(value) : null
  return m ? config[m[1]] === true : false
}
