// The parts of undici the runtime uses, each from its own module: `import 'undici'` evaluates the whole
// package (fetch, WebSocket, EventSource, cookies, caches, mocks), about 60 ms of a start that sends
// its requests through an Agent and nothing else. Types come from the package's own declarations.
import type { Dispatcher, FormData as UndiciFormData } from 'undici'
import AgentModule from 'undici/lib/dispatcher/agent.js'
import requestModule from 'undici/lib/api/api-request.js'

export const Agent = AgentModule
export type Agent = InstanceType<typeof AgentModule>
// Loaded by the first multipart request (lazy-undici.cjs).
export { formDataClass } from './lazy-undici.cjs'
export type FormData = UndiciFormData

/**
 * `dispatcher.request(options)`: undici's index installs its API on Dispatcher.prototype, which this
 * module does not load, so the API function is called on the dispatcher as that index does.
 */
export function request(dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return requestModule.call(dispatcher, options)
}
