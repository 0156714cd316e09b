// undici's FormData, evaluated on first use. Its module brings fetch's helpers and WebIDL with it (a
// few milliseconds of a start), and only a multipart request needs it. An ES import is evaluated when
// its importer is; a require() here is evaluated when called (esbuild bundles it as a lazily run
// CommonJS module, as Node runs it).
'use strict'

let FormData

exports.formDataClass = () => (FormData ??= require('undici/lib/web/fetch/formdata.js').FormData)
