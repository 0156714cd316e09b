// What the server would otherwise drop when it starts, found at load and located (docs/language.md
// "Diagnostics"): two webhooks with one name, a webhook named `mcp`, two automations claiming one MCP
// `tool.action`, an MCP action declaring an argument the server owns, and `private: true` on an
// automation with a trigger (private automations are neither served nor run by events).

import { formatLocation } from '../core/errors.ts'
import type { CompiledAutomation } from '../engine/types.ts'
import { RESERVED_ARGUMENTS, RESERVED_ENDPOINTS } from '../core/reserved-names.ts'
import { analysisDiagnostic, type Diagnostic } from './diagnostics.ts'
import type { SourceFile } from './source.ts'

export function checkCollisions(
  automations: ReadonlyMap<string, CompiledAutomation>,
  sources: ReadonlyMap<string, SourceFile>,
  diagnostics: Diagnostic[],
): void {
  const endpoints = new Map<string, CompiledAutomation>()
  const actions = new Map<string, CompiledAutomation>()
  for (const [slug, automation] of automations) {
    const source = sources.get(slug)
    if (!source) continue
    const { endpoint, mcp, events } = automation.when
    if (automation.private) {
      const triggers = [
        endpoint !== undefined && 'when.endpoint',
        mcp && 'when.mcp',
        events?.length && 'when.events',
      ].filter((t): t is string => typeof t === 'string')
      if (triggers.length > 0) {
        diagnostics.push(
          analysisDiagnostic(
            'PRIVATE_TRIGGER',
            `private: true disables ${triggers.join(' and ')}: ` +
              'a private automation is only called by other automations (remove private, or the trigger)',
            source.locateKey(['private']),
          ),
        )
      }
      continue
    }
    if (endpoint !== undefined) {
      const other = endpoints.get(endpoint)
      const at = source.locate(['when', 'endpoint'])
      if (RESERVED_ENDPOINTS.includes(endpoint)) {
        diagnostics.push(
          analysisDiagnostic(
            'RESERVED_ENDPOINT',
            `webhook "${endpoint}" is reserved for the MCP server: choose another name`,
            at,
          ),
        )
      } else if (other) {
        diagnostics.push(
          analysisDiagnostic(
            'DUPLICATE_ENDPOINT',
            `webhook "${endpoint}" is already served by "${other.slug}" ` +
              `(${formatLocation(locationOf(other, sources, ['when', 'endpoint']))})`,
            at,
          ),
        )
      } else endpoints.set(endpoint, automation)
    }
    if (mcp && typeof mcp.tool === 'string' && typeof mcp.action === 'string') {
      const reserved = Object.keys((automation.argumentsSchema.properties ?? {}) as object).filter(n =>
        RESERVED_ARGUMENTS.has(n),
      )
      for (const name of reserved) {
        diagnostics.push(
          analysisDiagnostic(
            'RESERVED_ARGUMENT',
            `argument "${name}" is reserved by the MCP server (${[...RESERVED_ARGUMENTS].join(', ')}): rename it`,
            source.locateKey(['arguments', name]),
          ),
        )
      }
      const key = `${mcp.tool}.${mcp.action}`
      const other = actions.get(key)
      if (other) {
        diagnostics.push(
          analysisDiagnostic(
            'DUPLICATE_TOOL_ACTION',
            `${key} is already served by "${other.slug}" ` +
              `(${formatLocation(locationOf(other, sources, ['when', 'mcp']))})`,
            source.locate(['when', 'mcp']),
          ),
        )
      } else if (reserved.length === 0) actions.set(key, automation)
    }
  }
}

function locationOf(automation: CompiledAutomation, sources: ReadonlyMap<string, SourceFile>, pointer: string[]) {
  return sources.get(automation.slug)?.locate(pointer) ?? automation.location
}
