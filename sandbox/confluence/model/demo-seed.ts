// The 'demo' site: two spaces, a three-level page tree in DEMO with realistic storage bodies
// (headings, lists, a table, code macros, page links), labels, comments with a reply, an inline
// comment, two attachments and a page with several versions.
import type { SeedData } from './types.ts'

// A valid 1x1 transparent PNG, so the attachment downloads as a real image.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

const codeMacro = (language: string, code: string) =>
  `<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">${language}</ac:parameter><ac:plain-text-body><![CDATA[${code}]]></ac:plain-text-body></ac:structured-macro>`

const pageLink = (title: string, text: string) =>
  `<ac:link><ri:page ri:content-title="${title}" /><ac:plain-text-link-body><![CDATA[${text}]]></ac:plain-text-link-body></ac:link>`

const GETTING_STARTED_V1 = '<h1>Getting started</h1><p>Draft: how to set up the demo.</p>'
const GETTING_STARTED_V2 =
  '<h1>Getting started</h1><p>Welcome! This guide explains how to install and configure the demo.</p><ul><li>Install the CLI</li><li>Configure your site</li></ul>'
const GETTING_STARTED = `<h1>Getting started</h1>
<p>Welcome! This guide explains how to install and configure the <strong>demo application</strong> in about ten minutes.</p>
<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:rich-text-body><p>You need Node.js 20 or later.</p></ac:rich-text-body></ac:structured-macro>
<h2>Steps</h2>
<ol><li>Read the ${pageLink('Installation guide', 'installation guide')}.</li><li>Adjust the settings described in the ${pageLink('Configuration reference', 'configuration reference')}.</li><li>Run the smoke test.</li></ol>
<h2>Smoke test</h2>
${codeMacro('bash', 'demo-cli check --verbose\necho "all good"')}
<p>Questions? Ask in <a href="https://example.com/chat">the team chat</a>.</p>`

const INSTALLATION = `<h1>Installation guide</h1>
<p>Install the command line tool with npm and verify the version.</p>
${codeMacro('bash', 'npm install --global demo-cli\ndemo-cli --version')}
<h2>Troubleshooting</h2>
<ul><li><p>Permission errors: use a Node version manager.</p></li><li><p>Proxy errors: set <code>HTTPS_PROXY</code>.</p></li></ul>`

const CONFIGURATION = `<h1>Configuration reference</h1>
<p>All settings live in <code>demo.config.json</code>.</p>
<table><tbody><tr><th><p>Setting</p></th><th><p>Default</p></th><th><p>Description</p></th></tr>
<tr><td><p>timeoutMs</p></td><td><p>30000</p></td><td><p>Request timeout in milliseconds.</p></td></tr>
<tr><td><p>retries</p></td><td><p>3</p></td><td><p>How many times a failed call is retried.</p></td></tr>
<tr><td><p>logLevel</p></td><td><p>info</p></td><td><p>One of debug, info, warn, error.</p></td></tr></tbody></table>`

const ARCHITECTURE = `<h1>Architecture overview</h1>
<p>The system has three parts: a web front end, an API service and a worker queue.</p>
<ac:image ac:alt="Diagram"><ri:attachment ri:filename="architecture.png" /></ac:image>
<h2>Components</h2>
<table><tbody><tr><th><p>Component</p></th><th><p>Owner</p></th><th><p>Language</p></th></tr>
<tr><td><p>Web</p></td><td><p>Frontend team</p></td><td><p>TypeScript</p></td></tr>
<tr><td><p>API</p></td><td><p>Platform team</p></td><td><p>Go</p></td></tr>
<tr><td><p>Worker</p></td><td><p>Platform team</p></td><td><p>Python</p></td></tr></tbody></table>
<p>See ${pageLink('API design', 'API design')} for the HTTP contract and ${pageLink('Getting started', 'Getting started')} to run it locally.</p>`

const API_DESIGN = `<h1>API design</h1>
<p>The API is resource oriented and returns JSON. Lists use cursor pagination.</p>
${codeMacro('json', '{\n  "results": [],\n  "_links": { "next": "/api/items?cursor=abc" }\n}')}
<ac:structured-macro ac:name="warning" ac:schema-version="1"><ac:rich-text-body><p>Never expose internal ids in URLs.</p></ac:rich-text-body></ac:structured-macro>`

const ERROR_HANDLING = `<h1>Error handling</h1>
<p>Errors use a stable envelope with a machine readable code.</p>
<ul><li><strong>400</strong> invalid request</li><li><strong>409</strong> version conflict</li><li><strong>429</strong> rate limited, honour Retry-After</li></ul>
${codeMacro('typescript', 'if (res.status === 429) await sleep(retryAfterMs(res))')}`

export const DEMO_SEED: SeedData = {
  users: [
    {
      accountId: '557058:0b8c2f8e-7f4e-4a8e-9a41-5d6c9f1e2a33',
      displayName: 'Alice Martin',
      email: 'alice@example.com',
    },
    { accountId: '557058:91d7e6b4-2c3a-4f10-8e5b-7a9c0d4e6f21', displayName: 'Bob Chen', email: 'bob@example.com' },
  ],
  spaces: [
    {
      key: 'DEMO',
      name: 'Demo space',
      description: 'A sample space with guides, architecture notes and meeting notes.',
      homepage: {
        title: 'Demo space',
        body: `<h1>Welcome to the demo space</h1><p>Start with ${pageLink('Getting started', 'Getting started')}.</p><ac:structured-macro ac:name="children" ac:schema-version="2" />`,
        labels: ['welcome'],
        children: [
          {
            title: 'Getting started',
            body: GETTING_STARTED,
            labels: ['onboarding', 'guide'],
            history: [
              { body: GETTING_STARTED_V1, message: 'First draft' },
              { body: GETTING_STARTED_V2, message: 'Add steps' },
              { body: GETTING_STARTED_V2.replace('demo', 'demo application'), message: 'Wording', minorEdit: true },
            ],
            comments: [
              {
                body: '<p>Great guide, thanks!</p>',
                author: 'alice@example.com',
                replies: [{ body: '<p>Glad it helps.</p>', author: 'bob@example.com' }],
              },
              { body: '<p>Could we add a section about proxies?</p>', author: 'bob@example.com' },
            ],
            inlineComments: [{ body: '<p>Is ten minutes realistic?</p>', selection: 'about ten minutes' }],
            children: [
              { title: 'Installation guide', body: INSTALLATION, labels: ['guide'] },
              { title: 'Configuration reference', body: CONFIGURATION, labels: ['reference'] },
            ],
          },
          {
            title: 'Architecture overview',
            body: ARCHITECTURE,
            labels: ['architecture'],
            attachments: [
              { title: 'architecture.png', mediaType: 'image/png', data: PIXEL_PNG, comment: 'System diagram' },
              { title: 'capacity-notes.txt', mediaType: 'text/plain', data: 'Peak load: 1200 requests per second.\n' },
            ],
            children: [
              {
                title: 'API design',
                body: API_DESIGN,
                labels: ['architecture', 'api'],
                children: [{ title: 'Error handling', body: ERROR_HANDLING }],
              },
            ],
          },
          {
            title: 'Meeting notes',
            body: '<h1>Meeting notes</h1><p>Notes from team meetings, newest first.</p>',
            labels: ['meeting-notes'],
            children: [
              {
                title: '2024-01-15 Sprint planning',
                body: '<h2>Attendees</h2><ul><li>Alice</li><li>Bob</li></ul><h2>Decisions</h2><ac:task-list><ac:task><ac:task-status>incomplete</ac:task-status><ac:task-body>Ship the installation guide</ac:task-body></ac:task></ac:task-list>',
                labels: ['meeting-notes'],
              },
            ],
          },
        ],
      },
    },
    {
      key: 'ENG',
      name: 'Engineering',
      description: 'Runbooks and on-call material for engineers.',
      homepage: {
        title: 'Engineering',
        body: '<h1>Engineering</h1><p>Runbooks and on-call notes.</p>',
        children: [
          {
            title: 'Runbook: deploys',
            body: `<h1>Deploys</h1><p>Deploy with the pipeline; roll back with one command.</p>${codeMacro('bash', 'deployctl rollback --to previous')}`,
            labels: ['runbook'],
          },
          {
            title: 'On-call handbook',
            body: '<h1>On-call</h1><p>Acknowledge pages within 5 minutes. Escalate after 30 minutes.</p>',
            labels: ['runbook', 'oncall'],
          },
        ],
      },
    },
  ],
}
