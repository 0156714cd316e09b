// MCP through the SDK's own client: initialize, the tool list's shape, output formats, errors.
import t from 'tap'
import { walkSchemas } from '../../../runtime/server/schema.ts'
import { connect, start, text } from './helpers.ts'

t.test('initialize: server info and instructions from the workspace index', async t => {
  const { url } = await start(t)
  const client = await connect(t, url)
  t.equal(client.getInstructions(), 'Use the pages tool to read and change pages of the test wiki.')
  t.match(client.getServerVersion(), { name: 'serve-basic-test', version: /^\d+\.\d+\.\d+/ })
  t.ok(client.getServerCapabilities()?.tools, 'tools capability')
  t.same(await client.ping(), {})
})

t.test('tools/list: one tool per when.mcp.tool, client-safe schemas', async t => {
  const { url } = await start(t)
  const client = await connect(t, url)
  const { tools } = await client.listTools()
  t.same(
    tools.map(x => x.name).sort(),
    ['items', 'pages', 'slow', 'whoami'],
    'private and reserved-argument automations are not tools',
  )
  for (const tool of tools) {
    t.ok(tool.description && tool.description.length <= 1024, `${tool.name}: description ≤ 1024`)
    walkSchemas(tool.inputSchema, node => {
      t.notOk('$ref' in node, `${tool.name}: no $ref`)
      if (node.type === 'array') t.ok(node.items, `${tool.name}: arrays have items`)
      if (typeof node.description === 'string') t.ok(node.description.length <= 1024)
    })
    t.same(
      Object.keys(tool.inputSchema.properties ?? {})
        .filter(k => ['action', 'outputFormat', 'agent_id', 'user_id', 'context_id'].includes(k))
        .sort(),
      ['action', 'agent_id', 'context_id', 'outputFormat', 'user_id'],
    )
  }
  const pages = tools.find(x => x.name === 'pages')!
  t.equal(pages.title, 'Pages')
  t.equal(
    pages.description,
    [
      'Read, list and change pages of the test wiki.',
      '',
      'Actions:',
      '- `fail`: Always fails (test fixture).',
      '- `get` (read): Get one page by its id.',
      '- `list` (read): List the pages of a space.',
      '- `update` (write): Change the title of a page.',
    ].join('\n'),
    'from the index mcp.tools, then each action with what it does to the data',
  )
  const props = pages.inputSchema.properties as Record<string, any>
  t.same(props.action.enum, ['fail', 'get', 'list', 'update'])
  t.match(props.action.description, /`get` \(read\): Get one page by its id\./)
  t.match(props.action.description, /`list` \(read\): List the pages of a space\.\n/, 'first paragraph only')
  t.same(pages.inputSchema.required, ['action'])
  t.match(props.pageId, {
    anyOf: [{ type: 'string' }, { type: 'integer' }],
    description: 'get: The page id; update: The page id as a number. Used by: get (required), update.',
  })
  t.match(props.includeBody, { type: 'boolean', description: 'Also return the body. Used by: get.' })
  t.match(props.format, { type: 'string', enum: ['storage', 'markdown'] }, '$ref inlined')
  t.match(props.tags, { type: 'array', items: {}, description: 'Only pages with these labels. Used by: list.' })
  t.match(props.title, { type: 'string', minLength: 1, description: 'Used by: update (required).' })
  t.match(props.outputFormat, { enum: ['verbose', 'structured', 'both'], default: 'verbose' })
  t.equal(pages.inputSchema.additionalProperties, false)
  t.same(
    pages.annotations,
    { readOnlyHint: false },
    'read-only only if every action is; destructive unknown while an action says nothing',
  )
  t.notOk(pages.outputSchema, 'actions without a shared outputSchema advertise none')

  const items = tools.find(x => x.name === 'items')!
  t.match(items.description, /^Items with a declared output schema\.\n\nActions:\n- `broken`: /, 'from toolDescription')
  t.match(items.outputSchema, { type: 'object', required: ['n', 'label'] })
  const whoami = tools.find(x => x.name === 'whoami')!
  t.match(whoami.inputSchema.properties?.action, { enum: ['show'], default: 'show' })
  t.notOk(whoami.inputSchema.required, 'a single action need not be named')
})

t.test('outputFormat: verbose, structured, both', async t => {
  const { url } = await start(t)
  const client = await connect(t, url)
  const verbose = await client.callTool({ name: 'pages', arguments: { action: 'get', pageId: '42' } })
  t.same(verbose, { content: [{ type: 'text', text: 'Page 42: Page 42' }] }, 'envelope text')
  const structured = await client.callTool({
    name: 'pages',
    arguments: { action: 'get', pageId: '42', outputFormat: 'structured' },
  })
  t.same(
    structured.structuredContent,
    { id: '42', title: 'Page 42', includeBody: false },
    'envelope data, defaults applied',
  )
  t.same(JSON.parse(text(structured)), structured.structuredContent, 'JSON text copy for older clients')
  const both = await client.callTool({
    name: 'pages',
    arguments: { action: 'get', pageId: '42', outputFormat: 'both' },
  })
  t.equal(text(both), 'Page 42: Page 42')
  t.same(both.structuredContent, { id: '42', title: 'Page 42', includeBody: false })

  const list = await client.callTool({ name: 'pages', arguments: { action: 'list' } })
  t.equal(text(list), '- id: 1\n  title: Page 1\n- id: 2\n  title: Page 2', 'plain output rendered readably')
  const listed = await client.callTool({ name: 'pages', arguments: { action: 'list', outputFormat: 'structured' } })
  t.same(
    listed.structuredContent,
    {
      result: [
        { id: '1', title: 'Page 1' },
        { id: '2', title: 'Page 2' },
      ],
    },
    'non-objects wrapped',
  )

  const item = await client.callTool({ name: 'items', arguments: { action: 'one', n: 3 } })
  t.same(
    item.structuredContent,
    { n: 3, label: 'item 3' },
    'a tool with an outputSchema always sends structuredContent',
  )
  t.equal(text(item), 'n: 3\nlabel: item 3')
})

t.test('argument errors are isError results naming the action and the argument', async t => {
  const { url } = await start(t)
  const client = await connect(t, url)
  const missing = await client.callTool({ name: 'pages', arguments: { action: 'get' } })
  t.equal(missing.isError, true)
  t.equal(text(missing), 'pages.get: `pageId` is required')
  const wrong = await client.callTool({ name: 'pages', arguments: { action: 'update', pageId: 'x', title: '' } })
  t.match(text(wrong), /^pages\.update: `pageId` must be integer; `title` must NOT have fewer than 1 characters$/)
  const unknown = await client.callTool({ name: 'pages', arguments: { action: 'get', pageId: '1', colour: 'red' } })
  t.equal(text(unknown), 'pages.get: unknown argument `colour`')
  const action = await client.callTool({ name: 'pages', arguments: { action: 'delete' } })
  t.equal(text(action), 'pages: unknown action "delete"; valid actions: fail, get, list, update')
  t.equal(action.isError, true)
  const noAction = await client.callTool({ name: 'pages', arguments: {} })
  t.equal(text(noAction), 'pages: `action` is required (one of: fail, get, list, update)')
  const format = await client.callTool({ name: 'pages', arguments: { action: 'list', outputFormat: 'xml' } })
  t.equal(text(format), 'pages.list: `outputFormat` must be one of verbose, structured, both')
  await t.rejects(
    client.callTool({ name: 'nope', arguments: {} }),
    /Unknown tool: nope/,
    'an unknown tool is a JSON-RPC error',
  )
})

t.test('a failing automation is an isError result without a stack trace', async t => {
  const { url } = await start(t)
  const client = await connect(t, url)
  const failed = await client.callTool({ name: 'pages', arguments: { action: 'fail' } })
  t.equal(failed.isError, true)
  t.match(text(failed), /^pages\.fail failed \(EXPRESSION_FAILED\): .*the wiki is on fire/)
  t.notMatch(text(failed), /\n\s+at /, 'no stack')
  const reasoned = await client.callTool({ name: 'pages', arguments: { action: 'fail', how: 'fail' } })
  t.same(
    reasoned,
    { content: [{ type: 'text', text: 'pages.fail failed (NOT_FOUND): Page 7 does not exist.' }], isError: true },
    'a `fail` names its reason',
  )
  const broken = await client.callTool({ name: 'items', arguments: { action: 'broken' } })
  t.equal(broken.isError, true)
  t.match(text(broken), /^items\.broken: the automation's output does not match the tool's outputSchema: /)
  t.match(text(broken), /`n` must be integer/)
  t.match(text(broken), /`label` is required/)
})
