// All 20 actions, through the MCP endpoint, in each output format, against the sandbox.
import t from 'tap'
import { startConnector, text } from './helpers.ts'

// Each call: what the verbose text must show, and a check on the structured data.
const CALLS: Array<{ tool: string, action: string, args: Record<string, unknown>, shows: RegExp, data: (d: any) => boolean }> = [
  { tool: 'pages', action: 'list', args: { spaceId: '98305', limit: 3 }, shows: /3 page\(s\):\n- "Demo space" \(page 65537/, data: d => d.results.length === 3 && typeof d.nextCursor === 'string' },
  { tool: 'pages', action: 'get', args: { pageId: '65538' }, shows: /"Getting started" \(page 65538\)[\s\S]*Version 4[\s\S]*use pages.getBody/, data: d => d.id === '65538' && !d.body?.storage },
  { tool: 'pages', action: 'getBody', args: { pageId: '65538' }, shows: /# Getting started[\s\S]*```bash\ndemo-cli check --verbose/, data: d => d.body.storage.value.includes('<h1>') },
  { tool: 'pages', action: 'getBody', args: { pageId: '65538', bodyFormat: 'atlas_doc_format' }, shows: /atlas_doc_format JSON/, data: d => typeof d.body.atlas_doc_format.value === 'string' },
  { tool: 'pages', action: 'getBody', args: { pageId: '65538', bodyFormat: 'view' }, shows: /converted from view/, data: d => typeof d.body.view.value === 'string' },
  { tool: 'pages', action: 'create', args: { spaceId: '98305', title: 'Created by test', body: { value: '<p>Hi</p>' } }, shows: /Created: "Created by test"/, data: d => d.version.number === 1 },
  { tool: 'pages', action: 'update', args: { pageId: '65543', title: 'Installation guide', body: { value: '<p>New</p>' }, version: { number: 2 } }, shows: /Updated: "Installation guide"[\s\S]*Version 2/, data: d => d.version.number === 2 },
  { tool: 'pages', action: 'delete', args: { pageId: '65549' }, shows: /Deleted page 65549/, data: d => d.deleted === true },
  { tool: 'spaces', action: 'list', args: {}, shows: /DEMO — Demo space \(space id 98305/, data: d => d.results.length === 2 },
  { tool: 'spaces', action: 'get', args: { spaceId: '98306' }, shows: /Space ENG — Engineering/, data: d => d.key === 'ENG' },
  { tool: 'search', action: 'cql', args: { cql: 'type = page AND text ~ "deploy"' }, shows: /Runbook: deploys/, data: d => d.results.length >= 1 && d.totalSize >= 1 },
  { tool: 'content', action: 'children', args: { pageId: '65537' }, shows: /"Getting started" \(page 65538\)/, data: d => d.results.some((p: any) => p.id === '65538') },
  { tool: 'content', action: 'ancestors', args: { pageId: '65544' }, shows: /- "Demo space" \(page 65537\)\n- "Getting started" \(page 65538\)/, data: d => d.results.map((a: any) => a.id).join() === '65537,65538' },
  { tool: 'content', action: 'descendants', args: { pageId: '65537', depth: 2 }, shows: /  - "Installation guide" \(page 65543, depth 2\)/, data: d => d.results.every((p: any) => p.depth <= 2) },
  { tool: 'comments', action: 'getFooter', args: { pageId: '65538' }, shows: /Great guide, thanks![\s\S]*Reply 65540/, data: d => d.results[0].replies.length === 1 },
  { tool: 'comments', action: 'addFooter', args: { pageId: '65538', body: { value: '<p>Test comment</p>' } }, shows: /Added a comment to page 65538/, data: d => d.pageId === '65538' },
  { tool: 'comments', action: 'getInline', args: { pageId: '65538' }, shows: /\[open\][\s\S]*"about ten minutes"/, data: d => d.results.length === 1 },
  { tool: 'labels', action: 'getForPage', args: { pageId: '65538' }, shows: /- onboarding/, data: d => d.results.some((l: any) => l.name === 'guide') },
  { tool: 'labels', action: 'addToPage', args: { pageId: '65538', labels: ['from-test'] }, shows: /are now: .*from-test/, data: d => d.labels.some((l: any) => l.name === 'from-test') },
  { tool: 'attachments', action: 'listForPage', args: { pageId: '65545' }, shows: /architecture\.png \(attachment att65546, image\/png/, data: d => d.results.length === 2 },
  { tool: 'attachments', action: 'get', args: { attachmentId: 'att65546' }, shows: /Download: http/, data: d => d.id === 'att65546' && d.downloadLink },
  { tool: 'versions', action: 'listForPage', args: { pageId: '65538' }, shows: /Version 4[\s\S]*Version 1/, data: d => d.results[0].number === 4 },
]

for (const format of ['verbose', 'structured', 'both'] as const) {
  t.test(`every action, outputFormat ${format}`, async t => {
    const c = await startConnector(t)
    for (const call of CALLS) {
      const r = await c.call(call.tool, call.action, call.args, format === 'verbose' ? undefined : format)
      const label = `${call.tool}.${call.action} ${JSON.stringify(call.args)}`
      t.notOk(r.isError, `${label}: ${r.isError ? text(r) : 'ok'}`)
      if (format !== 'structured') t.match(text(r), call.shows, `${label}: verbose text`)
      if (format === 'verbose') t.equal(r.structuredContent, undefined, `${label}: no structuredContent`)
      if (format !== 'verbose') t.ok(r.structuredContent && call.data(r.structuredContent), `${label}: structured data`)
      if (format === 'structured') t.same(JSON.parse(text(r)), r.structuredContent, `${label}: text is the JSON`)
    }
    t.same(c.fake.violations, [], 'no request or response left the OpenAPI specs')
  })
}

t.test('tools/list: 8 tools, 20 actions, with the briefing', async t => {
  const c = await startConnector(t)
  const { tools } = await c.client.listTools()
  t.same(tools.map(x => x.name).sort(), ['attachments', 'comments', 'content', 'labels', 'pages', 'search', 'spaces', 'versions'])
  const actions = tools.flatMap(x => ((x.inputSchema.properties as any).action.enum as string[]).map(a => `${x.name}.${a}`))
  t.equal(actions.length, 20)
  t.match(c.client.getInstructions(), /`get` returns metadata only/)
  const json = JSON.stringify(tools)
  t.notMatch(json, /\$ref/, 'no $ref')
  for (const tool of tools) t.ok((tool.description ?? '').length <= 1024, `${tool.name} description ≤ 1024`)
})
