// The Markdown library of writes, evaluated on first use. A start loads the conversion code, but most
// calls (and the first one) write nothing: marked costs a few milliseconds of a start to evaluate. An
// ES import is evaluated when its importer is; a require() here is evaluated when called (esbuild
// bundles it as a lazily run CommonJS module, as Node runs it).
'use strict'

let marked

exports.marked = () => (marked ??= require('marked'))
