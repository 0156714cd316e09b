// A scripted agent session through MCP (issue 16): read a page with a macro and a table exactly,
// replace one section from Markdown, read it back — every byte outside that section is unchanged.
// Also: long bodies in parts that concatenate to the body, and the errors an agent can act on.
import t from 'tap'
import { currentVersion } from '../../sandbox/confluence/index.ts'
import { startConnector, text } from './helpers.ts'

/** The body of a verbose getBody answer: what follows its one-line head. */
function shownBody(answer: string): string {
  const at = answer.indexOf('):\n\n')
  return answer.slice(at + 4)
}

const PAGE =
  '<h1>Service</h1>\n<p>Owned by <ac:link><ri:page ri:content-title="Team" /><ac:plain-text-link-body>' +
  '<![CDATA[the team]]></ac:plain-text-link-body></ac:link>.</p>\n' +
  '<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="a1"><ac:rich-text-body><p>Read me ' +
  '<ac:inline-comment-marker ac:ref="c-1">first</ac:inline-comment-marker>.</p></ac:rich-text-body></ac:structured-macro>\n' +
  '<h2>Limits</h2>\n<table data-layout="default"><tbody><tr><th><p>Key</p></th><th><p>Value</p></th></tr>' +
  '<tr><td><p>rate</p></td><td><p>10/s 中文 😀</p></td></tr></tbody></table>\n' +
  '<h2>Runbook</h2>\n<p>Old steps.</p>\n<h3>Details</h3>\n<p>Old details.</p>\n' +
  '<h2>History</h2>\n<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">sh</ac:parameter>' +
  '<ac:plain-text-body><![CDATA[echo "<h2>not a heading</h2>"]]></ac:plain-text-body></ac:structured-macro>\n<p>  keep   spacing  </p>'

t.test('read exactly, replace one section from Markdown, read back', async t => {
  const c = await startConnector(t)
  const space = [...c.fake.state.spaces.values()].find(s => s.key === 'DEMO')!
  const page = c.fake.state.addPage({ spaceId: space.id, title: 'Service', body: PAGE })

  const reading = text(await c.call('pages', 'getBody', { id: page.id }))
  t.match(
    reading,
    /Content \(Markdown converted from storage, for reading: .*read bodyFormat "storage"/,
    'Markdown says so',
  )
  t.match(reading, /\[the team\]\(page:Team\)/, 'a page link stays a link')

  const exact = text(await c.call('pages', 'getBody', { id: page.id, bodyFormat: 'storage' }))
  t.equal(shownBody(exact), PAGE, 'storage in verbose output is the body byte for byte')
  const viaGet = text(await c.call('pages', 'get', { id: page.id, bodyFormat: 'storage' }))
  t.equal(shownBody(viaGet), PAGE, 'pages.get with bodyFormat storage too')

  const section = text(await c.call('pages', 'getBody', { id: page.id, bodyFormat: 'storage', section: 'Runbook' }))
  t.equal(
    shownBody(section),
    '\n<p>Old steps.</p>\n<h3>Details</h3>\n<p>Old details.</p>\n',
    'the section is its exact content',
  )

  const md =
    '1. Drain the queue\n2. Run `deploy --safe`\n\n```bash\nmake check\n```\n\n- [ ] tell [the team](page:Team)'
  const updated = await c.call('pages', 'update', {
    id: page.id,
    section: 'Runbook',
    body: { title: 'Service', body: { representation: 'markdown', value: md }, version: { number: 2 } },
  })
  t.notOk(updated.isError, text(updated))
  t.match(text(updated), /Updated the section "Runbook"/)

  const after = currentVersion(c.fake.state.pages.get(page.id)!).body
  const start = PAGE.indexOf('<h2>Runbook</h2>') + '<h2>Runbook</h2>'.length
  const end = PAGE.indexOf('<h2>History</h2>')
  t.equal(after.slice(0, start), PAGE.slice(0, start), 'every byte before the section is unchanged')
  t.equal(after.slice(after.length - (PAGE.length - end)), PAGE.slice(end), 'every byte after the section is unchanged')
  const inside = after.slice(start, after.length - (PAGE.length - end))
  t.match(
    inside,
    /^\n<ol><li>Drain the queue<\/li><li>Run <code>deploy --safe<\/code><\/li><\/ol>/,
    'the new content, framed as the old',
  )
  t.match(
    inside,
    /<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash<\/ac:parameter>/,
  )
  t.match(inside, /<ac:plain-text-body><!\[CDATA\[make check\]\]><\/ac:plain-text-body>/, 'code as the code macro')
  t.match(
    inside,
    /<ac:task-list><ac:task><ac:task-id>1<\/ac:task-id><ac:task-status>incomplete<\/ac:task-status>/,
    'tasks',
  )
  t.match(
    inside,
    /<ac:link><ri:page ri:content-title="Team" \/><ac:link-body>the team<\/ac:link-body><\/ac:link>/,
    'page link',
  )

  const back = text(await c.call('pages', 'getBody', { id: page.id, bodyFormat: 'storage' }))
  t.equal(shownBody(back), after, 'read back exactly as stored')
  t.match(back, /Version 2/)

  const stale = await c.call('pages', 'update', {
    id: page.id,
    section: 'Runbook',
    body: { title: 'Service', body: { representation: 'markdown', value: 'x' }, version: { number: 2 } },
  })
  t.equal(stale.isError, true)
  t.match(
    text(stale),
    /VERSION_CONFLICT[\s\S]*version 2[\s\S]*version.number = 3/,
    'the optimistic lock holds for sections',
  )

  const unknown = await c.call('pages', 'update', {
    id: page.id,
    section: 'Deploy',
    body: { title: 'Service', body: { representation: 'markdown', value: 'x' }, version: { number: 3 } },
  })
  t.match(
    text(unknown),
    /SECTION_NOT_FOUND[\s\S]*no heading "Deploy"[\s\S]*# Service\n {2}## Limits\n {2}## Runbook/,
    'lists the headings',
  )
  t.equal(currentVersion(c.fake.state.pages.get(page.id)!).number, 2, 'nothing written on an error')
  t.same(c.fake.violations, [], 'only valid requests and responses')
})

t.test('a repeated heading needs its occurrence', async t => {
  const c = await startConnector(t)
  const space = [...c.fake.state.spaces.values()].find(s => s.key === 'DEMO')!
  const body = '<h2>Notes</h2><p>one</p><h2>Notes</h2><p>two</p>'
  const page = c.fake.state.addPage({ spaceId: space.id, title: 'Twice', body })
  const ambiguous = await c.call('pages', 'update', {
    id: page.id,
    section: 'Notes',
    body: { title: 'Twice', body: { value: '<p>x</p>' }, version: { number: 2 } },
  })
  t.match(text(ambiguous), /SECTION_AMBIGUOUS[\s\S]*"occurrence": 1 to 2[\s\S]*## Notes \(occurrence 2\)/)
  const second = await c.call('pages', 'update', {
    id: page.id,
    section: { heading: 'Notes', occurrence: 2 },
    body: { title: 'Twice', body: { value: '<p>x</p>' }, version: { number: 2 } },
  })
  t.notOk(second.isError, text(second))
  t.equal(currentVersion(c.fake.state.pages.get(page.id)!).body, '<h2>Notes</h2><p>one</p><h2>Notes</h2><p>x</p>')
})

t.test('a long body comes in parts that concatenate to it, each notice naming the next call', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_MAX_BODY_CHARS: '2000' } })
  const space = [...c.fake.state.spaces.values()].find(s => s.key === 'DEMO')!
  const body = Array.from(
    { length: 12 },
    (_, i) =>
      `<h2>Part ${i}</h2><p>${'word '.repeat(60)}${i}</p>` +
      '<ac:structured-macro ac:name="info"><ac:rich-text-body><p>note</p></ac:rich-text-body></ac:structured-macro>',
  ).join('\n')
  const page = c.fake.state.addPage({ spaceId: space.id, title: 'Long', body })
  let joined = ''
  let call: Record<string, unknown> | undefined = { id: page.id, bodyFormat: 'storage' }
  let parts = 0
  while (call && parts < 20) {
    const answer = text(await c.call('pages', 'getBody', call))
    const shown = shownBody(answer)
    const notice = shown.lastIndexOf('\n[… part ')
    t.ok(notice > 0, `part ${parts + 1} has a notice`)
    joined += shown.slice(0, notice)
    t.ok(shown.slice(0, notice).length <= 2000, 'each part within the cap')
    const next = /Next: pages\.getBody (\{.*?\})\./.exec(shown.slice(notice))
    call = next ? (JSON.parse(next[1]!) as Record<string, unknown>) : undefined
    if (call) t.equal(call.version, 1, 'the next call pins the version')
    parts++
  }
  t.ok(parts > 1, `${parts} parts`)
  t.equal(joined, body, 'the parts concatenate to the body byte for byte')
  const first = text(await c.call('pages', 'getBody', { id: page.id }))
  t.match(
    first,
    /## Part 0[\s\S]*\[… part 1 of the Markdown, cut at a heading\. Next: pages\.getBody \{[^}]*"part":2\} \(it starts at "Part \d+"\)/,
  )
  t.match(first, /Or one section by its heading: pages\.getBody \{[^}]*"section":"Part 0"\}/)
  const second = text(await c.call('pages', 'getBody', { id: page.id, bodyFormat: 'markdown', version: 1, part: 2 }))
  t.notMatch(second, /## Part 0\b/, 'part 2 starts later')
  const none = await c.call('pages', 'getBody', { id: page.id, bodyFormat: 'storage', part: 99 })
  t.match(text(none), /PART_NOT_FOUND[\s\S]*no part 99/)
})

t.test('a long comment: the list names the exact call, which reads it whole in parts', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_MAX_BODY_CHARS: '3000' } })
  const space = [...c.fake.state.spaces.values()].find(s => s.key === 'DEMO')!
  const page = c.fake.state.addPage({ spaceId: space.id, title: 'Discussed', body: '<p>Topic.</p>' })
  const paragraphs = Array.from(
    { length: 60 },
    (_, i) => `<h2>Point ${i}</h2><p>Argument number ${i}: ${'words '.repeat(20)}</p>`,
  )
  const long = c.fake.state.addComment({ kind: 'footer', pageId: page.id, body: paragraphs.join('') })
  const inline = c.fake.state.addComment({
    kind: 'inline',
    pageId: page.id,
    body: paragraphs.join(''),
    inlineMarkerRef: 'm-1',
    inlineOriginalSelection: 'Topic',
  })

  const list = text(await c.call('comments', 'getFooter', { id: page.id }))
  const whole = new RegExp(
    `\\[… truncated: showing the first 2000 characters[^\\]]*The whole comment: comments\\.getFooter ` +
      `(\\{"id":"${page.id}","commentId":"${long.id}","bodyFormat":"storage"\\})\\.\\]`,
  )
  const named = whole.exec(list)
  t.ok(named, `the list's notice names the call for the whole comment: ${list.slice(-300)}`)

  // Follow the notices as an agent would: every part, until the last.
  let args: Record<string, unknown> | undefined = JSON.parse(named?.[1] ?? '{}') as Record<string, unknown>
  const seen: string[] = []
  while (args && seen.length < 20) {
    const shown = text(await c.call('comments', 'getFooter', args))
    t.match(shown, new RegExp(`^Footer comment ${long.id} on page ${page.id}`), 'headed with the comment')
    seen.push(shown)
    const next = /Next: comments\.getFooter (\{[^}]*\})/.exec(shown)
    args = next ? (JSON.parse(next[1]!) as Record<string, unknown>) : undefined
  }
  t.ok(seen.length > 1, `${seen.length} parts`)
  const all = seen.join('\n')
  for (let i = 0; i < 60; i++) t.match(all, new RegExp(`Argument number ${i}:`), `point ${i} is in a part`)
  t.match(seen[seen.length - 1]!, /the last part/, 'the last part says so')
  t.notMatch(all, /shows them exactly|"section"/, 'no exact-form or section call: comments have neither')

  const inlineList = text(await c.call('comments', 'getInline', { id: page.id }))
  t.match(
    inlineList,
    new RegExp(`The whole comment: comments\\.getInline \\{"id":"${page.id}","commentId":"${inline.id}"`),
  )
  const one = text(await c.call('comments', 'getInline', { id: page.id, commentId: inline.id, part: 2 }))
  t.match(one, new RegExp(`^Inline comment ${inline.id} on page ${page.id} \\[open\\].* on "Topic"`), 'inline head')
  t.match(one, /\[… part 2 of the Markdown/, 'part 2')

  // A comment of another page is not reachable through this page (its space may be outside the allowlist).
  const other = c.fake.state.addComment({ kind: 'footer', pageId: '65538', body: '<p>elsewhere</p>' })
  const refused = await c.call('comments', 'getFooter', { id: page.id, commentId: other.id })
  t.equal(refused.isError, true)
  t.match(text(refused), new RegExp(`NOT_FOUND[\\s\\S]*Page ${page.id} has no footer comment ${other.id}`))
  t.notMatch(text(refused), /elsewhere/, 'nothing of it is shown')
  const none = await c.call('comments', 'getFooter', { id: page.id, commentId: long.id, part: 99 })
  t.match(text(none), /PART_NOT_FOUND[\s\S]*no part 99/)
})
