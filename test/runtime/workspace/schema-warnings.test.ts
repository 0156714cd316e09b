// The editor's share of the diagnostics (docs/language.md "Editor support"): schemas/automation.schema.json
// carries PRIVATE_TRIGGER, RESERVED_ENDPOINT and RESERVED_ARGUMENT as `deprecationMessage`s under
// `if`/`then`, which yaml-language-server shows as warnings on the key. This reads them the way the
// editor does (the `if` decides, the `then` names the key) and checks they constrain nothing at load.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import t from 'tap'
import { parse } from 'yaml'
import { loadFiles } from '../../helpers/workspace.ts'

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'schemas', 'automation.schema.json'), 'utf8'),
)
const ajv = new Ajv({ strict: false })

/** The deprecation messages an editor shows for a document: key path → message. */
function editorWarnings(doc: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const branch of schema.allOf as Array<{ if: object; then: object }>) {
    if (!ajv.validate(branch.if, doc)) continue
    const visit = (
      s: { properties?: Record<string, unknown>; deprecationMessage?: string },
      value: unknown,
      path: string[],
    ): void => {
      if (s.deprecationMessage) out[path.join('.')] = s.deprecationMessage
      if (!s.properties || value === null || typeof value !== 'object') return
      for (const [k, sub] of Object.entries(s.properties))
        if (k in value) visit(sub as object, (value as Record<string, unknown>)[k], [...path, k])
    }
    visit(branch.then, doc, [])
  }
  return out
}

const cases = [
  { yaml: 'private: true\nwhen: { events: [a] }\ndo: []\n', keys: ['private'], code: 'PRIVATE_TRIGGER' },
  { yaml: 'when: { endpoint: mcp }\ndo: []\n', keys: ['when.endpoint'], code: 'RESERVED_ENDPOINT' },
  {
    yaml: 'arguments: { action: { type: string }, q: { type: string } }\nwhen: { mcp: { tool: t, action: a } }\ndo: []\n',
    keys: ['arguments.action'],
    code: 'RESERVED_ARGUMENT',
  },
  { yaml: 'arguments: { action: { type: string } }\nwhen: { endpoint: true }\ndo: []\n', keys: [], code: '' },
  { yaml: 'private: true\ndo: []\n', keys: [], code: '' },
]

for (const c of cases) {
  t.test(c.code ? `the editor shows ${c.code}` : 'no editor warning without the mistake', async t => {
    const warnings = editorWarnings(parse(c.yaml))
    t.same(Object.keys(warnings), c.keys)
    for (const message of Object.values(warnings)) t.match(message, new RegExp(`^${c.code}: `))
    const { diagnostics } = loadFiles({ 'automations/x.yml': c.yaml })
    t.same(
      diagnostics.filter(d => d.severity === 'error'),
      [],
      'no load error: the schema constrains nothing more',
    )
    if (c.code)
      t.ok(
        diagnostics.some(d => d.code === c.code),
        `validate reports ${c.code} too`,
      )
  })
}
