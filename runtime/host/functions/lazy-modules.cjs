// The Markdown libraries, evaluated on first use. A start loads the conversion code, but most calls
// (and the first one) convert nothing: node-html-parser, marked and the entity tables they bring cost
// 10–15 ms of a start to evaluate. An ES import is evaluated when its importer is; a require() here is
// evaluated when called (esbuild bundles it as a lazily run CommonJS module, as Node runs it).
'use strict'

let htmlParser
let marked

exports.htmlParser = () => (htmlParser ??= require('node-html-parser'))
exports.marked = () => (marked ??= require('marked'))
