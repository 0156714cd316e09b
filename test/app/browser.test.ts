// The configuration app in a real browser: playwright-core driving Debian's Chromium (CI installs it
// with `apt-get install -y chromium`). A maintainer saves the central client and the secret is in no
// later response; a tenant admin switches to apiToken and authorizes an agent, which can then call a
// tool while another cannot; a user connects Confluence through the OAuth flow (fake identity
// server) and sees "Connected"; a request without the CSRF token is refused. Each view is
// screenshotted into test-artifacts/ (UPDATE_SCREENSHOTS=1 also refreshes docs/img/).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { ROOT } from '../connector/helpers.ts'
import {
  ADMIN_KEY,
  API_TOKEN,
  APP,
  callTool,
  CENTRAL,
  EMAIL,
  putTenant,
  startWorld,
  TENANT_KEY,
  tenantApp,
  userLink,
  GLOBAL_KEY,
} from './helpers.ts'

const CHROMIUM = '/usr/bin/chromium'
if (existsSync(CHROMIUM)) await main()
else t.plan(0, `browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`)

async function main(): Promise<void> {
  const { chromium } = await import('playwright-core')

  const ARTIFACTS = join(ROOT, 'test-artifacts')
  mkdirSync(ARTIFACTS, { recursive: true })
  const CORE = 'confluence-next'

  const w = await startWorld(t, { env: { CONFLUENCE_ALLOWED_AGENTS: 'agent-1' } })
  await putTenant(w, 'acme', { config: {}, apiKeys: [TENANT_KEY] })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  t.teardown(() => browser.close())

  /** A fresh browser profile whose every response body is kept (to search them for secrets). */
  async function open(path: string): Promise<{
    page: import('playwright-core').Page
    context: import('playwright-core').BrowserContext
    bodies: string[]
    errors: string[]
  }> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: w.url })
    const bodies: string[] = []
    context.on('response', r => {
      bodies.push(JSON.stringify(r.headers()))
      r.text().then(
        text => bodies.push(text),
        () => {},
      ) // redirects have no body
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', e => errors.push(e.message))
    // Script errors and CSP violations; a refused request (the tests make some on purpose) is not one.
    page.on('console', m => {
      if (m.type() === 'error' && !/status of 40[0-9]/.test(m.text())) errors.push(m.text())
    })
    t.teardown(() => context.close())
    await page.goto(w.url + path)
    return { page, context, bodies, errors }
  }

  async function shot(page: import('playwright-core').Page, name: string): Promise<void> {
    const file = join(ARTIFACTS, `config-app-${name}.png`)
    await page.screenshot({ path: file, fullPage: true })
    if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(file, join(ROOT, 'docs', 'img', `config-app-${name}.png`))
  }

  t.test('maintainer: saves the central client; the secret is in no later response', async t => {
    const { page, bodies, errors } = await open(APP)
    await page.locator('#login').waitFor()
    await shot(page, 'login')
    await page.fill('#login-key', 'not-the-admin-key-0123456789')
    await page.click('#login-form button[type=submit]')
    await page.locator('.field-error[data-for="login"]').filter({ hasText: 'does not open' }).waitFor()
    await page.fill('#login-key', ADMIN_KEY)
    await page.click('#login-form button[type=submit]')
    await page.locator('#view-maintainer').waitFor()
    t.equal(await page.textContent('#who'), 'Maintainer')

    // The full granular default set is pre-filled, and the exact callback URI is ready to copy.
    const scopes = await page.inputValue('#m-scopes')
    for (const s of [
      'read:page:confluence',
      'write:page:confluence',
      'read:content-details:confluence',
      'offline_access',
    ])
      t.ok(scopes.split('\n').includes(s), `pre-filled ${s}`)
    const callback = `${w.url}/v2/workspaces/slug:${CORE}/webhooks/oauthCallback`
    t.equal(await page.inputValue('#m-callback'), callback)
    await page.click('button[data-copy="m-callback"]')
    await page.locator('button[data-copy="m-callback"]', { hasText: 'Copied' }).waitFor()
    t.equal(await page.evaluate(() => navigator.clipboard.readText()), callback, 'copied')

    // Warnings: a classic scope, and a missing granular one naming the actions that would get 403.
    await page.fill('#m-scopes', scopes.replace('write:page:confluence', 'read:confluence-content.all'))
    t.match(await page.textContent('#m-scope-warnings'), /read:confluence-content\.all is a classic scope/)
    t.match(
      await page.textContent('#m-scope-warnings'),
      /Without write:page:confluence, pages\.create, pages\.update would get 403/,
    )
    await shot(page, 'maintainer-warnings')
    await page.click('#m-scopes-default')
    t.equal(await page.textContent('#m-scope-warnings'), '')

    await page.fill('#m-client-id', CENTRAL.id)
    await page.fill('#m-client-secret', CENTRAL.secret)
    await page.click('#maintainer-form button[type=submit]')
    await page.locator('#maintainer-form .saved', { hasText: 'Saved.' }).waitFor()
    t.equal(await page.inputValue('#m-client-secret'), '', 'the secret field is emptied')
    t.match(await page.textContent('#m-secret-state'), /A value is saved \(never shown\)/)
    await shot(page, 'maintainer')

    await page.reload()
    await page.locator('#view-maintainer').waitFor()
    await page.locator('#m-secret-state', { hasText: 'A value is saved' }).waitFor()
    t.equal(await page.inputValue('#m-client-id'), CENTRAL.id)
    t.equal(await page.inputValue('#m-client-secret'), '')
    await page.waitForTimeout(200) // let the last bodies arrive
    t.ok(bodies.length > 10, `${bodies.length} responses captured`)
    t.notOk(
      bodies.some(b => b.includes(CENTRAL.secret)),
      'the secret is in no response (headers or body)',
    )

    // CSRF: the page's own origin and cookies, but without the token.
    const status = await page.evaluate(
      async url =>
        (
          await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"config":{"centralClientId":"hijacked"}}',
          })
        ).status,
      `/v2/workspaces/slug:${CORE}/webhooks/app/save-central-client`,
    )
    t.equal(status, 403, 'refused without the CSRF token')
    t.equal(w.server.served[0].workspace.config.centralClientId, CENTRAL.id, 'nothing changed')
    t.same(errors, [], 'no script error or CSP violation')
  })

  t.test('tenant admin: apiToken mode and an authorized agent; that agent gets in, another does not', async t => {
    const before = await callTool(w, 'acme', TENANT_KEY, 'agent-ok', 'spaces', 'list')
    t.equal(before.isError, true, 'not configured yet')
    const { page, errors } = await open(tenantApp('acme'))
    await page.fill('#login-key', TENANT_KEY)
    await page.click('#login-form button[type=submit]')
    await page.locator('#view-tenant').waitFor()
    t.equal(await page.isVisible('#tabs'), false, 'a tenant admin has one view')
    t.equal(await page.inputValue('#t-mode'), 'oauthCentral')
    // The read-only preset: the write actions are named as the ones that would get 403.
    await page.click('#t-scopes-readonly')
    t.notMatch(await page.inputValue('#t-scopes'), /write:|delete:/)
    t.match(
      await page.textContent('#t-scope-warnings'),
      /Without write:page:confluence, pages\.create, pages\.update would get 403/,
    )
    await shot(page, 'tenant-scopes')

    await page.selectOption('#t-mode', 'apiToken')
    await page.locator('#t-email').waitFor()
    t.equal(await page.isVisible('#t-client-id'), false, "only the chosen mode's fields")
    await page.fill('#t-site', 'ftp://not-a-site')
    await page.fill('#t-email', EMAIL)
    await page.fill('#t-api-token', API_TOKEN)
    await page.fill('#t-agent-new', 'agent-ok')
    await page.click('#t-agent-add-button')
    await page.fill('#t-agent-new', 'agent-gone')
    await page.press('#t-agent-new', 'Enter')
    await page.click('button[aria-label="Remove agent agent-gone"]')
    t.same(await page.locator('#t-agents li span').allTextContents(), ['agent-ok'])
    await page.click('#tenant-form button[type=submit]')
    const siteError = page.locator('.field-error[data-for="config.siteUrl"]')
    await siteError.waitFor()
    t.match(await siteError.textContent(), /must match pattern/, 'the error is shown next to its field')
    t.equal(await page.getAttribute('#t-site', 'aria-invalid'), 'true')

    await page.fill('#t-site', w.fake.url)
    await page.click('#tenant-form button[type=submit]')
    await page.locator('#tenant-form .saved', { hasText: 'Saved.' }).waitFor()
    t.equal(await siteError.isVisible(), false)
    t.match(await page.textContent('[data-secret-state="apiToken"]'), /A value is saved/)
    await shot(page, 'tenant')

    const ok = await callTool(w, 'acme', TENANT_KEY, 'agent-ok', 'spaces', 'list')
    t.equal(ok.isError, false, ok.text)
    t.match(ok.text, /Demo space/)
    const other = await callTool(w, 'acme', TENANT_KEY, 'agent-other', 'spaces', 'list')
    t.equal(other.isError, true)
    t.match(other.text, /not authorized to use this connector/)

    const status = await page.evaluate(
      async url =>
        (
          await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"config":{"allowAllAgents":true}}',
          })
        ).status,
      '/v2/workspaces/slug:acme/webhooks/app/save-tenant',
    )
    t.equal(status, 403, 'CSRF: refused without the token')
    t.equal(w.server.tenants!.entry('acme')!.served.workspace.config.allowAllAgents, false)
    t.same(errors, [], 'no script error or CSP violation')
  })

  t.test('user: Connect goes through the OAuth flow against the fake identity server and ends "Connected"', async t => {
    const link = await userLink(w, CORE, GLOBAL_KEY, 'alice')
    t.equal(link.status, 200)
    const { page, context, errors } = await open(new URL(link.json.url).pathname + new URL(link.json.url).search)
    await page.locator('#view-user').waitFor()
    t.equal(
      page.url(),
      `${w.url}/v2/workspaces/slug:${CORE}/apps/confluence-next/`,
      'the ticket is gone from the address bar',
    )
    await page.locator('#u-state', { hasText: 'Not connected' }).waitFor()
    t.match(await page.textContent('#who'), /User · alice/)

    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#u-connect')])
    await popup.waitForLoadState()
    // oauthConnect may first ask the user to confirm (a POST form), then redirects to Atlassian.
    const confirm = popup.locator('button', { hasText: 'Continue to Atlassian' })
    await Promise.race([confirm.waitFor(), popup.locator('h1', { hasText: 'Confluence is connected' }).waitFor()])
    // The confirm page must let the browser send a real Origin on its form POST (Referrer-Policy:
    // same-origin), or a loopback server's rebinding guard refuses it.
    const origins: string[] = []
    popup.on('request', request => {
      if (request.method() === 'POST' && request.url().includes('/webhooks/oauthConnect')) {
        origins.push(request.headers().origin ?? '')
      }
    })
    if (await confirm.count()) await confirm.click()
    await popup.locator('h1', { hasText: 'Confluence is connected' }).waitFor()
    t.match(popup.url(), /\/webhooks\/oauthCallback\?/, "through Atlassian's (fake) consent back to the callback")
    t.notOk(origins.includes('null'), 'the Continue form is posted with a real Origin')
    await popup.close()
    await page.bringToFront()
    await page.click('#u-refresh')
    await page.locator('#u-state', { hasText: /^Connected$/ }).waitFor()
    t.equal(await page.textContent('#u-site'), w.fake.url)
    t.match(await page.textContent('#u-scopes'), /read:page:confluence/)
    t.ok(await page.textContent('#u-expires'), 'shows when the access token expires')
    t.equal(w.identity.counts.authorization_code, 1)
    await shot(page, 'user')

    const tool = await callTool(w, CORE, GLOBAL_KEY, 'agent-1', 'spaces', 'list', { user_id: 'alice' })
    t.equal(tool.isError, false, tool.text)
    t.match(tool.text, /Demo space/, "the user's agent now reads Confluence with the user's token")

    await page.click('#u-disconnect')
    await page.locator('#u-state', { hasText: 'Not connected' }).waitFor()
    t.equal(await page.isVisible('#u-connect'), true, 'a fresh connect link')
    t.same(errors, [], 'no script error or CSP violation')
  })
}
