// One `tools/call` (docs/serving.md "Calling a tool"): pick the automation by tool and action, take
// out the runtime's own arguments, validate the rest against that action's schema, run it with the
// caller's identity, and turn the output or the error into a tool result. Only an unknown tool is a
// JSON-RPC error; everything else the caller can fix is an `isError` result that says what to fix.

import type { IncomingHttpHeaders } from 'node:http'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { describeArgumentErrors } from '../engine/workspace.ts'
import { DsulError, toDsulError } from '../core/errors.ts'
import { argumentDepthError, depthExceeds } from '../core/limits.ts'
import type { Identity, Cancellation } from '../core/run-context.ts'
import { identityFor, type Grant } from './auth.ts'
import { cancelledHow } from './cancel.ts'
import type { CallInfo, Metrics, ToolOutcome } from './ops.ts'
import { errorResult, toToolResult, type OutputFormat } from './output.ts'
import type { ServedWorkspace } from './served.ts'
import { OUTPUT_FORMATS } from './tools.ts'

export const INVALID_PARAMS = -32602

export interface CallRequest {
  headers: IncomingHttpHeaders
  correlationId: string
  /** Filled for the request's log line. */
  call: CallInfo
  log: { error(obj: object, msg?: string): void }
  /** What the caller's key may assert (auth.ts); identity arguments and headers are checked against it. */
  grant: Grant
  /** Cancels the run when nobody waits for the answer any more (cancel.ts). */
  cancellation?: Cancellation
}

export type CallOutcome = { result: CallToolResult } | { error: { code: number; message: string } }

/** Identity headers, for platforms that cannot add arguments (documented fallback). */
const IDENTITY_HEADERS = { agent_id: 'x-agent-id', user_id: 'x-user-id', context_id: 'x-context-id' } as const

export async function callTool(
  served: ServedWorkspace,
  name: unknown,
  rawArgs: unknown,
  req: CallRequest,
  metrics: Metrics,
): Promise<CallOutcome> {
  const started = performance.now()
  const workspace = served.workspace.slug
  const tool = typeof name === 'string' ? served.catalog.byName.get(name) : undefined
  req.call.workspace = workspace
  if (!tool) {
    req.call.outcome = 'invalid'
    return { error: { code: INVALID_PARAMS, message: `Unknown tool: ${String(name)}` } }
  }
  req.call.tool = tool.name
  let action = '(unknown)'
  // `code` names what went wrong (a fail reason or runtime code), for the audit line and the metrics.
  const done = (outcome: ToolOutcome, result: CallToolResult, code?: string): CallOutcome => {
    req.call.action = action
    req.call.outcome = outcome
    if (outcome !== 'ok') req.call.code = code ?? (outcome === 'invalid' ? 'ARGUMENTS_INVALID' : 'INTERNAL')
    metrics.toolCall(workspace, tool.name, action, outcome, (performance.now() - started) / 1000, req.call.code)
    return { result }
  }
  const args = rawArgs ?? {}
  if (typeof args !== 'object' || Array.isArray(args)) {
    return done('invalid', errorResult(`${tool.name}: the arguments must be an object`))
  }
  // Before anything walks them recursively (destructuring is shallow; ajv, clone and redaction are not).
  const limits = served.workspace.limits
  const deep = depthExceeds(args, limits.argumentDepth)
  if (deep !== undefined) {
    const { message } = argumentDepthError('the arguments', `arguments${deep}`, limits)
    return done('invalid', errorResult(`${tool.name}: ${message}`), 'LIMIT_NESTING')
  }
  const {
    action: chosen = tool.defaultAction,
    outputFormat = 'verbose',
    agent_id,
    user_id,
    context_id,
    ...rest
  } = args as Record<string, unknown>
  if (chosen === undefined) {
    return done('invalid', errorResult(`${tool.name}: \`action\` is required (one of: ${actionList(tool.actions)})`))
  }
  const automation = typeof chosen === 'string' ? tool.actions.get(chosen) : undefined
  if (!automation && served.catalog.hidden.has(`${tool.name}.${String(chosen)}`)) {
    return done(
      'invalid',
      errorResult(
        `${tool.name}.${String(
          chosen,
        )} is not available: this server is read-only, so actions that change data are disabled (valid actions: ${actionList(
          tool.actions,
        )})`,
      ),
    )
  }
  if (!automation) {
    return done(
      'invalid',
      errorResult(`${tool.name}: unknown action ${JSON.stringify(chosen)}; valid actions: ${actionList(tool.actions)}`),
    )
  }
  action = chosen as string
  const where = `${tool.name}.${action}`
  if (!OUTPUT_FORMATS.includes(outputFormat as OutputFormat)) {
    return done('invalid', errorResult(`${where}: \`outputFormat\` must be one of ${OUTPUT_FORMATS.join(', ')}`))
  }
  const ids = { agent_id, user_id, context_id }
  for (const [key, value] of Object.entries(ids)) {
    if (value !== undefined && typeof value !== 'string') {
      return done('invalid', errorResult(`${where}: \`${key}\` must be a string`))
    }
    if (value === undefined) {
      ids[key as keyof typeof ids] = header(req.headers, IDENTITY_HEADERS[key as keyof typeof IDENTITY_HEADERS])
    }
  }
  // Checked here (as well as by the run) so the message names the action the caller chose.
  if (!automation.validateArguments(rest)) {
    return done(
      'invalid',
      errorResult(`${where}: ${describeArgumentErrors(automation.validateArguments.errors ?? [])}`),
    )
  }
  const decided = identityFor(req.grant, {
    userId: ids.user_id as string | undefined,
    agentId: ids.agent_id as string | undefined,
    contextId: ids.context_id as string | undefined,
  })
  if ('refused' in decided) {
    const e = new DsulError('IDENTITY_REFUSED', { detail: decided.refused })
    req.call.error = e.describe()
    return done('invalid', errorResult(`${where} refused (${e.code}): ${e.message}`), e.code)
  }
  const identity: Identity = decided.identity
  // Who the call runs as, for its audit line (ops.ts): ids, never a credential.
  req.call.agent = identity.agentId
  req.call.user = identity.userId
  req.call.context = identity.contextId
  try {
    const { output } = await served.workspace.run(automation.slug, rest, {
      identity,
      trigger: { type: 'mcp', value: where },
      correlationId: req.correlationId,
      cancellation: req.cancellation,
    })
    const validateOutput = tool.outputValidators?.get(action)
    const result = await toToolResult(output, outputFormat as OutputFormat, validateOutput !== undefined)
    if (validateOutput && !validateOutput(result.structuredContent)) {
      const detail = describeArgumentErrors(validateOutput.errors ?? []).replace(/`arguments`/g, 'the output')
      req.call.error = `output does not match outputSchema: ${detail}`
      return done(
        'error',
        errorResult(`${where}: the automation's output does not match the tool's outputSchema: ${detail}`),
        'OUTPUT_INVALID',
      )
    }
    return done('ok', result)
  } catch (err) {
    const e = toDsulError(err)
    req.call.error = e.describe()
    // Nobody reads this answer: counted as cancelled, not as an error (ops.ts).
    if (e.code === 'RUN_CANCELLED') {
      metrics.callCancelled(workspace, 'mcp', cancelledHow(req.cancellation?.reason))
      return done('cancelled', errorResult(`${where} was cancelled (${e.code}): ${e.message}`), e.code)
    }
    if (e.kind === 'unexpected') {
      // The stack's frames (file and line, not the message, which may hold a value) say where it broke.
      const stack =
        err instanceof Error
          ? err.stack
              ?.split('\n')
              .filter(l => /^\s+at /.test(l))
              .join('\n')
          : undefined
      req.log.error(
        { correlationId: req.correlationId, tool: where, err: e.describe(), stack },
        'unexpected error in a tool call',
      )
      return done(
        'internal',
        errorResult(
          `${where}: internal error (correlation id ${req.correlationId}); the operator can find it in the logs`,
        ),
      )
    }
    // `fail` errors carry the automation's own reason code (NOT_FOUND, …); others their runtime code.
    const reason = e.code === 'FAILED' && typeof e.data.reason === 'string' ? e.data.reason : e.code
    return done('error', errorResult(`${where} failed (${reason}): ${e.message}`), reason)
  }
}

function actionList(actions: ReadonlyMap<string, unknown>): string {
  return [...actions.keys()].join(', ')
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}
