// Storage-format conversions: parsing, plain text, view HTML, ADF (both ways) and wiki markup.
import t from 'tap'
import { parseStorage } from '../../sandbox/confluence/storage/parse.ts'
import { plainText } from '../../sandbox/confluence/storage/text.ts'
import { renderView, type RenderLinks } from '../../sandbox/confluence/storage/view.ts'
import { storageToAdf } from '../../sandbox/confluence/storage/to-adf.ts'
import { toStorage } from '../../sandbox/confluence/storage/from-input.ts'

const CODE =
  '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">js</ac:parameter><ac:plain-text-body><![CDATA[if (a < b && c) {}]]></ac:plain-text-body></ac:structured-macro>'
const links: RenderLinks = {
  page: title => (title === 'Home' ? { href: 'https://site/wiki/spaces/X/pages/1/Home', id: '1' } : undefined),
  attachment: name => `https://site/wiki/download/attachments/1/${name}`,
  children: () => [{ title: 'Child', href: 'https://site/wiki/c' }],
}

t.test('parser: entities, CDATA, void and unclosed elements', async t => {
  const nodes = parseStorage('<p>a &amp; b&nbsp;&#233;<br>c</p><ul><li>one<li>two</ul>' + CODE)
  t.equal(nodes.length, 3)
  t.match(nodes[0], {
    type: 'element',
    name: 'p',
    children: [{ type: 'text', value: 'a & b\u00a0é' }, { name: 'br' }, { value: 'c' }],
  })
  t.equal(plainText(CODE), 'if (a < b && c) {}', 'CDATA is verbatim and parameters are not text')
})

t.test('plain text separates blocks and resolves bare page links', async t => {
  t.equal(
    plainText(
      '<h1>Title</h1><p>One <strong>two</strong></p><table><tr><td><p>x</p></td><td><p>y</p></td></tr></table><ac:link><ri:page ri:content-title="Home" /></ac:link>',
    ),
    'Title\nOne two\nx\ny\nHome',
  )
})

t.test('view: Confluence classes for tables, code, admonitions, links, images, tasks', async t => {
  const html = renderView(
    '<table><tbody><tr><th><p>h</p></th></tr><tr><td><p>d</p></td></tr></tbody></table>' +
      CODE +
      '<ac:structured-macro ac:name="note"><ac:rich-text-body><p>careful</p></ac:rich-text-body></ac:structured-macro>' +
      '<p><ac:link><ri:page ri:content-title="Home" /><ac:plain-text-link-body><![CDATA[go home]]></ac:plain-text-link-body></ac:link> <ac:link><ri:page ri:content-title="Missing" /></ac:link></p>' +
      '<ac:image><ri:attachment ri:filename="a.png" /></ac:image>' +
      '<ac:task-list><ac:task><ac:task-status>complete</ac:task-status><ac:task-body>done</ac:task-body></ac:task></ac:task-list>' +
      '<ac:structured-macro ac:name="children" />',
    links,
  )
  t.match(
    html,
    '<div class="table-wrap"><table data-layout="default" class="confluenceTable"><tbody><tr><th class="confluenceTh"><p>h</p></th>',
  )
  t.match(
    html,
    '<pre class="syntaxhighlighter-pre" data-syntaxhighlighter-params="brush: js; gutter: false; theme: Confluence" data-theme="Confluence">if (a &lt; b &amp;&amp; c) {}</pre>',
  )
  t.match(html, 'confluence-information-macro-note')
  t.match(
    html,
    '<a href="https://site/wiki/spaces/X/pages/1/Home" data-linked-resource-id="1" data-linked-resource-type="page">go home</a>',
  )
  t.match(html, '<a class="createlink" href="#">Missing</a>')
  t.match(html, '<img class="confluence-embedded-image" src="https://site/wiki/download/attachments/1/a.png"')
  t.match(html, '<ul class="inline-task-list"><li class="checked">done</li></ul>')
  t.match(html, '<ul class="childpages-macro"><li><a href="https://site/wiki/c">Child</a></li></ul>')
  t.notMatch(html, /ac:|ri:/)
})

t.test('ADF from storage', async t => {
  const doc = storageToAdf(
    '<h2>T</h2><p>a <em>b</em> <a href="https://x">l</a></p><ol><li><p>i</p></li></ol>' +
      CODE +
      '<ac:structured-macro ac:name="toc" />',
  )
  t.same(doc.content![0], { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'T' }] })
  t.same(doc.content![1]!.content, [
    { type: 'text', text: 'a ' },
    { type: 'text', text: 'b', marks: [{ type: 'em' }] },
    { type: 'text', text: ' ' },
    { type: 'text', text: 'l', marks: [{ type: 'link', attrs: { href: 'https://x' } }] },
  ])
  t.match(doc.content![2], { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] })
  t.same(doc.content![3], {
    type: 'codeBlock',
    attrs: { language: 'js' },
    content: [{ type: 'text', text: 'if (a < b && c) {}' }],
  })
  t.match(doc.content![4], { type: 'extension', attrs: { extensionKey: 'toc' } })
})

t.test('write bodies: ADF and wiki markup become storage', async t => {
  const adf = JSON.stringify({
    type: 'doc',
    version: 1,
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Hi' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'bold', marks: [{ type: 'strong' }] },
          { type: 'text', text: ' & more' },
        ],
      },
      { type: 'codeBlock', attrs: { language: 'sh' }, content: [{ type: 'text', text: 'ls' }] },
    ],
  })
  t.equal(
    toStorage('atlas_doc_format', adf),
    '<h1>Hi</h1><p><strong>bold</strong> &amp; more</p><ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">sh</ac:parameter><ac:plain-text-body><![CDATA[ls]]></ac:plain-text-body></ac:structured-macro>',
  )
  t.equal(
    toStorage('wiki', 'h2. Sub\nSome *bold* and {{code}}\n# a\n# b'),
    '<h2>Sub</h2><p>Some <strong>bold</strong> and <code>code</code></p><ol><li>a</li><li>b</li></ol>',
  )
  t.equal(toStorage('storage', '<p>x</p>'), '<p>x</p>')
  t.throws(() => toStorage('atlas_doc_format', '{nope'), { name: 'BodyConversionError' })
  t.throws(() => toStorage('markdown', 'x'), { name: 'BodyConversionError' })
})
