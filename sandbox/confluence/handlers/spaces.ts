// GET /spaces and GET /spaces/{id}.
import type { Space } from '../model/types.ts'
import { notFound } from '../http/errors.ts'
import { spaceJson } from '../serialize/v2.ts'
import { listResult, sortBy, str, strings, type Handler } from './context.ts'

const SPACE_SORT_KEYS = {
  id: (s: Space) => Number(s.id),
  key: (s: Space) => s.key,
  name: (s: Space) => s.name,
}

export const getSpaces: Handler = ctx => {
  const q = ctx.query
  const ids = strings(q.ids)
  const keys = strings(q.keys)
  const labels = strings(q.labels)
  const spaces = [...ctx.state.spaces.values()].filter(
    s =>
      (!ids || ids.includes(s.id)) &&
      (!keys || keys.includes(s.key)) &&
      (q.type === undefined || s.type === q.type) &&
      (q.status === undefined || s.status === q.status) &&
      (!labels || labels.length === 0),
  ) // spaces carry no labels in the model
  const options = { descriptionFormat: str(q['description-format']), includeIcon: q['include-icon'] === true }
  return listResult(
    ctx,
    sortBy(spaces, str(q.sort), SPACE_SORT_KEYS, 'id'),
    s => s.id,
    s => spaceJson(ctx.ser, s, options),
  )
}

export const getSpaceById: Handler = ctx => {
  const space = ctx.state.spaces.get(ctx.pathParams.id!)
  if (!space) throw notFound()
  const json = spaceJson(ctx.ser, space, {
    descriptionFormat: str(ctx.query['description-format']),
    includeIcon: ctx.query['include-icon'] === true,
  })
  return { status: 200, body: { ...json, _links: { ...json._links, base: ctx.ser.base } } }
}
