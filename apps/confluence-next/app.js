// The configuration app (docs/config-app.md): plain DOM, no framework, no build step. It reads and
// saves through the workspace's `app/*` webhooks (automations) with the session cookie; every
// state-changing request carries the session's CSRF token. Text is only ever set with textContent.
import { parseScopes, scopeWarnings } from './scopes.js'
import {
  $,
  $$,
  clearProblems,
  field,
  notice,
  request as send,
  savedMessage,
  secretHint,
  show,
  showProblems,
  textOf,
} from './ui.js'

const VIEWS_BY_ROLE = { maintainer: ['maintainer', 'tenant'], admin: ['tenant'], user: ['user'] }
const ROLE_LABELS = { maintainer: 'Maintainer', admin: 'Workspace admin', user: 'User' }

const ctx = { info: null, table: null, agents: [], active: null }

const api = path => new URL(`api/${path}`, location.href).toString()
const hook = name => `${ctx.info.hooks}/app/${name}`

/** Every request of the app; state changes carry the session's CSRF token (double submit). */
const request = (url, options = {}) =>
  send(url, { ...options, csrf: options.method && options.method !== 'GET' ? csrfToken() : '' })

function csrfToken() {
  const name = `cn-csrf-${ctx.info.workspace}=`
  const found = document.cookie
    .split(';')
    .map(c => c.trim())
    .find(c => c.startsWith(name))
  return found ? found.slice(name.length) : ''
}

// ---- scopes ---------------------------------------------------------------------------------

function renderWarnings(textarea, box) {
  box.replaceChildren()
  if (!ctx.table) return
  for (const w of scopeWarnings(parseScopes(textarea.value), ctx.table)) {
    const p = document.createElement('p')
    p.className = `warning ${w.kind}`
    p.textContent = w.text
    box.append(p)
  }
}

function bindScopes(textarea, box) {
  textarea.addEventListener('input', () => renderWarnings(textarea, box))
}

function setScopes(textarea, box, scopes) {
  textarea.value = (scopes ?? []).join('\n')
  renderWarnings(textarea, box)
}

// ---- maintainer -----------------------------------------------------------------------------

async function loadMaintainer(view) {
  const form = $('#maintainer-form')
  field(form, 'config.centralClientId').value = view.central?.clientId ?? ''
  field(form, 'secrets.centralClientSecret').value = ''
  secretHint($('#m-secret-state'), view.central?.clientSecretSet)
  setScopes(
    $('#m-scopes'),
    $('#m-scope-warnings'),
    view.central?.scopes?.length ? view.central.scopes : ctx.table?.defaultScopes,
  )
  $('#m-callback').value = view.callbackUri ?? ''
}

async function saveMaintainer(event) {
  event.preventDefault()
  const form = event.target
  const scopes = parseScopes($('#m-scopes').value)
  const body = {
    config: {
      centralClientId: textOf(form, 'config.centralClientId') || null,
      oauthScopes: scopes.length ? scopes : null,
    },
    secrets: { centralClientSecret: field(form, 'secrets.centralClientSecret').value },
  }
  const res = await request(hook('save-central-client'), { method: 'POST', body })
  if (!res.ok) return showProblems(form, res.data?.problems, res.data?.message ?? `Not saved (${res.status}).`)
  clearProblems(form)
  await loadMaintainer(res.data.view)
  savedMessage(form, 'Saved.')
}

// ---- workspace (tenant) ---------------------------------------------------------------------

function renderAgents() {
  const list = $('#t-agents')
  list.replaceChildren(
    ...ctx.agents.map(agent => {
      const li = document.createElement('li')
      const name = document.createElement('span')
      name.textContent = agent
      const remove = document.createElement('button')
      remove.type = 'button'
      remove.className = 'secondary small'
      remove.textContent = 'Remove'
      remove.setAttribute('aria-label', `Remove agent ${agent}`)
      remove.addEventListener('click', () => {
        ctx.agents = ctx.agents.filter(a => a !== agent)
        renderAgents()
      })
      li.append(name, remove)
      return li
    }),
  )
  if (ctx.agents.length === 0) {
    const li = document.createElement('li')
    li.className = 'muted'
    li.textContent = 'No agent is authorized yet.'
    list.append(li)
  }
  list.classList.toggle('disabled', $('#t-allow-all').checked)
}

function addAgent() {
  const input = $('#t-agent-new')
  const id = input.value.trim()
  if (id && !ctx.agents.includes(id)) ctx.agents.push(id)
  input.value = ''
  renderAgents()
  input.focus()
}

function showMode() {
  const mode = $('#t-mode').value
  for (const fs of $$('fieldset[data-modes]', $('#tenant-form')))
    fs.hidden = !fs.dataset.modes.split(' ').includes(mode)
}

async function loadTenant(view) {
  const form = $('#tenant-form')
  const s = view.settings ?? {}
  $('#t-source').textContent =
    view.source === 'file'
      ? 'This tenant is declared in a file of the repository: change it there.'
      : `Workspace “${view.workspace}”${view.updatedAt ? ` · saved ${new Date(view.updatedAt).toLocaleString()}` : ''}`
  field(form, 'config.authMode').value = s.authMode ?? 'oauthCentral'
  field(form, 'config.siteUrl').value = s.siteUrl ?? ''
  field(form, 'config.email').value = s.email ?? ''
  field(form, 'config.cloudId').value = s.cloudId ?? ''
  field(form, 'config.oauthClientId').value = s.oauthClientId ?? ''
  for (const name of ['apiToken', 'accessToken', 'oauthClientSecret']) {
    field(form, `secrets.${name}`).value = ''
    secretHint($(`[data-secret-state="${name}"]`, form), view.secrets?.[name])
  }
  setScopes($('#t-scopes'), $('#t-scope-warnings'), s.oauthScopes?.length ? s.oauthScopes : ctx.table?.defaultScopes)
  $('#t-callback').value = view.callbackUri ?? ''
  $('#t-allow-all').checked = s.allowAllAgents === true
  ctx.agents = [...(s.allowedAgents ?? [])]
  renderAgents()
  showMode()
}

async function saveTenant(event) {
  event.preventDefault()
  const form = event.target
  const mode = field(form, 'config.authMode').value
  const config = {
    authMode: mode,
    siteUrl: textOf(form, 'config.siteUrl') || null,
    allowedAgents: ctx.agents,
    allowAllAgents: $('#t-allow-all').checked,
  }
  const secrets = {}
  // Only the fields of the chosen mode: the others keep their stored values.
  if (mode === 'apiToken') {
    config.email = textOf(form, 'config.email') || null
    secrets.apiToken = field(form, 'secrets.apiToken').value
  }
  if (mode === 'accessToken') {
    config.cloudId = textOf(form, 'config.cloudId') || null
    secrets.accessToken = field(form, 'secrets.accessToken').value
  }
  if (mode === 'oauth') {
    config.oauthClientId = textOf(form, 'config.oauthClientId') || null
    secrets.oauthClientSecret = field(form, 'secrets.oauthClientSecret').value
  }
  if (mode === 'oauth' || mode === 'oauthCentral') {
    const scopes = parseScopes($('#t-scopes').value)
    config.oauthScopes = scopes.length ? scopes : null
  }
  const res = await request(hook('save-tenant'), { method: 'POST', body: { config, secrets } })
  if (!res.ok) return showProblems(form, res.data?.problems, res.data?.message ?? `Not saved (${res.status}).`)
  clearProblems(form)
  await loadTenant(res.data.view)
  savedMessage(form, 'Saved.')
}

// ---- user -----------------------------------------------------------------------------------

async function loadUser() {
  const res = await request(hook('user-status'))
  const s = res.data ?? {}
  const state = $('#u-state')
  const connected = res.ok && s.connected === true
  state.textContent = !res.ok
    ? 'Unavailable'
    : s.oauth === false
      ? 'No per-user connection'
      : connected
        ? 'Connected'
        : 'Not connected'
  state.className = `state ${connected ? 'ok' : 'off'}`
  show($('#u-details'), connected)
  if (connected) {
    $('#u-site').textContent = s.site ?? ''
    $('#u-scopes').textContent = (s.scopes ?? []).join(' ')
    $('#u-expires').textContent = s.accessTokenExpiresAt ? new Date(s.accessTokenExpiresAt).toLocaleString() : ''
    $('#u-connected').textContent = s.connectedAt ? new Date(s.connectedAt).toLocaleString() : ''
  }
  $('#u-message').textContent = s.message ?? ''
  const connect = $('#u-connect')
  if (s.connectUrl) connect.href = s.connectUrl
  show(connect, !connected && Boolean(s.connectUrl))
  show($('#u-disconnect'), connected)
}

async function disconnectUser() {
  const res = await request(hook('user-disconnect'), { method: 'POST', body: {} })
  notice(
    res.ok ? (res.data?.message ?? 'Disconnected.') : (res.data?.message ?? `Not disconnected (${res.status}).`),
    res.ok ? 'info' : 'error',
  )
  await loadUser()
}

// ---- session, tabs --------------------------------------------------------------------------

async function activate(name) {
  ctx.active = name
  for (const b of $$('#tabs button')) b.setAttribute('aria-selected', String(b.dataset.view === name))
  const reveal = () => {
    for (const v of $$('.view')) v.hidden = v.id !== `view-${name}`
  }
  if (name === 'user') {
    reveal()
    return loadUser()
  }
  const res = await request(hook('state'))
  if (!res.ok) {
    reveal()
    return notice(res.data?.message ?? `Cannot load the settings (${res.status}).`, 'error')
  }
  if (name === 'maintainer') await loadMaintainer(res.data)
  else await loadTenant(res.data)
  // Shown once filled: nothing typed into the form can be overwritten by the settings arriving late.
  reveal()
}

async function showSession(session) {
  $('#who').textContent = `${ROLE_LABELS[session.role]}${session.userId ? ` · ${session.userId}` : ''}`
  show($('#logout'), true)
  if (session.role !== 'user') {
    const res = await request(api('scopes'))
    if (res.ok) ctx.table = res.data
  }
  const views = VIEWS_BY_ROLE[session.role] ?? []
  for (const b of $$('#tabs button')) b.hidden = !views.includes(b.dataset.view)
  show($('#tabs'), views.length > 1)
  await activate(views[0])
}

async function login(event) {
  event.preventDefault()
  const form = event.target
  const body = { key: field(form, 'key').value }
  const userId = field(form, 'userId').value.trim()
  if (userId) body.userId = userId
  const res = await request(api('login'), { method: 'POST', body })
  if (!res.ok)
    return showProblems(form, [{ path: 'login', message: res.data?.message ?? `Sign-in failed (${res.status}).` }])
  field(form, 'key').value = ''
  show($('#login'), false)
  await showSession(res.data.session)
}

async function logout() {
  await request(api('logout'), { method: 'POST' })
  location.replace(location.pathname)
}

function copyFrom(button) {
  const input = document.getElementById(button.dataset.copy)
  const done = () => {
    button.textContent = 'Copied'
    setTimeout(() => {
      button.textContent = 'Copy'
    }, 2000)
  }
  if (navigator.clipboard?.writeText)
    navigator.clipboard.writeText(input.value).then(done, () => {
      input.select()
      document.execCommand('copy')
      done()
    })
  else {
    input.select()
    document.execCommand('copy')
    done()
  }
}

function bind() {
  $('#login-form').addEventListener('submit', login)
  $('#logout').addEventListener('click', logout)
  for (const b of $$('#tabs button')) b.addEventListener('click', () => activate(b.dataset.view))
  for (const b of $$('button.copy')) b.addEventListener('click', () => copyFrom(b))
  $('#maintainer-form').addEventListener('submit', saveMaintainer)
  bindScopes($('#m-scopes'), $('#m-scope-warnings'))
  $('#m-scopes-default').addEventListener('click', () =>
    setScopes($('#m-scopes'), $('#m-scope-warnings'), ctx.table?.defaultScopes),
  )
  $('#tenant-form').addEventListener('submit', saveTenant)
  $('#t-mode').addEventListener('change', showMode)
  bindScopes($('#t-scopes'), $('#t-scope-warnings'))
  $('#t-scopes-readonly').addEventListener('click', () =>
    setScopes($('#t-scopes'), $('#t-scope-warnings'), ctx.table?.readOnlyScopes),
  )
  $('#t-scopes-default').addEventListener('click', () =>
    setScopes($('#t-scopes'), $('#t-scope-warnings'), ctx.table?.defaultScopes),
  )
  $('#t-agent-add-button').addEventListener('click', addAgent)
  $('#t-agent-new').addEventListener('keydown', e => {
    if (e.key === 'Enter') {
      e.preventDefault()
      addAgent()
    }
  })
  $('#t-allow-all').addEventListener('change', renderAgents)
  $('#u-disconnect').addEventListener('click', disconnectUser)
  $('#u-refresh').addEventListener('click', loadUser)
  // Back from the consent tab: the status (and a fresh single-use link) is read again.
  window.addEventListener('focus', () => {
    if (ctx.active === 'user') void loadUser()
  })
}

async function start() {
  bind()
  if (location.hash === '#link-invalid') {
    notice('This link is unknown, expired or was already used: ask for a new one.', 'error')
    history.replaceState(null, '', location.pathname)
  }
  const res = await request(api('session'))
  show($('#loading'), false)
  if (!res.ok) return notice(res.data?.message ?? 'The configuration app is not available here.', 'error')
  ctx.info = res.data
  $('#workspace-name').textContent = `${res.data.name} · ${res.data.core ? 'core' : 'tenant'} “${res.data.workspace}”`
  if (!res.data.session) {
    if (res.data.open)
      $('#login-help').textContent = 'This server has no keys (loopback only): sign in with an empty key.'
    return show($('#login'), true)
  }
  await showSession(res.data.session)
}

start().catch(err => notice(`Something went wrong: ${err.message}`, 'error'))
