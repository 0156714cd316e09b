// Scope checks of the configuration app, kept free of the DOM so they are unit-tested
// (test/app/scopes.test.ts). The table comes from the server (`api/scopes`): every MCP action with
// the granular scopes its automation passes to confluence/request.

/**
 * Atlassian's classic Confluence scopes: every `…:confluence-…` one (`read:confluence-content.all`,
 * `manage:confluence-configuration`, …), `readonly:content.attachment:confluence` and
 * `search:confluence`. The v2 API wants granular ones (CQL search: `read:content-details:confluence`).
 */
const CLASSIC = /(^|:)confluence-[\w.-]+$|^readonly:content\.attachment:confluence$|^search:confluence$/

/** Scopes typed as text: separated by spaces, commas or new lines; duplicates dropped. */
export function parseScopes(text) {
  return [
    ...new Set(
      String(text ?? '')
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ]
}

export function isClassic(scope) {
  return CLASSIC.test(scope)
}

/**
 * What is wrong with a scope list, for people: classic scopes, and each granular scope an action
 * needs that is missing, naming the actions that would get 403 from Confluence.
 * @param {string[]} scopes
 * @param {{actions: Record<string, string[]>, defaultScopes?: string[]}} table
 * @returns {Array<{kind: 'classic' | 'missing' | 'unknown', scope: string, actions?: string[], text: string}>}
 */
export function scopeWarnings(scopes, table) {
  const have = new Set(scopes)
  const known = new Set(['offline_access', ...(table.defaultScopes ?? [])])
  const missing = new Map()
  for (const [action, needs] of Object.entries(table.actions ?? {})) {
    for (const scope of needs) {
      known.add(scope)
      if (have.has(scope)) continue
      if (!missing.has(scope)) missing.set(scope, [])
      missing.get(scope).push(action)
    }
  }
  const out = []
  for (const scope of scopes) {
    if (isClassic(scope)) {
      out.push({
        kind: 'classic',
        scope,
        text: `${scope} is a classic scope: the connector calls Confluence's v2 API, which needs granular scopes such as read:page:confluence. Replace it.`,
      })
    } else if (!known.has(scope)) {
      out.push({
        kind: 'unknown',
        scope,
        text: `${scope} is neither used by an action nor in the default set: check its spelling.`,
      })
    }
  }
  for (const [scope, actions] of [...missing].sort(([a], [b]) => a.localeCompare(b))) {
    actions.sort()
    out.push({
      kind: 'missing',
      scope,
      actions,
      text: `Without ${scope}, ${actions.join(', ')} would get 403 from Confluence.`,
    })
  }
  return out
}
