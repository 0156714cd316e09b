// Names the server owns, in one place: the tool catalog (server/tools.ts) and webhooks (server/served.ts)
// refuse them, and the load-time checks (workspace/collisions.ts) report them located.

export const IDENTITY_ARGUMENTS = ['agent_id', 'user_id', 'context_id'] as const
/** Arguments the runtime owns: an automation declaring one of them cannot be an MCP action. */
export const RESERVED_ARGUMENTS: ReadonlySet<string> = new Set<string>([
  'action',
  'outputFormat',
  ...IDENTITY_ARGUMENTS,
])
/** The webhook name the MCP server's own route takes. */
export const RESERVED_ENDPOINTS: readonly string[] = ['mcp']
