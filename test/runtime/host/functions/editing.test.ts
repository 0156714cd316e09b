// Property tests over generated storage documents (issue 16): storage parts are the body byte for
// byte, a section edit changes nothing outside its section, Markdown → storage → Markdown is stable.
import fc from 'fast-check'
import t from 'tap'
import { toMarkdown } from '../../../../runtime/host/functions/convert.ts'
import { outline, replaceSection, storageParts } from '../../../../runtime/host/functions/storage-doc.ts'
import { markdownToStorage } from '../../../../runtime/host/functions/to-storage.ts'

const word = fc.constantFrom(
  'alpha',
  'beta',
  '中文',
  '日本語',
  'emoji 😀',
  'a&amp;b',
  'x &lt; y',
  'Ünïcode',
  'tab\there',
)
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map(w => w.join(' '))
const headingText = fc.constantFrom('Intro', 'Setup', 'Notes', 'FAQ', '概要', 'Deploy & run')

const block: fc.Arbitrary<string> = fc.oneof(
  text.map(s => `<p>${s}</p>`),
  text.map(
    s =>
      `<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:rich-text-body><p>${s}</p></ac:rich-text-body></ac:structured-macro>`,
  ),
  text.map(
    s =>
      `<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[<h1>${s}</h1> ]]]]><![CDATA[>]]></ac:plain-text-body></ac:structured-macro>`,
  ),
  text.map(
    s => `<table><tbody><tr><th><p>${s}</p></th></tr><tr><td><h3>In a cell</h3><p>${s}</p></td></tr></tbody></table>`,
  ),
  text.map(
    s =>
      `<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><h2>Cell</h2><p>${s}</p></ac:layout-cell><ac:layout-cell><p>${s}</p></ac:layout-cell></ac:layout-section></ac:layout>`,
  ),
  text.map(
    s =>
      `<p><ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">a1</ac:parameter></ac:structured-macro><ac:inline-comment-marker ac:ref="r1">${s}</ac:inline-comment-marker></p>`,
  ),
  text.map(
    s =>
      `<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>${s}</ac:task-body></ac:task></ac:task-list>`,
  ),
  text.map(
    s =>
      `<p><ac:link><ri:page ri:content-title="${s}" /><ac:plain-text-link-body><![CDATA[${s}]]></ac:plain-text-link-body></ac:link> <ac:emoticon ac:name="smile" /></p>`,
  ),
  text.map(s => `<p title="a > b">${s}<br />x</p><!-- <h1>comment</h1> -->`),
)
const section = fc
  .tuple(fc.integer({ min: 1, max: 3 }), headingText, fc.array(block, { maxLength: 3 }), fc.constantFrom('', '\n'))
  .map(([level, h, blocks, nl]) => ({ level, h, source: `<h${level}>${h}</h${level}>${nl}${blocks.join(nl)}${nl}` }))
const doc = fc
  .tuple(fc.array(block, { maxLength: 2 }), fc.array(section, { minLength: 1, maxLength: 6 }))
  .map(([pre, sections]) => ({ sections, source: pre.join('') + sections.map(s => s.source).join('') }))

t.test('storage parts concatenate to the body, each within the cap', async t => {
  fc.assert(
    fc.property(doc, fc.integer({ min: 40, max: 600 }), ({ source }, max) => {
      const parts = storageParts(source, max)
      t.equal(parts.map(p => source.slice(p.start, p.end)).join(''), source)
      for (const p of parts) if (p.end - p.start > max) return false
      return parts.every((p, i) => (i === 0 ? p.start === 0 : p.start === parts[i - 1]!.end))
    }),
    { numRuns: 300 },
  )
})

t.test('headings in CDATA, comments and attribute values are not headings', async _t => {
  fc.assert(
    fc.property(doc, ({ sections, source }) => {
      const top = outline(source).headings.filter(h => h.depth === 0)
      return (
        top.length === sections.length &&
        top.every((h, i) => h.text === sections[i]!.h && h.level === sections[i]!.level)
      )
    }),
    { numRuns: 300 },
  )
})

t.test('a section edit changes nothing outside the section', async _t => {
  fc.assert(
    fc.property(doc, fc.nat(), text, ({ sections, source }, pick, replacement) => {
      const i = pick % sections.length
      const target = sections[i]!
      const occurrence = sections.slice(0, i + 1).filter(s => s.h === target.h).length
      const result = replaceSection(source, { heading: target.h, occurrence }, `<p>${replacement}</p>`)
      if ('error' in result) return false
      const { start, end } = result
      const before = source.slice(0, start)
      const after = source.slice(end)
      // Outside [start, end) the new body is the old one; the section ends at the next heading of the
      // same or a higher level (or the end of the body).
      const next = sections.slice(i + 1).find(s => s.level <= target.level)
      const expectedEnd = next ? source.indexOf(next.source, start) : source.length
      return (
        result.value.startsWith(before) &&
        result.value.endsWith(after) &&
        end === expectedEnd &&
        result.value.slice(before.length, result.value.length - after.length).includes(`<p>${replacement}</p>`)
      )
    }),
    { numRuns: 300 },
  )
})

const mdWord = fc.constantFrom('alpha', 'beta', '中文', '日本語', 'emoji 😀', 'Ünïcode', 'under_score', 'a & b')
const mdText = fc.array(mdWord, { minLength: 1, maxLength: 4 }).map(w => w.join(' '))
const mdBlock = fc.oneof(
  mdText,
  mdText.map(s => `**${s}** and \`code\``),
  fc.tuple(fc.integer({ min: 1, max: 4 }), mdText).map(([n, s]) => `${'#'.repeat(n)} ${s}`),
  fc.tuple(fc.constantFrom('js', 'bash', ''), mdText).map(([l, s]) => `\`\`\`${l}\n${s} < 1\n\`\`\``),
  fc
    .array(fc.tuple(fc.boolean(), mdText), { minLength: 1, maxLength: 3 })
    .map(items => items.map(([d, s]) => `- [${d ? 'x' : ' '}] ${s}`).join('\n')),
  fc.array(mdText, { minLength: 1, maxLength: 3 }).map(items => items.map(s => `- ${s}`).join('\n')),
  fc.array(mdText, { minLength: 1, maxLength: 3 }).map(items => items.map((s, i) => `${i + 1}. ${s}`).join('\n')),
  fc.tuple(mdText, mdText).map(([a, b]) => `| ${a} | ${b} |\n| --- | --- |\n| ${b} | ${a} |`),
  fc
    .tuple(mdText, fc.constantFrom('Team page', 'Roadmap 2026'))
    .map(([s, p]) => `See [${s}](page:DEV/${encodeURIComponent(p)}) and [web](https://example.com/a?b=1).`),
  mdText.map(s => `> ${s}`),
)
const mdDoc = fc.array(mdBlock, { minLength: 1, maxLength: 6 }).map(b => b.join('\n\n'))

t.test('Markdown → storage → Markdown is stable for the supported subset', async _t => {
  const read = (s: string): string => toMarkdown(s, { maxInputChars: 1_000_000 })
  fc.assert(
    fc.property(mdDoc, md => {
      const storage = markdownToStorage(md)
      const again = read(storage)
      // Reading what was written and writing it again gives the same storage, and the same Markdown.
      return markdownToStorage(again) === storage && read(markdownToStorage(again)) === again
    }),
    { numRuns: 300 },
  )
})

t.test('the Markdown mapping', async t => {
  t.equal(
    markdownToStorage('```py\nif a < b: pass ]]> x\n```'),
    '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">py</ac:parameter>' +
      '<ac:plain-text-body><![CDATA[if a < b: pass ]]]]><![CDATA[> x]]></ac:plain-text-body></ac:structured-macro>',
  )
  t.equal(
    markdownToStorage('- [x] done\n- [ ] todo'),
    '<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete' +
      '</ac:task-status><ac:task-body>done</ac:task-body></ac:task><ac:task><ac:task-id>2</ac:task-id><ac:task-status>incomplete' +
      '</ac:task-status><ac:task-body>todo</ac:task-body></ac:task></ac:task-list>',
  )
  t.equal(
    markdownToStorage('[Plan](page:DEV/Q3%20plan#goals)'),
    '<p><ac:link ac:anchor="goals"><ri:page ri:space-key="DEV" ' +
      'ri:content-title="Q3 plan" /><ac:link-body>Plan</ac:link-body></ac:link></p>',
  )
  t.equal(markdownToStorage('<script>x</script>'), '<p>&lt;script&gt;x&lt;/script&gt;</p>', 'raw HTML is text')
  t.equal(
    markdownToStorage('| a |\n|---|\n| 1 |'),
    '<table><tbody><tr><th>a</th></tr><tr><td>1</td></tr></tbody></table>',
  )
})

t.test('section ends over many headings: the next of the same or a higher level, found in one pass', async _t => {
  // Top-level headings of random levels, some sections holding a table with its own headings (another
  // parent: they never end a top-level section).
  const item = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean())
  fc.assert(
    fc.property(fc.array(item, { minLength: 200, maxLength: 1500 }), items => {
      const starts: number[] = []
      let source = ''
      for (const [i, [level, nested]] of items.entries()) {
        starts.push(source.length)
        source += `<h${level}>H${i}</h${level}><p>text ${i}</p>`
        if (nested) source += `<table><tbody><tr><td><h1>In ${i}</h1><p>cell</p></td></tr></tbody></table>`
      }
      const top = outline(source).headings.filter(h => h.depth === 0)
      if (top.length !== items.length) return false
      return top.every((h, i) => {
        const next = items.findIndex(([level], j) => j > i && level <= items[i]![0])
        return h.start === starts[i] && h.sectionEnd === (next < 0 ? source.length : starts[next])
      })
    }),
    { numRuns: 40 },
  )
})

t.test('outlines stay linear on deep nesting, long heading runs and stray end tags', async t => {
  // 20,000 headings each one element deeper (every section runs to its parent's end), each level with
  // an end tag that closes nothing: a forward scan per heading and a stack walk per stray tag were
  // quadratic here (7.5 s on a loaded 2-core host); one pass took 0.5-1.1 s there.
  const n = 20_000
  const deep = '<div><h2>x</h2><p>y</p></x>'.repeat(n) + '</div>'.repeat(n)
  const started = performance.now()
  const { headings, cuts } = outline(deep)
  const ms = performance.now() - started
  t.equal(headings.length, n)
  t.ok(
    headings.every((h, i) => i === 0 || h.sectionEnd < headings[i - 1]!.sectionEnd),
    "each section ends at its parent's end",
  )
  t.ok(
    cuts.every((c, i) => i === 0 || c > cuts[i - 1]!),
    'cuts ascend',
  )
  t.ok(ms < 4_000, `${ms.toFixed(0)} ms`)
  const parts = storageParts(deep, 5_000)
  t.equal(parts.map(p => deep.slice(p.start, p.end)).join(''), deep, 'parts concatenate to the body')
})
