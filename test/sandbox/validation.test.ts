// OpenAPI validation: bad requests are answered 400 and recorded; responses that drift from the
// spec are recorded; unknown paths and methods are 404/405.
import t from 'tap'
import { pageId, startFake } from './helpers.ts'

t.test('a bad enum value is rejected with 400 and recorded', async t => {
  const { fake, api } = await startFake(t)
  const res = await api.get('/wiki/api/v2/pages?body-format=markdown')
  t.equal(res.status, 400)
  t.same(res.body.errors[0].code, 'INVALID_REQUEST_PARAMETER')
  t.match(
    res.body.errors[0].title,
    /query\.body-format must be equal to one of the allowed values \(storage, atlas_doc_format\)/,
  )
  t.match(fake.violations, [
    { direction: 'request', method: 'GET', path: '/wiki/api/v2/pages', operationId: 'getPages', status: 400 },
  ])

  const v1 = await api.get('/wiki/rest/api/search?cql=type%3Dpage&excerpt=bold')
  t.equal(v1.status, 400)
  t.match(v1.body, { statusCode: 400, message: /query\.excerpt must be equal to one of the allowed values/ })
})

t.test('path, query and body types are checked', async t => {
  const { fake, api } = await startFake(t)
  t.match((await api.get('/wiki/api/v2/pages/abc')).body.errors[0].title, /path\.id must be integer/)
  t.match((await api.get('/wiki/api/v2/pages?limit=ten')).body.errors[0].title, /query\.limit must be integer/)
  t.match(
    (await api.get('/wiki/api/v2/pages?status=current,gone')).body.errors[0].title,
    /query\.status\[1\] must be equal to one of the allowed values/,
  )
  const noBody = await api('POST', '/wiki/api/v2/pages')
  t.equal(noBody.status, 400)
  t.match(noBody.body.errors[0].title, /request body is required/)
  const noSpace = await api('POST', '/wiki/api/v2/pages', { body: { title: 'x' } })
  t.match(noSpace.body.errors[0].title, /body must have required property 'spaceId'/)
  const badStatus = await api('POST', '/wiki/api/v2/pages', { body: { spaceId: '1', status: 'published' } })
  t.match(badStatus.body.errors[0].title, /body\.status must be equal to one of the allowed values \(current, draft\)/)
  const badJson = await api('POST', '/wiki/api/v2/pages', { rawBody: '{"spaceId":' })
  t.equal(badJson.status, 400)
  t.equal(fake.violations.length, 7)
})

t.test('valid requests are not recorded; unknown query parameters are, without failing', async t => {
  const { fake, api } = await startFake(t)
  t.equal((await api.get('/wiki/api/v2/pages?limit=5&status=current&sort=-modified-date')).status, 200)
  t.same(fake.violations, [])
  const res = await api.get('/wiki/api/v2/pages?spaceKey=DEMO')
  t.equal(res.status, 200, 'Confluence ignores unknown parameters')
  t.match(fake.violations, [{ direction: 'request', errors: [/query parameter 'spaceKey' is not in the spec/] }])
})

t.test('unknown paths are 404 and methods outside the spec 405, both recorded', async t => {
  const { fake, api } = await startFake(t)
  const missing = await api.get('/wiki/api/v2/pagez')
  t.equal(missing.status, 404)
  t.same(missing.body, { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] })
  const v1 = await api.get('/wiki/rest/api/nothing')
  t.equal(v1.body.statusCode, 404)
  const method = await api('PATCH', '/wiki/api/v2/pages')
  t.equal(method.status, 405)
  t.equal(method.headers.allow, 'GET, POST')
  t.equal(fake.violations.length, 3)
  t.match(fake.violations[0]!.errors[0], /No operation in the OpenAPI specs matches GET \/wiki\/api\/v2\/pagez/)
})

t.test('spec operations the fake does not implement answer 501 and are recorded', async t => {
  const { fake, api } = await startFake(t)
  const res = await api.get('/wiki/api/v2/whiteboards/1')
  t.equal(res.status, 501)
  t.match(fake.violations, [{ operationId: 'getWhiteboardById', errors: [/not implemented by the fake/] }])
})

t.test('a response that drifts from the spec is recorded', async t => {
  const { fake, api } = await startFake(t)
  const id = pageId(fake, 'Meeting notes')
  fake.state.pages.get(id)!.versions.at(-1)!.createdAt = 'yesterday' // not a date-time
  const res = await api.get(`/wiki/api/v2/pages/${id}`)
  t.equal(res.status, 200, 'the client still gets the answer')
  t.match(fake.violations, [
    {
      direction: 'response',
      operationId: 'getPageById',
      status: 200,
      errors: [/response\.version\.createdAt must match format "date-time"/],
    },
  ])
})

t.test('validate: false skips response validation', async t => {
  const { fake, api } = await startFake(t, { validate: false })
  fake.state.pages.get(pageId(fake, 'Meeting notes'))!.versions.at(-1)!.createdAt = 'yesterday'
  t.equal((await api.get('/wiki/api/v2/pages?limit=250')).status, 200)
  t.same(fake.violations, [])
})
