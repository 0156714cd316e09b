// DOM and HTTP helpers of the configuration app (app.js): no state of their own.

export const $ = (selector, root = document) => root.querySelector(selector)
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)]

export async function request(url, { method = 'GET', body, csrf = '' } = {}) {
  const headers = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET') headers['x-csrf-token'] = csrf
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  })
  const text = await res.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = { message: text }
  }
  return { ok: res.ok, status: res.status, data }
}

export function notice(text, kind = 'info') {
  const el = $('#notice')
  el.textContent = text
  el.className = `notice ${kind}`
  el.hidden = !text
}

export function show(el, visible) {
  el.hidden = !visible
}

// ---- errors next to their field -------------------------------------------------------------

export function clearProblems(form) {
  for (const el of $$('.field-error', form)) {
    el.textContent = ''
    el.hidden = true
  }
  for (const el of $$('[aria-invalid]', form)) el.removeAttribute('aria-invalid')
}

/** `config.oauthScopes.3` → the error slot of `config.oauthScopes`; no slot → the form's. */
export function showProblems(form, problems, fallback) {
  clearProblems(form)
  const list = Array.isArray(problems) && problems.length ? problems : [{ path: 'form', message: fallback }]
  for (const p of list) {
    let path = String(p.path ?? 'form')
    let slot = null
    while (path && !(slot = $(`.field-error[data-for="${CSS.escape(path)}"]`, form)))
      path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : ''
    slot ??= $('.field-error[data-for="form"]', form)
    slot.textContent = slot.hidden ? p.message : `${slot.textContent} ${p.message}`
    slot.hidden = false
    form.elements.namedItem(path)?.setAttribute?.('aria-invalid', 'true')
  }
}

export function savedMessage(form, text) {
  const el = $('.saved', form)
  el.textContent = text
  setTimeout(() => {
    if (el.textContent === text) el.textContent = ''
  }, 4000)
}

export const field = (form, name) => form.elements.namedItem(name)
export const textOf = (form, name) => field(form, name).value.trim()

export function secretHint(el, isSet) {
  el.textContent = isSet ? 'A value is saved (never shown). Leave empty to keep it.' : 'Not set.'
}
