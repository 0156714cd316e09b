var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// runtime/host/functions/lazy-modules.cjs
var require_lazy_modules = __commonJS({
  "runtime/host/functions/lazy-modules.cjs"(exports) {
    "use strict";
    var htmlParser3;
    var marked2;
    exports.htmlParser = () => htmlParser3 ??= __require("node-html-parser");
    exports.marked = () => marked2 ??= __require("marked");
  }
});

// runtime/core/errors.ts
var ERROR_CODES = {
  // Load phase: reported as diagnostics with file:line:col.
  YAML_SYNTAX: { kind: "user", status: 400, template: "{detail}" },
  SCHEMA_VIOLATION: { kind: "user", status: 400, template: "{detail}" },
  UNKNOWN_INSTRUCTION: { kind: "user", status: 400, template: 'unknown instruction or automation "{name}"{hint}' },
  UNKNOWN_ARGUMENT: { kind: "user", status: 400, template: 'automation "{slug}" has no argument "{name}"{hint}' },
  DUPLICATE_SLUG: { kind: "user", status: 400, template: 'automation slug "{slug}" is already used by {other}' },
  EXPRESSION_SYNTAX: { kind: "user", status: 400, template: "JSONata {jsonataCode}: {detail}{hint}" },
  REGEX_UNSUPPORTED: {
    kind: "user",
    status: 400,
    template: "regular expression /{pattern}/ cannot run in linear time ({detail}): rewrite it without backreferences or lookaround"
  },
  PATH_SYNTAX: { kind: "user", status: 400, template: 'invalid variable path "{path}": {detail}' },
  WORKSPACE_INVALID: { kind: "user", status: 400, template: "{detail}" },
  CONFIG_INVALID: { kind: "user", status: 400, template: "{detail}" },
  // Run phase.
  AUTOMATION_NOT_FOUND: { kind: "user", status: 404, template: 'no automation "{slug}" in workspace "{workspace}"' },
  ARGUMENTS_INVALID: { kind: "user", status: 400, template: 'invalid arguments for "{slug}": {detail}' },
  EXPRESSION_FAILED: { kind: "user", status: 400, template: "JSONata {jsonataCode}: {detail}" },
  SCOPE_READ_ONLY: { kind: "user", status: 400, template: 'cannot {action} "{name}": {reason}' },
  SCOPE_NO_USER: {
    kind: "user",
    status: 400,
    template: 'cannot {action} "{name}": this run has no user id, so the user scope cannot be persisted'
  },
  INVALID_VALUE: { kind: "user", status: 400, template: "{instruction}: {detail}" },
  SET_TYPE_MISMATCH: { kind: "user", status: 400, template: 'cannot {type} into "{name}": {detail}' },
  RATE_LIMITED: {
    kind: "operational",
    status: 429,
    template: 'rate limit "{name}" exceeded ({limit} per {window}s); retry in {retryAfter}s'
  },
  LOCK_TIMEOUT: {
    kind: "operational",
    status: 503,
    template: 'lock "{key}" is still held by another run after waiting {wait} s'
  },
  SETTINGS_INVALID: { kind: "user", status: 400, template: "settings: {detail}" },
  SETTINGS_READ_ONLY: { kind: "user", status: 409, template: "settings: {detail}" },
  LIMIT_DEPTH: {
    kind: "user",
    status: 508,
    template: 'call depth limit of {limit} exceeded in "{slug}" (limits.callDepth)'
  },
  LIMIT_INSTRUCTIONS: {
    kind: "user",
    status: 508,
    template: 'more than {limit} instructions executed in one run (limits.instructionsPerRun), stopped in "{slug}"'
  },
  LIMIT_WALL_TIME: {
    kind: "operational",
    status: 504,
    template: 'run exceeded its wall time of {limit} ms (limits.runWallTimeMs), stopped in "{slug}"'
  },
  // Not a failure of the run: nobody waits for its answer any more (the client went away or cancelled).
  RUN_CANCELLED: { kind: "operational", status: 499, template: "the run was cancelled: {reason}" },
  LIMIT_REPEAT: {
    kind: "user",
    status: 508,
    template: "repeat would run {count} iterations, more than the limit of {limit} (limits.repeatIterations)"
  },
  LIMIT_EXPRESSION_TIME: {
    kind: "user",
    status: 508,
    template: "expression ran longer than {limit} ms (limits.expressionTimeMs)"
  },
  LIMIT_SIZE: { kind: "user", status: 413, template: "{what} is larger than {limit} bytes (limits.valueBytes)" },
  LIMIT_NESTING: { kind: "user", status: 400, template: "nesting deeper than {limit} levels in {what}{at} ({name})" },
  LIMIT_ITEMS: { kind: "user", status: 413, template: "{what} has more than {limit} items (limits.expressionItems)" },
  LIMIT_EVENTS: {
    kind: "user",
    status: 508,
    template: "more than {limit} events emitted in one run (limits.eventsPerRun)"
  },
  LIMIT_CONVERSION_TIME: {
    kind: "operational",
    status: 504,
    template: "converting {what} took longer than {limit} ms (limits.conversionTimeMs); ask for fewer characters or the unconverted source"
  },
  CONVERSION_FAILED: { kind: "operational", status: 503, template: "converting {what} failed: {detail}" },
  LIMIT_QUERY: { kind: "user", status: 400, template: "the {language} query is too {what}: {detail}" },
  QUERY_REFUSED: { kind: "user", status: 400, template: "the {language} query is refused: {detail}" },
  // Outbound HTTP (fetch).
  IDENTITY_REFUSED: { kind: "user", status: 403, template: "{detail}" },
  FETCH_ADDRESS_REFUSED: {
    kind: "user",
    status: 403,
    template: "fetch {method} {url}: {host} resolves to {address}, a {range} address, which this server does not reach (CONFLUENCE_ALLOW_LOOPBACK=true allows it for sandboxes and tests)"
  },
  FETCH_INVALID: { kind: "user", status: 400, template: "fetch {method} {url}: {detail}" },
  FETCH_HOST_REFUSED: {
    kind: "user",
    status: 403,
    template: 'fetch {method} {url}: host "{host}" is not in http.allowedHosts of the workspace (config/index.yml)'
  },
  FETCH_TIMEOUT: { kind: "operational", status: 504, template: "fetch {method} {url}: timed out after {timeout} ms" },
  FETCH_CONNECTION: { kind: "operational", status: 502, template: "fetch {method} {url}: {detail}" },
  FETCH_TOO_LARGE: {
    kind: "operational",
    status: 502,
    template: "fetch {method} {url}: response is larger than {limit} bytes (http.maxResponseBytes)"
  },
  // Raised by the `fail` instruction: the automation's own message, reason and status.
  FAILED: { kind: "user", status: 400, template: "{message}" },
  // Anything else is a bug.
  INTERNAL: { kind: "unexpected", status: 500, template: "internal error: {detail}" }
};
function formatLocation(loc) {
  return loc ? `${loc.file}:${loc.line}:${loc.col}` : "";
}
function render(template2, data) {
  return template2.replace(/\{(\w+)\}/g, (_, key) => {
    const v = data[key];
    return v === void 0 ? "" : typeof v === "string" ? v : JSON.stringify(v);
  });
}
var DsulError = class extends Error {
  code;
  kind;
  status;
  data;
  location;
  slug;
  constructor(code, data = {}, options = {}) {
    const info = ERROR_CODES[code];
    super(render(info.template, data), options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "DsulError";
    this.code = code;
    this.kind = info.kind;
    this.status = typeof data.status === "number" && code === "FAILED" ? data.status : info.status;
    this.data = data;
    this.location = options.location;
    this.slug = options.slug;
  }
  /** `file:line:col CODE message (in automation "slug")`, the form every surface prints. */
  describe() {
    const where = formatLocation(this.location);
    const inSlug = this.slug ? ` (in automation "${this.slug}")` : "";
    return `${where ? where + " " : ""}${this.code} ${this.message}${inSlug}`;
  }
  /** The shape an automation sees as `$error` in a `catch` block. */
  toJSON() {
    return {
      name: this.code,
      code: this.code,
      message: this.message,
      status: this.status,
      details: this.data,
      ...typeof this.data.reason === "string" ? { reason: this.data.reason } : {},
      ...this.slug ? { automation: this.slug } : {},
      ...this.location ? { location: formatLocation(this.location) } : {}
    };
  }
};
function describeValue(v) {
  if (v === void 0) return "nothing";
  let text;
  try {
    text = JSON.stringify(v) ?? typeof v;
  } catch {
    text = Array.isArray(v) ? "an array" : typeof v;
  }
  return text.length > 100 ? `${text.slice(0, 100)}\u2026` : text;
}
function toDsulError(err) {
  if (err instanceof DsulError) return err;
  if (err instanceof RangeError && err.message === "Maximum call stack size exceeded") {
    return new DsulError(
      "LIMIT_NESTING",
      {
        what: "a value being handled",
        limit: 1e3,
        at: "",
        name: "the JavaScript stack"
      },
      { cause: err }
    );
  }
  const detail = err instanceof Error ? err.message : typeof err === "object" && err && "message" in err ? String(err.message) : String(err);
  return new DsulError("INTERNAL", { detail }, { cause: err });
}
var BreakSignal = class {
  constructor(scope, payload, hasPayload) {
    this.scope = scope;
    this.payload = payload;
    this.hasPayload = hasPayload;
  }
  scope;
  payload;
  hasPayload;
};

// runtime/workspace/diagnostics.ts
var ANALYSIS_CODES = {
  UNDECLARED_CONFIG: { severity: "error", meaning: "reads `config.<key>`, a key config/index.yml does not declare" },
  UNDECLARED_SECRET: { severity: "error", meaning: "reads `secret.<key>`, a key `secrets.schema` does not declare" },
  UNKNOWN_VARIABLE: {
    severity: "warning",
    meaning: "reads a variable that is no argument, no variable the automation sets, no loop variable and no scope"
  },
  VARIABLES_NOT_CHECKED: { severity: "info", meaning: "a `set` with a computed name: the variables are not checked" },
  CALLEE_HAS_ERRORS: { severity: "error", meaning: "calls an automation whose file has errors" },
  // The server leaves such an automation out and serves the rest, as it always did: warnings.
  DUPLICATE_ENDPOINT: {
    severity: "warning",
    meaning: "two automations serve the same webhook name: the second is not served"
  },
  RESERVED_ENDPOINT: { severity: "warning", meaning: "a webhook named `mcp`, the MCP server's path: not served" },
  DUPLICATE_TOOL_ACTION: {
    severity: "warning",
    meaning: "two automations claim the same MCP `tool.action`: the second is not served"
  },
  RESERVED_ARGUMENT: {
    severity: "warning",
    meaning: "an MCP action declares an argument the server owns (`action`, `outputFormat`, `agent_id`, `user_id`, `context_id`): not served"
  },
  PRIVATE_TRIGGER: { severity: "warning", meaning: "`private: true` disables this automation's webhook or events" },
  UNREACHABLE: { severity: "warning", meaning: "an instruction after `break` or `fail` in the same list never runs" },
  MISSING_OPERAND: {
    severity: "warning",
    meaning: "`!=` with a value that may be missing: false, not true, when it is"
  }
};
function formatDiagnostic(d) {
  return `${formatLocation(d.location)} ${d.severity === "error" ? "" : d.severity + " "}${d.code} ${d.message}`;
}
function analysisDiagnostic(code, message, location) {
  return { severity: ANALYSIS_CODES[code].severity, code, message, location };
}
function fromError(err, fallback) {
  return { severity: "error", code: err.code, message: err.message, location: err.location ?? fallback };
}
function pointerOf(instancePath) {
  if (!instancePath) return [];
  return instancePath.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")).map((s) => /^\d+$/.test(s) ? Number(s) : s);
}
function schemaDiagnostics(errors, source, base = [], what = "") {
  const anyOfPaths = new Set(
    errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => e.instancePath)
  );
  const explained = new Set([...anyOfPaths].filter((p) => errors.some((e) => e.instancePath.startsWith(p + "/"))));
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const e of errors) {
    const isAnyOf = e.keyword === "anyOf" || e.keyword === "oneOf";
    if (isAnyOf ? explained.has(e.instancePath) : anyOfPaths.has(e.instancePath)) continue;
    const pointer = [...base, ...pointerOf(e.instancePath)];
    const name = `${what}${pointer.length ? displayPath(pointer) : "the top level"}`;
    let message;
    let location;
    if (e.keyword === "additionalProperties") {
      const key2 = e.params.additionalProperty;
      const allowed = Object.keys(e.parentSchema?.properties ?? {});
      message = `unknown property "${key2}"${pointer.length ? ` in ${name}` : ""}${suggest(key2, allowed)}${allowed.length ? ` (allowed: ${allowed.join(", ")})` : ""}`;
      location = source.locateKey([...pointer, key2]);
    } else if (e.keyword === "required") {
      message = `${name} is missing the required property "${e.params.missingProperty}"`;
      location = pointer.length ? source.locateKey(pointer) : source.locate(pointer);
    } else if (e.keyword === "enum") {
      message = `${name} must be one of: ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
      location = source.locate(pointer);
    } else if (e.keyword === "anyOf" || e.keyword === "oneOf") {
      const title = e.parentSchema?.title;
      message = `${name} must be ${title ?? "one of the allowed forms"}`;
      location = source.locate(pointer);
    } else {
      message = `${name} ${e.message ?? "is invalid"}`;
      location = source.locate(pointer);
    }
    const key = `${formatLocation(location)} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ severity: "error", code: "SCHEMA_VIOLATION", message, location });
  }
  return out;
}
function displayPath(pointer) {
  return pointer.map((s, i) => typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`).join("");
}
function suggest(word, candidates) {
  let best;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== void 0 && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : "";
}
function distance(a, b) {
  let before = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}

// runtime/workspace/load.ts
import { readdirSync, readFileSync as readFileSync2, statSync } from "node:fs";
import { join as join2, relative, sep } from "node:path";

// runtime/core/clone.ts
var UNCLONEABLE = /* @__PURE__ */ Symbol("uncloneable");
function cloneValue(value) {
  const copy = cloneJson(value, /* @__PURE__ */ new Set());
  return copy === UNCLONEABLE ? structuredClone(value) : copy;
}
function cloneJson(v, seen) {
  if (v === null || typeof v !== "object") return typeof v === "function" || typeof v === "symbol" ? UNCLONEABLE : v;
  if (seen.has(v)) return UNCLONEABLE;
  seen.add(v);
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype || Object.keys(v).length !== v.length) return UNCLONEABLE;
    const out2 = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return UNCLONEABLE;
      const c = cloneJson(v[i], seen);
      if (c === UNCLONEABLE) return c;
      out2[i] = c;
    }
    return out2;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return UNCLONEABLE;
  const out = {};
  for (const k of Object.keys(v)) {
    if (k === "__proto__") return UNCLONEABLE;
    const c = cloneJson(v[k], seen);
    if (c === UNCLONEABLE) return c;
    out[k] = c;
  }
  return out;
}
function deepFreeze(value) {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const x of Object.values(v)) stack.push(x);
  }
  return value;
}

// runtime/engine/workspace.ts
import { EventEmitter } from "node:events";

// runtime/core/limits.ts
var DEFAULT_LIMITS = {
  callDepth: 20,
  instructionsPerRun: 1e4,
  runWallTimeMs: 3e4,
  repeatIterations: 1e4,
  expressionTimeMs: 1e3,
  valueBytes: 5 * 1024 * 1024,
  expressionItems: 1e5,
  eventsPerRun: 100,
  conversionThreads: 0,
  conversionTimeMs: 5e3,
  conversionInputChars: 4 * 1024 * 1024,
  argumentDepth: 64,
  sessionTtlMs: 36e5
};
var VALUE_DEPTH = 1e3;
function valueProblem(value, maxBytes, maxDepth = VALUE_DEPTH) {
  let total = 0;
  const stack = [value];
  const depths = [0];
  while (stack.length > 0) {
    const v = stack.pop();
    const depth = depths.pop();
    if (typeof v === "string") total += v.length + 2;
    else if (v === null || typeof v !== "object") total += 8;
    else if (Buffer.isBuffer(v)) total += v.length;
    else if (depth >= maxDepth) return "depth";
    else if (Array.isArray(v)) {
      total += 2;
      for (const x of v) {
        stack.push(x);
        depths.push(depth + 1);
      }
    } else {
      for (const k in v) {
        total += k.length + 4;
        stack.push(v[k]);
        depths.push(depth + 1);
      }
    }
    if (total > maxBytes) return "size";
  }
  return void 0;
}
function valueError(problem, what, limits, where) {
  return problem === "size" ? new DsulError("LIMIT_SIZE", { what, limit: limits.valueBytes }, where) : new DsulError("LIMIT_NESTING", { what, limit: VALUE_DEPTH, at: "", name: "the runtime's nesting limit" }, where);
}
function argumentDepthError(what, at, limits, where) {
  const data = { what, limit: limits.argumentDepth, at: at ? ` at ${at}` : "", name: "limits.argumentDepth" };
  return new DsulError("LIMIT_NESTING", data, where);
}
function sizeExceeds(value, max) {
  return valueProblem(value, max, Infinity) === "size";
}
function depthExceeds(value, max) {
  return nestsDeeper(value, max) ? deepPath(value, max) : void 0;
}
function nestsDeeper(value, max) {
  if (value === null || typeof value !== "object") return false;
  const stack = [value];
  const depths = [0];
  while (stack.length > 0) {
    const v = stack.pop();
    const depth = depths.pop();
    if (Buffer.isBuffer(v)) continue;
    if (depth >= max) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x === null || typeof x !== "object") continue;
        stack.push(x);
        depths.push(depth + 1);
      }
    } else {
      for (const k in v) {
        const x = v[k];
        if (x === null || typeof x !== "object") continue;
        stack.push(x);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
function deepPath(value, max) {
  const stack = [{ v: value, depth: 0, path: "" }];
  while (stack.length > 0) {
    const { v, depth, path: path2 } = stack.pop();
    if (v === null || typeof v !== "object" || Buffer.isBuffer(v)) continue;
    if (depth >= max) return path2;
    const step2 = (key) => depth >= 4 ? path2.endsWith("\u2026") ? path2 : path2 + "\u2026" : path2 + (typeof key === "number" ? `[${key}]` : `.${key}`);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, depth: depth + 1, path: step2(i) }));
    else for (const k in v) stack.push({ v: v[k], depth: depth + 1, path: step2(k) });
  }
  return void 0;
}

// runtime/core/redact.ts
var REDACTED = "[REDACTED]";
var MIN_LENGTH = 4;
var FEW = 32;
var Redactor = class {
  constructor(parent) {
    this.parent = parent;
  }
  parent;
  values = /* @__PURE__ */ new Set();
  pattern = null;
  /** Length of the shortest value: a shorter string cannot contain one (most strings of a page). */
  shortest = Infinity;
  add(value) {
    if (typeof value !== "string" || value.length < MIN_LENGTH) return;
    if (this.knows(value)) return;
    for (const form of encodedForms(value)) {
      this.values.add(form);
      if (form.length < this.shortest) this.shortest = form.length;
    }
    this.pattern = null;
  }
  /** Register every string found in a (secrets) object. */
  addAll(value) {
    if (typeof value === "string") this.add(value);
    else if (value && typeof value === "object") for (const v of Object.values(value)) this.addAll(v);
  }
  knows(value) {
    return this.values.has(value) || (this.parent?.knows(value) ?? false);
  }
  get size() {
    return this.values.size + (this.parent?.size ?? 0);
  }
  redact(text) {
    const re = text.length >= this.shortest && this.mayContain(text) ? this.regex() : null;
    let out = re ? text.replace(re, REDACTED) : text;
    if (this.parent) out = this.parent.redact(out);
    return out;
  }
  /** Redact every string inside a JSON-like value (returns a copy only where something changed). */
  redactDeep(value) {
    if (this.size === 0) return value;
    if (typeof value === "string") return this.redact(value);
    if (Array.isArray(value)) {
      let out;
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) {
          if (out) out.length = i + 1;
          continue;
        }
        const r = this.redactDeep(value[i]);
        if (r !== value[i] && !out) out = value.slice(0, i);
        if (out) out[i] = r;
      }
      return out ?? value;
    }
    if (value && typeof value === "object" && !Buffer.isBuffer(value)) {
      const keys = Object.keys(value);
      const src = value;
      let out;
      for (let i = 0; i < keys.length; i++) {
        const v = src[keys[i]];
        const r = this.redactDeep(v);
        if (r !== v && !out) {
          out = {};
          for (let j = 0; j < i; j++) out[keys[j]] = src[keys[j]];
        }
        if (out) out[keys[i]] = r;
      }
      return out ?? value;
    }
    return value;
  }
  /**
   * Whether a value occurs in the text. With few values, a scan per value is cheaper than the
   * regex, which a run's redactor would otherwise build for its own few credentials every time.
   */
  mayContain(text) {
    if (this.values.size > FEW) return true;
    for (const v of this.values) if (text.includes(v)) return true;
    return false;
  }
  regex() {
    if (this.values.size === 0) return null;
    if (!this.pattern) {
      const alts = [...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(alts.join("|"), "g");
    }
    return this.pattern;
  }
};
var FORMS_CACHED = 64;
var formsCache = /* @__PURE__ */ new Map();
function encodedForms(value) {
  let forms = formsCache.get(value);
  if (forms) return forms;
  forms = computeForms(value);
  if (formsCache.size >= FORMS_CACHED) formsCache.delete(formsCache.keys().next().value);
  formsCache.set(value, forms);
  return forms;
}
function computeForms(value) {
  const forms = /* @__PURE__ */ new Set([value]);
  const bytes = Buffer.from(value);
  const b64 = bytes.toString("base64");
  forms.add(b64);
  let end = b64.length;
  while (end > 0 && b64.charCodeAt(end - 1) === 61) end--;
  forms.add(b64.slice(0, end));
  forms.add(bytes.toString("base64url"));
  const uri = encodeURIComponent(value);
  forms.add(uri);
  forms.add(formEncode(uri));
  forms.add(JSON.stringify(value).slice(1, -1));
  return [...forms].filter((f) => f.length >= MIN_LENGTH);
}
function formEncode(uri) {
  if (!FORM_DIFFERS.test(uri)) return uri;
  return uri.replace(/%20/g, "+").replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
var FORM_DIFFERS = /%20|[!'()~]/;
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// runtime/core/run-context.ts
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";

// runtime/core/paths.ts
var IDENT = /[A-Za-z_$][\w$-]*/y;
function parsePath(src) {
  const text = src.trim();
  const out = [];
  let i = 0;
  const ident = () => {
    IDENT.lastIndex = i;
    const m = IDENT.exec(text);
    if (!m) throw new Error(`expected a name at character ${i + 1}`);
    i = IDENT.lastIndex;
    return m[0];
  };
  if (text === "") throw new Error("the path is empty");
  out.push(ident());
  while (i < text.length) {
    const c = text[i];
    if (c === ".") {
      i++;
      out.push(ident());
      continue;
    }
    if (c !== "[") throw new Error(`unexpected "${c}" at character ${i + 1}`);
    i++;
    const q = text[i];
    if (q === '"' || q === "'") {
      const end = text.indexOf(q, i + 1);
      if (end < 0) throw new Error("unterminated quoted key");
      out.push(text.slice(i + 1, end));
      i = end + 1;
    } else {
      const m = /^\d+/.exec(text.slice(i));
      if (!m) throw new Error(`expected an index or a quoted key at character ${i + 1}`);
      out.push(Number(m[0]));
      i += m[0].length;
    }
    if (text[i] !== "]") throw new Error(`expected "]" at character ${i + 1}`);
    i++;
  }
  return out;
}
function getPath(root, segments, from = 0) {
  let cur = root;
  for (let k = from; k < segments.length; k++) {
    if (cur === null || typeof cur !== "object") return void 0;
    const key = segments[k];
    cur = Object.hasOwn(cur, key) ? cur[key] : void 0;
  }
  return cur;
}
var FORBIDDEN = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
function setPath(root, segments, update) {
  let cur = root;
  for (let k = 0; k < segments.length; k++) {
    const key = segments[k];
    if (typeof key === "string" && FORBIDDEN.has(key)) throw new Error(`"${key}" cannot be used as a key`);
    if (k === segments.length - 1) {
      const next = update(cur[key]);
      if (next === void 0) deleteKey(cur, key);
      else cur[key] = next;
      return;
    }
    let child2 = cur[key];
    if (child2 === null || typeof child2 !== "object") {
      child2 = typeof segments[k + 1] === "number" ? [] : {};
      cur[key] = child2;
    } else if (Object.isFrozen(child2)) {
      child2 = Array.isArray(child2) ? [...child2] : { ...child2 };
      cur[key] = child2;
    }
    cur = child2;
  }
}
function deleteKey(container, key) {
  if (Array.isArray(container) && typeof key === "number") container.splice(key, 1);
  else delete container[key];
}
function formatPath(segments) {
  return segments.map(
    (s, k) => typeof s === "number" ? `[${s}]` : /^[A-Za-z_$][\w$-]*$/.test(s) ? k === 0 ? s : "." + s : `["${s}"]`
  ).join("");
}

// runtime/core/apply-patch.ts
function applyPatch(doc, patch, label = "") {
  const name = label + formatPath(patch.path);
  const combine = (prev) => combineValue(prev, patch, name);
  if (patch.path.length === 0) {
    const next = combine(doc);
    if (next === void 0) return {};
    if (next === null || typeof next !== "object" || Array.isArray(next)) {
      throw new DsulError("SET_TYPE_MISMATCH", { type: patch.type, name, detail: "a scope must stay an object" });
    }
    return next;
  }
  setPath(doc, patch.path, combine);
  return doc;
}
function combineValue(prev, patch, name) {
  const value = patch.value;
  switch (patch.type) {
    case "delete":
      return void 0;
    case "replace":
      return value;
    case "push": {
      if (prev === void 0 || prev === null) return [value];
      if (!Array.isArray(prev))
        throw new DsulError("SET_TYPE_MISMATCH", {
          type: "push",
          name,
          detail: `it holds ${typeName(prev)}, not an array`
        });
      if (Object.isFrozen(prev)) return [...prev, value];
      prev.push(value);
      return prev;
    }
    case "merge": {
      if (prev === void 0 || prev === null) return value;
      if (Array.isArray(prev)) return Array.isArray(value) ? [...prev, ...value] : [...prev, value];
      if (typeof prev === "object" && value !== null && typeof value === "object" && !Array.isArray(value))
        return { ...prev, ...value };
      throw new DsulError("SET_TYPE_MISMATCH", {
        type: "merge",
        name,
        detail: `cannot merge ${typeName(value)} into ${typeName(prev)}`
      });
    }
  }
}
function typeName(v) {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`;
}

// runtime/core/persisted-scope.ts
var PersistedScope = class _PersistedScope {
  /**
   * `ephemeral`: without an id the document lives for the run instead of refusing writes (a session).
   * `ttlMs`: the store deletes the document that long after its last write (a session's idle timeout).
   */
  constructor(store2, namespace, id, doc, extra = {}, ephemeral = false, ttlMs) {
    this.store = store2;
    this.namespace = namespace;
    this.id = id;
    this.extra = extra;
    this.ephemeral = ephemeral;
    this.ttlMs = ttlMs;
    this.doc = { ...doc, ...extra };
  }
  store;
  namespace;
  id;
  extra;
  ephemeral;
  ttlMs;
  doc;
  static async load(store2, namespace, id, extra, ephemeral = false, ttlMs) {
    const doc = id === void 0 ? {} : await store2.getDoc(namespace, id);
    return new _PersistedScope(store2, namespace, id, doc, extra, ephemeral, ttlMs);
  }
  get value() {
    return this.doc;
  }
  /** Read the document again (after taking a lock, to see what the previous holder wrote). */
  async reload() {
    if (this.id !== void 0) this.doc = { ...await this.store.getDoc(this.namespace, this.id), ...this.extra };
  }
  async patch(scopeName, path2, type2, value) {
    const name = formatPath([scopeName, ...path2]);
    const action2 = type2 === "delete" ? "delete" : "set";
    if (this.id === void 0 && !this.ephemeral) throw new DsulError("SCOPE_NO_USER", { action: action2, name });
    if (path2.length === 0 || Object.hasOwn(this.extra, path2[0])) {
      throw new DsulError("SCOPE_READ_ONLY", {
        action: action2,
        name,
        reason: path2.length === 0 ? `the ${scopeName} scope itself cannot be replaced; set a key inside it` : `${formatPath([scopeName, path2[0]])} is the caller's identity and is read-only`
      });
    }
    const next = this.id === void 0 ? applyPatch(structuredClone(this.doc), { type: type2, path: path2, value }, scopeName + ".") : await this.store.patchDoc(this.namespace, this.id, { type: type2, path: path2, value }, this.ttlMs);
    this.doc = { ...next, ...this.extra };
  }
};

// runtime/core/run-context.ts
var RunContext = class _RunContext {
  constructor(host, options) {
    this.host = host;
    this.sessionFields = options.sessionFields;
    this.limits = host.limits;
    this.deadline = this.startedAt + host.limits.runWallTimeMs;
    this.redactor = new Redactor(host.redactor);
    this.identity = options.identity ?? {};
    this.trace = options.trace;
    this.trigger = options.trigger ?? { type: "automation" };
    this.correlationId = options.correlationId ?? this.id;
    this.config = host.config;
    this.secret = host.secret;
    this.store = host.store;
    this.timer = setTimeout(() => this.controller.abort(new Error("run wall time exceeded")), host.limits.runWallTimeMs);
    this.timer.unref();
    this.signal = this.controller.signal;
    setMaxListeners(0, this.signal);
    this.cancellation = options.cancellation;
    this.cancellation?.listen((reason2) => this.cancel(reason2));
    const external = options.signal;
    if (external?.aborted) this.cancel("the caller aborted");
    else external?.addEventListener("abort", () => this.cancel("the caller aborted"), { once: true });
  }
  host;
  id = randomUUID();
  correlationId;
  startedAt = Date.now();
  deadline;
  limits;
  redactor;
  identity;
  trace;
  trigger;
  config;
  secret;
  store;
  /** Aborted when the wall time is up or the caller gives up; fetch and wait listen to it. */
  signal;
  /** Set when the caller cancelled the run (`cancel`): the abort is then RUN_CANCELLED, not LIMIT_WALL_TIME. */
  cancelled;
  instructions = 0;
  events = 0;
  /**
   * The sequence number of the last event this run emitted or waited for (0: none yet). A `wait`
   * after an `emit` also matches a later event that arrived before it was registered (engine.ts).
   */
  eventCursor = 0;
  /** The `run.*` keys automations set: shared by every automation of the run. */
  shared = {};
  /** Bumped on every variable write; scopes use it to invalidate their cached JSONata input. */
  generation = 0;
  /**
   * The output an automation of this run returned last, already held to limits.valueBytes and the
   * nesting limit (engine/workspace.ts): its caller stores it without walking it again (runner.ts).
   * Cleared as every instruction starts and at every variable write (scopes.ts), so it only ever names
   * the output of the call just made, unchanged since it was checked.
   */
  checkedOutput = void 0;
  timer;
  controller = new AbortController();
  persisted;
  loading;
  sessionFields;
  cancellation;
  /** Stop the run: what it is waiting for is aborted, and the runner refuses its next instruction. */
  cancel(reason2) {
    if (this.signal.aborted) return;
    this.cancelled = reason2;
    this.controller.abort(new DsulError("RUN_CANCELLED", { reason: reason2 }));
  }
  /** The error for an aborted run: RUN_CANCELLED when its caller gave up, else LIMIT_WALL_TIME. */
  abortError(slug, location) {
    if (this.cancelled !== void 0)
      return new DsulError("RUN_CANCELLED", { reason: this.cancelled }, { location, slug });
    return new DsulError("LIMIT_WALL_TIME", { limit: this.limits.runWallTimeMs, slug }, { location, slug });
  }
  static async create(host, options = {}) {
    return new _RunContext(host, options);
  }
  /**
   * Read `user`, `global` and `session` from the store, once per run: the engine calls it before an automation
   * that may use them (runtime/engine/persisted-reads.ts), so a run that never does costs no store read.
   */
  loadPersisted() {
    if (this.persisted) return Promise.resolve();
    const userId = this.identity.userId;
    const sessionId = this.identity.sessionId ?? this.identity.contextId;
    const slug = this.host.slug;
    this.loading ??= Promise.all([
      PersistedScope.load(this.store, `${slug}:user`, userId, { id: userId }),
      PersistedScope.load(this.store, `${slug}:global`, "global"),
      PersistedScope.load(
        this.store,
        `${slug}:session`,
        sessionId,
        { ...this.sessionFields, id: sessionId },
        true,
        this.limits.sessionTtlMs
      )
    ]).then(([user, global, session]) => {
      this.persisted = { user, global, session };
    });
    return this.loading;
  }
  get persistedLoaded() {
    return this.persisted !== void 0;
  }
  get user() {
    return this.loaded().user;
  }
  get global() {
    return this.loaded().global;
  }
  get session() {
    return this.loaded().session;
  }
  loaded() {
    if (!this.persisted) throw new Error("the user, global and session scopes were read before they were loaded");
    return this.persisted;
  }
  remainingMs() {
    return Math.max(0, this.deadline - Date.now());
  }
  /** When the run started, as ISO 8601 (`run.date`): formatted once, for every automation of the run. */
  get date() {
    return this.startedIso ??= new Date(this.startedAt).toISOString();
  }
  startedIso;
  finish() {
    clearTimeout(this.timer);
    this.cancellation?.listen(void 0);
  }
};

// runtime/expressions/index.ts
import jsonata2 from "jsonata";

// runtime/expressions/const.ts
var PURE_BUILTINS = new Set(
  "string length substring substringBefore substringAfter uppercase lowercase trim pad contains split join replace match number abs floor ceil round sum max min average count exists not boolean keys lookup append reverse distinct type base64encode base64decode encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl merge spread zip formatNumber formatBase parseInteger".split(" ")
);
var PURE_HOST = /* @__PURE__ */ new Set(["not", "sha256", "markdown", "encodeQuery"]);
var PLAIN = /* @__PURE__ */ new Set([
  "path",
  "name",
  "string",
  "number",
  "value",
  "regex",
  "binary",
  "unary",
  "condition",
  "function",
  "block"
]);
function constantRoots(ast, host) {
  const roots = /* @__PURE__ */ new Set();
  const functions = /* @__PURE__ */ new Set();
  let ok = true;
  const walk2 = (v, inFunction) => {
    if (!ok || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) walk2(x, false);
      return;
    }
    const n = v;
    if (typeof n.type === "string") {
      if (n.type === "variable") {
        const name = n.value;
        if (!inFunction || !(host.has(name) ? PURE_HOST.has(name) : PURE_BUILTINS.has(name))) ok = false;
        functions.add(name);
        return;
      }
      if (!PLAIN.has(n.type)) {
        ok = false;
        return;
      }
      if (n.type === "path") {
        const head2 = n.steps?.[0];
        if (head2?.type === "name") {
          if (head2.value !== "config" && head2.value !== "secret") {
            ok = false;
            return;
          }
          roots.add(head2.value);
        }
      }
    }
    for (const [k, x] of Object.entries(n)) walk2(x, k === "procedure");
  };
  walk2(ast, false);
  return ok && roots.size > 0 ? { roots: [...roots].sort(), functions: [...functions] } : void 0;
}
var ConstantCache = class {
  top = /* @__PURE__ */ new WeakMap();
  roots;
  shadows;
  constructor(c) {
    this.roots = c.roots;
    this.shadows = c.functions.map((f) => `$${f}`);
  }
  get(keys) {
    let map = this.top;
    for (let i = 0; i < keys.length - 1 && map; i++) map = map.get(keys[i]);
    const last = keys[keys.length - 1];
    return map?.has(last) ? { hit: true, value: map.get(last) } : { hit: false };
  }
  set(keys, value) {
    let map = this.top;
    for (let i = 0; i < keys.length - 1; i++) {
      let next = map.get(keys[i]);
      if (!next) map.set(keys[i], next = /* @__PURE__ */ new WeakMap());
      map = next;
    }
    map.set(keys[keys.length - 1], value);
  }
};
function isScalar(v) {
  return v === null || v === void 0 || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

// runtime/expressions/fast-values.ts
var BAIL = /* @__PURE__ */ Symbol("bail");
function isFunction(v) {
  if (typeof v === "function") return true;
  const o = v;
  return o !== null && typeof o === "object" && (o._jsonata_function === true || o._jsonata_lambda === true);
}
function checked(v) {
  return Array.isArray(v) && v.sequence === true ? BAIL : v;
}
function field(cur, key) {
  if (cur === BAIL || cur === void 0) return cur;
  if (Array.isArray(cur)) return BAIL;
  if (cur === null || typeof cur !== "object" || isFunction(cur) || !Object.hasOwn(cur, key)) return void 0;
  return checked(cur[key]);
}
function bool(v) {
  if (v === BAIL || v === void 0) return v;
  if (Array.isArray(v)) {
    if (v.length === 1) return bool(v[0]);
    let any = false;
    for (const x of v) {
      const b = bool(x);
      if (b === BAIL) return BAIL;
      if (b) any = true;
    }
    return any;
  }
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "number") return Number.isNaN(v) ? false : Number.isFinite(v) ? v !== 0 : BAIL;
  if (v !== null && typeof v === "object" && !isFunction(v)) return Object.keys(v).length > 0;
  return v === true;
}
function string(v) {
  if (typeof v === "string") return v;
  if (isFunction(v)) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return BAIL;
    return JSON.stringify(Number.isInteger(v) ? v : Number(v.toPrecision(15)));
  }
  if (typeof v === "boolean" || v === null) return JSON.stringify(v);
  return BAIL;
}
var FastRegex = class {
  constructor(re, engine) {
    this.re = re;
    this.engine = engine;
  }
  re;
  engine;
};
function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !isFunction(v) && !(v instanceof FastRegex);
}
function str(v) {
  return typeof v === "string" && v.length <= FAST_STRING_MAX ? v : BAIL;
}
var BUILTINS = {
  "exists/1": ([v]) => v !== void 0,
  "count/1": ([v]) => v === void 0 ? 0 : Array.isArray(v) ? v.length : 1,
  "boolean/1": ([v]) => bool(v),
  "string/1": ([v]) => v === void 0 ? void 0 : stringOf(v),
  "join/1": join,
  "join/2": join,
  "lookup/2": ([o, key]) => typeof key !== "string" ? BAIL : field(o, key),
  "type/1": ([v]) => type(v),
  "trim/1": ([v]) => v === void 0 ? void 0 : trim(v),
  "lowercase/1": ([v]) => v === void 0 ? void 0 : mapString(v, (x) => x.toLowerCase()),
  "uppercase/1": ([v]) => v === void 0 ? void 0 : mapString(v, (x) => x.toUpperCase()),
  "length/1": ([v]) => typeof v === "string" ? Array.from(v).length : BAIL,
  "substring/2": ([v, start2]) => substring(v, start2, void 0),
  "substring/3": ([v, start2, length]) => substring(v, start2, length),
  "replace/3": ([v, pattern, replacement]) => replace(v, pattern, replacement),
  "match/2": ([v, regex]) => match(v, regex),
  "merge/1": ([v]) => merge(v),
  "decodeUrlComponent/1": ([v]) => {
    if (v === void 0) return void 0;
    const s = str(v);
    if (s === BAIL) return BAIL;
    try {
      return decodeURIComponent(s);
    } catch {
      return BAIL;
    }
  }
};
function type(v) {
  if (v === void 0) return void 0;
  if (v === null) return "null";
  if (typeof v === "number") return Number.isFinite(v) ? "number" : BAIL;
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (Array.isArray(v)) return "array";
  if (isFunction(v) || v instanceof FastRegex) return BAIL;
  return typeof v === "object" ? "object" : BAIL;
}
function stringOf(v) {
  if (v === null || typeof v !== "object" || isFunction(v)) return string(v);
  if (v instanceof FastRegex) return BAIL;
  let failed = false;
  const out = JSON.stringify(v, (_key, val) => {
    if (typeof val === "number") {
      if (Number.isNaN(val)) return val;
      if (!Number.isFinite(val)) {
        failed = true;
        return null;
      }
      return Number.isInteger(val) ? val : Number(val.toPrecision(15));
    }
    if (typeof val === "bigint" || val instanceof FastRegex) {
      failed = true;
      return null;
    }
    return val && isFunction(val) ? "" : val;
  });
  return failed || typeof out !== "string" || out.length > FAST_STRING_MAX ? BAIL : out;
}
function mapString(v, f) {
  const s = str(v);
  return s === BAIL ? BAIL : f(s);
}
function trim(v) {
  const s = str(v);
  if (s === BAIL) return BAIL;
  let result = s.replace(/[ \t\n\r]+/gm, " ");
  if (result.charAt(0) === " ") result = result.substring(1);
  if (result.charAt(result.length - 1) === " ") result = result.substring(0, result.length - 1);
  return result;
}
function substring(v, start2, length) {
  if (!Number.isInteger(start2) || length !== void 0 && !Number.isInteger(length)) return BAIL;
  if (v === void 0) return void 0;
  const s = str(v);
  if (s === BAIL) return BAIL;
  const chars = Array.from(s);
  let from = start2;
  if (chars.length + from < 0) from = 0;
  if (length !== void 0) {
    if (length <= 0) return "";
    const end = from >= 0 ? from + length : chars.length + from + length;
    return chars.slice(from, end).join("");
  }
  return chars.slice(from).join("");
}
function replace(v, pattern, replacement) {
  const patternOk = typeof pattern === "string" && pattern !== "" || pattern instanceof FastRegex;
  if (!patternOk || typeof replacement !== "string") return BAIL;
  if (v === void 0) return void 0;
  const s = str(v);
  if (s === BAIL) return BAIL;
  if (pattern instanceof FastRegex) return replaceRegex(s, pattern, replacement);
  let at = s.indexOf(pattern);
  if (at === -1) return s;
  let count = 0;
  for (; at !== -1; at = s.indexOf(pattern, at + pattern.length)) count++;
  if (s.length + count * (replacement.length - pattern.length) > FAST_STRING_MAX) return BAIL;
  return s.split(pattern).join(replacement);
}
function replaceRegex(s, pattern, replacement) {
  const re = new pattern.engine(pattern.re);
  re.lastIndex = 0;
  let m = re.exec(s);
  let result = "";
  let position = 0;
  while (m !== null) {
    const groups = m.slice(1);
    result += s.substring(position, m.index) + substitute(replacement, m[0], groups);
    if (result.length > FAST_STRING_MAX) return BAIL;
    position = m.index + m[0].length;
    if (re.lastIndex >= s.length) break;
    m = re.exec(s);
    if (m !== null && m[0] === "") return BAIL;
  }
  return result + s.substring(position);
}
function substitute(replacement, matched, groups) {
  let out = "";
  let position = 0;
  let index = replacement.indexOf("$", position);
  while (index !== -1 && position < replacement.length) {
    out += replacement.substring(position, index);
    position = index + 1;
    const dollar = replacement.charAt(position);
    if (dollar === "$") {
      out += "$";
      position++;
    } else if (dollar === "0") {
      out += matched;
      position++;
    } else {
      const maxDigits = groups.length === 0 ? 1 : Math.floor(Math.log(groups.length) * Math.LOG10E) + 1;
      let n = parseInt(replacement.substring(position, position + maxDigits), 10);
      if (maxDigits > 1 && n > groups.length) {
        n = parseInt(replacement.substring(position, position + maxDigits - 1), 10);
      }
      if (!Number.isNaN(n)) {
        if (groups.length > 0) {
          const sub = groups[n - 1];
          if (sub !== void 0) out += sub;
        }
        position += n.toString().length;
      } else {
        out += "$";
      }
    }
    index = replacement.indexOf("$", position);
  }
  return out + replacement.substring(position);
}
function match(v, regex) {
  if (!(regex instanceof FastRegex)) return BAIL;
  if (v === void 0) return void 0;
  const s = str(v);
  if (s === BAIL) return BAIL;
  const re = new regex.engine(regex.re);
  re.lastIndex = 0;
  const m = re.exec(s);
  if (m === null) return void 0;
  if (m[0] === "") return BAIL;
  const groups = [];
  for (let i = 1; i < m.length; i++) {
    if (typeof m[i] !== "string") return BAIL;
    groups.push(m[i]);
  }
  if (re.lastIndex < s.length && re.exec(s) !== null) return BAIL;
  return { match: m[0], index: m.index, groups };
}
function merge(v) {
  if (v === void 0) return void 0;
  const items = Array.isArray(v) ? v : [v];
  const result = /* @__PURE__ */ Object.create(null);
  for (const o of items) {
    if (!isObject(o)) return BAIL;
    for (const key of Object.keys(o)) result[key] = o[key];
  }
  return result;
}
var FAST_STRING_MAX = 1024 * 1024;
function join([v, sep2]) {
  if (sep2 !== void 0 && typeof sep2 !== "string") return BAIL;
  if (v === void 0) return void 0;
  if (typeof v === "string") return v;
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return BAIL;
  let total = (sep2?.length ?? 0) * Math.max(0, v.length - 1);
  for (const x of v) total += x.length;
  return total > FAST_STRING_MAX ? BAIL : v.join(sep2 ?? "");
}
function builtin(name, arity) {
  return BUILTINS[`${name}/${arity}`];
}

// runtime/expressions/fast.ts
var ROOT = /* @__PURE__ */ Symbol("root");
var LAMBDA = Object.freeze({ _jsonata_lambda: true });
var Locals = class {
  constructor(parent) {
    this.parent = parent;
  }
  parent;
  bound = /* @__PURE__ */ new Map();
  bind(key, value) {
    this.bound.set(key, value);
  }
  // As jsonata 2.2's frame: a binding holding undefined still shadows the enclosing ones.
  has(key) {
    return this.bound.has(key) || this.parent.has(key);
  }
  lookup(key) {
    return this.bound.has(key) ? this.bound.get(key) : this.parent.lookup(key);
  }
  view() {
    return this.parent.view();
  }
};
var KEYS = {
  string: /* @__PURE__ */ new Set(["type", "value", "position"]),
  number: /* @__PURE__ */ new Set(["type", "value", "position"]),
  value: /* @__PURE__ */ new Set(["type", "value", "position"]),
  name: /* @__PURE__ */ new Set(["type", "value", "position"]),
  variable: /* @__PURE__ */ new Set(["type", "value", "position"]),
  path: /* @__PURE__ */ new Set(["type", "steps"]),
  binary: /* @__PURE__ */ new Set(["type", "value", "position", "lhs", "rhs"]),
  bind: /* @__PURE__ */ new Set(["type", "value", "position", "lhs", "rhs"]),
  regex: /* @__PURE__ */ new Set(["type", "value", "position"]),
  unary: /* @__PURE__ */ new Set(["type", "value", "position", "expressions", "expression", "lhs"]),
  condition: /* @__PURE__ */ new Set(["type", "position", "condition", "then", "else"]),
  function: /* @__PURE__ */ new Set(["type", "value", "position", "arguments", "procedure"]),
  block: /* @__PURE__ */ new Set(["type", "position", "expressions"])
};
var STUB = () => BAIL;
function compileFast(ast, host, shadowed) {
  const c = (node) => compile(node) ?? STUB;
  const compile = (n) => {
    if (!isNode(n)) return void 0;
    switch (n.type) {
      case "string":
      case "number":
      case "value": {
        const v = n.value;
        return () => v;
      }
      case "path":
        return isMapping(n) ? void 0 : path(n.steps, c);
      case "variable":
        return variable(n.value);
      case "binary":
        return binary(n.value, c(n.lhs), c(n.rhs));
      case "unary":
        return unary(n, c);
      case "condition":
        return condition(c(n.condition), c(n.then), n.else === void 0 ? () => void 0 : c(n.else));
      case "block":
        return block(n.expressions.map(c), bindsIn(n));
      case "function":
        return call(n, c, host, shadowed);
      case "bind":
        return bind(n, c);
      case "regex": {
        const engine = host.regexEngine;
        const re = n.value;
        return engine && re instanceof RegExp ? () => new FastRegex(re, engine) : void 0;
      }
    }
    return void 0;
  };
  const root = isLambda(ast) ? void 0 : compile(ast);
  if (!root) return void 0;
  return (s) => {
    const v = root(s, ROOT);
    return v === LAMBDA || v instanceof FastRegex ? BAIL : v;
  };
}
function isLambda(n) {
  return n !== null && typeof n === "object" && n.type === "lambda";
}
function bind(n, c) {
  const lhs = n.lhs;
  if (!isNode(lhs) || lhs.type !== "variable" || typeof lhs.value !== "string" || lhs.value === "") return void 0;
  const key = `$${lhs.value}`;
  const rhs = isLambda(n.rhs) ? () => LAMBDA : c(n.rhs);
  return (s, ctx) => {
    if (!(s instanceof Locals)) return BAIL;
    const v = rhs(s, ctx);
    if (v === BAIL || Array.isArray(v)) return BAIL;
    s.bind(key, v);
    return v;
  };
}
function bindsIn(n) {
  const stack = [n.expressions];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || typeof x !== "object" || x instanceof RegExp) continue;
    if (x.type === "bind") return true;
    for (const v of Object.values(x)) stack.push(v);
  }
  return false;
}
function isNode(node) {
  if (node === null || typeof node !== "object") return false;
  const keys = KEYS[node.type];
  if (!keys) return false;
  for (const [k, v] of Object.entries(node))
    if (!keys.has(k) && (v !== void 0 || k === "predicate" || k === "group")) return false;
  return true;
}
function variable(name) {
  if (name === "$") return (s) => s.view();
  if (name === "") return (s, ctx) => ctx === ROOT ? s.view() : ctx;
  const key = `$${name}`;
  return (s) => {
    if (!s.has(key)) return BAIL;
    const v = s.lookup(key);
    return v === LAMBDA ? BAIL : checked(v);
  };
}
function head(s, ctx, name) {
  return ctx === ROOT ? checked(s.lookup(name)) : field(ctx, name);
}
function indexOf(step2) {
  const stages = step2.stages;
  if (stages === void 0) return void 0;
  if (!Array.isArray(stages) || stages.length !== 1) return -1;
  const f = stages[0];
  const keys = Object.keys(f).filter((k) => f[k] !== void 0);
  if (f.type !== "filter" || keys.some((k) => k !== "type" && k !== "expr" && k !== "position")) return -1;
  const e = f.expr;
  if (!isNode(e) || e.type !== "number" || !Number.isInteger(e.value) || e.value < 0) return -1;
  return e.value;
}
function isNameStep(step2) {
  if (step2 === null || typeof step2 !== "object" || step2.type !== "name") return false;
  const { stages, ...rest } = step2;
  if (!isNode(rest) || typeof rest.value !== "string" || rest.value === "__proto__") return false;
  return stages === void 0 || indexOf(step2) >= 0;
}
function pick(v, index) {
  if (v === BAIL || v === void 0) return v;
  if (!Array.isArray(v)) return index === 0 ? v : void 0;
  for (let i = 0; i < v.length; i++) if (!(i in v) || v[i] === void 0 || Array.isArray(v[i])) return BAIL;
  return v[index];
}
function path(steps, c) {
  if (!Array.isArray(steps) || steps.length === 0) return void 0;
  for (const [i, step2] of steps.entries()) {
    if (isNameStep(step2)) continue;
    if (i === 0 && isNode(step2) && step2.type === "variable") continue;
    if (i === 0 && c && steps.length > 1 && isNode(step2) && step2.type === "function") continue;
    return void 0;
  }
  const names = steps.map((s) => s.value);
  const indexes = steps.map((s) => s.type === "name" ? indexOf(s) : void 0);
  const first = steps[0];
  let start2;
  let from;
  if (first.type === "name") {
    const i0 = indexes[0];
    start2 = i0 === void 0 ? (s, ctx) => head(s, ctx, names[0]) : (s, ctx) => pick(head(s, ctx, names[0]), i0);
    from = 1;
  } else if (first.type === "function") {
    start2 = c(first);
    from = 1;
  } else if ((first.value === "" || first.value === "$") && steps.length > 1) {
    const root = first.value === "$";
    const i1 = indexes[1];
    start2 = i1 === void 0 ? (s, ctx) => head(s, root ? ROOT : ctx, names[1]) : (s, ctx) => pick(head(s, root ? ROOT : ctx, names[1]), i1);
    from = 2;
  } else {
    start2 = variable(first.value);
    from = 1;
  }
  const rest = names.slice(from);
  const restIndexes = indexes.slice(from);
  if (rest.length === 0) return start2;
  const last = rest.length - 1;
  return (s, ctx) => {
    let cur = start2(s, ctx);
    for (let i = 0; i < rest.length; i++) cur = step(cur, rest[i], restIndexes[i], i === last);
    return cur;
  };
}
function step(cur, key, index, lastStep) {
  if (!Array.isArray(cur)) {
    const v = field(cur, key);
    return index === void 0 ? v : pick(v, index);
  }
  if (cur.cons) return BAIL;
  const results = [];
  for (let i = 0; i < cur.length; i++) {
    if (!(i in cur)) return BAIL;
    const item = cur[i];
    if (Array.isArray(item)) return BAIL;
    let v = field(item, key);
    if (index !== void 0) v = pick(v, index);
    if (v === BAIL) return BAIL;
    if (v !== void 0) results.push(v);
  }
  if (lastStep && results.length === 1 && Array.isArray(results[0])) return results[0];
  const out = [];
  for (const r of results) {
    if (!Array.isArray(r)) {
      out.push(r);
      continue;
    }
    for (let i = 0; i < r.length; i++) {
      if (!(i in r)) return BAIL;
      out.push(r[i]);
    }
  }
  return out.length === 0 ? void 0 : out.length === 1 ? out[0] : out;
}
function isMapping(n) {
  const steps = n.steps;
  const last = Array.isArray(steps) && steps.length > 1 ? steps[steps.length - 1] : void 0;
  return last?.type === "block" || last?.type === "unary" && last.value === "{";
}
function mapping(n, c) {
  const steps = n.steps;
  const last = steps[steps.length - 1];
  const prefix = path(steps.slice(0, -1));
  if (!prefix || !isNode(last)) return void 0;
  const body = last.type === "block" ? block(last.expressions.map(c), bindsIn(last)) : c(last);
  if (!body || body === STUB) return void 0;
  return (s, ctx) => {
    const v = prefix(s, ctx);
    if (v === BAIL) return BAIL;
    if (v === void 0) return [];
    if (Array.isArray(v) && v.cons) return BAIL;
    const items = Array.isArray(v) ? v : [v];
    const out = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!(i in items) || item === void 0 || Array.isArray(item)) return BAIL;
      const r = body(s, item);
      if (r === BAIL || Array.isArray(r)) return BAIL;
      if (r !== void 0) out.push(r);
    }
    return out;
  };
}
function binary(op, lhs, rhs) {
  switch (op) {
    case "and":
    case "or":
      return (s, ctx) => {
        const l = bool(lhs(s, ctx));
        if (l === BAIL) return BAIL;
        if (op === "and" !== (l === true)) return l === true;
        const r = bool(rhs(s, ctx));
        return r === BAIL ? BAIL : r === true;
      };
    case "=":
    case "!=":
      return (s, ctx) => {
        const l = lhs(s, ctx);
        const r = rhs(s, ctx);
        if (l === BAIL || r === BAIL) return BAIL;
        if (l === void 0 || r === void 0) return false;
        if (l === r) return op === "=";
        if (typeof l === "object" && l !== null && typeof r === "object" && r !== null) return BAIL;
        return op === "!=";
      };
    case "<":
    case "<=":
    case ">":
    case ">=":
      return (s, ctx) => {
        const l = lhs(s, ctx);
        const r = rhs(s, ctx);
        if (l === BAIL || r === BAIL) return BAIL;
        const lt = typeof l;
        const rt = typeof r;
        if (!(lt === "undefined" || lt === "string" || lt === "number") || !(rt === "undefined" || rt === "string" || rt === "number"))
          return BAIL;
        if (lt === "undefined" || rt === "undefined") return void 0;
        if (lt !== rt) return BAIL;
        const a = l;
        const b = r;
        return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
      };
    case "&":
      return (s, ctx) => {
        const l = lhs(s, ctx);
        const r = rhs(s, ctx);
        if (l === BAIL || r === BAIL) return BAIL;
        const ls = l === void 0 ? "" : string(l);
        const rs = r === void 0 ? "" : string(r);
        if (ls === BAIL || rs === BAIL || ls.length + rs.length > FAST_STRING_MAX) return BAIL;
        return ls.concat(rs);
      };
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
      return (s, ctx) => {
        const l = lhs(s, ctx);
        const r = rhs(s, ctx);
        if (l === BAIL || r === BAIL) return BAIL;
        if (l !== void 0 && !Number.isFinite(l) || r !== void 0 && !Number.isFinite(r)) return BAIL;
        if (l === void 0 || r === void 0) return void 0;
        const a = l;
        const b = r;
        const v = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "/" ? a / b : a % b;
        return Number.isFinite(v) ? v : BAIL;
      };
    case "in":
      return (s, ctx) => {
        const l = lhs(s, ctx);
        const r = rhs(s, ctx);
        if (l === BAIL || r === BAIL) return BAIL;
        if (l === void 0 || r === void 0) return false;
        return (Array.isArray(r) ? r : [r]).some((x) => x === l);
      };
  }
  return void 0;
}
function unary(n, c) {
  if (n.value === "-") {
    const e = c(n.expression);
    return (s, ctx) => {
      const v = e(s, ctx);
      if (v === void 0 || v === BAIL) return v;
      return typeof v === "number" && Number.isFinite(v) ? -v : BAIL;
    };
  }
  if (n.value === "{") return object(n, c);
  if (n.value !== "[" || !Array.isArray(n.expressions)) return void 0;
  const items = n.expressions.map((item) => {
    const many = isNode(item) && item.type === "path" && isMapping(item) ? mapping(item, c) : void 0;
    return { nested: item?.value === "[", e: many ? void 0 : c(item), many };
  });
  if (items.some((i) => !i.e && !i.many)) return void 0;
  return (s, ctx) => {
    let out = [];
    for (const { nested, e, many } of items) {
      if (many) {
        const vs = many(s, ctx);
        if (vs === BAIL) return BAIL;
        for (const v2 of vs) out.push(v2);
        continue;
      }
      const v = e(s, ctx);
      if (v === BAIL) return BAIL;
      if (v === void 0) continue;
      if (nested) out.push(v);
      else out = out.concat(Array.isArray(v) ? v : [v]);
    }
    return out;
  };
}
function object(n, c) {
  const pairs = n.lhs;
  if (!Array.isArray(pairs) || n.expressions !== void 0 || n.expression !== void 0) return void 0;
  if (!pairs.every((p) => Array.isArray(p) && p.length === 2)) return void 0;
  const compiled2 = pairs.map(([k, v]) => [c(k), c(v)]);
  return (s, ctx) => {
    if (Array.isArray(ctx)) return BAIL;
    const result = /* @__PURE__ */ Object.create(null);
    const seen = /* @__PURE__ */ new Set();
    const values = [];
    for (const [key, value] of compiled2) {
      const k = key(s, ctx);
      if (k === BAIL) return BAIL;
      if (k === void 0) continue;
      if (typeof k !== "string" || k === "_jsonata_lambda" || k === "_jsonata_function" || seen.has(k)) return BAIL;
      seen.add(k);
      values.push([k, value]);
    }
    for (const [k, value] of values) {
      const v = value(s, ctx);
      if (v === BAIL || v === LAMBDA || v instanceof FastRegex) return BAIL;
      if (v !== void 0) result[k] = v;
    }
    return result;
  };
}
function condition(test, then, otherwise) {
  return (s, ctx) => {
    const b = bool(test(s, ctx));
    return b === BAIL ? BAIL : b === true ? then(s, ctx) : otherwise(s, ctx);
  };
}
function block(items, binds = false) {
  if (items.length === 0) return void 0;
  if (items.length === 1 && !binds) return items[0];
  return (s, ctx) => {
    const frame = binds ? new Locals(s) : s;
    let v;
    for (const e of items) if ((v = e(frame, ctx)) === BAIL) return BAIL;
    return v;
  };
}
function call(n, c, host, shadowed) {
  const proc = n.procedure;
  if (!isNode(proc) || proc.type !== "variable" || !Array.isArray(n.arguments)) return void 0;
  const name = proc.value;
  const args = n.arguments.map(c);
  let impl;
  const hosted = host.functions?.[name];
  if (name === "not" && host.not && args.length === 1) {
    const not = host.not;
    impl = ([v]) => {
      try {
        return not(v);
      } catch {
        return BAIL;
      }
    };
  } else if (hosted) {
    impl = hostCall(hosted, args.length, host.focus);
  } else if (!shadowed.has(name)) {
    impl = builtin(name, args.length);
  }
  if (!impl) return void 0;
  const local = `$${name}`;
  return (s, ctx) => {
    if (s.has(local)) return BAIL;
    const values = [];
    for (const a of args) {
      const v = a(s, ctx);
      if (v === BAIL || isFunction(v)) return BAIL;
      values.push(v);
    }
    return impl(values);
  };
}
function hostCall(fn, arity, focus) {
  const m = /^<([a-z?-]*):[a-z]*>$/.exec(fn.signature);
  if (!m) return void 0;
  const params = [...m[1].matchAll(/([a-z])([?-]?)/g)].map(([, type2, flag]) => ({ type: type2, optional: flag === "?" }));
  if (arity > params.length || params.slice(arity).some((p) => !p.optional)) return void 0;
  if (params.some((p) => !"snbox".includes(p.type))) return void 0;
  const types = params.slice(0, arity).map((p) => p.type);
  return (values) => {
    for (let i = 0; i < values.length; i++) if (!ofType(values[i], types[i])) return BAIL;
    if (fn.accepts && !fn.accepts(values)) return BAIL;
    const out = fn.impl.apply(focus, values);
    return out instanceof Promise || out === BAIL ? BAIL : out;
  };
}
function ofType(v, type2) {
  if (v === void 0) return true;
  if (v instanceof FastRegex || v === LAMBDA || isFunction(v)) return false;
  switch (type2) {
    case "s":
      return typeof v === "string";
    case "n":
      return typeof v === "number" && Number.isFinite(v);
    case "b":
      return typeof v === "boolean";
    case "o":
      return v !== null && typeof v === "object" && !Array.isArray(v);
    case "x":
      return true;
  }
  return false;
}

// runtime/host/functions/bounded.ts
import jsonata from "jsonata";
var WRAPPED = [
  "pad",
  "join",
  "string",
  "replace",
  "split",
  "match",
  "contains",
  "distinct",
  "length",
  "substring",
  "substringBefore",
  "substringAfter",
  "lowercase",
  "uppercase",
  "trim",
  "base64encode",
  "base64decode",
  "encodeUrl",
  "encodeUrlComponent",
  "decodeUrl",
  "decodeUrlComponent"
];
var builtins = jsonata(
  `{${WRAPPED.map((n) => `"${n}": $${n}`).join(", ")}}`
).evaluate({});
var DEFAULT_BOUNDS = { valueBytes: 5 * 1024 * 1024, expressionItems: 1e5 };
function boundsOf(focus) {
  return focus?.options?.bounds ?? DEFAULT_BOUNDS;
}
function tooLarge(fn, limit) {
  return new DsulError("LIMIT_SIZE", { what: `the result of $${fn}`, limit });
}
function tooMany(fn, count, limit) {
  return new DsulError("LIMIT_ITEMS", { what: `$${fn}`, count, limit });
}
function checkInput(fn, s, bounds) {
  if (typeof s === "string" && s.length > bounds.valueBytes) {
    throw new DsulError("LIMIT_SIZE", { what: `the string given to $${fn}`, limit: bounds.valueBytes });
  }
}
function checkOutput(fn, v, bounds) {
  if (typeof v === "string" && v.length > bounds.valueBytes) throw tooLarge(fn, bounds.valueBytes);
  if (Array.isArray(v) && v.length > bounds.expressionItems) throw tooMany(fn, v.length, bounds.expressionItems);
  return v;
}
function jsonExceeds(value, max, indent = 0) {
  let total = 0;
  const stack = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop();
    total += indent * depth + (indent > 0 ? 1 : 0);
    if (typeof v === "string") total += v.length + 2;
    else if (v === null || typeof v !== "object") total += 24;
    else if (Array.isArray(v)) {
      total += 2;
      for (const x of v) stack.push([x, depth + 1]);
    } else {
      for (const k in v) {
        total += k.length + 4;
        stack.push([v[k], depth + 1]);
      }
    }
    if (total > max) return true;
  }
  return false;
}
function countingMatcher(matcher, onMatch) {
  const wrap = (m) => function(...args) {
    const r = m.apply(this, args);
    const seen = (found) => {
      const f = found;
      if (f && typeof f === "object" && typeof f.start === "number" && typeof f.match === "string") {
        onMatch(f);
        if (f.next) return { ...f, next: wrap(f.next) };
      }
      return found;
    };
    return r instanceof Promise ? r.then(seen) : seen(r);
  };
  return wrap(matcher);
}
function canonical(v) {
  if (v === null || typeof v !== "object") return typeof v === "function" ? void 0 : JSON.stringify([v]);
  const fn = (x) => typeof x === "function" || x !== null && typeof x === "object" && "implementation" in x;
  if (Object.values(v).some(fn)) return void 0;
  const sorted = (x) => {
    if (x === null || typeof x !== "object") return x;
    if (Array.isArray(x)) return x.map(sorted);
    return Object.fromEntries(
      Object.keys(x).sort().map((k) => [k, sorted(x[k])])
    );
  };
  return JSON.stringify(sorted(v));
}
function wrappers(o) {
  const impl = (name) => o[name].implementation;
  async function listUpTo(name, str2, pattern, limit) {
    const b = boundsOf(this);
    checkInput(name, str2, b);
    const r = await impl(name).call(this, str2, pattern, Math.min(limit ?? Infinity, b.expressionItems + 1));
    if (Array.isArray(r) && r.length > b.expressionItems) throw tooMany(name, r.length, b.expressionItems);
    return r;
  }
  const w = {
    pad(str2, width, char) {
      const b = boundsOf(this);
      checkInput("pad", str2, b);
      if (str2 !== void 0 && Math.abs(Math.trunc(width)) * Math.max(1, char?.length ?? 1) > b.valueBytes) {
        throw tooLarge("pad", b.valueBytes);
      }
      return impl("pad").call(this, str2, width, char);
    },
    join(strs, separator) {
      const b = boundsOf(this);
      if (Array.isArray(strs)) {
        let total = (separator?.length ?? 0) * Math.max(0, strs.length - 1);
        for (const s of strs) {
          total += typeof s === "string" ? s.length : 0;
          if (total > b.valueBytes) throw tooLarge("join", b.valueBytes);
        }
        if (total > b.valueBytes) throw tooLarge("join", b.valueBytes);
      }
      return impl("join").call(this, strs, separator);
    },
    string(arg, prettify) {
      const b = boundsOf(this);
      if (typeof arg === "string") return checkOutput("string", arg, b);
      if (jsonExceeds(arg, b.valueBytes, prettify ? 2 : 0)) throw tooLarge("string", b.valueBytes);
      return checkOutput("string", impl("string").call(this, arg, prettify), b);
    },
    async replace(str2, pattern, replacement, limit) {
      const b = boundsOf(this);
      checkInput("replace", str2, b);
      if (str2 === void 0) return void 0;
      if (typeof pattern === "string" && typeof replacement === "string" && pattern !== "") {
        let size = str2.length;
        let count = 0;
        for (let i = str2.indexOf(pattern); i !== -1 && (limit === void 0 || count < limit); i = str2.indexOf(pattern, i + pattern.length)) {
          count++;
          size += replacement.length - pattern.length;
          if (size > b.valueBytes) throw tooLarge("replace", b.valueBytes);
        }
      } else if (typeof pattern !== "string") {
        const dollars = typeof replacement === "string" ? replacement.split("$").length - 1 : 0;
        let size = str2.length;
        pattern = countingMatcher(pattern, (m) => {
          if (typeof replacement === "string") size += replacement.length + dollars * m.match.length;
          if (size > b.valueBytes) throw tooLarge("replace", b.valueBytes);
        });
        if (typeof replacement !== "string") {
          const fn = replacement;
          replacement = async function(m) {
            const r = await fn.apply(this, [m]);
            if (typeof r === "string" && (size += r.length) > b.valueBytes) throw tooLarge("replace", b.valueBytes);
            return r;
          };
        }
      }
      return checkOutput("replace", await impl("replace").call(this, str2, pattern, replacement, limit), b);
    },
    split(str2, separator, limit) {
      return listUpTo.call(this, "split", str2, separator, limit);
    },
    match(str2, regex, limit) {
      return listUpTo.call(this, "match", str2, regex, limit);
    },
    distinct(arr) {
      const b = boundsOf(this);
      if (!Array.isArray(arr) || arr.length <= 1) return impl("distinct").call(this, arr);
      if (arr.length > b.expressionItems) throw tooMany("distinct", arr.length, b.expressionItems);
      const keys = arr.map(canonical);
      if (keys.some((k) => k === void 0)) return impl("distinct").call(this, arr);
      const seen = /* @__PURE__ */ new Set();
      const kept = arr.filter((_, i) => !seen.has(keys[i]) && seen.add(keys[i]));
      return arr.sequence ? Object.assign(kept, { sequence: true }) : kept;
    }
  };
  for (const name of WRAPPED) {
    if (w[name]) continue;
    const original = impl(name);
    w[name] = function(...args) {
      const b = boundsOf(this);
      for (const a of args) checkInput(name, a, b);
      const r = original.apply(this, args);
      return r instanceof Promise ? r.then((v) => checkOutput(name, v, b)) : checkOutput(name, r, b);
    };
  }
  return w;
}
var RANGE_END = "__rangeEnd";
var rangeItems = /* @__PURE__ */ new WeakMap();
function rangeEnd(a, b) {
  const { expressionItems } = boundsOf(this);
  if (typeof a !== "number" || typeof b !== "number" || b < a) return b;
  const evaluation = this?.environment?.base;
  const before = evaluation ? rangeItems.get(evaluation) ?? 0 : 0;
  const total = before + b - a + 1;
  if (total > expressionItems) {
    const what = `the range [${a}..${b}]${before > 0 ? " with the expression's earlier ranges" : ""}`;
    throw new DsulError("LIMIT_ITEMS", { what, limit: expressionItems });
  }
  if (evaluation) rangeItems.set(evaluation, total);
  return b;
}
var BOUNDED = builtins.then((o) => {
  const w = wrappers(o);
  return [
    ...WRAPPED.map((name) => ({ name, impl: w[name], signature: o[name].signature.definition })),
    // No signature: JSONata would coerce or refuse the operands before the range operator does.
    { name: RANGE_END, impl: rangeEnd, signature: void 0 }
  ];
});

// runtime/host/functions/index.ts
import { createHash as createHash2, randomBytes, randomUUID as randomUUID2 } from "node:crypto";

// runtime/core/truthy.ts
function truthy(v) {
  if (v === void 0 || v === null || v === false) return false;
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  if (Array.isArray(v)) return v.some(truthy);
  if (typeof v === "object") return Object.keys(v).length > 0;
  return Boolean(v);
}
function numberOf(v) {
  if (typeof v === "number") return v;
  if (typeof v === "string") return v.trim() === "" ? Number.NaN : Number(v);
  return Number.NaN;
}

// runtime/host/functions/cql.ts
var MAX_CQL_CHARS = 8 * 1024;
var MAX_CQL_TOKENS = 1e3;
var MAX_CQL_DEPTH = 32;
var OPERATOR_CHARS = "=!<>~";
var OPERATORS = /* @__PURE__ */ new Set(["=", "!=", ">", "<", ">=", "<=", "~", "!~"]);
function refuse(detail) {
  return new DsulError("QUERY_REFUSED", { language: "CQL", detail });
}
function isSpace(c) {
  return c === " " || c === "	" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
}
function tokenize(cql) {
  if (cql.length > MAX_CQL_CHARS) {
    throw new DsulError("LIMIT_QUERY", {
      language: "CQL",
      what: "long",
      detail: `${cql.length} characters, at most ${MAX_CQL_CHARS}; split the search`
    });
  }
  const tokens = [];
  let i = 0;
  let spaced = false;
  const push = (kind, text, start2, end) => {
    if (tokens.length >= MAX_CQL_TOKENS) {
      throw new DsulError("LIMIT_QUERY", {
        language: "CQL",
        what: "complex",
        detail: `more than ${MAX_CQL_TOKENS} tokens; split the search`
      });
    }
    tokens.push({ kind, text, start: start2, end, spaced });
    spaced = false;
  };
  while (i < cql.length) {
    const c = cql[i];
    if (isSpace(c)) {
      spaced = true;
      i++;
      continue;
    }
    const start2 = i;
    if (c === '"' || c === "'") {
      let text = "";
      i++;
      for (; ; ) {
        if (i >= cql.length) throw refuse(`the string starting at character ${start2 + 1} is not closed`);
        const d = cql[i];
        if (d === "\\") {
          if (i + 1 >= cql.length) throw refuse(`the string starting at character ${start2 + 1} is not closed`);
          text += cql[i + 1];
          i += 2;
          continue;
        }
        i++;
        if (d === c) break;
        text += d;
      }
      push("string", text, start2, i);
    } else if (c === "(" || c === ")" || c === ",") {
      i++;
      push(c, c, start2, i);
    } else if (OPERATOR_CHARS.includes(c)) {
      while (i < cql.length && OPERATOR_CHARS.includes(cql[i])) i++;
      const op = cql.slice(start2, i);
      if (!OPERATORS.has(op)) throw refuse(`"${op}" at character ${start2 + 1} is not a CQL operator`);
      push("op", op, start2, i);
    } else {
      while (i < cql.length && !isSpace(cql[i]) && !`"'(),\\`.includes(cql[i]) && !OPERATOR_CHARS.includes(cql[i])) {
        if (cql.charCodeAt(i) < 32) break;
        i++;
      }
      if (i === start2) {
        throw refuse(
          `unexpected ${cql[i] === "\\" ? "backslash" : "control character"} at character ${i + 1}; put it inside a quoted string`
        );
      }
      push("word", cql.slice(start2, i), start2, i);
    }
  }
  return tokens;
}
function isWord(t, word) {
  return t !== void 0 && t.kind === "word" && t.text.toUpperCase() === word;
}
function parseCql(cql) {
  const tokens = tokenize(cql);
  let depth = 0;
  let order = -1;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === "(") {
      if (++depth > MAX_CQL_DEPTH) {
        throw new DsulError("LIMIT_QUERY", {
          language: "CQL",
          what: "complex",
          detail: `parentheses nested deeper than ${MAX_CQL_DEPTH}`
        });
      }
    } else if (t.kind === ")") {
      if (--depth < 0) throw refuse(`the ")" at character ${t.start + 1} closes nothing`);
    } else if (isWord(t, "ORDER") && isWord(tokens[k + 1], "BY")) {
      if (depth > 0) throw refuse(`ORDER BY at character ${t.start + 1} is inside parentheses`);
      if (order >= 0) throw refuse(`ORDER BY appears twice (character ${t.start + 1})`);
      order = k;
    }
  }
  if (depth > 0) throw refuse(`${depth} "(" not closed`);
  if (order < 0) return { tokens, where: tokens, orderBy: [] };
  const orderBy = tokens.slice(order + 2);
  checkOrderBy(orderBy, tokens[order]);
  return { tokens, where: tokens.slice(0, order), orderBy };
}
function checkOrderBy(tokens, order) {
  const bad = (t) => refuse(
    t ? `after ORDER BY, "${t.text}" at character ${t.start + 1} is not a field name, ASC, DESC or a comma` : `ORDER BY at character ${order.start + 1} names no field`
  );
  let k = 0;
  for (; ; ) {
    const field3 = tokens[k];
    if (field3?.kind !== "word" || ["AND", "OR", "NOT", "ORDER", "BY", "IN", "ASC", "DESC"].includes(field3.text.toUpperCase()))
      throw bad(field3);
    k++;
    if (isWord(tokens[k], "ASC") || isWord(tokens[k], "DESC")) k++;
    if (k === tokens.length) return;
    if (tokens[k].kind !== ",") throw bad(tokens[k]);
    k++;
  }
}
function quote(text) {
  return `"${text.replace(/[\\"]/g, (m) => `\\${m}`)}"`;
}
function write(tokens) {
  let out = "";
  for (const t of tokens) out += (t.spaced && out ? " " : "") + (t.kind === "string" ? quote(t.text) : t.text);
  return out;
}
function cqlCheck(cql) {
  if (typeof cql !== "string") return void 0;
  parseCql(cql);
  return cql;
}
function cqlConfine(cql, spaceKeys) {
  if (typeof cql !== "string") return void 0;
  const { where, orderBy } = parseCql(cql);
  const keys = (Array.isArray(spaceKeys) ? spaceKeys : spaceKeys === void 0 ? [] : [spaceKeys]).map(String);
  const spaces = `space IN (${keys.length > 0 ? keys.map(quote).join(",") : '"-"'})`;
  const condition2 = where.length > 0 ? `(${write(where)}) AND ${spaces}` : spaces;
  return orderBy.length > 0 ? `${condition2} ORDER BY ${write(orderBy)}` : condition2;
}

// runtime/host/functions/cache.ts
import { createHash } from "node:crypto";
var DEFAULT_CACHE_CHARS = 32 * 1024 * 1024;
var MAX_ENTRY_SHARE = 8;
var SHARED_TTL_MS = 6 * 60 * 60 * 1e3;
var SHARED_PREFIX = "conversion:";
var maxChars = DEFAULT_CACHE_CHARS;
var usedChars = 0;
var shared;
var entries = /* @__PURE__ */ new Map();
function charsOf(value) {
  return typeof value === "string" ? value.length : value.chars;
}
var cacheStats = { hits: 0, sharedHits: 0, misses: 0, bodyHits: 0 };
function cacheKey(kind, input, options) {
  return createHash("sha256").update(kind).update("\0").update(JSON.stringify(options ?? null)).update("\0").update(input).digest("base64url");
}
function cached(key) {
  if (maxChars === 0) return void 0;
  const hit = entries.get(key);
  if (typeof hit !== "string") return void 0;
  entries.delete(key);
  entries.set(key, hit);
  cacheStats.hits++;
  return hit;
}
async function sharedLookup(key) {
  if (!shared || maxChars === 0) return void 0;
  try {
    const value = await shared.get(SHARED_PREFIX + key);
    if (typeof value !== "string") return void 0;
    cacheStats.sharedHits++;
    remember(key, value, false);
    return value;
  } catch {
    return void 0;
  }
}
function remember(key, value, share = shared !== void 0) {
  if (maxChars === 0 || value.length > maxChars / MAX_ENTRY_SHARE) return;
  const old = entries.get(key);
  if (old !== void 0) usedChars -= charsOf(old) + key.length;
  entries.delete(key);
  entries.set(key, value);
  usedChars += value.length + key.length;
  evict();
  if (share && shared) shared.set(SHARED_PREFIX + key, value, SHARED_TTL_MS).catch(() => {
  });
}
function evict() {
  for (const [key, value] of entries) {
    if (usedChars <= maxChars) break;
    entries.delete(key);
    usedChars -= charsOf(value) + key.length;
  }
}
function versionCacheable(representation2) {
  return maxChars > 0 && (representation2 === "storage" || representation2 === "atlas_doc_format");
}
var STABLE_STATUSES = /* @__PURE__ */ new Set(["current", "archived", "historical"]);
function versionKey(site, page, representation2) {
  if (!versionCacheable(representation2) || typeof site !== "string" || !site) return void 0;
  const p = page;
  if (!p || typeof p !== "object") return void 0;
  const number = p.version?.number;
  if (typeof p.id !== "string" || !p.id || !Number.isInteger(number)) return void 0;
  if (typeof p.status !== "string" || !STABLE_STATUSES.has(p.status)) return void 0;
  return JSON.stringify([site, p.id, p.status, number, representation2]);
}
function cachedBody(key) {
  if (maxChars === 0) return void 0;
  const hit = entries.get(key);
  if (hit === void 0 || typeof hit === "string") return void 0;
  entries.delete(key);
  entries.set(key, hit);
  cacheStats.bodyHits++;
  return hit.body;
}
function rememberBody(key, body, representation2) {
  const value = body?.[representation2]?.value;
  if (maxChars === 0 || typeof value !== "string") return;
  const chars = value.length + 64;
  if (chars > maxChars / MAX_ENTRY_SHARE) return;
  const old = entries.get(key);
  if (old !== void 0) usedChars -= charsOf(old) + key.length;
  entries.delete(key);
  entries.set(key, { body: deepFreeze2(structuredClone(body)), chars });
  usedChars += chars + key.length;
  evict();
}
function deepFreeze2(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner2 of Object.values(value)) deepFreeze2(inner2);
    Object.freeze(value);
  }
  return value;
}
function throughCache(kind, input, options, convert2, shareable = true) {
  if (maxChars === 0) return convert2();
  const key = cacheKey(kind, input, options);
  const hit = cached(key);
  if (hit !== void 0) return hit;
  cacheStats.misses++;
  const fresh = () => {
    const out = convert2();
    if (typeof out === "string") {
      remember(key, out);
      return out;
    }
    return out.then((value) => {
      remember(key, value);
      return value;
    });
  };
  if (!shared || !shareable) return fresh();
  return sharedLookup(key).then((value) => value ?? fresh());
}

// runtime/host/functions/convert.ts
var import_lazy_modules = __toESM(require_lazy_modules(), 1);

// runtime/host/functions/translate.ts
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { htmlToMarkdown, initSync } from "mdream/wasm";
var ready = false;
function loadTranslator() {
  if (ready) return;
  const file = createRequire(import.meta.url).resolve("mdream/wasm/mdream_edge_bg.wasm");
  initSync({ module: readFileSync(file) });
  ready = true;
}
function translate(html) {
  loadTranslator();
  return htmlToMarkdown(html, {});
}

// runtime/host/functions/convert.ts
var PANELS = {
  info: "Info",
  note: "Note",
  warning: "Warning",
  tip: "Tip",
  panel: "Panel",
  expand: "Details"
};
var WINDOW_RATIO = 16;
var MIN_WINDOW_CHARS = 64 * 1024;
var TASK_DONE = "\uE000";
var TASK_OPEN = "\uE001";
function toMarkdown(html, options) {
  const limit = options.maxChars !== void 0 && options.maxChars > 0 ? Math.floor(options.maxChars) : Infinity;
  const window = Math.min(
    options.maxInputChars,
    limit === Infinity ? Infinity : Math.max(MIN_WINDOW_CHARS, limit * WINDOW_RATIO)
  );
  const source = html.length > window ? cutAtTag(html, window) : html;
  const md = translate(storageToHtml(source)).replaceAll(TASK_DONE, "[x]").replaceAll(TASK_OPEN, "[ ]").trim();
  const readAll = source.length === html.length;
  if (md.length > limit) {
    return `${md.slice(0, limit)}

[\u2026 truncated: showing the first ${limit} characters of Markdown of a body of ${html.length} characters.${options.remedy ? ` ${options.remedy}` : ""}]`;
  }
  if (readAll) return md;
  return `${md}

[\u2026 truncated: converted the first ${source.length} of ${html.length} characters of the body${source.length === options.maxInputChars ? " (limits.conversionInputChars)" : ""}.${options.remedy ? ` ${options.remedy}` : ""}]`;
}
function storageToHtml(html) {
  const root = (0, import_lazy_modules.htmlParser)().parse(cdataAsText(html), { comment: false, blockTextElements: { pre: true } });
  return inner(root);
}
function cutAtTag(html, max) {
  const lt = html.lastIndexOf("<", max);
  return html.slice(0, lt > 0 ? lt : max);
}
function cdataAsText(html) {
  if (!html.includes("<![CDATA[")) return html;
  let out = "";
  let i = 0;
  for (; ; ) {
    const start2 = html.indexOf("<![CDATA[", i);
    if (start2 < 0) break;
    const end = html.indexOf("]]>", start2 + 9);
    if (end < 0) {
      out += html.slice(i, start2) + escapeHtml(html.slice(start2 + 9));
      i = html.length;
      break;
    }
    out += html.slice(i, start2) + escapeHtml(html.slice(start2 + 9, end));
    i = end + 3;
  }
  return out + html.slice(i);
}
function tagOf(el) {
  return el.rawTagName?.toLowerCase() ?? "";
}
function render2(node) {
  const { HTMLElement, TextNode } = (0, import_lazy_modules.htmlParser)();
  if (!(node instanceof HTMLElement)) return node instanceof TextNode ? node.rawText : "";
  const tag = tagOf(node);
  if (tag === "ac:structured-macro") return macro(node);
  if (tag === "ac:link") return link(node);
  if (tag === "ac:image") return image(node);
  if (tag === "ac:emoticon") return `:${escapeHtml(node.getAttribute("ac:name") ?? "emoticon")}:`;
  if (tag === "ac:task-list") return taskList(node);
  if (tag === "ac:parameter") return "";
  if (tag === "p" && node.childNodes.every((c) => c instanceof TextNode && !c.text.trim())) return "";
  const inside = inner(node);
  if (!node.rawTagName || tag.startsWith("ac:") || tag.startsWith("ri:")) return inside;
  const attrs = node.rawAttrs ? ` ${node.rawAttrs}` : "";
  return node.voidTag.formatNode(node.rawTagName, attrs, inside);
}
function inner(el) {
  if (!el) return "";
  let out = "";
  for (const child2 of el.childNodes) out += render2(child2);
  return out;
}
function elements(el) {
  const { HTMLElement } = (0, import_lazy_modules.htmlParser)();
  return el.childNodes.filter((c) => c instanceof HTMLElement);
}
function macro(el) {
  const name = el.getAttribute("ac:name") ?? "";
  const children2 = elements(el);
  const params = Object.fromEntries(
    children2.filter((p) => tagOf(p) === "ac:parameter").map((p) => [p.getAttribute("ac:name") ?? "", p.text])
  );
  const body = children2.find((c) => tagOf(c) === "ac:plain-text-body" || tagOf(c) === "ac:rich-text-body");
  if (name === "code" || name === "noformat") {
    const lang = params.language ? ` class="language-${escapeHtml(params.language)}"` : "";
    return `<pre><code${lang}>${escapeHtml(body?.text ?? "")}</code></pre>`;
  }
  if (PANELS[name]) {
    const title = params.title ? `${PANELS[name]}: ${params.title}` : PANELS[name];
    return `<blockquote><p><strong>${escapeHtml(title)}</strong></p>${inner(body)}</blockquote>`;
  }
  if (name === "toc") return "";
  if (name === "status") return `<code>[${escapeHtml(params.title ?? "status")}]</code>`;
  if (name === "jira") return `<code>${escapeHtml(params.key ?? "Jira issue")}</code>`;
  return body ? inner(body) : `<em>[${escapeHtml(name || "macro")} macro]</em>`;
}
function link(el) {
  const children2 = elements(el);
  const ref = children2.find((c) => tagOf(c).startsWith("ri:"));
  const body = children2.find((c) => tagOf(c) === "ac:link-body" || tagOf(c) === "ac:plain-text-link-body");
  const anchor = el.getAttribute("ac:anchor");
  const title = ref?.getAttribute("ri:content-title");
  const label = (body ? inner(body) : "") || escapeHtml(title ?? ref?.getAttribute("ri:filename") ?? anchor ?? "link");
  if (ref && tagOf(ref) === "ri:page" && title) {
    const space = ref.getAttribute("ri:space-key");
    const href = `page:${space ? `${encodeURIComponent(space)}/` : ""}${encodeURIComponent(title)}${anchor ? `#${encodeURIComponent(anchor)}` : ""}`;
    return `<a href="${escapeHtml(href)}">${label}</a>`;
  }
  if (!ref && anchor) return `<a href="#${escapeHtml(encodeURIComponent(anchor))}">${label}</a>`;
  return `<strong>${label}</strong>`;
}
function image(el) {
  const ref = elements(el)[0];
  const src = ref?.getAttribute("ri:value") ?? ref?.getAttribute("ri:filename") ?? "";
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(el.getAttribute("ac:alt") ?? src)}">`;
}
function taskList(el) {
  const items = el.querySelectorAll("ac\\:task").map((task) => {
    const done = task.querySelector("ac\\:task-status")?.text.trim() === "complete";
    return `<li>${done ? TASK_DONE : TASK_OPEN} ${inner(task.querySelector("ac\\:task-body"))}</li>`;
  });
  return `<ul>${items.join("")}</ul>`;
}
function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// runtime/host/functions/pool.ts
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
var WORKER_HEAP_MB = 256;
var MAX_QUEUE = 256;
var WORKER_NICE = 10;
var IDLE_MS = 6e4;
var pool;
function workerFile() {
  return import.meta.url.endsWith(".ts") ? new URL("./worker.ts", import.meta.url) : new URL("./conversion-worker.js", import.meta.url);
}
function conversionThreads(limits) {
  return limits.conversionThreads > 0 ? limits.conversionThreads : Math.max(1, Math.min(4, availableParallelism() - 1));
}
function start(limits) {
  const threads = conversionThreads(limits);
  pool = new Piscina({
    filename: workerFile().href,
    name: "default",
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: IDLE_MS,
    maxQueue: MAX_QUEUE,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    // Linux niceness is per thread: on a busy host a conversion yields the core to the event loop.
    // The worker lowers its own priority once its modules are loaded (worker.ts): piscina's
    // niceIncrement applies before, and a start-up at nice 10 on a loaded host took longer than
    // the deadline (which counts waiting for the thread), so the first conversions all failed.
    workerData: { nice: WORKER_NICE },
    // A checkout run through bin/confluence-next.js loads TypeScript with tsx's register(), which
    // worker threads do not inherit: without the loader, the worker's .ts file fails to load.
    ...workerFile().pathname.endsWith(".ts") && !process.execArgv.some((a) => a.includes("tsx")) ? { execArgv: [...process.execArgv, "--import", "tsx"] } : {}
  });
  return pool;
}
var WAIT_FACTOR = 2;
async function runConversion(task, limits, what, run2) {
  if (run2?.aborted) throw stopped(run2, what);
  const p = pool ?? start(limits);
  const controller = new AbortController();
  const onRunAbort = () => controller.abort();
  run2?.addEventListener("abort", onRunAbort, { once: true });
  const limit = limits.conversionTimeMs;
  const startedAt = new Float64Array(new SharedArrayBuffer(8));
  const queued = Date.now();
  let timedOut;
  const timer = setInterval(
    () => {
      const began = startedAt[0];
      const late = began > 0 ? Date.now() - began >= limit : Date.now() - queued >= limit * WAIT_FACTOR;
      if (late) {
        timedOut = began > 0 ? "converting" : "waiting";
        controller.abort();
      }
    },
    Math.max(1, Math.min(25, limit))
  );
  try {
    return await p.run({ ...task, startedAt }, { signal: controller.signal });
  } catch (err) {
    if (timedOut === "converting") throw new DsulError("LIMIT_CONVERSION_TIME", { what, limit });
    if (timedOut === "waiting") {
      throw new DsulError("LIMIT_CONVERSION_TIME", {
        what: `${what} (waiting for a conversion thread)`,
        limit: limit * WAIT_FACTOR
      });
    }
    if (run2?.aborted) throw stopped(run2, what);
    throw new DsulError("CONVERSION_FAILED", { what, detail: reason(err) });
  } finally {
    clearInterval(timer);
    run2?.removeEventListener("abort", onRunAbort);
  }
}
function stopped(run2, what) {
  return run2.reason instanceof DsulError ? run2.reason : new DsulError("CONVERSION_FAILED", { what, detail: "the run was stopped" });
}
function reason(err) {
  const e = err;
  if (e?.code === "ERR_WORKER_OUT_OF_MEMORY") return `it needed more than ${WORKER_HEAP_MB} MB of memory`;
  if (e?.message === "Task queue is at limit") return `${MAX_QUEUE} conversions are already waiting; retry in a moment`;
  if (e?.message === "Terminating worker thread") return "the server is shutting down";
  return "the conversion worker stopped unexpectedly";
}

// runtime/core/scopes.ts
var RUN_SIGNAL_BINDING = "run signal";
var SCOPE_NAMES = ["run", "user", "global", "session", "config", "secret"];
var READ_ONLY = /* @__PURE__ */ new Set(["config", "secret"]);
var Frame = class {
  /** `isolated`: new variables created inside stay here (concurrent iterations of a batch). */
  constructor(parent, vars, isolated = false) {
    this.parent = parent;
    this.isolated = isolated;
    if (vars) Object.assign(this.vars, vars);
  }
  parent;
  isolated;
  vars = /* @__PURE__ */ Object.create(null);
  owner(name) {
    for (let f = this; f; f = f.parent) if (name in f.vars) return f;
    return void 0;
  }
  /** Where a new variable goes: the nearest isolated frame, else the automation's frame. */
  home(root) {
    for (let f = this; f && f !== root; f = f.parent) if (f.isolated) return f;
    return root;
  }
};
var Scope = class _Scope {
  constructor(run2, runVars, frame, root = frame) {
    this.run = run2;
    this.runVars = runVars;
    this.frame = frame;
    this.root = root;
  }
  run;
  runVars;
  frame;
  root;
  cachedView;
  cachedBindings;
  cachedAt = -1;
  runView;
  runViewAt = -1;
  /** `run`: the run's shared `run.*` keys under this automation's own (read-only) fields. */
  runScope() {
    if (Object.keys(this.run.shared).length === 0) return this.runVars;
    if (this.runViewAt !== this.run.generation || !this.runView) {
      this.runView = Object.defineProperties({ ...this.run.shared }, Object.getOwnPropertyDescriptors(this.runVars));
      this.runViewAt = this.run.generation;
    }
    return this.runView;
  }
  /** A scope for a nested block (a repeat iteration) with its own variables. */
  child(vars, isolated = false) {
    return new _Scope(this.run, this.runVars, new Frame(this.frame, vars, isolated), this.root);
  }
  lookup(name) {
    switch (name) {
      case "run":
        return this.runScope();
      case "user":
        return this.run.user.value;
      case "global":
        return this.run.global.value;
      case "session":
        return this.run.session.value;
      case "$workspace":
        return this.run.host.dsul;
      case "config":
        return this.run.config;
      case "secret":
        return this.run.secret;
    }
    const f = this.frame.owner(name);
    return f ? f.vars[name] : void 0;
  }
  has(name) {
    return this.frame.owner(name) !== void 0;
  }
  view() {
    this.refresh();
    return this.cachedView;
  }
  bindings() {
    this.refresh();
    return this.cachedBindings;
  }
  /**
   * `set` on any scope; `type` is replace, merge or push. Only the persisted scopes wait for the store.
   * `checked`: the value was just held to the same limits (a called automation's output).
   */
  async set(path2, type2, value, copy, checked2 = false) {
    const problem = checked2 ? void 0 : valueProblem(value, this.run.limits.valueBytes);
    if (problem) throw valueError(problem, `the value of "${formatPath(path2)}"`, this.run.limits);
    await this.write(path2, type2, copy ? copy(value) : value);
  }
  async delete(path2) {
    await this.write(path2, "delete", void 0);
  }
  /** Write a local variable without checks (instruction outputs, loop variables). */
  setLocal(name, value) {
    ;
    (this.frame.owner(name) ?? this.frame.home(this.root)).vars[name] = value;
    this.run.generation++;
  }
  write(path2, type2, value) {
    this.run.checkedOutput = void 0;
    const head2 = path2[0];
    const action2 = type2 === "delete" ? "delete" : "set";
    if (READ_ONLY.has(head2) || head2 === "$workspace") {
      throw new DsulError("SCOPE_READ_ONLY", {
        action: action2,
        name: formatPath(path2),
        reason: `the ${head2} scope is read-only`
      });
    }
    if (head2 === "run") {
      if (path2.length < 2 || Object.hasOwn(this.runVars, path2[1])) {
        const reason2 = path2.length < 2 ? "set a key inside it" : `${formatPath(path2.slice(0, 2))} is set by the runtime`;
        throw new DsulError("SCOPE_READ_ONLY", { action: action2, name: formatPath(path2), reason: reason2 });
      }
      applyPatch(this.run.shared, { type: type2, path: path2.slice(1), value }, "run.");
    } else if (head2 === "user" || head2 === "global" || head2 === "session") {
      return this.run[head2].patch(head2, path2.slice(1), type2, value).then(() => {
        this.run.generation++;
      });
    } else {
      const target = this.frame.owner(head2) ?? this.frame.home(this.root);
      const name = type2 === "replace" || type2 === "delete" ? "" : formatPath(path2);
      setPath(target.vars, path2, (prev) => combineValue(prev, { type: type2, path: path2, value }, name));
    }
    this.run.generation++;
  }
  refresh() {
    if (this.cachedAt === this.run.generation && this.cachedView) return;
    const view = {};
    const frames = [];
    for (let f = this.frame; f; f = f.parent) frames.unshift(f);
    for (const f of frames) Object.assign(view, f.vars);
    const bindings = {};
    for (const k of Object.keys(view)) if (k.startsWith("$")) bindings[k.slice(1)] = view[k];
    bindings[RUN_SIGNAL_BINDING] = this.run.signal;
    bindings.workspace = this.run.host.dsul;
    for (const s of SCOPE_NAMES) {
      if ((s === "user" || s === "global" || s === "session") && !this.run.persistedLoaded) {
        Object.defineProperty(view, s, { enumerable: true, configurable: true, get: () => this.lookup(s) });
      } else {
        view[s] = this.lookup(s);
      }
    }
    this.cachedView = view;
    this.cachedBindings = bindings;
    this.cachedAt = this.run.generation;
  }
};

// runtime/host/functions/run-signal.ts
function runSignal(focus) {
  const signal = focus?.environment?.lookup?.(RUN_SIGNAL_BINDING);
  return signal instanceof AbortSignal ? signal : void 0;
}

// runtime/host/functions/markdown.ts
var INLINE_CHARS = 4 * 1024;
function markdown(html, maxChars2, remedy) {
  if (typeof html !== "string") return void 0;
  const limits = this?.options?.limits ?? DEFAULT_LIMITS;
  const max = typeof maxChars2 === "number" && maxChars2 > 0 ? maxChars2 : void 0;
  const then = typeof remedy === "string" && remedy ? remedy : void 0;
  if (html.length <= INLINE_CHARS) {
    return toMarkdown(html, { maxChars: max, maxInputChars: limits.conversionInputChars, remedy: then });
  }
  const task = {
    kind: "markdown",
    input: html,
    maxChars: max,
    maxInputChars: limits.conversionInputChars,
    remedy: then
  };
  const options = { maxChars: max, maxInputChars: limits.conversionInputChars, remedy: then };
  return throughCache(
    "markdown",
    html,
    options,
    () => runConversion(task, limits, "the body to Markdown", runSignal(this)).then((md) => {
      resumeBudget(this);
      return md;
    })
  );
}
function resumeBudget(focus) {
  const base = focus?.environment?.base;
  const timeout = focus?.options?.timeout ?? 0;
  const stack = focus?.options?.stack ?? 0;
  if (!base?.guardrails || timeout <= 0) return;
  const original = base.original ??= base.guardrails;
  const resumed = Date.now();
  base.guardrails = () => {
    if (Date.now() - resumed > timeout || stack > 0 && (base.depth ?? 0) > stack) original();
  };
}

// runtime/host/functions/worker.ts
import { createRequire as createRequire2 } from "node:module";
import { workerData } from "node:worker_threads";

// runtime/host/functions/storage-doc.ts
var import_lazy_modules2 = __toESM(require_lazy_modules(), 1);
var VOID = /* @__PURE__ */ new Set(["br", "hr", "img", "col", "input", "meta", "link", "area", "base", "wbr", "source", "param"]);
var DEEP_STACK = 64;
var GT = 62;
var SLASH = 47;
var BANG = 33;
var QUESTION = 63;
var DQUOTE = 34;
var SQUOTE = 39;
function outline(s) {
  const stack = [];
  const headings = [];
  const closedAt = [];
  const cuts = [];
  const cutRank = [];
  let openByName;
  let pending;
  let nextId = 0;
  let i = 0;
  const cut = (at, beforeHeading = false) => {
    const rank = stack.length * 2 - (beforeHeading ? 1 : 0);
    if (cuts[cuts.length - 1] === at) {
      cutRank[cutRank.length - 1] = Math.min(cutRank[cutRank.length - 1], rank);
      return;
    }
    cuts.push(at);
    cutRank.push(rank);
  };
  const topEnd = (at) => {
    if (stack.length === 0) cut(at);
  };
  while (i < s.length) {
    const lt = s.indexOf("<", i);
    if (lt < 0) {
      topEnd(s.length);
      break;
    }
    if (lt > i && stack.length === 0 && s.slice(i, lt).trim()) topEnd(lt);
    const next = s.charCodeAt(lt + 1);
    if (next === BANG || next === QUESTION) {
      if (s.startsWith("<![CDATA[", lt)) i = skipPast(s, "]]>", lt + 9);
      else if (s.startsWith("<!--", lt)) i = skipPast(s, "-->", lt + 4);
      else i = skipPast(s, ">", lt + 2);
      topEnd(i);
      continue;
    }
    const closing = next === SLASH;
    const nameStart = lt + (closing ? 2 : 1);
    const nameEnd = tagNameEnd(s, nameStart);
    if (nameEnd === nameStart) {
      i = lt + 1;
      continue;
    }
    const raw = s.slice(nameStart, nameEnd);
    const name = hasUpper(raw) ? raw.toLowerCase() : raw;
    const gt = tagEnd(s, nameEnd);
    if (closing) {
      const at = !openByName || (openByName.get(name) ?? 0) > 0 ? findOpen(stack, name) : -1;
      let afterHeading = false;
      if (at >= 0) {
        while (stack.length > at) {
          const el = stack.pop();
          if (openByName) {
            openByName.set(el.name, openByName.get(el.name) - 1);
            if (stack.length <= DEEP_STACK / 2) openByName = void 0;
          }
          closedAt[el.id] = lt;
          if (pending && el.start === pending.start) {
            headings.push({
              level: pending.level,
              text: "",
              start: pending.start,
              end: gt,
              sectionEnd: -1,
              depth: pending.depth,
              parent: pending.parent
            });
            headings[headings.length - 1].text = headingText(s.slice(pending.openEnd, lt));
            pending = void 0;
            afterHeading = true;
          }
        }
      }
      i = gt;
      if (!afterHeading) cut(i);
      continue;
    }
    const selfClosing = s.charCodeAt(gt - 2) === SLASH || VOID.has(name);
    if (!selfClosing) {
      const level = headingLevel(name);
      if (level > 0 && !pending) {
        cut(lt, true);
        pending = {
          level,
          start: lt,
          openEnd: gt,
          depth: stack.length,
          parent: stack[stack.length - 1]?.id ?? -1
        };
      }
      stack.push({ name, start: lt, id: nextId++ });
      if (openByName) openByName.set(name, (openByName.get(name) ?? 0) + 1);
      else if (stack.length > DEEP_STACK) {
        openByName = /* @__PURE__ */ new Map();
        for (const el of stack) openByName.set(el.name, (openByName.get(el.name) ?? 0) + 1);
      }
    }
    i = gt;
    if (selfClosing) topEnd(i);
  }
  for (const el of stack) closedAt[el.id] = s.length;
  const open = /* @__PURE__ */ new Map();
  for (const heading of headings) {
    let list2 = open.get(heading.parent);
    if (!list2) open.set(heading.parent, list2 = []);
    while (list2.length > 0 && list2[list2.length - 1].level >= heading.level) list2.pop().sectionEnd = heading.start;
    list2.push(heading);
  }
  for (const [parent, list2] of open) {
    const end = parent < 0 ? s.length : closedAt[parent] ?? s.length;
    for (const heading of list2) heading.sectionEnd = end;
  }
  if (cuts[cuts.length - 1] !== s.length && s.length > 0) {
    cuts.push(s.length);
    cutRank.push(0);
  }
  return { headings: headings.map(({ parent: _parent, ...h }) => h), cuts, cutRank };
}
function skipPast(s, marker, from) {
  const at = s.indexOf(marker, from);
  return at < 0 ? s.length : at + marker.length;
}
function tagEnd(s, from) {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === GT) return i + 1;
    if (c === DQUOTE || c === SQUOTE) {
      const close = s.indexOf(c === DQUOTE ? '"' : "'", i + 1);
      if (close < 0) return s.length;
      i = close;
    }
  }
  return s.length;
}
function tagNameEnd(s, from) {
  const first = s.charCodeAt(from) | 32;
  if (first < 97 || first > 122) return from;
  let i = from + 1;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = (c | 32) >= 97 && (c | 32) <= 122;
    if (!(letter || c >= 48 && c <= 58 || c === 95 || c === 46 || c === 45)) break;
  }
  return i;
}
function hasUpper(name) {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}
function headingLevel(name) {
  if (name.length !== 2 || name.charCodeAt(0) !== 104) return 0;
  const d = name.charCodeAt(1) - 48;
  return d >= 1 && d <= 6 ? d : 0;
}
function findOpen(stack, name) {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].name === name) return i;
  return -1;
}
function headingText(inner2) {
  if (!inner2.includes("<") && !inner2.includes("&")) return normalizeHeading(inner2);
  return normalizeHeading(
    (0, import_lazy_modules2.htmlParser)().parse(inner2.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, t) => escapeText(t))).text
  );
}
function normalizeHeading(text) {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}
function escapeText(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function headingList(headings) {
  const seen = /* @__PURE__ */ new Map();
  const counts = /* @__PURE__ */ new Map();
  for (const h of headings) counts.set(h.text, (counts.get(h.text) ?? 0) + 1);
  return headings.map((h) => {
    const n = (seen.get(h.text) ?? 0) + 1;
    seen.set(h.text, n);
    return `${"  ".repeat(h.level - 1)}${"#".repeat(h.level)} ${h.text}${(counts.get(h.text) ?? 0) > 1 ? ` (occurrence ${n})` : ""}`;
  });
}
function matchSection(headings, ref) {
  const wanted = normalizeHeading(ref.heading).replace(/^#{1,6}\s+/, "");
  const exact = headings.filter((h) => h.text === wanted);
  if (exact.length > 0) return exact;
  const lower = wanted.toLowerCase();
  return headings.filter((h) => h.text.toLowerCase() === lower);
}
function replaceSection(storage2, section2, replacement) {
  const ref = typeof section2 === "string" ? { heading: section2 } : section2;
  const { headings } = outline(storage2);
  const list2 = headingList(headings);
  const matches2 = matchSection(headings, ref);
  const name = JSON.stringify(normalizeHeading(ref.heading));
  if (matches2.length === 0) {
    return {
      error: "SECTION_NOT_FOUND",
      message: headings.length === 0 ? `The page has no headings, so there is no section ${name}: send the whole body without \`section\`.` : `The page has no heading ${name}. Its headings:
${list2.join("\n")}`,
      headings: list2
    };
  }
  let target;
  if (ref.occurrence !== void 0) {
    const picked = matches2[ref.occurrence - 1];
    if (!picked) {
      return {
        error: "SECTION_OCCURRENCE",
        message: `The heading ${name} occurs ${matches2.length} time(s), so there is no occurrence ${ref.occurrence}. Its headings:
${list2.join("\n")}`,
        headings: list2
      };
    }
    target = picked;
  } else if (matches2.length > 1) {
    return {
      error: "SECTION_AMBIGUOUS",
      message: `The heading ${name} occurs ${matches2.length} times: send \`section\` as {"heading": ${name}, "occurrence": 1 to ${matches2.length}}. Its headings:
${list2.join("\n")}`,
      headings: list2
    };
  } else target = matches2[0];
  const old = storage2.slice(target.end, target.sectionEnd);
  const lead = /^\s*/.exec(old)[0];
  const trail = lead.length === old.length ? "" : /\s*$/.exec(old)[0];
  return {
    value: storage2.slice(0, target.end) + lead + replacement.trim() + trail + storage2.slice(target.sectionEnd),
    heading: target.text,
    level: target.level,
    start: target.end,
    end: target.sectionEnd,
    replaced: target.sectionEnd - target.end
  };
}
function storageParts(s, max, shape = outline(s)) {
  const { headings, cuts, cutRank } = shape;
  if (s.length <= max) return [{ start: 0, end: s.length, heading: headings[0]?.text }];
  const starts = headings.map((h) => h.start);
  const parts = [];
  let start2 = 0;
  while (start2 < s.length) {
    const limit = start2 + max;
    const end = limit >= s.length ? s.length : bestCut(cuts, cutRank, start2 + Math.floor(max / 2), limit) ?? lastBelow(cuts, start2, limit) ?? safeCut(s, limit);
    const first = firstAtOrAfter(starts, start2);
    parts.push({ start: start2, end, heading: first !== void 0 && starts[first] < end ? headings[first].text : void 0 });
    start2 = end;
  }
  return parts;
}
function bestCut(cuts, rank, from, to) {
  let best;
  let bestRank = Infinity;
  for (let i = firstAtOrAfter(cuts, from + 1) ?? cuts.length; i < cuts.length && cuts[i] <= to; i++) {
    if (rank[i] <= bestRank) {
      best = cuts[i];
      bestRank = rank[i];
    }
  }
  return best;
}
function firstAtOrAfter(offsets, at) {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (offsets[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < offsets.length ? lo : void 0;
}
function lastBelow(offsets, from, to) {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (offsets[mid] <= to) lo = mid + 1;
    else hi = mid;
  }
  const found = offsets[lo - 1];
  return found !== void 0 && found > from ? found : void 0;
}
function safeCut(s, at) {
  const code = s.charCodeAt(at - 1);
  return code >= 55296 && code <= 56319 ? at - 1 : at;
}

// runtime/host/functions/body-view.ts
function bodyView(value, o) {
  const max = Math.max(1e3, Math.floor(o.maxChars));
  const partNo = o.part ?? 1;
  let body = value;
  if (o.section !== void 0) {
    if (o.format === "atlas_doc_format") {
      return {
        error: "BAD_ARGUMENTS",
        message: "`section` reads storage, markdown or view bodies, not atlas_doc_format."
      };
    }
    const found = section(value, o.section);
    if (typeof found !== "string") return found;
    body = found;
  }
  const call3 = (extra) => `${o.call.tool} ${JSON.stringify({ ...o.call.args, ...extra })}`;
  const sectionArg = o.section === void 0 ? {} : { section: o.section };
  if (o.format === "markdown") return markdownPart(body, max, partNo, o, call3, sectionArg);
  const shape = o.format === "storage" ? outline(body) : void 0;
  const parts = shape ? storageParts(body, max, shape) : jsonParts(body, max);
  const p = parts[partNo - 1];
  if (!p) return noPart(partNo, parts.length, call3, sectionArg);
  const text = body.slice(p.start, p.end);
  if (parts.length === 1) return { text, part: 1, parts: 1, more: false };
  const headings = parts.slice(partNo).map((x, i) => x.heading ? `part ${partNo + 1 + i} starts at "${x.heading}"` : "").filter(Boolean).slice(0, 5);
  const next = partNo < parts.length ? ` Next: ${call3({ ...sectionArg, part: partNo + 1 })}.${headings.length ? ` (${headings.join("; ")}.)` : ""}` : " This is the last part.";
  return {
    text: `${text}
[\u2026 part ${partNo} of ${parts.length}: characters ${p.start + 1}\u2013${p.end} of ${body.length}, exactly as Confluence holds them (the parts concatenate to the body).${next}${shape ? sectionHint(shape, o, call3) : ""}]`,
    part: partNo,
    parts: parts.length,
    more: partNo < parts.length
  };
}
function section(value, ref) {
  const r = typeof ref === "string" ? { heading: ref } : ref;
  const { headings } = outline(value);
  const matches2 = matchSection(headings, r);
  const list2 = headingList(headings);
  const name = JSON.stringify(normalizeHeading(r.heading));
  if (matches2.length === 0) {
    return {
      error: "SECTION_NOT_FOUND",
      message: `The page has no heading ${name}. Its headings:
${list2.join("\n") || "(none)"}`,
      headings: list2
    };
  }
  if (r.occurrence === void 0 && matches2.length > 1) {
    return {
      error: "SECTION_AMBIGUOUS",
      message: `The heading ${name} occurs ${matches2.length} times: send \`section\` as {"heading": ${name}, "occurrence": 1 to ${matches2.length}}. Its headings:
${list2.join("\n")}`,
      headings: list2
    };
  }
  const h = matches2[(r.occurrence ?? 1) - 1];
  if (!h) {
    return {
      error: "SECTION_OCCURRENCE",
      message: `The heading ${name} occurs ${matches2.length} time(s), so there is no occurrence ${r.occurrence}.`,
      headings: list2
    };
  }
  return value.slice(h.end, h.sectionEnd);
}
var WHOLE_FACTOR = 4;
function markdownPart(body, max, partNo, o, call3, sectionArg) {
  const exact = o.exact === false ? void 0 : `The exact body: ${call3({ ...sectionArg, bodyFormat: "storage" })}.`;
  if (body.length <= WHOLE_FACTOR * max) {
    const md2 = toMarkdown(body, { maxChars: max, maxInputChars: o.maxInputChars, remedy: exact });
    if (md2.length <= max || body.length <= max) {
      return partNo === 1 ? { text: md2, part: 1, parts: 1, more: false } : noPart(partNo, 1, call3, sectionArg);
    }
  }
  const shape = outline(body);
  const parts = storageParts(body, max, shape);
  const p = parts[partNo - 1];
  if (!p) return noPart(partNo, parts.length, call3, sectionArg);
  const exactPart = o.exact === false ? void 0 : call3({ ...sectionArg, bodyFormat: "storage", part: partNo });
  const md = toMarkdown(body.slice(p.start, p.end), {
    maxChars: max,
    maxInputChars: o.maxInputChars,
    remedy: exactPart && `This part exactly: ${exactPart}.`
  });
  const next = parts[partNo];
  const starts = new Set(shape.headings.map((h) => h.start));
  const how = !next ? "the last part" : starts.has(next.start) ? "cut at a heading" : "cut between elements";
  const nextCall = next ? ` Next: ${call3({ ...sectionArg, part: partNo + 1 })}${starts.has(next.start) && next.heading ? ` (it starts at "${next.heading}")` : ""}.` : "";
  return {
    text: `${md}

[\u2026 part ${partNo} of the Markdown, ${how}.${nextCall} Part ${partNo} of ${parts.length}: the Markdown of characters ${p.start + 1}\u2013${p.end} of the ${body.length}-character storage body${exactPart ? ` (${exactPart} shows them exactly)` : ""}.${sectionHint(shape, o, call3)}]`,
    part: partNo,
    parts: parts.length,
    more: next !== void 0
  };
}
function sectionHint(shape, o, call3) {
  if (o.section !== void 0 || o.exact === false) return "";
  const first = shape.headings.find((h) => h.depth === 0);
  return first ? ` Or one section by its heading: ${call3({ section: first.text })}.` : "";
}
function noPart(partNo, count, call3, sectionArg) {
  return {
    error: "PART_NOT_FOUND",
    message: `There is no part ${partNo}: the body has ${count} part(s) at this size. Start again with ${call3({ ...sectionArg, part: 1 })}.`
  };
}
function jsonParts(s, max) {
  const parts = [];
  for (let start2 = 0; start2 < s.length || parts.length === 0; ) {
    let end = Math.min(s.length, start2 + max);
    const code = s.charCodeAt(end - 1);
    if (end < s.length && code >= 55296 && code <= 56319) end--;
    parts.push({ start: start2, end });
    if (end >= s.length) break;
    start2 = end;
  }
  return parts;
}

// runtime/host/functions/to-storage.ts
var import_lazy_modules3 = __toESM(require_lazy_modules(), 1);
function markdownToStorage(markdown2) {
  const tokens = new ((0, import_lazy_modules3.marked)()).Lexer({ gfm: true }).lex(markdown2.replace(/\r\n?/g, "\n"));
  return blocks(tokens, { taskId: 0 });
}
function blocks(tokens, state) {
  return tokens.map((t) => block2(t, state)).join("");
}
function block2(t, state) {
  switch (t.type) {
    case "space":
    case "def":
    case "checkbox":
      return "";
    case "paragraph":
      return `<p>${inline(t.tokens)}</p>`;
    case "heading": {
      const h = t;
      return `<h${h.depth}>${inline(h.tokens)}</h${h.depth}>`;
    }
    case "code":
      return codeMacro(t.text, t.lang);
    case "blockquote":
      return `<blockquote>${blocks(t.tokens, state)}</blockquote>`;
    case "hr":
      return "<hr />";
    case "list":
      return list(t, state);
    case "table":
      return table(t);
    case "html":
      return `<p>${escapeText2(t.text.trim())}</p>`;
    case "text": {
      const x = t;
      return x.tokens ? inline(x.tokens) : escapeText2(x.text);
    }
    default:
      return "tokens" in t && Array.isArray(t.tokens) ? blocks(t.tokens, state) : escapeText2(t.raw);
  }
}
function codeMacro(text, lang) {
  const language = lang?.trim().split(/\s+/)[0];
  const param = language ? `<ac:parameter ac:name="language">${escapeText2(language)}</ac:parameter>` : "";
  const body = text.replace(/]]>/g, "]]]]><![CDATA[>");
  return `<ac:structured-macro ac:name="code" ac:schema-version="1">${param}<ac:plain-text-body><![CDATA[${body}]]></ac:plain-text-body></ac:structured-macro>`;
}
function list(l, state) {
  if (l.items.length > 0 && l.items.every((i) => i.task)) {
    const tasks = l.items.map((item) => {
      const id = ++state.taskId;
      return `<ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>${item.checked ? "complete" : "incomplete"}</ac:task-status><ac:task-body>${itemBody(item, state)}</ac:task-body></ac:task>`;
    });
    return `<ac:task-list>${tasks.join("")}</ac:task-list>`;
  }
  const tag = l.ordered ? "ol" : "ul";
  const start2 = l.ordered && typeof l.start === "number" && l.start !== 1 ? ` start="${l.start}"` : "";
  const items = l.items.map(
    (item) => `<li>${item.task ? `[${item.checked ? "x" : " "}] ` : ""}${itemBody(item, state)}</li>`
  );
  return `<${tag}${start2}>${items.join("")}</${tag}>`;
}
function itemBody(item, state) {
  const parts = item.tokens.filter((t) => t.type !== "checkbox" && t.type !== "space");
  const only = parts.length === 1 ? parts[0] : void 0;
  if (only?.type === "paragraph") return inline(only.tokens);
  const paragraphs = item.loose && parts.length > 1;
  return parts.map((t) => paragraphs && t.type === "text" ? `<p>${block2(t, state)}</p>` : block2(t, state)).join("");
}
function table(t) {
  const row = (cells, tag) => `<tr>${cells.map((c) => `<${tag}>${inline(c.tokens)}</${tag}>`).join("")}</tr>`;
  return `<table><tbody>${row(t.header, "th")}${t.rows.map((r) => row(r, "td")).join("")}</tbody></table>`;
}
function inline(tokens) {
  let out = "";
  for (const t of tokens ?? []) out += inlineOne(t);
  return out;
}
function inlineOne(t) {
  switch (t.type) {
    case "text": {
      const x = t;
      return x.tokens ? inline(x.tokens) : escapeText2(x.text);
    }
    case "escape":
      return escapeText2(t.text);
    case "strong":
      return `<strong>${inline(t.tokens)}</strong>`;
    case "em":
      return `<em>${inline(t.tokens)}</em>`;
    case "del":
      return `<del>${inline(t.tokens)}</del>`;
    case "codespan":
      return `<code>${escapeAll(t.text)}</code>`;
    case "br":
      return "<br />";
    case "link":
      return link2(t);
    case "image":
      return image2(t);
    case "html":
      return escapeAll(t.text);
    case "checkbox":
      return "";
    default:
      return "tokens" in t && Array.isArray(t.tokens) ? inline(t.tokens) : escapeText2(t.raw);
  }
}
function link2(l) {
  const label = inline(l.tokens);
  const page = pageTarget(l.href);
  if (page) {
    const space = page.space ? ` ri:space-key="${escapeAll(page.space)}"` : "";
    const anchor = page.anchor ? ` ac:anchor="${escapeAll(page.anchor)}"` : "";
    return `<ac:link${anchor}><ri:page${space} ri:content-title="${escapeAll(page.title)}" /><ac:link-body>${label}</ac:link-body></ac:link>`;
  }
  if (l.href.startsWith("#") && l.href.length > 1) {
    return `<ac:link ac:anchor="${escapeAll(decode(l.href.slice(1)))}"><ac:link-body>${label}</ac:link-body></ac:link>`;
  }
  const title = l.title ? ` title="${escapeAll(l.title)}"` : "";
  return `<a href="${escapeAll(l.href)}"${title}>${label}</a>`;
}
function pageTarget(href) {
  if (!href.startsWith("page:")) return void 0;
  const [path2 = "", anchor] = href.slice(5).split("#", 2);
  const slash = path2.indexOf("/");
  const space = slash >= 0 ? decode(path2.slice(0, slash)) : void 0;
  const title = decode(slash >= 0 ? path2.slice(slash + 1) : path2);
  if (!title) return void 0;
  return { space: space || void 0, title, anchor: anchor ? decode(anchor) : void 0 };
}
function image2(i) {
  const alt = i.text ? ` ac:alt="${escapeAll(i.text)}"` : "";
  const ref = i.href.startsWith("attachment:") ? `<ri:attachment ri:filename="${escapeAll(decode(i.href.slice(11)))}" />` : `<ri:url ri:value="${escapeAll(i.href)}" />`;
  return `<ac:image${alt}>${ref}</ac:image>`;
}
function decode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
function escapeText2(s) {
  return s.replace(/&(?!(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function escapeAll(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// runtime/host/functions/worker.ts
loadTranslator();
var niceness = workerData?.nice ?? 0;
if (niceness > 0) {
  try {
    ;
    createRequire2(import.meta.url)("@napi-rs/nice").nice(niceness);
  } catch {
  }
}
function convert(task) {
  if (task.startedAt) task.startedAt[0] = Date.now();
  switch (task.kind) {
    case "markdown":
      return toMarkdown(task.input, { maxChars: task.maxChars, maxInputChars: task.maxInputChars, remedy: task.remedy });
    case "storage":
      return markdownToStorage(task.input);
    case "section":
      return JSON.stringify(replaceSection(task.input, task.section, task.replacement));
    case "view":
      return JSON.stringify(bodyView(task.input, task.options));
  }
  throw new Error(`unknown conversion "${String(task.kind)}"`);
}

// runtime/host/functions/editing.ts
function run(focus, task, what) {
  if (task.input.length <= INLINE_CHARS) return convert(task);
  const limits = focus?.options?.limits ?? DEFAULT_LIMITS;
  return runConversion(task, limits, what, runSignal(focus)).then((out) => {
    resumeBudget(focus);
    return out;
  });
}
function parsed(out) {
  return typeof out === "string" ? JSON.parse(out) : out.then((s) => JSON.parse(s));
}
function storage(markdown2) {
  if (typeof markdown2 !== "string") return void 0;
  return run(this, { kind: "storage", input: markdown2 }, "the Markdown body to storage");
}
function replaceSection2(body, section2, replacement) {
  if (typeof body !== "string" || typeof replacement !== "string") return void 0;
  const ref = typeof section2 === "string" ? section2 : section2;
  return parsed(run(this, { kind: "section", input: body, section: ref, replacement }, "the section edit"));
}
function bodyView2(value, options) {
  if (typeof value !== "string") return void 0;
  const limits = this?.options?.limits ?? DEFAULT_LIMITS;
  const { versionKey: versionKey2, ...rest } = options;
  const o = { ...rest, maxInputChars: limits.conversionInputChars };
  const task = { kind: "view", input: value, options: o };
  const convert2 = () => run(this, task, "the body");
  const shareable = value.length > INLINE_CHARS;
  if (typeof versionKey2 === "string" && versionKey2) {
    return parsed(throughCache("view-of-version", versionKey2, o, convert2, shareable));
  }
  return parsed(throughCache("view", value, o, convert2, shareable));
}

// runtime/host/functions/page-bodies.ts
function representation(bodyFormat) {
  return bodyFormat === "markdown" ? "storage" : typeof bodyFormat === "string" ? bodyFormat : void 0;
}
function pageBodyCacheable(bodyFormat) {
  return versionCacheable(representation(bodyFormat));
}
function pageBodyKey(site, page, bodyFormat) {
  return versionKey(site, page, representation(bodyFormat));
}
function cachedPageBody(site, page, bodyFormat) {
  const key = pageBodyKey(site, page, bodyFormat);
  if (key === void 0) return void 0;
  const body = cachedBody(key);
  if (body === void 0) return void 0;
  return { ...page, body };
}
function keepPageBody(site, page, bodyFormat) {
  const key = pageBodyKey(site, page, bodyFormat);
  const rep = representation(bodyFormat);
  if (key !== void 0 && rep !== void 0) rememberBody(key, page.body, rep);
  return page;
}

// runtime/host/functions/prisme.ts
function date(value) {
  const d = toDate(value);
  if (!d) return void 0;
  return {
    ts: d.getTime(),
    iso: d.toISOString(),
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    date: d.getUTCDate(),
    day: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds()
  };
}
function toDate(value) {
  if (typeof value !== "string" && typeof value !== "number") return void 0;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? void 0 : d;
}
var TOKENS = /\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|d|HH|H|hh|h|mm|m|ss|s|SSS|A|a|Z/g;
function formatDate(value, format, locale = "en", timeZone = "Europe/Paris") {
  const d = toDate(value);
  if (!d) return void 0;
  let parts;
  try {
    parts = Object.fromEntries(
      new Intl.DateTimeFormat(locale, {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric"
      }).formatToParts(d).map((p) => [p.type, p.value])
    );
  } catch {
    throw { code: "X0002", message: `unknown locale or time zone: ${locale}, ${timeZone}` };
  }
  const named = (options) => new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(d);
  const pad = (v, n = 2) => String(v).padStart(n, "0");
  const hour = Number(parts.hour) % 24;
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(
    new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short" }).format(d)
  );
  return String(format).replace(TOKENS, (token, escaped) => {
    if (escaped !== void 0) return escaped;
    switch (token) {
      case "YYYY":
        return parts.year;
      case "YY":
        return parts.year.slice(-2);
      case "MMMM":
        return named({ month: "long" });
      case "MMM":
        return named({ month: "short" });
      case "MM":
        return pad(parts.month);
      case "M":
        return String(Number(parts.month));
      case "DD":
        return pad(parts.day);
      case "D":
        return String(Number(parts.day));
      case "dddd":
        return named({ weekday: "long" });
      case "ddd":
        return named({ weekday: "short" });
      case "d":
        return String(weekday);
      case "HH":
        return pad(hour);
      case "H":
        return String(hour);
      case "hh":
        return pad(hour % 12 || 12);
      case "h":
        return String(hour % 12 || 12);
      case "mm":
        return pad(parts.minute);
      case "m":
        return String(Number(parts.minute));
      case "ss":
        return pad(parts.second);
      case "s":
        return String(Number(parts.second));
      case "SSS":
        return pad(d.getUTCMilliseconds(), 3);
      case "A":
        return hour < 12 ? "AM" : "PM";
      case "a":
        return hour < 12 ? "am" : "pm";
      case "Z":
        return offset(d, timeZone);
    }
    return token;
  });
}
function offset(d, timeZone) {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  return name === "GMT" ? "+00:00" : name.replace("GMT", "");
}
function json(value) {
  if (typeof value !== "string") return value === void 0 ? void 0 : JSON.stringify(value);
  try {
    return JSON.parse(value);
  } catch {
    return void 0;
  }
}
function slice(value, start2, end) {
  if (typeof value === "string" || Array.isArray(value)) return value.slice(start2, end);
  return void 0;
}
function decodeQuery(query) {
  return Object.fromEntries(new URLSearchParams(query));
}

// runtime/host/functions/index.ts
var FUNCTIONS = {
  // $eval would compile at run time and bypass the load-time checks.
  eval: {
    impl: () => {
      throw { code: "X0001", message: "$eval is disabled: write the expression directly" };
    }
  },
  // JSONata's own $not(missing) is missing (falsy), so `$not(x)` on an absent value silently failed
  // in conditions; here a missing value is false, so its negation is true.
  not: { impl: (v) => !truthy(v), signature: "<x-:b>" },
  uuid: { impl: () => randomUUID2(), signature: "<:s>" },
  randomToken: {
    impl: (bytes) => randomBytes(Math.min(Math.max(bytes ?? 32, 8), 256)).toString("base64url"),
    signature: "<n?:s>"
  },
  sha256: {
    impl: (text, encoding) => createHash2("sha256").update(text).digest(encoding === "hex" ? "hex" : "base64url"),
    signature: "<ss?:s>"
  },
  markdown: { impl: markdown, signature: "<s-n?s?:s>" },
  storage: { impl: storage, signature: "<s-:s>" },
  replaceSection: { impl: replaceSection2, signature: "<sxs:o>" },
  bodyView: { impl: bodyView2, signature: "<so:o>" },
  pageBodyCacheable: { impl: pageBodyCacheable, signature: "<x:b>" },
  pageBodyKey: { impl: pageBodyKey, signature: "<xxx:x>" },
  cachedPageBody: { impl: cachedPageBody, signature: "<xxx:x>" },
  keepPageBody: { impl: keepPageBody, signature: "<xxx:x>" },
  cqlCheck: { impl: cqlCheck, signature: "<s:s>" },
  cqlConfine: { impl: cqlConfine, signature: "<sx?:s>" },
  // Prisme.ai built-ins, for imported workspaces (runtime/expressions/prisme/expression.ts writes them).
  date: { impl: date, signature: "<x-:o>" },
  formatDate: { impl: formatDate, signature: "<x-ss?s?:s>" },
  json: { impl: json, signature: "<x-:x>" },
  slice: { impl: slice, signature: "<x-nn?:x>" },
  decodeQuery: { impl: decodeQuery, signature: "<s-:o>" },
  encodeQuery: {
    impl: (params) => new URLSearchParams(
      Object.entries(params ?? {}).filter(([, v]) => v !== void 0 && v !== null).flatMap(([k, v]) => Array.isArray(v) ? v.map((x) => [k, String(x)]) : [[k, String(v)]])
    ).toString(),
    signature: "<o:s>"
  }
};

// runtime/core/regex.ts
import { RE2JS } from "re2js";
var compiled = /* @__PURE__ */ new WeakMap();
function toRe2(re) {
  let r = compiled.get(re);
  if (!r) {
    const flags = (re.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (re.multiline ? RE2JS.MULTILINE : 0) | (re.dotAll ? RE2JS.DOTALL : 0);
    r = RE2JS.compile(RE2JS.translateRegExp(re.source), flags);
    compiled.set(re, r);
  }
  return r;
}
function regexProblem(re) {
  try {
    toRe2(re);
    return void 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return message.replace(/^error parsing regexp: /, "");
  }
}
var LinearRegExp = class {
  lastIndex = 0;
  source;
  re2;
  // JSONata calls exec again and again on one string (one call per match): keep its matcher.
  input;
  matcher;
  constructor(re) {
    this.source = re.source;
    this.re2 = toRe2(re);
  }
  exec(str2) {
    if (this.lastIndex > str2.length) {
      this.lastIndex = 0;
      return null;
    }
    if (this.input !== str2 || !this.matcher) {
      this.input = str2;
      this.matcher = this.re2.matcher(str2);
    }
    const m = this.matcher;
    if (!m.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups = [m.group(0) ?? ""];
    for (let g = 1; g <= m.groupCount(); g++) groups.push(m.group(g) ?? void 0);
    const result = Object.assign(groups, { index: m.start(), input: str2 });
    this.lastIndex = m.end();
    return result;
  }
};

// runtime/expressions/prisme/expression.ts
var PrismeSyntaxError = class extends Error {
  constructor(message, offset2) {
    super(message);
    this.offset = offset2;
  }
  offset;
};
var OPERATORS2 = [
  "===",
  "!==",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "<",
  ">",
  "=",
  "!",
  "+",
  "-",
  "*",
  "/",
  "%",
  "(",
  ")",
  ",",
  "."
];
function tokenize2(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith("{{", i)) {
      const end = closingBraces(src, i);
      out.push({ type: "var", text: src.slice(i + 2, end), at: i });
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new PrismeSyntaxError(`unterminated string ${src.slice(i, i + 20)}`, i);
      out.push({ type: "str", text: src.slice(i, end + 1), value: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ type: "num", text: num[0], value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (word) {
      out.push({ type: "word", text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS2.find((o) => src.startsWith(o, i));
    if (!op) throw new PrismeSyntaxError(`unexpected "${c}"`, i);
    out.push({ type: "op", text: op, at: i });
    i += op.length;
  }
  return out;
}
function closingBraces(src, start2) {
  let depth = 0;
  for (let i = start2; i < src.length - 1; i++) {
    if (src.startsWith("{{", i)) {
      depth++;
      i++;
      continue;
    }
    if (src.startsWith("}}", i)) {
      depth--;
      if (depth === 0) return i;
      i++;
    }
  }
  throw new PrismeSyntaxError('missing "}}"', start2);
}
function parsePrismePath(text, base = 0) {
  const out = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  skip();
  const name = () => {
    if (text.startsWith("{{", i)) {
      const end = closingBraces(text, i);
      out.push({ dynamic: varNode(text.slice(i + 2, end), base + i) });
      i = end + 2;
      return;
    }
    const m = /^[^.[\]\s{}]+/.exec(text.slice(i));
    if (!m) throw new PrismeSyntaxError(`expected a name in {{${text}}}`, base + i);
    out.push({ name: m[0] });
    i += m[0].length;
  };
  name();
  while (i < text.length) {
    skip();
    if (i >= text.length) break;
    const c = text[i];
    if (c === ".") {
      i++;
      name();
      continue;
    }
    if (c !== "[") throw new PrismeSyntaxError(`unexpected "${c}" in {{${text}}}`, base + i);
    i++;
    skip();
    const q = text[i];
    if (q === '"' || q === "'") {
      const end = text.indexOf(q, i + 1);
      if (end < 0) throw new PrismeSyntaxError(`unterminated key in {{${text}}}`, base + i);
      out.push({ name: text.slice(i + 1, end) });
      i = end + 1;
    } else if (text.startsWith("{{", i)) {
      const end = closingBraces(text, i);
      out.push({ dynamic: varNode(text.slice(i + 2, end), base + i) });
      i = end + 2;
    } else {
      const m = /^-?\d+/.exec(text.slice(i));
      if (!m) throw new PrismeSyntaxError(`expected an index, a quoted key or {{\u2026}} in {{${text}}}`, base + i);
      out.push({ index: Number(m[0]) });
      i += m[0].length;
    }
    skip();
    if (text[i] !== "]") throw new PrismeSyntaxError(`expected "]" in {{${text}}}`, base + i);
    i++;
  }
  return out;
}
function varNode(text, at) {
  return { kind: "var", path: parsePrismePath(text, at + 2), at };
}
var COMPARISON = {
  "==": "==",
  "=": "==",
  equals: "==",
  "===": "===",
  "!=": "!=",
  "!==": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  matches: "matches",
  in: "in"
};
function parseExpression(src) {
  const tokens = tokenize2(src);
  let pos = 0;
  const peek = (k = 0) => tokens[pos + k];
  const isWord2 = (t, w) => t?.type === "word" && t.text.toLowerCase() === w;
  const isOp = (t, o) => t?.type === "op" && t.text === o;
  const fail3 = (message, t = peek()) => {
    throw new PrismeSyntaxError(message, t ? t.at : src.length);
  };
  const boolean = () => {
    const left = comparison();
    const t = peek();
    const op = isOp(t, "&&") || isWord2(t, "and") ? "and" : isOp(t, "||") || isWord2(t, "or") ? "or" : void 0;
    if (!op) return left;
    pos++;
    return { kind: "binary", op, left, right: boolean(), at: t.at };
  };
  const comparison = () => {
    const left = additive();
    const t = peek();
    let op;
    let negate = false;
    if (t?.type === "op" && COMPARISON[t.text]) {
      op = COMPARISON[t.text];
      pos++;
    } else if (t?.type === "word" && COMPARISON[t.text.toLowerCase()]) {
      op = COMPARISON[t.text.toLowerCase()];
      pos++;
    } else if (isWord2(t, "not") && ["equals", "matches", "in"].includes(peek(1)?.text.toLowerCase() ?? "")) {
      const w = peek(1).text.toLowerCase();
      op = w === "equals" ? "!=" : w;
      negate = w !== "equals";
      pos += 2;
    }
    if (!op) return left;
    const right = additive();
    const node2 = { kind: "binary", op, left, right, at: t.at };
    return negate ? { kind: "unary", op: "!", arg: node2, at: t.at } : node2;
  };
  const additive = () => {
    let left = multiplicative();
    while (isOp(peek(), "+") || isOp(peek(), "-")) {
      const t = tokens[pos++];
      left = { kind: "binary", op: t.text, left, right: multiplicative(), at: t.at };
    }
    return left;
  };
  const multiplicative = () => {
    let left = unary2();
    while (isOp(peek(), "*") || isOp(peek(), "/") || isOp(peek(), "%")) {
      const t = tokens[pos++];
      left = { kind: "binary", op: t.text, left, right: unary2(), at: t.at };
    }
    return left;
  };
  const unary2 = () => {
    const t = peek();
    if (isOp(t, "!")) {
      pos++;
      return { kind: "unary", op: "!", arg: unary2(), at: t.at };
    }
    const next = peek(1)?.text.toLowerCase();
    if (isWord2(t, "not") && next !== void 0 && !["equals", "matches", "in", "exists"].includes(next)) {
      pos++;
      return { kind: "unary", op: "!", arg: unary2(), at: t.at };
    }
    if (isOp(t, "-")) {
      pos++;
      return { kind: "unary", op: "-", arg: unary2(), at: t.at };
    }
    return postfix();
  };
  const postfix = () => {
    let node2 = primary();
    for (; ; ) {
      const t = peek();
      if (isWord2(t, "exists")) {
        pos++;
        node2 = { kind: "exists", arg: node2, negated: false, at: t.at };
        continue;
      }
      if (isWord2(t, "not") && isWord2(peek(1), "exists")) {
        pos += 2;
        node2 = { kind: "exists", arg: node2, negated: true, at: t.at };
        continue;
      }
      if (isOp(t, ".") && peek(1)?.type === "word" && ["call", "member", "group"].includes(node2.kind)) {
        pos += 2;
        node2 = { kind: "member", object: node2, name: tokens[pos - 1].text, at: t.at };
        continue;
      }
      return node2;
    }
  };
  const primary = () => {
    const t = peek();
    if (!t) return fail3("the expression ends too early");
    pos++;
    if (t.type === "var") return varNode(t.text, t.at);
    if (t.type === "num") return { kind: "literal", value: t.value, at: t.at };
    if (t.type === "str") return { kind: "literal", value: t.value, at: t.at };
    if (isOp(t, "(")) {
      const inner2 = boolean();
      if (!isOp(peek(), ")")) fail3('expected ")"');
      pos++;
      return { kind: "group", inner: inner2, at: t.at };
    }
    if (t.type === "word") {
      if (isOp(peek(), "(")) {
        pos++;
        const args = [];
        if (!isOp(peek(), ")")) {
          for (; ; ) {
            args.push(boolean());
            if (isOp(peek(), ",")) {
              pos++;
              continue;
            }
            break;
          }
        }
        if (!isOp(peek(), ")")) fail3(`expected ")" closing ${t.text}(`);
        pos++;
        return { kind: "call", name: t.text, args, at: t.at };
      }
      const lower = t.text.toLowerCase();
      if (lower === "true" || lower === "false") return { kind: "literal", value: lower === "true", at: t.at };
      if (lower === "null") return { kind: "literal", value: null, at: t.at };
      if (lower === "undefined") return { kind: "literal", value: void 0, at: t.at };
      let text = t.text;
      while (peek()?.type === "word" && !isKeyword(peek().text) && !isOp(peek(1), "(")) {
        text += " " + tokens[pos++].text;
      }
      return { kind: "word", value: text, at: t.at };
    }
    return fail3(`unexpected "${t.text}"`, t);
  };
  const node = boolean();
  if (pos < tokens.length) fail3(`unexpected "${tokens[pos].text}"`);
  return node;
}
var KEYWORDS = /* @__PURE__ */ new Set(["and", "or", "not", "in", "matches", "exists", "equals"]);
function isKeyword(w) {
  return KEYWORDS.has(w.toLowerCase());
}
var RENAMES = {
  "run.automationSlug": ["run", "automation"],
  "global.workspaceId": ["run", "workspace"],
  "global.workspaceName": ["run", "workspace"]
};
function translateExpression(src, mode) {
  return write2(parseExpression(src), mode);
}
var JSONATA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var JSONATA_RESERVED = /* @__PURE__ */ new Set(["and", "or", "in", "true", "false", "null", "function"]);
function field2(name) {
  return JSONATA_NAME.test(name) && !JSONATA_RESERVED.has(name) ? name : "`" + name.replace(/`/g, "") + "`";
}
var extraRenames = {};
function renameOf(path2) {
  const [a, b] = path2;
  if (!a || !b || !("name" in a) || !("name" in b)) return void 0;
  const key = `${a.name}.${b.name}`;
  for (const table2 of [extraRenames, RENAMES]) if (Object.hasOwn(table2, key)) return table2[key];
  return void 0;
}
function writePath(path2) {
  const last = path2.at(-1);
  if (path2.length > 1 && last && "name" in last && last.name === "length") {
    const of = writePath(path2.slice(0, -1));
    return `($type(${of}) = "string" ? $length(${of}) : $count(${of}))`;
  }
  const renamed = renameOf(path2);
  const segments = renamed ? [...renamed.map((name) => ({ name })), ...path2.slice(2)] : path2;
  let out = "";
  segments.forEach((s, i) => {
    if ("dynamic" in s) {
      out = `$lookup(${out}, ${write2(s.dynamic, "value")})`;
      return;
    }
    if ("index" in s) {
      out += `[${s.index}]`;
      return;
    }
    if (i === 0 && /^\$[A-Za-z_]\w*$/.test(s.name)) {
      out = s.name;
      return;
    }
    out += (i === 0 ? "" : ".") + field2(s.name);
  });
  return out;
}
function literal(v) {
  return v === void 0 ? "()" : JSON.stringify(v);
}
function isStringy(n) {
  return n.kind === "word" || n.kind === "literal" && typeof n.value === "string" || n.kind === "binary" && n.op === "+" && (isStringy(n.left) || isStringy(n.right)) || n.kind === "group" && isStringy(n.inner);
}
function isNullish(n) {
  return n.kind === "literal" && (n.value === null || n.value === void 0);
}
function equality(n) {
  const [l, r] = [write2(n.left, "value"), write2(n.right, "value")];
  if (n.op === "==" && (isNullish(n.left) || isNullish(n.right))) {
    const other = isNullish(n.left) ? r : l;
    return `($exists(${other}) = false or ${other} = null)`;
  }
  if (n.op === "===" && n.right.kind === "literal" && n.right.value === void 0) return `$exists(${l}) = false`;
  if (n.op === "===" && n.left.kind === "literal" && n.left.value === void 0) return `$exists(${r}) = false`;
  return `${l} = ${r}`;
}
function write2(n, mode) {
  switch (n.kind) {
    case "var":
      return writePath(n.path);
    case "literal":
      return literal(n.value);
    case "word":
      return JSON.stringify(n.value);
    case "group":
      return `(${write2(n.inner, mode)})`;
    case "member":
      return member(n);
    case "call":
      return call2(n);
    case "exists": {
      const a = write2(n.arg, "value");
      const test = `($exists(${a}) and ${a} != null)`;
      return n.negated ? `$not${test}` : test;
    }
    case "unary":
      if (n.op === "-") return `-${write2(n.arg, "value")}`;
      return `$not(${write2(n.arg, "condition")})`;
    case "binary":
      return binary2(n, mode);
  }
}
function binary2(n, mode) {
  const side = (x, m = "value") => {
    const s = write2(x, m);
    return x.kind === "binary" ? `(${s})` : s;
  };
  switch (n.op) {
    case "and":
    case "or":
      if (mode === "condition") return `${side(n.left, "condition")} ${n.op} ${side(n.right, "condition")}`;
      return n.op === "or" ? `${side(n.left)} ?: ${side(n.right)}` : `(${write2(n.left, "value")} ? ${side(n.right)} : ${side(n.left)})`;
    case "==":
    case "===":
      return equality(n);
    // Prisme's `!=` is strict, and a missing value is different from anything: `$not(a = b)` is true then.
    case "!=":
      return `$not(${equality({ ...n, op: "===" })})`;
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "-":
    case "*":
    case "/":
    case "%":
      return `${side(n.left)} ${n.op} ${side(n.right)}`;
    case "+":
      return `${side(n.left)} ${isStringy(n.left) || isStringy(n.right) ? "&" : "+"} ${side(n.right)}`;
    case "in":
      return inList(n);
    case "matches":
      return matches(n);
  }
  throw new PrismeSyntaxError(`unknown operator ${n.op}`, n.at);
}
function inList(n) {
  const needle = write2(n.left, "value");
  const r = n.right;
  if (r.kind === "word" || r.kind === "literal" && typeof r.value === "string") {
    const items = String(r.value).split(",").map((s) => s.trim());
    return `${needle} in ${JSON.stringify(items)}`;
  }
  const list2 = write2(r, "value");
  return `(${needle} in ($type(${list2}) = "string" ? $split(${list2}, ",").$trim($) : $type(${list2}) = "object" ? $keys(${list2}) : ${list2}))`;
}
function matches(n) {
  const subject = `$string(${write2(n.left, "value")})`;
  let r = n.right;
  if (r.kind === "group") r = r.inner;
  if (r.kind === "call" && r.name === "regex") {
    const [pattern, flags] = r.args;
    if (pattern?.kind !== "literal" || typeof pattern.value !== "string") {
      throw new PrismeSyntaxError("regex(\u2026) needs a literal pattern to be translated", r.at);
    }
    return `$contains(${subject}, ${regexLiteral(pattern.value, flags?.kind === "literal" ? String(flags.value) : "")})`;
  }
  if (r.kind === "word" || r.kind === "literal" && typeof r.value === "string") {
    return `$contains(${subject}, ${regexLiteral(String(r.value), "")})`;
  }
  const why = '`matches` needs a literal pattern (a string or regex("\u2026")) to be translated to JSONata';
  throw new PrismeSyntaxError(why, r.at);
}
function regexLiteral(pattern, flags) {
  return `/${pattern.replace(/\//g, "\\/")}/${flags.replace(/[^im]/g, "")}`;
}
var DATE_FIELDS = /* @__PURE__ */ new Set(["ts", "iso", "year", "month", "date", "day", "hour", "minute", "second"]);
function member(n) {
  const o = n.object;
  if (o.kind === "call" && o.name === "date" && o.args.length === 1 && DATE_FIELDS.has(n.name)) {
    return `$date(${write2(o.args[0], "value")}).${n.name}`;
  }
  if (o.kind === "call" && o.name === "URLSearchParams" && o.args.length === 1 && n.name === "asString") {
    return `$encodeQuery(${write2(o.args[0], "value")})`;
  }
  if (o.kind === "call" && o.name === "URLSearchParams" && o.args.length === 1 && n.name === "asJSON") {
    return `$decodeQuery(${write2(o.args[0], "value")})`;
  }
  return `${write2(o, "value")}.${field2(n.name)}`;
}
function pathArg(n) {
  if (!n) return "()";
  if (n.kind === "word" || n.kind === "literal" && typeof n.value === "string") {
    return writePath(parsePrismePath(String(n.value), n.at));
  }
  return write2(n, "value");
}
function call2(n) {
  const a = n.args.map((x) => write2(x, "value"));
  const arity = (min, max = min) => {
    if (a.length < min || a.length > max) {
      const takes = min === max ? String(min) : `${min} to ${max}`;
      throw new PrismeSyntaxError(`${n.name}() takes ${takes} argument(s), got ${a.length}`, n.at);
    }
  };
  switch (n.name) {
    case "date":
      arity(1, 4);
      if (a.length === 1) return `$date(${a[0]}).iso`;
      return `$formatDate(${a.join(", ")})`;
    case "isArray":
      arity(1);
      return `($type(${pathArg(n.args[0])}) = "array")`;
    case "isObject":
      arity(1);
      return `($type(${pathArg(n.args[0])}) = "object")`;
    case "isString":
      arity(1);
      return `($type(${a[0]}) = "string")`;
    case "isNumber":
      arity(1);
      return `($type(${a[0]}) = "number")`;
    case "rand":
      arity(0, 2);
      if (a.length === 0) return "$random()";
      return a.length === 1 ? `$floor($random() * ((${a[0]}) + 1))` : `$floor($random() * ((${a[1]}) - (${a[0]}) + 1)) + (${a[0]})`;
    case "round":
      arity(1, 2);
      return `$round(${a.join(", ")})`;
    case "floor":
    case "ceil":
      arity(1, 2);
      return a.length === 1 ? `$${n.name}(${a[0]})` : `$${n.name}((${a[0]}) * $power(10, ${a[1]})) / $power(10, ${a[1]})`;
    case "split":
      arity(2);
      return `$split(${a[0]}, ${a[1]})`;
    case "join":
      arity(1, 2);
      return `$join((${a[0]}).$string($), ${a[1] ?? '","'})`;
    case "json":
    case "unsafejson":
      arity(1);
      return `$json(${a[0]})`;
    case "replace":
      arity(3);
      return `$replace(${a[0]}, ${a[1]}, ${a[2]}, 1)`;
    case "slice":
      arity(2, 3);
      return `$slice(${a.join(", ")})`;
    case "lower":
      arity(1);
      return `$lowercase(${a[0]})`;
    case "upper":
      arity(1);
      return `$uppercase(${a[0]})`;
    case "base64":
      arity(1);
      return `$base64encode(${a[0]})`;
    case "uuid":
      arity(0);
      return '$replace($uuid(), "-", "")';
    case "number":
      arity(1);
      return `$number(${a[0]})`;
    case "min":
    case "max":
      return `$${n.name}([${a.join(", ")}])`;
    case "truncate": {
      arity(1, 3);
      const len = a[1] ?? "100";
      const ellipsis = a[2] ?? '"..."';
      return `($length(${a[0]}) > (${len}) ? $substring(${a[0]}, 0, ${len}) & ${ellipsis} : ${a[0]})`;
    }
  }
  throw new PrismeSyntaxError(`the function ${n.name}() has no JSONata translation here`, n.at);
}

// runtime/expressions/prisme/hint.ts
var PRISME_MARKS = /\{\{|==|&&|\|\||!(?!=)|\s(matches|exists|equals)\b/;
function prismeHint(src, mode = "value") {
  if (!PRISME_MARKS.test(src)) return "";
  let jsonata4;
  try {
    jsonata4 = translateExpression(src.trim(), mode);
  } catch (err) {
    if (err instanceof PrismeSyntaxError) return "";
    throw err;
  }
  return `; this looks like Prisme syntax: \`${src.trim()}\`; in JSONata write \`${jsonata4}\` (\`confluence-next import\` converts a Prisme.ai workspace)`;
}

// runtime/expressions/index.ts
var stats = { jsonataCompilations: 0, fastEvaluations: 0, jsonataEvaluations: 0 };
var slowPathWatch = {};
var sources = /* @__PURE__ */ new WeakMap();
var bySource = /* @__PURE__ */ new Map();
function expressionAst(source) {
  return bySource.get(source)?.ast();
}
var accels = /* @__PURE__ */ new WeakMap();
function accel(expr) {
  let a = accels.get(expr);
  if (!a) {
    const ast = expr.ast();
    const constant = constantRoots(ast, HOST_NAMES);
    const host = { ...HOST, focus: { options: expressionOptions.get(expr) } };
    const fast = compileFast(ast, host, HOST_NAMES);
    a = { fast, constant: constant && new ConstantCache(constant) };
    accels.set(expr, a);
  }
  return a;
}
var expressionOptions = /* @__PURE__ */ new WeakMap();
var inline2 = (args) => typeof args[0] !== "string" || args[0].length <= INLINE_CHARS;
var FAST_HOST = {
  cqlCheck: {},
  cqlConfine: {},
  encodeQuery: {},
  sha256: {},
  bodyView: { accepts: inline2 },
  storage: { accepts: inline2 },
  markdown: { accepts: inline2 },
  // Memory lookups by a version key: a second call after a BAIL looks up (or keeps) the same entry.
  pageBodyCacheable: {},
  pageBodyKey: {},
  cachedPageBody: {},
  keepPageBody: {}
};
var HOST = {
  not: FUNCTIONS.not?.signature === "<x-:b>" ? FUNCTIONS.not.impl : void 0,
  functions: Object.fromEntries(
    Object.entries(FAST_HOST).flatMap(([name, { accepts }]) => {
      const fn = FUNCTIONS[name];
      return fn?.signature ? [[name, { impl: fn.impl, signature: fn.signature, accepts }]] : [];
    })
  ),
  regexEngine: LinearRegExp
};
var HOST_NAMES = new Set(Object.keys(FUNCTIONS));
var CONSTANT = (value) => ({
  constant: true,
  value: deepFreeze(value),
  evaluate: async () => value
});
function template(sync, slow) {
  return {
    constant: false,
    sync,
    evaluate: (scope) => {
      const v = attempt(sync, scope);
      return v === BAIL ? slow(scope) : Promise.resolve(v);
    }
  };
}
function attempt(sync, scope) {
  try {
    return sync(scope);
  } catch {
    return BAIL;
  }
}
function syncOf(t) {
  if (t.constant) {
    const v = t.value;
    return () => v;
  }
  return t.sync ?? (() => BAIL);
}
function isTemplateString(s) {
  return s.includes("{{") || s.includes("{%");
}
function compileValue(value, locate2, options, pointer = []) {
  if (typeof value === "string") return compileString(value, (offset2) => locate2(pointer, offset2), options);
  if (Array.isArray(value)) {
    const items = value.map((v, i) => compileValue(v, locate2, options, [...pointer, i]));
    if (items.every((t) => t.constant)) return CONSTANT(value);
    const syncs = items.map(syncOf);
    return template(
      (scope) => {
        const out = new Array(syncs.length);
        for (let i = 0; i < syncs.length; i++) if ((out[i] = syncs[i](scope)) === BAIL) return BAIL;
        return out;
      },
      async (scope) => Promise.all(items.map((t) => t.evaluate(scope)))
    );
  }
  if (value !== null && typeof value === "object") {
    const entries2 = Object.entries(value).map(
      ([k, v]) => [k, compileValue(v, locate2, options, [...pointer, k])]
    );
    if (entries2.every(([, t]) => t.constant)) return CONSTANT(value);
    const syncs = entries2.map(([k, t]) => [k, syncOf(t)]);
    return template(
      (scope) => {
        const out = {};
        for (const [k, f] of syncs) {
          const v = f(scope);
          if (v === BAIL) return BAIL;
          if (v !== void 0) out[k] = v;
        }
        return out;
      },
      async (scope) => {
        const out = {};
        for (const [k, t] of entries2) {
          const v = t.constant ? t.value : await t.evaluate(scope);
          if (v !== void 0) out[k] = v;
        }
        return out;
      }
    );
  }
  return CONSTANT(value);
}
var EXPRESSION_STACK = 1e3;
function compileString(src, locate2, options) {
  if (!isTemplateString(src)) return CONSTANT(src);
  const parts = [];
  let i = 0;
  while (i < src.length) {
    const a = src.indexOf("{{", i);
    const b = src.indexOf("{%", i);
    const start2 = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    if (start2 < 0) {
      parts.push(src.slice(i));
      break;
    }
    if (start2 > i) parts.push(src.slice(i, start2));
    const isPath = start2 === a;
    const close = isPath ? "}}" : "%}";
    const end = src.indexOf(close, start2 + 2);
    if (end < 0) {
      throw isPath ? new DsulError("PATH_SYNTAX", { path: src.slice(start2), detail: 'missing "}}"' }, { location: locate2(start2) }) : new DsulError(
        "EXPRESSION_SYNTAX",
        { jsonataCode: "S0000", detail: 'missing "%}"' },
        { location: locate2(start2) }
      );
    }
    const inner2 = src.slice(start2 + 2, end);
    parts.push(isPath ? compilePath(inner2, locate2, start2 + 2) : compileJsonata(inner2, locate2, start2 + 2, options));
    i = end + 2;
  }
  const exprs = parts.filter((p) => typeof p !== "string");
  if (parts.length - exprs.length === parts.filter((p) => typeof p === "string" && p.trim() === "").length && exprs.length === 1)
    return exprs[0];
  const syncs = parts.map((p) => typeof p === "string" ? p : syncOf(p));
  return template(
    (scope) => {
      let out = "";
      for (const p of syncs) {
        if (typeof p === "string") {
          out += p;
          continue;
        }
        const v = p(scope);
        if (v === BAIL) return BAIL;
        out += renderText(v);
      }
      return out;
    },
    async (scope) => {
      let out = "";
      for (const p of parts) out += typeof p === "string" ? p : renderText(await p.evaluate(scope));
      return out;
    }
  );
}
function renderText(v) {
  if (v === void 0 || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
function compilePath(inner2, locate2, offset2) {
  let segments;
  try {
    segments = parsePath(inner2);
  } catch (err) {
    throw new DsulError(
      "PATH_SYNTAX",
      { path: inner2.trim(), detail: err.message },
      { location: locate2(offset2) }
    );
  }
  const [head2, ...rest] = segments;
  const sync = (scope) => getPath(scope.lookup(head2), rest);
  return template(sync, async (scope) => sync(scope));
}
function compileJsonata(src, locate2, offset2, options) {
  const expr = compileJsonataExpression(src, locate2, offset2, options);
  return template(
    (scope) => jsonataNow(expr, scope),
    (scope) => evaluateJsonata(expr, scope, (position) => locate2(offset2 + position))
  );
}
function compileJsonataExpression(src, locate2, offset2, options, hint = "value") {
  if (options.deferCompile) return deferredExpression(src, locate2, offset2, options, hint);
  let expr;
  try {
    stats.jsonataCompilations++;
    const jsonataOptions = jsonataOptionsOf(options);
    expr = jsonata2(src, jsonataOptions);
    expressionOptions.set(expr, jsonataOptions);
  } catch (err) {
    const e = err;
    const pos = typeof e.position === "number" ? Math.max(0, e.position - 1) : 0;
    throw new DsulError(
      "EXPRESSION_SYNTAX",
      { jsonataCode: e.code ?? "S0000", detail: e.message ?? String(err), hint: prismeHint(src, hint) },
      { location: locate2(offset2 + pos) }
    );
  }
  sources.set(expr, src);
  bySource.set(src, expr);
  options.asts?.set(src, expr.ast());
  checkRegexes(expr.ast(), src, locate2, offset2);
  boundRanges(expr.ast());
  registerLazily(expr);
  return expr;
}
function jsonataOptionsOf(options) {
  const bounds = { valueBytes: options.valueBytes, expressionItems: options.expressionItems };
  return {
    timeout: options.expressionTimeMs,
    stack: EXPRESSION_STACK,
    RegexEngine: LinearRegExp,
    bounds,
    limits: options.limits
  };
}
function deferredExpression(src, locate2, offset2, options, hint) {
  let compiled2;
  const now = () => compiled2 ??= compileJsonataExpression(src, locate2, offset2, { ...options, deferCompile: false }, hint);
  const deferred = {
    evaluate: ((input, bindings, callback) => now().evaluate(input, bindings, callback)),
    assign: (name, value) => now().assign(name, value),
    registerFunction: (name, implementation, signature) => now().registerFunction(name, implementation, signature),
    ast: () => now().ast()
  };
  sources.set(deferred, src);
  bySource.set(src, deferred);
  expressionOptions.set(deferred, jsonataOptionsOf(options));
  return deferred;
}
function boundRanges(ast) {
  const stack = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || node instanceof RegExp) continue;
    const n = node;
    for (const v of Object.values(node)) if (v !== null && typeof v === "object") stack.push(v);
    if (n.type === "binary" && n.value === ".." && n.lhs && n.rhs) {
      const position = n.position;
      n.rhs = {
        type: "function",
        value: "(",
        position,
        arguments: [n.lhs, n.rhs],
        procedure: { type: "variable", value: RANGE_END, position }
      };
    }
  }
}
function checkRegexes(ast, src, locate2, offset2) {
  const stack = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (node instanceof RegExp) continue;
    const n = node;
    if (n.type === "regex" && n.value instanceof RegExp) {
      const detail = regexProblem(n.value);
      if (detail !== void 0) {
        const end = typeof n.position === "number" ? n.position : 0;
        const start2 = Math.max(0, src.lastIndexOf("/" + n.value.source, end));
        const location = locate2(offset2 + start2);
        throw new DsulError("REGEX_UNSUPPORTED", { pattern: n.value.source, detail }, { location });
      }
    }
    for (const v of Object.values(node)) if (v !== null && typeof v === "object") stack.push(v);
  }
}
function registerLazily(expr) {
  const evaluate = expr.evaluate;
  const first = async function(...args) {
    for (const fn of await BOUNDED) {
      expr.registerFunction(fn.name, fn.impl, fn.signature);
    }
    for (const [name, fn] of Object.entries(FUNCTIONS)) expr.registerFunction(name, fn.impl, fn.signature);
    expr.evaluate = evaluate;
    return evaluate.apply(this, args);
  };
  expr.evaluate = first;
}
async function evaluateJsonata(expr, scope, locate2) {
  const v = jsonataNow(expr, scope);
  if (v !== BAIL) return v;
  const constant = accel(expr).constant;
  const keys = constant && constantKeys(constant, scope);
  if (!keys) return slowPath(expr, scope, locate2);
  const value = await slowPath(expr, scope, locate2);
  if (isScalar(value)) constant.set(keys, value);
  return value;
}
function jsonataNow(expr, scope) {
  const { fast, constant } = accel(expr);
  const keys = constant && constantKeys(constant, scope);
  if (keys) {
    const cached2 = constant.get(keys);
    if (cached2.hit) {
      stats.fastEvaluations++;
      return cached2.value;
    }
  }
  if (fast) {
    const v = attempt(fast, scope);
    if (v !== BAIL) {
      stats.fastEvaluations++;
      if (keys && isScalar(v)) constant.set(keys, v);
      return v;
    }
  }
  return BAIL;
}
function constantKeys(constant, scope) {
  if (constant.shadows.some((name) => scope.has(name))) return void 0;
  const keys = constant.roots.map((r) => scope.lookup(r));
  return keys.every((k) => k !== null && typeof k === "object" && Object.isFrozen(k)) ? keys : void 0;
}
async function slowPath(expr, scope, locate2) {
  stats.jsonataEvaluations++;
  slowPathWatch.onSlow?.(sources.get(expr) ?? "");
  try {
    return fromJsonata(await expr.evaluate(scope.view(), scope.bindings()));
  } catch (err) {
    throw jsonataRunError(err, locate2);
  }
}
function jsonataRunError(err, locate2) {
  const e = err;
  const location = locate2(typeof e?.position === "number" ? Math.max(0, e.position - 1) : 0);
  if (err instanceof DsulError) {
    err.location ??= location;
    return err;
  }
  if (e?.code === "D1012") return new DsulError("LIMIT_EXPRESSION_TIME", { limit: e.value }, { location });
  if (e?.code === "D2014") return new DsulError("LIMIT_ITEMS", { what: "a range", limit: 1e7 }, { location });
  return new DsulError(
    "EXPRESSION_FAILED",
    { jsonataCode: e?.code ?? "D0000", detail: e?.message ?? String(err) },
    { location }
  );
}
function fromJsonata(v) {
  if (Array.isArray(v) && v.sequence) return Array.from(v);
  return v;
}

// runtime/engine/persisted-reads.ts
var PERSISTED = /* @__PURE__ */ new Set(["user", "global", "session"]);
function readsPersistedScopes(raw) {
  return [raw.do, raw.output, raw.arguments].some((node) => mentions(node, void 0));
}
function mentions(node, instruction) {
  if (typeof node === "string") return stringReads(node);
  if (Array.isArray(node)) return node.some((x) => mentions(x, void 0));
  if (node === null || typeof node !== "object") return false;
  for (const [key, value] of Object.entries(node)) {
    if (key === "comment" || key === "description") continue;
    if (key === "lock") return true;
    if ((key === "set" || key === "delete") && nameReads(value)) return true;
    if (instruction === "conditions" && key !== "default" && expressionReads(conditionSource(key))) return true;
    if (mentions(value, key)) return true;
  }
  return false;
}
function conditionSource(key) {
  return /^\s*\{%([\s\S]*)%\}\s*$/.exec(key)?.[1] ?? key;
}
function nameReads(args) {
  const name = typeof args === "string" ? args : args?.name;
  if (typeof name !== "string") return false;
  if (name.includes("{{") || name.includes("{%")) return true;
  return PERSISTED.has(name.split(/[.[]/)[0].trim());
}
function stringReads(s) {
  let i = 0;
  while (i < s.length) {
    const a = s.indexOf("{{", i);
    const b = s.indexOf("{%", i);
    const start2 = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    if (start2 < 0) return false;
    const isPath = start2 === a;
    const end = s.indexOf(isPath ? "}}" : "%}", start2 + 2);
    if (end < 0) return true;
    const inner2 = s.slice(start2 + 2, end);
    if (isPath ? pathReads(inner2) : expressionReads(inner2)) return true;
    i = end + 2;
  }
  return false;
}
function pathReads(inner2) {
  try {
    return PERSISTED.has(String(parsePath(inner2)[0]));
  } catch {
    return true;
  }
}
var MAY_READ = /(?<![\w$])(?:user|global|session)(?!\w)|\$(?![A-Za-z0-9_])/;
function expressionReads(source) {
  if (!MAY_READ.test(source)) return false;
  const ast = expressionAst(source);
  return ast === void 0 || astReads(ast, true);
}
function astReads(node, rooted) {
  if (node === null || typeof node !== "object" || node instanceof RegExp) return false;
  if (Array.isArray(node)) return node.some((x) => astReads(x, rooted));
  const n = node;
  if (n.type === "name" && typeof n.value === "string" && PERSISTED.has(n.value)) return true;
  if (n.type === "variable" && (n.value === "$" || n.value === "" && rooted)) return true;
  if (n.type === "path" && Array.isArray(n.steps)) {
    return n.steps.some((step2, i) => {
      const next = n.steps[1];
      if (i === 0 && step2.type === "variable" && (step2.value === "$" || step2.value === "") && next?.type === "name") {
        return (step2.value === "$" || rooted) && PERSISTED.has(String(next.value));
      }
      return astReads(step2, rooted && i === 0);
    });
  }
  for (const [key, value] of Object.entries(n)) {
    if (key === "type" || key === "value" || key === "position") continue;
    if (astReads(value, rooted && key !== "stages" && key !== "predicate")) return true;
  }
  return false;
}

// runtime/engine/runner.ts
async function runBlock(engine, automation, block3, scope) {
  if (block3.length === 0) return;
  const helpers = {
    evaluate: (t) => t.constant ? Promise.resolve(t.value) : t.evaluate(scope),
    runBlock: (inner2, s = scope) => runBlock(engine, automation, inner2, s)
  };
  for (let i = 0; i < block3.length; i++) {
    if (mustYield()) await yieldTurn();
    await runInstruction(engine, automation, block3[i], scope, helpers);
  }
}
var TURN_MS = 20;
var turnStart = 0;
var turnOpen = false;
function mustYield() {
  const now = performance.now();
  if (!turnOpen) {
    turnOpen = true;
    turnStart = now;
    setImmediate(() => {
      turnOpen = false;
    });
    return false;
  }
  return now - turnStart > TURN_MS;
}
function yieldTurn() {
  return new Promise((resolve2) => setImmediate(resolve2));
}
function runInstruction(engine, automation, instruction, scope, helpers) {
  const run2 = scope.run;
  checkLimits(automation, instruction, scope);
  run2.instructions++;
  run2.checkedOutput = void 0;
  const ctx = {
    scope,
    run: run2,
    engine,
    automation,
    instruction,
    evaluate: helpers.evaluate,
    runBlock: helpers.runBlock
  };
  return run2.trace ? traced(ctx) : dispatch(ctx);
}
async function dispatch(ctx) {
  const { instruction, automation, scope } = ctx;
  try {
    await store(instruction, scope, await instruction.def.run(instruction.plan, ctx));
  } catch (err) {
    fail(err, automation, instruction, scope.run);
  }
}
function fail(err, automation, instruction, run2) {
  if (err instanceof BreakSignal) throw err;
  if (run2.signal.aborted && !(err instanceof DsulError && (err.code === "RUN_CANCELLED" || err.code === "LIMIT_WALL_TIME"))) {
    throw run2.cancelled !== void 0 ? run2.abortError(automation.slug, instruction.location) : limitError("LIMIT_WALL_TIME", run2.limits.runWallTimeMs, automation, instruction);
  }
  throw locate(toDsulError(err), automation, instruction);
}
async function store(instruction, scope, result) {
  if (!instruction.output || result === void 0) return;
  if (result === scope.run.checkedOutput && typeof result === "object") {
    await scope.set(instruction.output, "replace", result, void 0, true);
    return;
  }
  await scope.set(instruction.output, "replace", result);
}
async function traced(ctx) {
  const { run: run2, automation, instruction, scope } = ctx;
  const started = performance.now();
  let failure;
  try {
    await dispatch(ctx);
  } catch (err) {
    if (!(err instanceof BreakSignal)) failure = err;
    throw err;
  } finally {
    run2.trace({
      automation: automation.slug,
      instruction: instruction.name,
      location: formatLocation(instruction.location),
      depth: Number(scope.runVars.depth),
      durationMs: performance.now() - started,
      ...failure ? { error: run2.redactor.redact(failure.describe()) } : {}
    });
  }
}
function checkLimits(automation, instruction, scope) {
  const run2 = scope.run;
  if (run2.instructions >= run2.limits.instructionsPerRun) {
    throw limitError("LIMIT_INSTRUCTIONS", run2.limits.instructionsPerRun, automation, instruction);
  }
  if (Date.now() >= run2.deadline || run2.signal.aborted) {
    if (run2.cancelled !== void 0) throw run2.abortError(automation.slug, instruction.location);
    throw limitError("LIMIT_WALL_TIME", run2.limits.runWallTimeMs, automation, instruction);
  }
}
function limitError(code, limit, automation, instruction) {
  return new DsulError(
    code,
    { limit, slug: automation.slug },
    { location: instruction.location, slug: automation.slug }
  );
}
function locate(err, automation, instruction) {
  if (!err.location) err.location = instruction.location;
  if (!err.slug) err.slug = automation.slug;
  return err;
}

// runtime/core/logger.ts
var silentLogger = { info() {
}, warn() {
}, error() {
} };

// runtime/engine/workspace.ts
var automationEvents = new EventEmitter();
automationEvents.setMaxListeners(0);
function reaches(event, run2) {
  const target = event.target;
  if (!target) return true;
  if (target.userId !== void 0 && target.userId !== run2?.identity.userId) return false;
  if (target.sessionId !== void 0 && target.sessionId !== run2?.session.id) return false;
  if (target.currentSocket === true && target.correlationId !== run2?.correlationId) return false;
  return true;
}
var RECENT_EVENTS = 64;
var RECENT_EVENT_BYTES = 64 * 1024;
var Workspace = class {
  constructor(info, automations, config, secret, limits, store2, log = silentLogger, services = {}) {
    this.info = info;
    this.automations = automations;
    this.config = config;
    this.secret = secret;
    this.limits = limits;
    this.store = store2;
    this.log = log;
    this.services = services;
    this.slug = info.slug;
    this.name = info.name;
    this.redactor = new Redactor();
    this.redactor.addAll(secret);
    this.events.setMaxListeners(0);
    const imports = info.index.imports ?? {};
    this.dsul = deepFreeze(
      structuredClone({
        slug: info.slug,
        name: info.name,
        description: info.description,
        config,
        imports: Object.fromEntries(
          Object.entries(imports).map(([k, v]) => [k, { appSlug: v.appSlug, config: v.config ?? {} }])
        )
      })
    );
  }
  info;
  automations;
  config;
  secret;
  limits;
  store;
  log;
  services;
  slug;
  name;
  redactor;
  dsul;
  /** Every emitted event, for observers (logs, tests); payloads are already redacted. */
  events = new EventEmitter();
  waiters = /* @__PURE__ */ new Set();
  eventSeq = 0;
  recent = [];
  pending = /* @__PURE__ */ new Set();
  automation(slug) {
    return this.automations.get(slug);
  }
  /** Run an automation as the root of a new run. Errors are thrown as DsulError, already redacted. */
  async run(slug, args = {}, options = {}) {
    const automation = this.automations.get(slug);
    if (!automation) throw new DsulError("AUTOMATION_NOT_FOUND", { slug, workspace: this.slug });
    const run2 = await RunContext.create(this, options);
    try {
      const { output, http } = await this.invoke(automation, args, run2, options.depth ?? 0, options.locals, true);
      return {
        output: run2.redactor.redactDeep(output),
        http: http && run2.redactor.redactDeep(http),
        instructions: run2.instructions,
        durationMs: Date.now() - run2.startedAt
      };
    } catch (err) {
      const e = toDsulError(err);
      e.message = run2.redactor.redact(e.message);
      if (e.kind === "unexpected") {
        this.log.error({ err: e.message, automation: slug, correlationId: run2.correlationId }, "unexpected error");
      }
      throw e;
    } finally {
      run2.finish();
    }
  }
  async call(slug, args, run2, depth) {
    const automation = this.automations.get(slug);
    if (!automation) throw new DsulError("AUTOMATION_NOT_FOUND", { slug, workspace: this.slug });
    return (await this.invoke(automation, args, run2, depth)).output;
  }
  async invoke(automation, rawArgs, run2, depth, locals, root = false) {
    if (automationEvents.listenerCount("automation") === 0) {
      return this.execute(automation, rawArgs, run2, depth, locals, root);
    }
    const event = (outcome, code) => ({
      workspace: this.slug,
      automation: automation.slug,
      outcome,
      code
    });
    try {
      const result = await this.execute(automation, rawArgs, run2, depth, locals, root);
      automationEvents.emit("automation", event("ok"));
      return result;
    } catch (err) {
      if (err instanceof BreakSignal) {
        automationEvents.emit("automation", event("ok"));
        throw err;
      }
      const e = toDsulError(err);
      const outcome = e.code === "RUN_CANCELLED" ? "cancelled" : "error";
      automationEvents.emit(
        "automation",
        event(outcome, e.code === "FAILED" && typeof e.data.reason === "string" ? e.data.reason : e.code)
      );
      throw err;
    }
  }
  async execute(automation, rawArgs, run2, depth, locals, root = false) {
    const where = { slug: automation.slug, location: automation.location };
    if (depth >= run2.limits.callDepth) {
      throw new DsulError("LIMIT_DEPTH", { limit: run2.limits.callDepth, slug: automation.slug }, where);
    }
    if (!run2.persistedLoaded && readsPersisted(automation)) await run2.loadPersisted();
    const args = validateArguments(automation, rawArgs, run2.limits, root ? where : {});
    const frame = new Frame(void 0, locals ? { ...locals, ...args } : args);
    const runVars = Object.freeze({
      id: run2.id,
      correlationId: run2.correlationId,
      workspace: this.slug,
      // Formatted only when read (Date#toISOString costs a few µs, and most runs never read it).
      get date() {
        return run2.date;
      },
      automation: automation.slug,
      depth,
      trigger: run2.trigger,
      userId: run2.identity.userId,
      agentId: run2.identity.agentId,
      contextId: run2.identity.contextId
    });
    const scope = new Scope(run2, runVars, frame);
    let stop;
    try {
      await runBlock(this, automation, automation.do, scope);
    } catch (err) {
      if (!(err instanceof BreakSignal)) throw err;
      stop = err;
    }
    let output;
    if (stop?.hasPayload) output = stop.payload;
    else if (automation.output) output = await automation.output.evaluate(scope);
    const problem = valueProblem(output, run2.limits.valueBytes);
    if (problem) throw valueError(problem, "the output", run2.limits, where);
    run2.checkedOutput = output;
    if (stop?.scope === "all" && !root) throw new BreakSignal("all", output, stop.hasPayload);
    const http = "$http" in frame.vars ? frame.vars.$http : void 0;
    return { output, http };
  }
  emit(event, run2) {
    const seq = ++this.eventSeq;
    run2.eventCursor = seq;
    if (!sizeExceeds(event.payload, RECENT_EVENT_BYTES)) {
      this.recent.push({ seq, event });
      if (this.recent.length > RECENT_EVENTS) this.recent.shift();
    }
    this.events.emit("event", event);
    let cancelled = false;
    for (const w of this.waiters) {
      if (!w.types.includes(event.type) || !reaches(event, w.run) || !w.filter(event)) continue;
      if (w.cancels?.(event)) cancelled = true;
      w.resolve(event, seq);
    }
    if (cancelled) return;
    for (const automation of this.automations.values()) {
      if (automation.private || !automation.when.events?.includes(event.type)) continue;
      const depth = event.source.depth + 1;
      const p = nextTurn().then(
        () => this.run(
          automation.slug,
          {},
          {
            identity: run2.identity,
            correlationId: run2.correlationId,
            trigger: { type: "event", value: event.type },
            locals: { payload: event.payload, event: { type: event.type, source: event.source } },
            depth
          }
        )
      ).catch((err) => {
        this.log.warn(
          { automation: automation.slug, event: event.type, err: toDsulError(err).describe() },
          "event-triggered automation failed"
        );
      }).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }
  /**
   * The next event of `type` that passes `filter`. For a run that emitted before (`run.eventCursor`),
   * an event since then that arrived before this wait counts too; each event is seen once per run.
   */
  waitFor(type2, filter, timeoutMs, signal, run2, cancels) {
    const types = typeof type2 === "string" ? [type2] : type2;
    if (run2 && run2.eventCursor > 0) {
      const missed = this.recent.find(
        (r) => r.seq > run2.eventCursor && types.includes(r.event.type) && reaches(r.event, run2) && filter(r.event)
      );
      if (missed) {
        run2.eventCursor = missed.seq;
        return Promise.resolve(missed.event);
      }
    }
    return new Promise((resolve2) => {
      const finish = (e, seq) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        this.waiters.delete(waiter);
        if (run2 && seq !== void 0) run2.eventCursor = seq;
        resolve2(e);
      };
      const onAbort = () => finish(void 0);
      const waiter = { types, filter, cancels, run: run2, resolve: finish };
      const timer = setTimeout(onAbort, timeoutMs);
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }
  /** Wait for event-triggered runs still in flight (graceful shutdown, tests). */
  async drain() {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
};
function nextTurn() {
  return new Promise((resolve2) => setImmediate(resolve2));
}
function validateArguments(automation, raw, limits, where) {
  const deep = depthExceeds(raw, limits.argumentDepth);
  if (deep !== void 0) throw argumentDepthError("the arguments", deep, limits, where);
  if (sizeExceeds(raw, limits.valueBytes)) {
    throw new DsulError("LIMIT_SIZE", { what: "the arguments", limit: limits.valueBytes }, where);
  }
  const args = raw === null || typeof raw !== "object" ? {} : cloneValue(raw);
  if (!automation.validateArguments(args)) {
    throw new DsulError(
      "ARGUMENTS_INVALID",
      {
        slug: automation.slug,
        detail: describeArgumentErrors(automation.validateArguments.errors ?? [])
      },
      where
    );
  }
  return args;
}
function describeArgumentErrors(errors) {
  const parts = errors.filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf").map((e) => {
    const name = e.instancePath.slice(1).replace(/\//g, ".");
    if (e.keyword === "required")
      return `\`${[name, e.params.missingProperty].filter(Boolean).join(".")}\` is required`;
    if (e.keyword === "additionalProperties") {
      return `unknown argument \`${[name, e.params.additionalProperty].filter(Boolean).join(".")}\``;
    }
    if (e.keyword === "enum") {
      return `\`${name}\` must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    }
    return `\`${name || "arguments"}\` ${e.message}`;
  });
  return [...new Set(parts)].join("; ");
}
var persistedReads = /* @__PURE__ */ new WeakMap();
function readsPersisted(automation) {
  let reads = persistedReads.get(automation);
  if (reads === void 0) persistedReads.set(automation, reads = readsPersistedScopes(automation.raw));
  return reads;
}

// runtime/host/store/memory.ts
import { randomUUID as randomUUID3 } from "node:crypto";

// runtime/core/store.ts
async function waitForLock(key, waitMs, tryAcquire, waiters, signal) {
  const deadline = Date.now() + Math.max(0, waitMs);
  let delay = 2;
  for (; ; ) {
    if (signal?.aborted) throw new LockWaitAborted(key);
    if (await tryAcquire()) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new DsulError("LOCK_TIMEOUT", { key, wait: Math.round(waitMs) / 1e3 });
    await (waiters ? waiters.sleep(key, Math.min(left, delay * (0.5 + Math.random()))) : sleep(Math.min(left, delay)));
    delay = Math.min(delay * 2, 50);
  }
}
var LockWaitAborted = class extends Error {
  constructor(key) {
    super(`stopped waiting for lock "${key}"`);
    this.key = key;
  }
  key;
};
var LocalWaiters = class {
  sleepers = /* @__PURE__ */ new Map();
  sleep(key, ms) {
    return new Promise((resolve2) => {
      let set2 = this.sleepers.get(key);
      if (!set2) this.sleepers.set(key, set2 = /* @__PURE__ */ new Set());
      const done = () => {
        clearTimeout(timer);
        set2.delete(done);
        if (set2.size === 0 && this.sleepers.get(key) === set2) this.sleepers.delete(key);
        resolve2();
      };
      const timer = setTimeout(done, ms);
      set2.add(done);
    });
  }
  wake(key) {
    for (const done of [...this.sleepers.get(key) ?? []]) done();
  }
};
function sleep(ms) {
  return new Promise((resolve2) => setTimeout(resolve2, ms));
}

// runtime/host/store/memory.ts
var MemoryStore = class {
  docs = /* @__PURE__ */ new Map();
  kv = /* @__PURE__ */ new Map();
  locks = /* @__PURE__ */ new Map();
  waiters = new LocalWaiters();
  async getDoc(namespace, id) {
    const doc = this.liveDoc(`${namespace}\0${id}`);
    return doc ? structuredClone(doc) : {};
  }
  async patchDoc(namespace, id, patch, ttlMs) {
    const key = `${namespace}\0${id}`;
    const next = applyPatch(structuredClone(this.liveDoc(key) ?? {}), {
      ...patch,
      value: structuredClone(patch.value)
    });
    this.docs.set(key, { doc: next, expiresAt: ttlMs ? Date.now() + ttlMs : Infinity });
    return structuredClone(next);
  }
  liveDoc(key) {
    const entry = this.docs.get(key);
    if (entry && entry.expiresAt <= Date.now()) this.docs.delete(key);
    else return entry?.doc;
  }
  async get(key) {
    return this.live(key)?.value;
  }
  async set(key, value, ttlMs) {
    this.kv.set(key, { value: structuredClone(value), expiresAt: ttlMs ? Date.now() + ttlMs : Infinity });
  }
  async delete(key) {
    return this.kv.delete(key);
  }
  async take(key) {
    const e = this.live(key);
    this.kv.delete(key);
    return e?.value;
  }
  async incr(key, by, ttlMs) {
    const e = this.live(key) ?? { value: 0, expiresAt: Date.now() + ttlMs };
    e.value = e.value + by;
    this.kv.set(key, e);
    return { value: e.value, ttlMs: Math.max(0, e.expiresAt - Date.now()) };
  }
  async lock(key, ttlMs, waitMs, signal) {
    const token = randomUUID3();
    await waitForLock(
      key,
      waitMs,
      () => {
        const held = this.locks.get(key);
        if (held && held.expiresAt > Date.now()) return false;
        this.locks.set(key, { token, expiresAt: Date.now() + ttlMs });
        return true;
      },
      this.waiters,
      signal
    );
    return async () => {
      if (this.locks.get(key)?.token !== token) return;
      this.locks.delete(key);
      this.waiters.wake(key);
    };
  }
  async close() {
    this.docs.clear();
    this.kv.clear();
    this.locks.clear();
  }
  live(key) {
    const e = this.kv.get(key);
    if (e && e.expiresAt <= Date.now()) {
      this.kv.delete(key);
      return void 0;
    }
    return e;
  }
};

// runtime/workspace/load.ts
import { Cron } from "croner";

// runtime/workspace/ajv.ts
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";

// schemas/validators/automation.js
import * as module0 from "ajv/dist/runtime/ucs2length.js";
var cjs = (ns) => ns.default?.__esModule ? ns.default : ns;
var validate = validate10;
var schema11 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://confluence-next.dev/schemas/automation.schema.json", "title": "confluence-next automation", "description": "One automation of a DSUL-style workspace (docs/language.md).", "type": "object", "required": ["do"], "additionalProperties": false, "properties": { "slug": { "type": "string", "pattern": "^[A-Za-z][\\w./-]*$", "description": "Defaults to the file path under automations/ without .yml." }, "name": { "type": "string" }, "description": { "type": "string", "maxLength": 4e3 }, "arguments": { "type": "object", "description": "Argument name \u2192 JSON Schema. Validated before `do` runs.", "additionalProperties": { "type": "object", "description": "A JSON Schema for one argument; `required: true` marks it as required.", "properties": { "required": { "anyOf": [{ "type": "boolean" }, { "type": "array", "items": { "type": "string" } }], "description": "`true` marks the argument as required (inside an object schema, the usual list of required keys)." } } } }, "when": { "type": "object", "additionalProperties": false, "properties": { "endpoint": { "anyOf": [{ "type": "boolean" }, { "type": "string", "pattern": "^[\\w.-]+(/[\\w.-]+)*$" }], "title": "true or an endpoint name", "description": "Expose as a webhook: `true` uses the slug as endpoint name." }, "public": { "type": "boolean", "description": "The webhook accepts calls without an API key (e.g. an OAuth callback)." }, "mcp": { "type": "object", "required": ["tool", "action"], "additionalProperties": false, "properties": { "tool": { "type": "string", "pattern": "^[a-zA-Z][\\w-]*$" }, "action": { "type": "string", "pattern": "^[a-zA-Z][\\w-]*$" }, "title": { "type": "string" }, "toolDescription": { "type": "string", "maxLength": 1024 }, "write": { "type": "boolean", "description": "The action changes data (hidden and refused in read-only mode)." }, "annotations": { "type": "object", "additionalProperties": false, "properties": { "readOnlyHint": { "type": "boolean" }, "destructiveHint": { "type": "boolean" }, "idempotentHint": { "type": "boolean" }, "openWorldHint": { "type": "boolean" } } } } }, "events": { "type": "array", "items": { "type": "string" }, "description": "Run when one of these events is emitted; the event's payload is the `payload` variable." }, "schedules": { "type": "array", "items": { "type": "string" }, "description": "Cron expressions (UTC, 5 or 6 fields): run the automation on that schedule while `serve` runs; one replica runs each tick when they share a store." } } }, "do": { "$ref": "#/$defs/instructionList" }, "output": { "description": "The automation's result, evaluated after `do` (also after a `break`)." }, "outputSchema": { "type": "object", "description": "JSON Schema of the output (advertised as the MCP tool's outputSchema)." }, "private": { "type": "boolean", "description": "Callable only from other automations: never a webhook, MCP tool or event target." } }, "$defs": { "expression": { "type": "string", "pattern": "\\{[{%]", "description": "A `{{ path }}` or `{% jsonata %}` expression." }, "instructionList": { "type": "array", "items": { "$ref": "#/$defs/instruction" }, "description": "Instructions run in order." }, "instruction": { "type": "object", "minProperties": 1, "maxProperties": 1, "description": "One instruction: a map with a single key, the instruction name or the slug of an automation to call.", "properties": { "set": { "$ref": "#/$defs/set" }, "delete": { "$ref": "#/$defs/delete" }, "conditions": { "$ref": "#/$defs/conditions" }, "repeat": { "$ref": "#/$defs/repeat" }, "all": { "$ref": "#/$defs/all" }, "break": { "$ref": "#/$defs/break" }, "try": { "$ref": "#/$defs/try" }, "emit": { "$ref": "#/$defs/emit" }, "wait": { "$ref": "#/$defs/wait" }, "rateLimit": { "$ref": "#/$defs/rateLimit" }, "comment": { "$ref": "#/$defs/comment" }, "fetch": { "$ref": "#/$defs/fetch" }, "fail": { "$ref": "#/$defs/fail" }, "lock": { "$ref": "#/$defs/lock" }, "record": { "$ref": "#/$defs/record" }, "settings": { "$ref": "#/$defs/settings" } }, "additionalProperties": { "$ref": "#/$defs/automationCall" } }, "automationCall": { "description": "Call another automation by its slug: its arguments, plus `output` to store its result.", "anyOf": [{ "type": "null" }, { "type": "object", "properties": { "output": { "type": "string", "description": "Store the instruction's result in this variable (a path such as `page` or `result.items`)." } } }] }, "set": { "type": "object", "description": "Write a variable. `type: merge` merges objects or appends to arrays; `type: push` (or a name ending in `[]`) appends.", "required": ["name", "value"], "additionalProperties": false, "properties": { "name": { "type": "string", "description": "Variable path: `x`, `a.b[0]`, `user.prefs`, `global.count`, `$http.status`." }, "value": { "description": "Any value; expressions are evaluated." }, "type": { "enum": ["replace", "merge", "push"], "default": "replace" } } }, "delete": { "type": "object", "required": ["name"], "additionalProperties": false, "description": "Remove a variable, key or array element.", "properties": { "name": { "type": "string" } } }, "conditions": { "type": "object", "minProperties": 1, "description": "Keys are JSONata expressions tried in order; the first truthy key runs its list, else `default`.", "additionalProperties": { "$ref": "#/$defs/instructionList" } }, "repeat": { "type": "object", "required": ["do"], "additionalProperties": false, "description": "Run `do` for each element of `on` (as `item`, index `$index`), or `until` times.", "anyOf": [{ "required": ["on"] }, { "required": ["until"] }], "properties": { "on": { "description": "An array, an object (iterated as {key, value}) or an expression giving one." }, "until": { "title": "a number or an expression", "anyOf": [{ "type": "number" }, { "$ref": "#/$defs/expression" }], "description": "Number of iterations (with `on`: at most this many)." }, "do": { "$ref": "#/$defs/instructionList" }, "batch": { "type": "object", "required": ["size"], "additionalProperties": false, "properties": { "size": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 1 }, { "$ref": "#/$defs/expression" }], "description": "Iterations run concurrently." }, "interval": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "Milliseconds to wait between batches." } } } } }, "all": { "type": "array", "minItems": 1, "description": "Run every branch concurrently and wait for all. A branch is one instruction or a list.", "items": { "anyOf": [{ "$ref": "#/$defs/instruction" }, { "$ref": "#/$defs/instructionList" }] } }, "break": { "description": "Stop the automation (default), the nearest `repeat`, or `all` automations of the call chain.", "anyOf": [{ "type": "null" }, { "type": "object", "additionalProperties": false, "properties": { "scope": { "enum": ["automation", "repeat", "all"], "default": "automation" }, "payload": { "description": "When given, becomes the stopped automation's result instead of its `output`." } } }] }, "try": { "type": "object", "required": ["do"], "additionalProperties": false, "description": "Run `do`; on error run `catch` with `$error` ({name, code, message, status, details}); always run `finally`.", "properties": { "do": { "$ref": "#/$defs/instructionList" }, "catch": { "$ref": "#/$defs/instructionList" }, "finally": { "$ref": "#/$defs/instructionList" } } }, "emit": { "type": "object", "required": ["event"], "additionalProperties": false, "description": "Publish an event to automations whose `when.events` list it.", "properties": { "event": { "type": "string" }, "payload": {}, "target": { "type": "object", "additionalProperties": false, "description": "Who the event is for: only waits of runs of that user or session (or of the emitting run, `currentSocket`) see it.", "properties": { "userId": { "type": "string" }, "sessionId": { "type": "string" }, "userTopic": { "type": "string", "description": "Carried on the event; there are no user topics here." }, "currentSocket": { "type": "boolean" } } }, "options": { "type": "object", "description": "Prisme.ai's `persist`, `aggPayload`, `async`: carried on the event (`event.options`), no other effect here.", "properties": { "persist": { "type": "boolean" }, "aggPayload": { "type": "boolean" }, "async": { "type": "boolean" } } } } }, "wait": { "type": "object", "additionalProperties": false, "description": "Pause `timeout` seconds, or until an event matching `filters` arrives (result: the event, or nothing on timeout).", "properties": { "timeout": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "Seconds (default 20)." }, "event": { "type": "string", "description": "The event to wait for." }, "filters": { "type": "object", "description": "Path on the event (e.g. `payload.id`) \u2192 expected value." }, "output": { "type": "string", "description": "Store the instruction's result in this variable (a path such as `page` or `result.items`)." }, "cancelTriggers": { "type": "boolean", "description": "The matched event then triggers no `when.events` automation." }, "oneOf": { "type": "array", "minItems": 1, "description": "Wait for the first of several events, each with its own filters.", "items": { "type": "object", "required": ["event"], "additionalProperties": false, "properties": { "event": { "type": "string" }, "filters": { "type": "object", "description": "Path on the event (e.g. `payload.id`) \u2192 expected value." }, "cancelTriggers": { "type": "boolean", "description": "The matched event then triggers no `when.events` automation." } } } } } }, "rateLimit": { "type": "object", "required": ["name", "limit", "window"], "additionalProperties": false, "description": "Count calls in a fixed window; over `limit` raise RATE_LIMITED (or, with `break: false`, return {ok: false, retryAfter}).", "properties": { "name": { "type": "string" }, "limit": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 0 }, { "$ref": "#/$defs/expression" }] }, "window": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 1 }, { "$ref": "#/$defs/expression" }], "description": "Window length in seconds." }, "consumer": { "type": "string", "description": "Who is counted (default: the user, else the workspace)." }, "consume": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 0 }, { "$ref": "#/$defs/expression" }] }, "break": { "title": "a boolean or an expression", "description": "Raise RATE_LIMITED when exceeded (default true).", "anyOf": [{ "type": "boolean" }, { "$ref": "#/$defs/expression" }] }, "output": { "type": "string", "description": "Store the instruction's result in this variable (a path such as `page` or `result.items`)." } } }, "comment": { "type": "string", "description": "A note for readers; never evaluated." }, "fetch": { "type": "object", "required": ["url"], "additionalProperties": false, "description": "Outbound HTTP request. 4xx/5xx do not throw: use `outputMode: detailed_response` to branch on `status`.", "properties": { "url": { "type": "string" }, "method": { "title": "an HTTP method", "anyOf": [{ "enum": ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "post", "put", "patch", "delete", "head", "options"] }, { "$ref": "#/$defs/expression" }] }, "headers": { "description": "Header name \u2192 value (an object or an expression)." }, "query": { "description": "Query parameters; an array value repeats the key." }, "body": { "description": "Request body: objects are sent as JSON unless the content type is a form." }, "form": { "description": "Fields sent as application/x-www-form-urlencoded." }, "multipart": { "description": "A list of parts: {name, value} or {name, value (base64 or text), filename, contentType}.", "anyOf": [{ "type": "array", "items": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" }, "value": {}, "filename": { "type": "string" }, "contentType": { "type": "string" }, "encoding": { "enum": ["base64", "utf8"] } }, "additionalProperties": false } }, { "$ref": "#/$defs/expression" }] }, "auth": { "description": "`basic: {username, password}` or `bearer: TOKEN`; never hand-build Authorization headers.", "anyOf": [{ "type": "object", "additionalProperties": false, "properties": { "basic": { "type": "object", "required": ["username", "password"], "additionalProperties": false, "properties": { "username": {}, "password": {} } }, "bearer": {} } }, { "$ref": "#/$defs/expression" }] }, "timeout": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 1 }, { "$ref": "#/$defs/expression" }], "description": "Per-attempt timeout in ms (default http.timeoutMs, 15000)." }, "retry": { "type": "object", "additionalProperties": false, "properties": { "attempts": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 1 }, { "$ref": "#/$defs/expression" }], "description": "Total attempts including the first (default 3; 1 disables retries)." }, "backoff": { "type": "object", "additionalProperties": false, "properties": { "base": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "First delay in ms (default 250)." }, "cap": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "Longest delay in ms (default 10000)." } } }, "jitter": { "enum": ["full", "none"], "default": "full" }, "unsafe": { "title": "a boolean or an expression", "description": "Also replay non-idempotent requests (POST, PATCH) that may have reached the server. Off by default.", "anyOf": [{ "type": "boolean" }, { "$ref": "#/$defs/expression" }] } } }, "outputMode": { "enum": ["body", "detailed_response", "base64"], "default": "body" }, "output": { "type": "string", "description": "Store the instruction's result in this variable (a path such as `page` or `result.items`)." } } }, "fail": { "type": "object", "required": ["message"], "additionalProperties": false, "description": "Stop with an error: `message` for the caller, `reason` (a code of your own, `$error.reason` in catch), `status` (HTTP, 400\u2013599, default 400), `details`.", "properties": { "message": { "type": "string" }, "reason": { "type": "string" }, "status": { "title": "an HTTP status or an expression", "anyOf": [{ "type": "integer", "minimum": 400, "maximum": 599 }, { "$ref": "#/$defs/expression" }] }, "details": {} } }, "lock": { "type": "object", "required": ["key", "do"], "additionalProperties": false, "description": "Run `do` while holding a lock shared by every instance on the store; on acquiring, `user` and `global` are read again. Raises LOCK_TIMEOUT when `wait` runs out.", "properties": { "key": { "type": "string", "minLength": 1, "description": "The lock's name, per workspace, e.g. `refresh:{{user.id}}`." }, "ttl": { "title": "a number or an expression", "anyOf": [{ "type": "number", "exclusiveMinimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "Seconds after which the lock expires even if its holder never releases it (crash). Default: the rest of the run's wall time." }, "wait": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "Seconds to wait for the lock before LOCK_TIMEOUT. Default: the rest of the run's wall time." }, "do": { "$ref": "#/$defs/instructionList" } } }, "record": { "type": "object", "required": ["op", "key"], "additionalProperties": false, "description": "A key-value record in the store, per workspace, with an optional time to live: `put` writes `value`, `get` reads it, `take` reads and deletes it in one step (single use), `delete` removes it. A missing or expired record reads as null.", "properties": { "op": { "enum": ["put", "get", "take", "delete"], "description": "put (needs `value`), get, take (read once: the record is gone after) or delete (result: whether it existed)." }, "key": { "type": "string", "minLength": 1, "description": "The record's name, per workspace, e.g. `oauth:state:{% $sha256(state) %}`. Keys are stored in clear: hash secrets before using them in a key." }, "value": { "description": "What `put` stores (any JSON value; encrypted at rest like the scopes)." }, "ttl": { "title": "a number or an expression", "anyOf": [{ "type": "number", "exclusiveMinimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "`put` only: seconds until the record expires. Default: never." }, "output": { "type": "string", "description": "Store the instruction's result in this variable (a path such as `page` or `result.items`)." } } }, "settings": { "type": "object", "required": ["op"], "additionalProperties": false, "description": "Read or change the current workspace's own config and secrets (docs/language.md \"settings\"). `put` checks every value against the workspace's schemas first (SETTINGS_INVALID names each field). Secrets are write-only: the result says only which are set.", "properties": { "op": { "enum": ["get", "put"], "description": "get: `{workspace, source, config, secrets: {name: set?}}`; put: apply `config` and `secrets`, then the same." }, "config": { "title": "an object or an expression", "anyOf": [{ "type": "object" }, { "$ref": "#/$defs/expression" }], "description": "`put` only: settings to change, by name; `null` drops the workspace's own value (back to its default)." }, "secrets": { "title": "an object or an expression", "anyOf": [{ "type": "object", "additionalProperties": { "type": ["string", "null"] } }, { "$ref": "#/$defs/expression" }], "description": "`put` only: secrets to set, by name; `null` clears one, an empty string keeps the stored one." }, "output": { "type": "string", "description": "Store the instruction's result in this variable (a path such as `page` or `result.items`)." } } } }, "allOf": [{ "$comment": 'Editor-only warnings (deprecationMessage, which yaml-language-server shows as a warning); they constrain nothing. validate reports the same as located diagnostics (docs/language.md "Diagnostics").', "if": { "required": ["private", "when"], "properties": { "private": { "const": true }, "when": { "anyOf": [{ "required": ["endpoint"] }, { "required": ["events"] }, { "required": ["mcp"] }] } } }, "then": { "properties": { "private": { "deprecationMessage": "PRIVATE_TRIGGER: private: true disables when.endpoint, when.events and when.mcp; a private automation is only called by other automations." } } } }, { "if": { "required": ["when"], "properties": { "when": { "required": ["endpoint"], "properties": { "endpoint": { "const": "mcp" } } } } }, "then": { "properties": { "when": { "properties": { "endpoint": { "deprecationMessage": "RESERVED_ENDPOINT: the webhook name mcp is the MCP server's path; this automation is not served." } } } } } }, { "if": { "required": ["when"], "properties": { "when": { "required": ["mcp"] } } }, "then": { "properties": { "arguments": { "properties": { "action": { "deprecationMessage": "RESERVED_ARGUMENT: action is reserved by the MCP server (action, outputFormat, agent_id, user_id, context_id); this action is not served." }, "outputFormat": { "deprecationMessage": "RESERVED_ARGUMENT: outputFormat is reserved by the MCP server (action, outputFormat, agent_id, user_id, context_id); this action is not served." }, "agent_id": { "deprecationMessage": "RESERVED_ARGUMENT: agent_id is reserved by the MCP server (action, outputFormat, agent_id, user_id, context_id); this action is not served." }, "user_id": { "deprecationMessage": "RESERVED_ARGUMENT: user_id is reserved by the MCP server (action, outputFormat, agent_id, user_id, context_id); this action is not served." }, "context_id": { "deprecationMessage": "RESERVED_ARGUMENT: context_id is reserved by the MCP server (action, outputFormat, agent_id, user_id, context_id); this action is not served." } } } } } }] };
var func2 = Object.prototype.hasOwnProperty;
var func3 = cjs(module0).default;
var pattern0 = new RegExp("^[A-Za-z][\\w./-]*$", "u");
var pattern1 = new RegExp("^[\\w.-]+(/[\\w.-]+)*$", "u");
var pattern2 = new RegExp("^[a-zA-Z][\\w-]*$", "u");
var schema13 = { "type": "object", "minProperties": 1, "maxProperties": 1, "description": "One instruction: a map with a single key, the instruction name or the slug of an automation to call.", "properties": { "set": { "$ref": "#/$defs/set" }, "delete": { "$ref": "#/$defs/delete" }, "conditions": { "$ref": "#/$defs/conditions" }, "repeat": { "$ref": "#/$defs/repeat" }, "all": { "$ref": "#/$defs/all" }, "break": { "$ref": "#/$defs/break" }, "try": { "$ref": "#/$defs/try" }, "emit": { "$ref": "#/$defs/emit" }, "wait": { "$ref": "#/$defs/wait" }, "rateLimit": { "$ref": "#/$defs/rateLimit" }, "comment": { "$ref": "#/$defs/comment" }, "fetch": { "$ref": "#/$defs/fetch" }, "fail": { "$ref": "#/$defs/fail" }, "lock": { "$ref": "#/$defs/lock" }, "record": { "$ref": "#/$defs/record" }, "settings": { "$ref": "#/$defs/settings" } }, "additionalProperties": { "$ref": "#/$defs/automationCall" } };
var schema15 = { "type": "object", "description": "Write a variable. `type: merge` merges objects or appends to arrays; `type: push` (or a name ending in `[]`) appends.", "required": ["name", "value"], "additionalProperties": false, "properties": { "name": { "type": "string", "description": "Variable path: `x`, `a.b[0]`, `user.prefs`, `global.count`, `$http.status`." }, "value": { "description": "Any value; expressions are evaluated." }, "type": { "enum": ["replace", "merge", "push"], "default": "replace" } } };
var schema23 = { "description": "Stop the automation (default), the nearest `repeat`, or `all` automations of the call chain.", "anyOf": [{ "type": "null" }, { "type": "object", "additionalProperties": false, "properties": { "scope": { "enum": ["automation", "repeat", "all"], "default": "automation" }, "payload": { "description": "When given, becomes the stopped automation's result instead of its `output`." } } }] };
var wrapper0 = { validate: validate11 };
function validate13(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (Object.keys(data).length < 1) {
      const err0 = { instancePath, schemaPath: "#/minProperties", keyword: "minProperties", params: { limit: 1 }, message: "must NOT have fewer than 1 properties" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!wrapper0.validate(data[key0], { instancePath: instancePath + "/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data, parentDataProperty: key0, rootData })) {
        vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err1 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err1];
    } else {
      vErrors.push(err1);
    }
    errors++;
  }
  validate13.errors = vErrors;
  return errors === 0;
}
var pattern4 = new RegExp("\\{[{%]", "u");
function validate15(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  const _errs1 = errors;
  let valid0 = false;
  const _errs2 = errors;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.on === void 0) {
      const err0 = { instancePath, schemaPath: "#/anyOf/0/required", keyword: "required", params: { missingProperty: "on" }, message: "must have required property 'on'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
  }
  var _valid0 = _errs2 === errors;
  valid0 = valid0 || _valid0;
  if (!valid0) {
    const _errs3 = errors;
    if (data && typeof data == "object" && !Array.isArray(data)) {
      if (data.until === void 0) {
        const err1 = { instancePath, schemaPath: "#/anyOf/1/required", keyword: "required", params: { missingProperty: "until" }, message: "must have required property 'until'" };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    var _valid0 = _errs3 === errors;
    valid0 = valid0 || _valid0;
  }
  if (!valid0) {
    const err2 = { instancePath, schemaPath: "#/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  } else {
    errors = _errs1;
    if (vErrors !== null) {
      if (_errs1) {
        vErrors.length = _errs1;
      } else {
        vErrors = null;
      }
    }
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.do === void 0) {
      const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "do" }, message: "must have required property 'do'" };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "on" || key0 === "until" || key0 === "do" || key0 === "batch")) {
        const err4 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.until !== void 0) {
      let data0 = data.until;
      const _errs6 = errors;
      let valid2 = false;
      const _errs7 = errors;
      if (!(typeof data0 == "number")) {
        const err5 = { instancePath: instancePath + "/until", schemaPath: "#/properties/until/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
      var _valid1 = _errs7 === errors;
      valid2 = valid2 || _valid1;
      if (!valid2) {
        const _errs9 = errors;
        if (typeof data0 === "string") {
          if (!pattern4.test(data0)) {
            const err6 = { instancePath: instancePath + "/until", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        } else {
          const err7 = { instancePath: instancePath + "/until", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
        var _valid1 = _errs9 === errors;
        valid2 = valid2 || _valid1;
      }
      if (!valid2) {
        const err8 = { instancePath: instancePath + "/until", schemaPath: "#/properties/until/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      } else {
        errors = _errs6;
        if (vErrors !== null) {
          if (_errs6) {
            vErrors.length = _errs6;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.do !== void 0) {
      if (!wrapper0.validate(data.do, { instancePath: instancePath + "/do", parentData: data, parentDataProperty: "do", rootData })) {
        vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
        errors = vErrors.length;
      }
    }
    if (data.batch !== void 0) {
      let data2 = data.batch;
      if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
        if (data2.size === void 0) {
          const err9 = { instancePath: instancePath + "/batch", schemaPath: "#/properties/batch/required", keyword: "required", params: { missingProperty: "size" }, message: "must have required property 'size'" };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
        for (const key1 in data2) {
          if (!(key1 === "size" || key1 === "interval")) {
            const err10 = { instancePath: instancePath + "/batch", schemaPath: "#/properties/batch/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
        if (data2.size !== void 0) {
          let data3 = data2.size;
          const _errs17 = errors;
          let valid5 = false;
          const _errs18 = errors;
          if (typeof data3 == "number") {
            if (data3 < 1 || isNaN(data3)) {
              const err11 = { instancePath: instancePath + "/batch/size", schemaPath: "#/properties/batch/properties/size/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = { instancePath: instancePath + "/batch/size", schemaPath: "#/properties/batch/properties/size/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
          var _valid2 = _errs18 === errors;
          valid5 = valid5 || _valid2;
          if (!valid5) {
            const _errs20 = errors;
            if (typeof data3 === "string") {
              if (!pattern4.test(data3)) {
                const err13 = { instancePath: instancePath + "/batch/size", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
              }
            } else {
              const err14 = { instancePath: instancePath + "/batch/size", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err14];
              } else {
                vErrors.push(err14);
              }
              errors++;
            }
            var _valid2 = _errs20 === errors;
            valid5 = valid5 || _valid2;
          }
          if (!valid5) {
            const err15 = { instancePath: instancePath + "/batch/size", schemaPath: "#/properties/batch/properties/size/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          } else {
            errors = _errs17;
            if (vErrors !== null) {
              if (_errs17) {
                vErrors.length = _errs17;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data2.interval !== void 0) {
          let data4 = data2.interval;
          const _errs24 = errors;
          let valid7 = false;
          const _errs25 = errors;
          if (typeof data4 == "number") {
            if (data4 < 0 || isNaN(data4)) {
              const err16 = { instancePath: instancePath + "/batch/interval", schemaPath: "#/properties/batch/properties/interval/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
              if (vErrors === null) {
                vErrors = [err16];
              } else {
                vErrors.push(err16);
              }
              errors++;
            }
          } else {
            const err17 = { instancePath: instancePath + "/batch/interval", schemaPath: "#/properties/batch/properties/interval/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
          var _valid3 = _errs25 === errors;
          valid7 = valid7 || _valid3;
          if (!valid7) {
            const _errs27 = errors;
            if (typeof data4 === "string") {
              if (!pattern4.test(data4)) {
                const err18 = { instancePath: instancePath + "/batch/interval", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
                if (vErrors === null) {
                  vErrors = [err18];
                } else {
                  vErrors.push(err18);
                }
                errors++;
              }
            } else {
              const err19 = { instancePath: instancePath + "/batch/interval", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err19];
              } else {
                vErrors.push(err19);
              }
              errors++;
            }
            var _valid3 = _errs27 === errors;
            valid7 = valid7 || _valid3;
          }
          if (!valid7) {
            const err20 = { instancePath: instancePath + "/batch/interval", schemaPath: "#/properties/batch/properties/interval/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          } else {
            errors = _errs24;
            if (vErrors !== null) {
              if (_errs24) {
                vErrors.length = _errs24;
              } else {
                vErrors = null;
              }
            }
          }
        }
      } else {
        const err21 = { instancePath: instancePath + "/batch", schemaPath: "#/properties/batch/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
    }
  } else {
    const err22 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err22];
    } else {
      vErrors.push(err22);
    }
    errors++;
  }
  validate15.errors = vErrors;
  return errors === 0;
}
var wrapper2 = { validate: validate12 };
function validate17(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (Array.isArray(data)) {
    if (data.length < 1) {
      const err0 = { instancePath, schemaPath: "#/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    const len0 = data.length;
    for (let i0 = 0; i0 < len0; i0++) {
      let data0 = data[i0];
      const _errs2 = errors;
      let valid2 = false;
      const _errs3 = errors;
      if (!wrapper2.validate(data0, { instancePath: instancePath + "/" + i0, parentData: data, parentDataProperty: i0, rootData })) {
        vErrors = vErrors === null ? wrapper2.validate.errors : vErrors.concat(wrapper2.validate.errors);
        errors = vErrors.length;
      }
      var _valid0 = _errs3 === errors;
      valid2 = valid2 || _valid0;
      if (!valid2) {
        const _errs4 = errors;
        if (!wrapper0.validate(data0, { instancePath: instancePath + "/" + i0, parentData: data, parentDataProperty: i0, rootData })) {
          vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
          errors = vErrors.length;
        }
        var _valid0 = _errs4 === errors;
        valid2 = valid2 || _valid0;
      }
      if (!valid2) {
        const err1 = { instancePath: instancePath + "/" + i0, schemaPath: "#/items/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      } else {
        errors = _errs2;
        if (vErrors !== null) {
          if (_errs2) {
            vErrors.length = _errs2;
          } else {
            vErrors = null;
          }
        }
      }
    }
  } else {
    const err2 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "array" }, message: "must be array" };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate17.errors = vErrors;
  return errors === 0;
}
function validate19(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.do === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "do" }, message: "must have required property 'do'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "do" || key0 === "catch" || key0 === "finally")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.do !== void 0) {
      if (!wrapper0.validate(data.do, { instancePath: instancePath + "/do", parentData: data, parentDataProperty: "do", rootData })) {
        vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
        errors = vErrors.length;
      }
    }
    if (data.catch !== void 0) {
      if (!wrapper0.validate(data.catch, { instancePath: instancePath + "/catch", parentData: data, parentDataProperty: "catch", rootData })) {
        vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
        errors = vErrors.length;
      }
    }
    if (data.finally !== void 0) {
      if (!wrapper0.validate(data.finally, { instancePath: instancePath + "/finally", parentData: data, parentDataProperty: "finally", rootData })) {
        vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err2 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate19.errors = vErrors;
  return errors === 0;
}
function validate21(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(key0 === "timeout" || key0 === "event" || key0 === "filters" || key0 === "output" || key0 === "cancelTriggers" || key0 === "oneOf")) {
        const err0 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.timeout !== void 0) {
      let data0 = data.timeout;
      const _errs3 = errors;
      let valid1 = false;
      const _errs4 = errors;
      if (typeof data0 == "number") {
        if (data0 < 0 || isNaN(data0)) {
          const err1 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
      } else {
        const err2 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
      var _valid0 = _errs4 === errors;
      valid1 = valid1 || _valid0;
      if (!valid1) {
        const _errs6 = errors;
        if (typeof data0 === "string") {
          if (!pattern4.test(data0)) {
            const err3 = { instancePath: instancePath + "/timeout", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        } else {
          const err4 = { instancePath: instancePath + "/timeout", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
        var _valid0 = _errs6 === errors;
        valid1 = valid1 || _valid0;
      }
      if (!valid1) {
        const err5 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      } else {
        errors = _errs3;
        if (vErrors !== null) {
          if (_errs3) {
            vErrors.length = _errs3;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.event !== void 0) {
      if (typeof data.event !== "string") {
        const err6 = { instancePath: instancePath + "/event", schemaPath: "#/properties/event/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.filters !== void 0) {
      let data2 = data.filters;
      if (!(data2 && typeof data2 == "object" && !Array.isArray(data2))) {
        const err7 = { instancePath: instancePath + "/filters", schemaPath: "#/properties/filters/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.output !== void 0) {
      if (typeof data.output !== "string") {
        const err8 = { instancePath: instancePath + "/output", schemaPath: "#/properties/output/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.cancelTriggers !== void 0) {
      if (typeof data.cancelTriggers !== "boolean") {
        const err9 = { instancePath: instancePath + "/cancelTriggers", schemaPath: "#/properties/cancelTriggers/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.oneOf !== void 0) {
      let data5 = data.oneOf;
      if (Array.isArray(data5)) {
        if (data5.length < 1) {
          const err10 = { instancePath: instancePath + "/oneOf", schemaPath: "#/properties/oneOf/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
        const len0 = data5.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data6 = data5[i0];
          if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
            if (data6.event === void 0) {
              const err11 = { instancePath: instancePath + "/oneOf/" + i0, schemaPath: "#/properties/oneOf/items/required", keyword: "required", params: { missingProperty: "event" }, message: "must have required property 'event'" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
            for (const key1 in data6) {
              if (!(key1 === "event" || key1 === "filters" || key1 === "cancelTriggers")) {
                const err12 = { instancePath: instancePath + "/oneOf/" + i0, schemaPath: "#/properties/oneOf/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err12];
                } else {
                  vErrors.push(err12);
                }
                errors++;
              }
            }
            if (data6.event !== void 0) {
              if (typeof data6.event !== "string") {
                const err13 = { instancePath: instancePath + "/oneOf/" + i0 + "/event", schemaPath: "#/properties/oneOf/items/properties/event/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
              }
            }
            if (data6.filters !== void 0) {
              let data8 = data6.filters;
              if (!(data8 && typeof data8 == "object" && !Array.isArray(data8))) {
                const err14 = { instancePath: instancePath + "/oneOf/" + i0 + "/filters", schemaPath: "#/properties/oneOf/items/properties/filters/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err14];
                } else {
                  vErrors.push(err14);
                }
                errors++;
              }
            }
            if (data6.cancelTriggers !== void 0) {
              if (typeof data6.cancelTriggers !== "boolean") {
                const err15 = { instancePath: instancePath + "/oneOf/" + i0 + "/cancelTriggers", schemaPath: "#/properties/oneOf/items/properties/cancelTriggers/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                if (vErrors === null) {
                  vErrors = [err15];
                } else {
                  vErrors.push(err15);
                }
                errors++;
              }
            }
          } else {
            const err16 = { instancePath: instancePath + "/oneOf/" + i0, schemaPath: "#/properties/oneOf/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
      } else {
        const err17 = { instancePath: instancePath + "/oneOf", schemaPath: "#/properties/oneOf/type", keyword: "type", params: { type: "array" }, message: "must be array" };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
  } else {
    const err18 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err18];
    } else {
      vErrors.push(err18);
    }
    errors++;
  }
  validate21.errors = vErrors;
  return errors === 0;
}
function validate23(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.name === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.limit === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "limit" }, message: "must have required property 'limit'" };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.window === void 0) {
      const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "window" }, message: "must have required property 'window'" };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "limit" || key0 === "window" || key0 === "consumer" || key0 === "consume" || key0 === "break" || key0 === "output")) {
        const err3 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.name !== void 0) {
      if (typeof data.name !== "string") {
        const err4 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.limit !== void 0) {
      let data1 = data.limit;
      const _errs5 = errors;
      let valid1 = false;
      const _errs6 = errors;
      if (typeof data1 == "number") {
        if (data1 < 0 || isNaN(data1)) {
          const err5 = { instancePath: instancePath + "/limit", schemaPath: "#/properties/limit/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = { instancePath: instancePath + "/limit", schemaPath: "#/properties/limit/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
      var _valid0 = _errs6 === errors;
      valid1 = valid1 || _valid0;
      if (!valid1) {
        const _errs8 = errors;
        if (typeof data1 === "string") {
          if (!pattern4.test(data1)) {
            const err7 = { instancePath: instancePath + "/limit", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        } else {
          const err8 = { instancePath: instancePath + "/limit", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        var _valid0 = _errs8 === errors;
        valid1 = valid1 || _valid0;
      }
      if (!valid1) {
        const err9 = { instancePath: instancePath + "/limit", schemaPath: "#/properties/limit/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      } else {
        errors = _errs5;
        if (vErrors !== null) {
          if (_errs5) {
            vErrors.length = _errs5;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.window !== void 0) {
      let data2 = data.window;
      const _errs12 = errors;
      let valid3 = false;
      const _errs13 = errors;
      if (typeof data2 == "number") {
        if (data2 < 1 || isNaN(data2)) {
          const err10 = { instancePath: instancePath + "/window", schemaPath: "#/properties/window/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      } else {
        const err11 = { instancePath: instancePath + "/window", schemaPath: "#/properties/window/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
      var _valid1 = _errs13 === errors;
      valid3 = valid3 || _valid1;
      if (!valid3) {
        const _errs15 = errors;
        if (typeof data2 === "string") {
          if (!pattern4.test(data2)) {
            const err12 = { instancePath: instancePath + "/window", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        } else {
          const err13 = { instancePath: instancePath + "/window", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
        var _valid1 = _errs15 === errors;
        valid3 = valid3 || _valid1;
      }
      if (!valid3) {
        const err14 = { instancePath: instancePath + "/window", schemaPath: "#/properties/window/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      } else {
        errors = _errs12;
        if (vErrors !== null) {
          if (_errs12) {
            vErrors.length = _errs12;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.consumer !== void 0) {
      if (typeof data.consumer !== "string") {
        const err15 = { instancePath: instancePath + "/consumer", schemaPath: "#/properties/consumer/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    }
    if (data.consume !== void 0) {
      let data4 = data.consume;
      const _errs21 = errors;
      let valid5 = false;
      const _errs22 = errors;
      if (typeof data4 == "number") {
        if (data4 < 0 || isNaN(data4)) {
          const err16 = { instancePath: instancePath + "/consume", schemaPath: "#/properties/consume/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      } else {
        const err17 = { instancePath: instancePath + "/consume", schemaPath: "#/properties/consume/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
      var _valid2 = _errs22 === errors;
      valid5 = valid5 || _valid2;
      if (!valid5) {
        const _errs24 = errors;
        if (typeof data4 === "string") {
          if (!pattern4.test(data4)) {
            const err18 = { instancePath: instancePath + "/consume", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          }
        } else {
          const err19 = { instancePath: instancePath + "/consume", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err19];
          } else {
            vErrors.push(err19);
          }
          errors++;
        }
        var _valid2 = _errs24 === errors;
        valid5 = valid5 || _valid2;
      }
      if (!valid5) {
        const err20 = { instancePath: instancePath + "/consume", schemaPath: "#/properties/consume/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      } else {
        errors = _errs21;
        if (vErrors !== null) {
          if (_errs21) {
            vErrors.length = _errs21;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.break !== void 0) {
      let data5 = data.break;
      const _errs28 = errors;
      let valid7 = false;
      const _errs29 = errors;
      if (typeof data5 !== "boolean") {
        const err21 = { instancePath: instancePath + "/break", schemaPath: "#/properties/break/anyOf/0/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
      var _valid3 = _errs29 === errors;
      valid7 = valid7 || _valid3;
      if (!valid7) {
        const _errs31 = errors;
        if (typeof data5 === "string") {
          if (!pattern4.test(data5)) {
            const err22 = { instancePath: instancePath + "/break", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          }
        } else {
          const err23 = { instancePath: instancePath + "/break", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err23];
          } else {
            vErrors.push(err23);
          }
          errors++;
        }
        var _valid3 = _errs31 === errors;
        valid7 = valid7 || _valid3;
      }
      if (!valid7) {
        const err24 = { instancePath: instancePath + "/break", schemaPath: "#/properties/break/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err24];
        } else {
          vErrors.push(err24);
        }
        errors++;
      } else {
        errors = _errs28;
        if (vErrors !== null) {
          if (_errs28) {
            vErrors.length = _errs28;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.output !== void 0) {
      if (typeof data.output !== "string") {
        const err25 = { instancePath: instancePath + "/output", schemaPath: "#/properties/output/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err25];
        } else {
          vErrors.push(err25);
        }
        errors++;
      }
    }
  } else {
    const err26 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err26];
    } else {
      vErrors.push(err26);
    }
    errors++;
  }
  validate23.errors = vErrors;
  return errors === 0;
}
var schema34 = { "type": "object", "required": ["url"], "additionalProperties": false, "description": "Outbound HTTP request. 4xx/5xx do not throw: use `outputMode: detailed_response` to branch on `status`.", "properties": { "url": { "type": "string" }, "method": { "title": "an HTTP method", "anyOf": [{ "enum": ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "post", "put", "patch", "delete", "head", "options"] }, { "$ref": "#/$defs/expression" }] }, "headers": { "description": "Header name \u2192 value (an object or an expression)." }, "query": { "description": "Query parameters; an array value repeats the key." }, "body": { "description": "Request body: objects are sent as JSON unless the content type is a form." }, "form": { "description": "Fields sent as application/x-www-form-urlencoded." }, "multipart": { "description": "A list of parts: {name, value} or {name, value (base64 or text), filename, contentType}.", "anyOf": [{ "type": "array", "items": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" }, "value": {}, "filename": { "type": "string" }, "contentType": { "type": "string" }, "encoding": { "enum": ["base64", "utf8"] } }, "additionalProperties": false } }, { "$ref": "#/$defs/expression" }] }, "auth": { "description": "`basic: {username, password}` or `bearer: TOKEN`; never hand-build Authorization headers.", "anyOf": [{ "type": "object", "additionalProperties": false, "properties": { "basic": { "type": "object", "required": ["username", "password"], "additionalProperties": false, "properties": { "username": {}, "password": {} } }, "bearer": {} } }, { "$ref": "#/$defs/expression" }] }, "timeout": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 1 }, { "$ref": "#/$defs/expression" }], "description": "Per-attempt timeout in ms (default http.timeoutMs, 15000)." }, "retry": { "type": "object", "additionalProperties": false, "properties": { "attempts": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 1 }, { "$ref": "#/$defs/expression" }], "description": "Total attempts including the first (default 3; 1 disables retries)." }, "backoff": { "type": "object", "additionalProperties": false, "properties": { "base": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "First delay in ms (default 250)." }, "cap": { "title": "a number or an expression", "anyOf": [{ "type": "number", "minimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "Longest delay in ms (default 10000)." } } }, "jitter": { "enum": ["full", "none"], "default": "full" }, "unsafe": { "title": "a boolean or an expression", "description": "Also replay non-idempotent requests (POST, PATCH) that may have reached the server. Off by default.", "anyOf": [{ "type": "boolean" }, { "$ref": "#/$defs/expression" }] } } }, "outputMode": { "enum": ["body", "detailed_response", "base64"], "default": "body" }, "output": { "type": "string", "description": "Store the instruction's result in this variable (a path such as `page` or `result.items`)." } } };
function validate25(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.url === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "url" }, message: "must have required property 'url'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func2.call(schema34.properties, key0)) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.url !== void 0) {
      if (typeof data.url !== "string") {
        const err2 = { instancePath: instancePath + "/url", schemaPath: "#/properties/url/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.method !== void 0) {
      let data1 = data.method;
      const _errs5 = errors;
      let valid1 = false;
      const _errs6 = errors;
      if (!(data1 === "GET" || data1 === "POST" || data1 === "PUT" || data1 === "PATCH" || data1 === "DELETE" || data1 === "HEAD" || data1 === "OPTIONS" || data1 === "get" || data1 === "post" || data1 === "put" || data1 === "patch" || data1 === "delete" || data1 === "head" || data1 === "options")) {
        const err3 = { instancePath: instancePath + "/method", schemaPath: "#/properties/method/anyOf/0/enum", keyword: "enum", params: { allowedValues: schema34.properties.method.anyOf[0].enum }, message: "must be equal to one of the allowed values" };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      var _valid0 = _errs6 === errors;
      valid1 = valid1 || _valid0;
      if (!valid1) {
        const _errs7 = errors;
        if (typeof data1 === "string") {
          if (!pattern4.test(data1)) {
            const err4 = { instancePath: instancePath + "/method", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        } else {
          const err5 = { instancePath: instancePath + "/method", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        var _valid0 = _errs7 === errors;
        valid1 = valid1 || _valid0;
      }
      if (!valid1) {
        const err6 = { instancePath: instancePath + "/method", schemaPath: "#/properties/method/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      } else {
        errors = _errs5;
        if (vErrors !== null) {
          if (_errs5) {
            vErrors.length = _errs5;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.multipart !== void 0) {
      let data2 = data.multipart;
      const _errs11 = errors;
      let valid3 = false;
      const _errs12 = errors;
      if (Array.isArray(data2)) {
        const len0 = data2.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data3 = data2[i0];
          if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
            if (data3.name === void 0) {
              const err7 = { instancePath: instancePath + "/multipart/" + i0, schemaPath: "#/properties/multipart/anyOf/0/items/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
              if (vErrors === null) {
                vErrors = [err7];
              } else {
                vErrors.push(err7);
              }
              errors++;
            }
            for (const key1 in data3) {
              if (!(key1 === "name" || key1 === "value" || key1 === "filename" || key1 === "contentType" || key1 === "encoding")) {
                const err8 = { instancePath: instancePath + "/multipart/" + i0, schemaPath: "#/properties/multipart/anyOf/0/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err8];
                } else {
                  vErrors.push(err8);
                }
                errors++;
              }
            }
            if (data3.name !== void 0) {
              if (typeof data3.name !== "string") {
                const err9 = { instancePath: instancePath + "/multipart/" + i0 + "/name", schemaPath: "#/properties/multipart/anyOf/0/items/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err9];
                } else {
                  vErrors.push(err9);
                }
                errors++;
              }
            }
            if (data3.filename !== void 0) {
              if (typeof data3.filename !== "string") {
                const err10 = { instancePath: instancePath + "/multipart/" + i0 + "/filename", schemaPath: "#/properties/multipart/anyOf/0/items/properties/filename/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err10];
                } else {
                  vErrors.push(err10);
                }
                errors++;
              }
            }
            if (data3.contentType !== void 0) {
              if (typeof data3.contentType !== "string") {
                const err11 = { instancePath: instancePath + "/multipart/" + i0 + "/contentType", schemaPath: "#/properties/multipart/anyOf/0/items/properties/contentType/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err11];
                } else {
                  vErrors.push(err11);
                }
                errors++;
              }
            }
            if (data3.encoding !== void 0) {
              let data7 = data3.encoding;
              if (!(data7 === "base64" || data7 === "utf8")) {
                const err12 = { instancePath: instancePath + "/multipart/" + i0 + "/encoding", schemaPath: "#/properties/multipart/anyOf/0/items/properties/encoding/enum", keyword: "enum", params: { allowedValues: schema34.properties.multipart.anyOf[0].items.properties.encoding.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err12];
                } else {
                  vErrors.push(err12);
                }
                errors++;
              }
            }
          } else {
            const err13 = { instancePath: instancePath + "/multipart/" + i0, schemaPath: "#/properties/multipart/anyOf/0/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
      } else {
        const err14 = { instancePath: instancePath + "/multipart", schemaPath: "#/properties/multipart/anyOf/0/type", keyword: "type", params: { type: "array" }, message: "must be array" };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
      var _valid1 = _errs12 === errors;
      valid3 = valid3 || _valid1;
      if (!valid3) {
        const _errs24 = errors;
        if (typeof data2 === "string") {
          if (!pattern4.test(data2)) {
            const err15 = { instancePath: instancePath + "/multipart", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
        } else {
          const err16 = { instancePath: instancePath + "/multipart", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
        var _valid1 = _errs24 === errors;
        valid3 = valid3 || _valid1;
      }
      if (!valid3) {
        const err17 = { instancePath: instancePath + "/multipart", schemaPath: "#/properties/multipart/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      } else {
        errors = _errs11;
        if (vErrors !== null) {
          if (_errs11) {
            vErrors.length = _errs11;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.auth !== void 0) {
      let data8 = data.auth;
      const _errs28 = errors;
      let valid8 = false;
      const _errs29 = errors;
      if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
        for (const key2 in data8) {
          if (!(key2 === "basic" || key2 === "bearer")) {
            const err18 = { instancePath: instancePath + "/auth", schemaPath: "#/properties/auth/anyOf/0/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          }
        }
        if (data8.basic !== void 0) {
          let data9 = data8.basic;
          if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
            if (data9.username === void 0) {
              const err19 = { instancePath: instancePath + "/auth/basic", schemaPath: "#/properties/auth/anyOf/0/properties/basic/required", keyword: "required", params: { missingProperty: "username" }, message: "must have required property 'username'" };
              if (vErrors === null) {
                vErrors = [err19];
              } else {
                vErrors.push(err19);
              }
              errors++;
            }
            if (data9.password === void 0) {
              const err20 = { instancePath: instancePath + "/auth/basic", schemaPath: "#/properties/auth/anyOf/0/properties/basic/required", keyword: "required", params: { missingProperty: "password" }, message: "must have required property 'password'" };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
            for (const key3 in data9) {
              if (!(key3 === "username" || key3 === "password")) {
                const err21 = { instancePath: instancePath + "/auth/basic", schemaPath: "#/properties/auth/anyOf/0/properties/basic/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err21];
                } else {
                  vErrors.push(err21);
                }
                errors++;
              }
            }
          } else {
            const err22 = { instancePath: instancePath + "/auth/basic", schemaPath: "#/properties/auth/anyOf/0/properties/basic/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          }
        }
      } else {
        const err23 = { instancePath: instancePath + "/auth", schemaPath: "#/properties/auth/anyOf/0/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
      var _valid2 = _errs29 === errors;
      valid8 = valid8 || _valid2;
      if (!valid8) {
        const _errs35 = errors;
        if (typeof data8 === "string") {
          if (!pattern4.test(data8)) {
            const err24 = { instancePath: instancePath + "/auth", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err24];
            } else {
              vErrors.push(err24);
            }
            errors++;
          }
        } else {
          const err25 = { instancePath: instancePath + "/auth", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err25];
          } else {
            vErrors.push(err25);
          }
          errors++;
        }
        var _valid2 = _errs35 === errors;
        valid8 = valid8 || _valid2;
      }
      if (!valid8) {
        const err26 = { instancePath: instancePath + "/auth", schemaPath: "#/properties/auth/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      } else {
        errors = _errs28;
        if (vErrors !== null) {
          if (_errs28) {
            vErrors.length = _errs28;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.timeout !== void 0) {
      let data10 = data.timeout;
      const _errs39 = errors;
      let valid11 = false;
      const _errs40 = errors;
      if (typeof data10 == "number") {
        if (data10 < 1 || isNaN(data10)) {
          const err27 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
          if (vErrors === null) {
            vErrors = [err27];
          } else {
            vErrors.push(err27);
          }
          errors++;
        }
      } else {
        const err28 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err28];
        } else {
          vErrors.push(err28);
        }
        errors++;
      }
      var _valid3 = _errs40 === errors;
      valid11 = valid11 || _valid3;
      if (!valid11) {
        const _errs42 = errors;
        if (typeof data10 === "string") {
          if (!pattern4.test(data10)) {
            const err29 = { instancePath: instancePath + "/timeout", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err29];
            } else {
              vErrors.push(err29);
            }
            errors++;
          }
        } else {
          const err30 = { instancePath: instancePath + "/timeout", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err30];
          } else {
            vErrors.push(err30);
          }
          errors++;
        }
        var _valid3 = _errs42 === errors;
        valid11 = valid11 || _valid3;
      }
      if (!valid11) {
        const err31 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err31];
        } else {
          vErrors.push(err31);
        }
        errors++;
      } else {
        errors = _errs39;
        if (vErrors !== null) {
          if (_errs39) {
            vErrors.length = _errs39;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.retry !== void 0) {
      let data11 = data.retry;
      if (data11 && typeof data11 == "object" && !Array.isArray(data11)) {
        for (const key4 in data11) {
          if (!(key4 === "attempts" || key4 === "backoff" || key4 === "jitter" || key4 === "unsafe")) {
            const err32 = { instancePath: instancePath + "/retry", schemaPath: "#/properties/retry/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err32];
            } else {
              vErrors.push(err32);
            }
            errors++;
          }
        }
        if (data11.attempts !== void 0) {
          let data12 = data11.attempts;
          const _errs49 = errors;
          let valid14 = false;
          const _errs50 = errors;
          if (typeof data12 == "number") {
            if (data12 < 1 || isNaN(data12)) {
              const err33 = { instancePath: instancePath + "/retry/attempts", schemaPath: "#/properties/retry/properties/attempts/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err33];
              } else {
                vErrors.push(err33);
              }
              errors++;
            }
          } else {
            const err34 = { instancePath: instancePath + "/retry/attempts", schemaPath: "#/properties/retry/properties/attempts/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
          var _valid4 = _errs50 === errors;
          valid14 = valid14 || _valid4;
          if (!valid14) {
            const _errs52 = errors;
            if (typeof data12 === "string") {
              if (!pattern4.test(data12)) {
                const err35 = { instancePath: instancePath + "/retry/attempts", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
            } else {
              const err36 = { instancePath: instancePath + "/retry/attempts", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err36];
              } else {
                vErrors.push(err36);
              }
              errors++;
            }
            var _valid4 = _errs52 === errors;
            valid14 = valid14 || _valid4;
          }
          if (!valid14) {
            const err37 = { instancePath: instancePath + "/retry/attempts", schemaPath: "#/properties/retry/properties/attempts/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
            if (vErrors === null) {
              vErrors = [err37];
            } else {
              vErrors.push(err37);
            }
            errors++;
          } else {
            errors = _errs49;
            if (vErrors !== null) {
              if (_errs49) {
                vErrors.length = _errs49;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data11.backoff !== void 0) {
          let data13 = data11.backoff;
          if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
            for (const key5 in data13) {
              if (!(key5 === "base" || key5 === "cap")) {
                const err38 = { instancePath: instancePath + "/retry/backoff", schemaPath: "#/properties/retry/properties/backoff/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err38];
                } else {
                  vErrors.push(err38);
                }
                errors++;
              }
            }
            if (data13.base !== void 0) {
              let data14 = data13.base;
              const _errs59 = errors;
              let valid17 = false;
              const _errs60 = errors;
              if (typeof data14 == "number") {
                if (data14 < 0 || isNaN(data14)) {
                  const err39 = { instancePath: instancePath + "/retry/backoff/base", schemaPath: "#/properties/retry/properties/backoff/properties/base/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                  if (vErrors === null) {
                    vErrors = [err39];
                  } else {
                    vErrors.push(err39);
                  }
                  errors++;
                }
              } else {
                const err40 = { instancePath: instancePath + "/retry/backoff/base", schemaPath: "#/properties/retry/properties/backoff/properties/base/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                if (vErrors === null) {
                  vErrors = [err40];
                } else {
                  vErrors.push(err40);
                }
                errors++;
              }
              var _valid5 = _errs60 === errors;
              valid17 = valid17 || _valid5;
              if (!valid17) {
                const _errs62 = errors;
                if (typeof data14 === "string") {
                  if (!pattern4.test(data14)) {
                    const err41 = { instancePath: instancePath + "/retry/backoff/base", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
                    if (vErrors === null) {
                      vErrors = [err41];
                    } else {
                      vErrors.push(err41);
                    }
                    errors++;
                  }
                } else {
                  const err42 = { instancePath: instancePath + "/retry/backoff/base", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err42];
                  } else {
                    vErrors.push(err42);
                  }
                  errors++;
                }
                var _valid5 = _errs62 === errors;
                valid17 = valid17 || _valid5;
              }
              if (!valid17) {
                const err43 = { instancePath: instancePath + "/retry/backoff/base", schemaPath: "#/properties/retry/properties/backoff/properties/base/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
                if (vErrors === null) {
                  vErrors = [err43];
                } else {
                  vErrors.push(err43);
                }
                errors++;
              } else {
                errors = _errs59;
                if (vErrors !== null) {
                  if (_errs59) {
                    vErrors.length = _errs59;
                  } else {
                    vErrors = null;
                  }
                }
              }
            }
            if (data13.cap !== void 0) {
              let data15 = data13.cap;
              const _errs66 = errors;
              let valid19 = false;
              const _errs67 = errors;
              if (typeof data15 == "number") {
                if (data15 < 0 || isNaN(data15)) {
                  const err44 = { instancePath: instancePath + "/retry/backoff/cap", schemaPath: "#/properties/retry/properties/backoff/properties/cap/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                  if (vErrors === null) {
                    vErrors = [err44];
                  } else {
                    vErrors.push(err44);
                  }
                  errors++;
                }
              } else {
                const err45 = { instancePath: instancePath + "/retry/backoff/cap", schemaPath: "#/properties/retry/properties/backoff/properties/cap/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                if (vErrors === null) {
                  vErrors = [err45];
                } else {
                  vErrors.push(err45);
                }
                errors++;
              }
              var _valid6 = _errs67 === errors;
              valid19 = valid19 || _valid6;
              if (!valid19) {
                const _errs69 = errors;
                if (typeof data15 === "string") {
                  if (!pattern4.test(data15)) {
                    const err46 = { instancePath: instancePath + "/retry/backoff/cap", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
                    if (vErrors === null) {
                      vErrors = [err46];
                    } else {
                      vErrors.push(err46);
                    }
                    errors++;
                  }
                } else {
                  const err47 = { instancePath: instancePath + "/retry/backoff/cap", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err47];
                  } else {
                    vErrors.push(err47);
                  }
                  errors++;
                }
                var _valid6 = _errs69 === errors;
                valid19 = valid19 || _valid6;
              }
              if (!valid19) {
                const err48 = { instancePath: instancePath + "/retry/backoff/cap", schemaPath: "#/properties/retry/properties/backoff/properties/cap/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
                if (vErrors === null) {
                  vErrors = [err48];
                } else {
                  vErrors.push(err48);
                }
                errors++;
              } else {
                errors = _errs66;
                if (vErrors !== null) {
                  if (_errs66) {
                    vErrors.length = _errs66;
                  } else {
                    vErrors = null;
                  }
                }
              }
            }
          } else {
            const err49 = { instancePath: instancePath + "/retry/backoff", schemaPath: "#/properties/retry/properties/backoff/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err49];
            } else {
              vErrors.push(err49);
            }
            errors++;
          }
        }
        if (data11.jitter !== void 0) {
          let data16 = data11.jitter;
          if (!(data16 === "full" || data16 === "none")) {
            const err50 = { instancePath: instancePath + "/retry/jitter", schemaPath: "#/properties/retry/properties/jitter/enum", keyword: "enum", params: { allowedValues: schema34.properties.retry.properties.jitter.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err50];
            } else {
              vErrors.push(err50);
            }
            errors++;
          }
        }
        if (data11.unsafe !== void 0) {
          let data17 = data11.unsafe;
          const _errs74 = errors;
          let valid21 = false;
          const _errs75 = errors;
          if (typeof data17 !== "boolean") {
            const err51 = { instancePath: instancePath + "/retry/unsafe", schemaPath: "#/properties/retry/properties/unsafe/anyOf/0/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
            if (vErrors === null) {
              vErrors = [err51];
            } else {
              vErrors.push(err51);
            }
            errors++;
          }
          var _valid7 = _errs75 === errors;
          valid21 = valid21 || _valid7;
          if (!valid21) {
            const _errs77 = errors;
            if (typeof data17 === "string") {
              if (!pattern4.test(data17)) {
                const err52 = { instancePath: instancePath + "/retry/unsafe", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
                if (vErrors === null) {
                  vErrors = [err52];
                } else {
                  vErrors.push(err52);
                }
                errors++;
              }
            } else {
              const err53 = { instancePath: instancePath + "/retry/unsafe", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err53];
              } else {
                vErrors.push(err53);
              }
              errors++;
            }
            var _valid7 = _errs77 === errors;
            valid21 = valid21 || _valid7;
          }
          if (!valid21) {
            const err54 = { instancePath: instancePath + "/retry/unsafe", schemaPath: "#/properties/retry/properties/unsafe/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
            if (vErrors === null) {
              vErrors = [err54];
            } else {
              vErrors.push(err54);
            }
            errors++;
          } else {
            errors = _errs74;
            if (vErrors !== null) {
              if (_errs74) {
                vErrors.length = _errs74;
              } else {
                vErrors = null;
              }
            }
          }
        }
      } else {
        const err55 = { instancePath: instancePath + "/retry", schemaPath: "#/properties/retry/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err55];
        } else {
          vErrors.push(err55);
        }
        errors++;
      }
    }
    if (data.outputMode !== void 0) {
      let data18 = data.outputMode;
      if (!(data18 === "body" || data18 === "detailed_response" || data18 === "base64")) {
        const err56 = { instancePath: instancePath + "/outputMode", schemaPath: "#/properties/outputMode/enum", keyword: "enum", params: { allowedValues: schema34.properties.outputMode.enum }, message: "must be equal to one of the allowed values" };
        if (vErrors === null) {
          vErrors = [err56];
        } else {
          vErrors.push(err56);
        }
        errors++;
      }
    }
    if (data.output !== void 0) {
      if (typeof data.output !== "string") {
        const err57 = { instancePath: instancePath + "/output", schemaPath: "#/properties/output/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err57];
        } else {
          vErrors.push(err57);
        }
        errors++;
      }
    }
  } else {
    const err58 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err58];
    } else {
      vErrors.push(err58);
    }
    errors++;
  }
  validate25.errors = vErrors;
  return errors === 0;
}
function validate27(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.message === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "message" }, message: "must have required property 'message'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "message" || key0 === "reason" || key0 === "status" || key0 === "details")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.message !== void 0) {
      if (typeof data.message !== "string") {
        const err2 = { instancePath: instancePath + "/message", schemaPath: "#/properties/message/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.reason !== void 0) {
      if (typeof data.reason !== "string") {
        const err3 = { instancePath: instancePath + "/reason", schemaPath: "#/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.status !== void 0) {
      let data2 = data.status;
      const _errs7 = errors;
      let valid1 = false;
      const _errs8 = errors;
      if (!(typeof data2 == "number" && (!(data2 % 1) && !isNaN(data2)))) {
        const err4 = { instancePath: instancePath + "/status", schemaPath: "#/properties/status/anyOf/0/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
      if (typeof data2 == "number") {
        if (data2 > 599 || isNaN(data2)) {
          const err5 = { instancePath: instancePath + "/status", schemaPath: "#/properties/status/anyOf/0/maximum", keyword: "maximum", params: { comparison: "<=", limit: 599 }, message: "must be <= 599" };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        if (data2 < 400 || isNaN(data2)) {
          const err6 = { instancePath: instancePath + "/status", schemaPath: "#/properties/status/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 400 }, message: "must be >= 400" };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      }
      var _valid0 = _errs8 === errors;
      valid1 = valid1 || _valid0;
      if (!valid1) {
        const _errs10 = errors;
        if (typeof data2 === "string") {
          if (!pattern4.test(data2)) {
            const err7 = { instancePath: instancePath + "/status", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        } else {
          const err8 = { instancePath: instancePath + "/status", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        var _valid0 = _errs10 === errors;
        valid1 = valid1 || _valid0;
      }
      if (!valid1) {
        const err9 = { instancePath: instancePath + "/status", schemaPath: "#/properties/status/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      } else {
        errors = _errs7;
        if (vErrors !== null) {
          if (_errs7) {
            vErrors.length = _errs7;
          } else {
            vErrors = null;
          }
        }
      }
    }
  } else {
    const err10 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err10];
    } else {
      vErrors.push(err10);
    }
    errors++;
  }
  validate27.errors = vErrors;
  return errors === 0;
}
function validate29(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.key === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "key" }, message: "must have required property 'key'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.do === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "do" }, message: "must have required property 'do'" };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "key" || key0 === "ttl" || key0 === "wait" || key0 === "do")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.key !== void 0) {
      let data0 = data.key;
      if (typeof data0 === "string") {
        if (func3(data0) < 1) {
          const err3 = { instancePath: instancePath + "/key", schemaPath: "#/properties/key/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = { instancePath: instancePath + "/key", schemaPath: "#/properties/key/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.ttl !== void 0) {
      let data1 = data.ttl;
      const _errs5 = errors;
      let valid1 = false;
      const _errs6 = errors;
      if (typeof data1 == "number") {
        if (data1 <= 0 || isNaN(data1)) {
          const err5 = { instancePath: instancePath + "/ttl", schemaPath: "#/properties/ttl/anyOf/0/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0" };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = { instancePath: instancePath + "/ttl", schemaPath: "#/properties/ttl/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
      var _valid0 = _errs6 === errors;
      valid1 = valid1 || _valid0;
      if (!valid1) {
        const _errs8 = errors;
        if (typeof data1 === "string") {
          if (!pattern4.test(data1)) {
            const err7 = { instancePath: instancePath + "/ttl", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        } else {
          const err8 = { instancePath: instancePath + "/ttl", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        var _valid0 = _errs8 === errors;
        valid1 = valid1 || _valid0;
      }
      if (!valid1) {
        const err9 = { instancePath: instancePath + "/ttl", schemaPath: "#/properties/ttl/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      } else {
        errors = _errs5;
        if (vErrors !== null) {
          if (_errs5) {
            vErrors.length = _errs5;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.wait !== void 0) {
      let data2 = data.wait;
      const _errs12 = errors;
      let valid3 = false;
      const _errs13 = errors;
      if (typeof data2 == "number") {
        if (data2 < 0 || isNaN(data2)) {
          const err10 = { instancePath: instancePath + "/wait", schemaPath: "#/properties/wait/anyOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      } else {
        const err11 = { instancePath: instancePath + "/wait", schemaPath: "#/properties/wait/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
      var _valid1 = _errs13 === errors;
      valid3 = valid3 || _valid1;
      if (!valid3) {
        const _errs15 = errors;
        if (typeof data2 === "string") {
          if (!pattern4.test(data2)) {
            const err12 = { instancePath: instancePath + "/wait", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        } else {
          const err13 = { instancePath: instancePath + "/wait", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
        var _valid1 = _errs15 === errors;
        valid3 = valid3 || _valid1;
      }
      if (!valid3) {
        const err14 = { instancePath: instancePath + "/wait", schemaPath: "#/properties/wait/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      } else {
        errors = _errs12;
        if (vErrors !== null) {
          if (_errs12) {
            vErrors.length = _errs12;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.do !== void 0) {
      if (!wrapper0.validate(data.do, { instancePath: instancePath + "/do", parentData: data, parentDataProperty: "do", rootData })) {
        vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err15 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err15];
    } else {
      vErrors.push(err15);
    }
    errors++;
  }
  validate29.errors = vErrors;
  return errors === 0;
}
var schema48 = { "type": "object", "required": ["op", "key"], "additionalProperties": false, "description": "A key-value record in the store, per workspace, with an optional time to live: `put` writes `value`, `get` reads it, `take` reads and deletes it in one step (single use), `delete` removes it. A missing or expired record reads as null.", "properties": { "op": { "enum": ["put", "get", "take", "delete"], "description": "put (needs `value`), get, take (read once: the record is gone after) or delete (result: whether it existed)." }, "key": { "type": "string", "minLength": 1, "description": "The record's name, per workspace, e.g. `oauth:state:{% $sha256(state) %}`. Keys are stored in clear: hash secrets before using them in a key." }, "value": { "description": "What `put` stores (any JSON value; encrypted at rest like the scopes)." }, "ttl": { "title": "a number or an expression", "anyOf": [{ "type": "number", "exclusiveMinimum": 0 }, { "$ref": "#/$defs/expression" }], "description": "`put` only: seconds until the record expires. Default: never." }, "output": { "type": "string", "description": "Store the instruction's result in this variable (a path such as `page` or `result.items`)." } } };
function validate31(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.op === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "op" }, message: "must have required property 'op'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.key === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "key" }, message: "must have required property 'key'" };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "op" || key0 === "key" || key0 === "value" || key0 === "ttl" || key0 === "output")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.op !== void 0) {
      let data0 = data.op;
      if (!(data0 === "put" || data0 === "get" || data0 === "take" || data0 === "delete")) {
        const err3 = { instancePath: instancePath + "/op", schemaPath: "#/properties/op/enum", keyword: "enum", params: { allowedValues: schema48.properties.op.enum }, message: "must be equal to one of the allowed values" };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.key !== void 0) {
      let data1 = data.key;
      if (typeof data1 === "string") {
        if (func3(data1) < 1) {
          const err4 = { instancePath: instancePath + "/key", schemaPath: "#/properties/key/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = { instancePath: instancePath + "/key", schemaPath: "#/properties/key/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.ttl !== void 0) {
      let data2 = data.ttl;
      const _errs6 = errors;
      let valid1 = false;
      const _errs7 = errors;
      if (typeof data2 == "number") {
        if (data2 <= 0 || isNaN(data2)) {
          const err6 = { instancePath: instancePath + "/ttl", schemaPath: "#/properties/ttl/anyOf/0/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0" };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = { instancePath: instancePath + "/ttl", schemaPath: "#/properties/ttl/anyOf/0/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
      var _valid0 = _errs7 === errors;
      valid1 = valid1 || _valid0;
      if (!valid1) {
        const _errs9 = errors;
        if (typeof data2 === "string") {
          if (!pattern4.test(data2)) {
            const err8 = { instancePath: instancePath + "/ttl", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        } else {
          const err9 = { instancePath: instancePath + "/ttl", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
        var _valid0 = _errs9 === errors;
        valid1 = valid1 || _valid0;
      }
      if (!valid1) {
        const err10 = { instancePath: instancePath + "/ttl", schemaPath: "#/properties/ttl/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      } else {
        errors = _errs6;
        if (vErrors !== null) {
          if (_errs6) {
            vErrors.length = _errs6;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.output !== void 0) {
      if (typeof data.output !== "string") {
        const err11 = { instancePath: instancePath + "/output", schemaPath: "#/properties/output/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
  } else {
    const err12 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err12];
    } else {
      vErrors.push(err12);
    }
    errors++;
  }
  validate31.errors = vErrors;
  return errors === 0;
}
var schema50 = { "type": "object", "required": ["op"], "additionalProperties": false, "description": "Read or change the current workspace's own config and secrets (docs/language.md \"settings\"). `put` checks every value against the workspace's schemas first (SETTINGS_INVALID names each field). Secrets are write-only: the result says only which are set.", "properties": { "op": { "enum": ["get", "put"], "description": "get: `{workspace, source, config, secrets: {name: set?}}`; put: apply `config` and `secrets`, then the same." }, "config": { "title": "an object or an expression", "anyOf": [{ "type": "object" }, { "$ref": "#/$defs/expression" }], "description": "`put` only: settings to change, by name; `null` drops the workspace's own value (back to its default)." }, "secrets": { "title": "an object or an expression", "anyOf": [{ "type": "object", "additionalProperties": { "type": ["string", "null"] } }, { "$ref": "#/$defs/expression" }], "description": "`put` only: secrets to set, by name; `null` clears one, an empty string keeps the stored one." }, "output": { "type": "string", "description": "Store the instruction's result in this variable (a path such as `page` or `result.items`)." } } };
function validate33(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.op === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "op" }, message: "must have required property 'op'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "op" || key0 === "config" || key0 === "secrets" || key0 === "output")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.op !== void 0) {
      let data0 = data.op;
      if (!(data0 === "get" || data0 === "put")) {
        const err2 = { instancePath: instancePath + "/op", schemaPath: "#/properties/op/enum", keyword: "enum", params: { allowedValues: schema50.properties.op.enum }, message: "must be equal to one of the allowed values" };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.config !== void 0) {
      let data1 = data.config;
      const _errs4 = errors;
      let valid1 = false;
      const _errs5 = errors;
      if (!(data1 && typeof data1 == "object" && !Array.isArray(data1))) {
        const err3 = { instancePath: instancePath + "/config", schemaPath: "#/properties/config/anyOf/0/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      var _valid0 = _errs5 === errors;
      valid1 = valid1 || _valid0;
      if (!valid1) {
        const _errs7 = errors;
        if (typeof data1 === "string") {
          if (!pattern4.test(data1)) {
            const err4 = { instancePath: instancePath + "/config", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        } else {
          const err5 = { instancePath: instancePath + "/config", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        var _valid0 = _errs7 === errors;
        valid1 = valid1 || _valid0;
      }
      if (!valid1) {
        const err6 = { instancePath: instancePath + "/config", schemaPath: "#/properties/config/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      } else {
        errors = _errs4;
        if (vErrors !== null) {
          if (_errs4) {
            vErrors.length = _errs4;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.secrets !== void 0) {
      let data2 = data.secrets;
      const _errs11 = errors;
      let valid3 = false;
      const _errs12 = errors;
      if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
        for (const key1 in data2) {
          let data3 = data2[key1];
          if (typeof data3 !== "string" && data3 !== null) {
            const err7 = { instancePath: instancePath + "/secrets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/secrets/anyOf/0/additionalProperties/type", keyword: "type", params: { type: schema50.properties.secrets.anyOf[0].additionalProperties.type }, message: "must be string,null" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
      } else {
        const err8 = { instancePath: instancePath + "/secrets", schemaPath: "#/properties/secrets/anyOf/0/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
      var _valid1 = _errs12 === errors;
      valid3 = valid3 || _valid1;
      if (!valid3) {
        const _errs17 = errors;
        if (typeof data2 === "string") {
          if (!pattern4.test(data2)) {
            const err9 = { instancePath: instancePath + "/secrets", schemaPath: "#/$defs/expression/pattern", keyword: "pattern", params: { pattern: "\\{[{%]" }, message: 'must match pattern "\\{[{%]"' };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        } else {
          const err10 = { instancePath: instancePath + "/secrets", schemaPath: "#/$defs/expression/type", keyword: "type", params: { type: "string" }, message: "must be string" };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
        var _valid1 = _errs17 === errors;
        valid3 = valid3 || _valid1;
      }
      if (!valid3) {
        const err11 = { instancePath: instancePath + "/secrets", schemaPath: "#/properties/secrets/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      } else {
        errors = _errs11;
        if (vErrors !== null) {
          if (_errs11) {
            vErrors.length = _errs11;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.output !== void 0) {
      if (typeof data.output !== "string") {
        const err12 = { instancePath: instancePath + "/output", schemaPath: "#/properties/output/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
  } else {
    const err13 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err13];
    } else {
      vErrors.push(err13);
    }
    errors++;
  }
  validate33.errors = vErrors;
  return errors === 0;
}
function validate12(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (Object.keys(data).length > 1) {
      const err0 = { instancePath, schemaPath: "#/maxProperties", keyword: "maxProperties", params: { limit: 1 }, message: "must NOT have more than 1 properties" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (Object.keys(data).length < 1) {
      const err1 = { instancePath, schemaPath: "#/minProperties", keyword: "minProperties", params: { limit: 1 }, message: "must NOT have fewer than 1 properties" };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func2.call(schema13.properties, key0)) {
        let data0 = data[key0];
        const _errs4 = errors;
        let valid2 = false;
        const _errs5 = errors;
        if (data0 !== null) {
          const err2 = { instancePath: instancePath + "/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/automationCall/anyOf/0/type", keyword: "type", params: { type: "null" }, message: "must be null" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        var _valid0 = _errs5 === errors;
        valid2 = valid2 || _valid0;
        if (!valid2) {
          const _errs7 = errors;
          if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
            if (data0.output !== void 0) {
              if (typeof data0.output !== "string") {
                const err3 = { instancePath: instancePath + "/" + key0.replace(/~/g, "~0").replace(/\//g, "~1") + "/output", schemaPath: "#/$defs/automationCall/anyOf/1/properties/output/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err3];
                } else {
                  vErrors.push(err3);
                }
                errors++;
              }
            }
          } else {
            const err4 = { instancePath: instancePath + "/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/automationCall/anyOf/1/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
          var _valid0 = _errs7 === errors;
          valid2 = valid2 || _valid0;
        }
        if (!valid2) {
          const err5 = { instancePath: instancePath + "/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/automationCall/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        } else {
          errors = _errs4;
          if (vErrors !== null) {
            if (_errs4) {
              vErrors.length = _errs4;
            } else {
              vErrors = null;
            }
          }
        }
      }
    }
    if (data.set !== void 0) {
      let data2 = data.set;
      if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
        if (data2.name === void 0) {
          const err6 = { instancePath: instancePath + "/set", schemaPath: "#/$defs/set/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
        if (data2.value === void 0) {
          const err7 = { instancePath: instancePath + "/set", schemaPath: "#/$defs/set/required", keyword: "required", params: { missingProperty: "value" }, message: "must have required property 'value'" };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
        for (const key1 in data2) {
          if (!(key1 === "name" || key1 === "value" || key1 === "type")) {
            const err8 = { instancePath: instancePath + "/set", schemaPath: "#/$defs/set/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data2.name !== void 0) {
          if (typeof data2.name !== "string") {
            const err9 = { instancePath: instancePath + "/set/name", schemaPath: "#/$defs/set/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
        if (data2.type !== void 0) {
          let data4 = data2.type;
          if (!(data4 === "replace" || data4 === "merge" || data4 === "push")) {
            const err10 = { instancePath: instancePath + "/set/type", schemaPath: "#/$defs/set/properties/type/enum", keyword: "enum", params: { allowedValues: schema15.properties.type.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
      } else {
        const err11 = { instancePath: instancePath + "/set", schemaPath: "#/$defs/set/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.delete !== void 0) {
      let data5 = data.delete;
      if (data5 && typeof data5 == "object" && !Array.isArray(data5)) {
        if (data5.name === void 0) {
          const err12 = { instancePath: instancePath + "/delete", schemaPath: "#/$defs/delete/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err12];
          } else {
            vErrors.push(err12);
          }
          errors++;
        }
        for (const key2 in data5) {
          if (!(key2 === "name")) {
            const err13 = { instancePath: instancePath + "/delete", schemaPath: "#/$defs/delete/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
        if (data5.name !== void 0) {
          if (typeof data5.name !== "string") {
            const err14 = { instancePath: instancePath + "/delete/name", schemaPath: "#/$defs/delete/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
      } else {
        const err15 = { instancePath: instancePath + "/delete", schemaPath: "#/$defs/delete/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    }
    if (data.conditions !== void 0) {
      if (!validate13(data.conditions, { instancePath: instancePath + "/conditions", parentData: data, parentDataProperty: "conditions", rootData })) {
        vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
        errors = vErrors.length;
      }
    }
    if (data.repeat !== void 0) {
      if (!validate15(data.repeat, { instancePath: instancePath + "/repeat", parentData: data, parentDataProperty: "repeat", rootData })) {
        vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
        errors = vErrors.length;
      }
    }
    if (data.all !== void 0) {
      if (!validate17(data.all, { instancePath: instancePath + "/all", parentData: data, parentDataProperty: "all", rootData })) {
        vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
        errors = vErrors.length;
      }
    }
    if (data.break !== void 0) {
      let data10 = data.break;
      const _errs29 = errors;
      let valid10 = false;
      const _errs30 = errors;
      if (data10 !== null) {
        const err16 = { instancePath: instancePath + "/break", schemaPath: "#/$defs/break/anyOf/0/type", keyword: "type", params: { type: "null" }, message: "must be null" };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
      var _valid1 = _errs30 === errors;
      valid10 = valid10 || _valid1;
      if (!valid10) {
        const _errs32 = errors;
        if (data10 && typeof data10 == "object" && !Array.isArray(data10)) {
          for (const key3 in data10) {
            if (!(key3 === "scope" || key3 === "payload")) {
              const err17 = { instancePath: instancePath + "/break", schemaPath: "#/$defs/break/anyOf/1/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
              if (vErrors === null) {
                vErrors = [err17];
              } else {
                vErrors.push(err17);
              }
              errors++;
            }
          }
          if (data10.scope !== void 0) {
            let data11 = data10.scope;
            if (!(data11 === "automation" || data11 === "repeat" || data11 === "all")) {
              const err18 = { instancePath: instancePath + "/break/scope", schemaPath: "#/$defs/break/anyOf/1/properties/scope/enum", keyword: "enum", params: { allowedValues: schema23.anyOf[1].properties.scope.enum }, message: "must be equal to one of the allowed values" };
              if (vErrors === null) {
                vErrors = [err18];
              } else {
                vErrors.push(err18);
              }
              errors++;
            }
          }
        } else {
          const err19 = { instancePath: instancePath + "/break", schemaPath: "#/$defs/break/anyOf/1/type", keyword: "type", params: { type: "object" }, message: "must be object" };
          if (vErrors === null) {
            vErrors = [err19];
          } else {
            vErrors.push(err19);
          }
          errors++;
        }
        var _valid1 = _errs32 === errors;
        valid10 = valid10 || _valid1;
      }
      if (!valid10) {
        const err20 = { instancePath: instancePath + "/break", schemaPath: "#/$defs/break/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      } else {
        errors = _errs29;
        if (vErrors !== null) {
          if (_errs29) {
            vErrors.length = _errs29;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.try !== void 0) {
      if (!validate19(data.try, { instancePath: instancePath + "/try", parentData: data, parentDataProperty: "try", rootData })) {
        vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
        errors = vErrors.length;
      }
    }
    if (data.emit !== void 0) {
      let data13 = data.emit;
      if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
        if (data13.event === void 0) {
          const err21 = { instancePath: instancePath + "/emit", schemaPath: "#/$defs/emit/required", keyword: "required", params: { missingProperty: "event" }, message: "must have required property 'event'" };
          if (vErrors === null) {
            vErrors = [err21];
          } else {
            vErrors.push(err21);
          }
          errors++;
        }
        for (const key4 in data13) {
          if (!(key4 === "event" || key4 === "payload" || key4 === "target" || key4 === "options")) {
            const err22 = { instancePath: instancePath + "/emit", schemaPath: "#/$defs/emit/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          }
        }
        if (data13.event !== void 0) {
          if (typeof data13.event !== "string") {
            const err23 = { instancePath: instancePath + "/emit/event", schemaPath: "#/$defs/emit/properties/event/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
        }
        if (data13.target !== void 0) {
          let data15 = data13.target;
          if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
            for (const key5 in data15) {
              if (!(key5 === "userId" || key5 === "sessionId" || key5 === "userTopic" || key5 === "currentSocket")) {
                const err24 = { instancePath: instancePath + "/emit/target", schemaPath: "#/$defs/emit/properties/target/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err24];
                } else {
                  vErrors.push(err24);
                }
                errors++;
              }
            }
            if (data15.userId !== void 0) {
              if (typeof data15.userId !== "string") {
                const err25 = { instancePath: instancePath + "/emit/target/userId", schemaPath: "#/$defs/emit/properties/target/properties/userId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err25];
                } else {
                  vErrors.push(err25);
                }
                errors++;
              }
            }
            if (data15.sessionId !== void 0) {
              if (typeof data15.sessionId !== "string") {
                const err26 = { instancePath: instancePath + "/emit/target/sessionId", schemaPath: "#/$defs/emit/properties/target/properties/sessionId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err26];
                } else {
                  vErrors.push(err26);
                }
                errors++;
              }
            }
            if (data15.userTopic !== void 0) {
              if (typeof data15.userTopic !== "string") {
                const err27 = { instancePath: instancePath + "/emit/target/userTopic", schemaPath: "#/$defs/emit/properties/target/properties/userTopic/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err27];
                } else {
                  vErrors.push(err27);
                }
                errors++;
              }
            }
            if (data15.currentSocket !== void 0) {
              if (typeof data15.currentSocket !== "boolean") {
                const err28 = { instancePath: instancePath + "/emit/target/currentSocket", schemaPath: "#/$defs/emit/properties/target/properties/currentSocket/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                if (vErrors === null) {
                  vErrors = [err28];
                } else {
                  vErrors.push(err28);
                }
                errors++;
              }
            }
          } else {
            const err29 = { instancePath: instancePath + "/emit/target", schemaPath: "#/$defs/emit/properties/target/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err29];
            } else {
              vErrors.push(err29);
            }
            errors++;
          }
        }
        if (data13.options !== void 0) {
          let data20 = data13.options;
          if (data20 && typeof data20 == "object" && !Array.isArray(data20)) {
            if (data20.persist !== void 0) {
              if (typeof data20.persist !== "boolean") {
                const err30 = { instancePath: instancePath + "/emit/options/persist", schemaPath: "#/$defs/emit/properties/options/properties/persist/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                if (vErrors === null) {
                  vErrors = [err30];
                } else {
                  vErrors.push(err30);
                }
                errors++;
              }
            }
            if (data20.aggPayload !== void 0) {
              if (typeof data20.aggPayload !== "boolean") {
                const err31 = { instancePath: instancePath + "/emit/options/aggPayload", schemaPath: "#/$defs/emit/properties/options/properties/aggPayload/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                if (vErrors === null) {
                  vErrors = [err31];
                } else {
                  vErrors.push(err31);
                }
                errors++;
              }
            }
            if (data20.async !== void 0) {
              if (typeof data20.async !== "boolean") {
                const err32 = { instancePath: instancePath + "/emit/options/async", schemaPath: "#/$defs/emit/properties/options/properties/async/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                if (vErrors === null) {
                  vErrors = [err32];
                } else {
                  vErrors.push(err32);
                }
                errors++;
              }
            }
          } else {
            const err33 = { instancePath: instancePath + "/emit/options", schemaPath: "#/$defs/emit/properties/options/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err33];
            } else {
              vErrors.push(err33);
            }
            errors++;
          }
        }
      } else {
        const err34 = { instancePath: instancePath + "/emit", schemaPath: "#/$defs/emit/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err34];
        } else {
          vErrors.push(err34);
        }
        errors++;
      }
    }
    if (data.wait !== void 0) {
      if (!validate21(data.wait, { instancePath: instancePath + "/wait", parentData: data, parentDataProperty: "wait", rootData })) {
        vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
        errors = vErrors.length;
      }
    }
    if (data.rateLimit !== void 0) {
      if (!validate23(data.rateLimit, { instancePath: instancePath + "/rateLimit", parentData: data, parentDataProperty: "rateLimit", rootData })) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.comment !== void 0) {
      if (typeof data.comment !== "string") {
        const err35 = { instancePath: instancePath + "/comment", schemaPath: "#/$defs/comment/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err35];
        } else {
          vErrors.push(err35);
        }
        errors++;
      }
    }
    if (data.fetch !== void 0) {
      if (!validate25(data.fetch, { instancePath: instancePath + "/fetch", parentData: data, parentDataProperty: "fetch", rootData })) {
        vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
        errors = vErrors.length;
      }
    }
    if (data.fail !== void 0) {
      if (!validate27(data.fail, { instancePath: instancePath + "/fail", parentData: data, parentDataProperty: "fail", rootData })) {
        vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
        errors = vErrors.length;
      }
    }
    if (data.lock !== void 0) {
      if (!validate29(data.lock, { instancePath: instancePath + "/lock", parentData: data, parentDataProperty: "lock", rootData })) {
        vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
        errors = vErrors.length;
      }
    }
    if (data.record !== void 0) {
      if (!validate31(data.record, { instancePath: instancePath + "/record", parentData: data, parentDataProperty: "record", rootData })) {
        vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
        errors = vErrors.length;
      }
    }
    if (data.settings !== void 0) {
      if (!validate33(data.settings, { instancePath: instancePath + "/settings", parentData: data, parentDataProperty: "settings", rootData })) {
        vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err36 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err36];
    } else {
      vErrors.push(err36);
    }
    errors++;
  }
  validate12.errors = vErrors;
  return errors === 0;
}
function validate11(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (Array.isArray(data)) {
    const len0 = data.length;
    for (let i0 = 0; i0 < len0; i0++) {
      if (!validate12(data[i0], { instancePath: instancePath + "/" + i0, parentData: data, parentDataProperty: i0, rootData })) {
        vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "array" }, message: "must be array" };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  validate11.errors = vErrors;
  return errors === 0;
}
function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  const _errs3 = errors;
  let valid1 = true;
  const _errs4 = errors;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    let missing0;
    if (data.private === void 0 && (missing0 = "private") || data.when === void 0 && (missing0 = "when")) {
      const err0 = {};
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    } else {
      if (data.private !== void 0) {
        const _errs5 = errors;
        if (true !== data.private) {
          const err1 = {};
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        var valid2 = _errs5 === errors;
      } else {
        var valid2 = true;
      }
      if (valid2) {
        if (data.when !== void 0) {
          let data1 = data.when;
          const _errs6 = errors;
          const _errs7 = errors;
          let valid3 = false;
          const _errs8 = errors;
          if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
            let missing1;
            if (data1.endpoint === void 0 && (missing1 = "endpoint")) {
              const err2 = {};
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          }
          var _valid1 = _errs8 === errors;
          valid3 = valid3 || _valid1;
          if (!valid3) {
            const _errs9 = errors;
            if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
              let missing2;
              if (data1.events === void 0 && (missing2 = "events")) {
                const err3 = {};
                if (vErrors === null) {
                  vErrors = [err3];
                } else {
                  vErrors.push(err3);
                }
                errors++;
              }
            }
            var _valid1 = _errs9 === errors;
            valid3 = valid3 || _valid1;
            if (!valid3) {
              const _errs10 = errors;
              if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                let missing3;
                if (data1.mcp === void 0 && (missing3 = "mcp")) {
                  const err4 = {};
                  if (vErrors === null) {
                    vErrors = [err4];
                  } else {
                    vErrors.push(err4);
                  }
                  errors++;
                }
              }
              var _valid1 = _errs10 === errors;
              valid3 = valid3 || _valid1;
            }
          }
          if (!valid3) {
            const err5 = {};
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          } else {
            errors = _errs7;
            if (vErrors !== null) {
              if (_errs7) {
                vErrors.length = _errs7;
              } else {
                vErrors = null;
              }
            }
          }
          var valid2 = _errs6 === errors;
        } else {
          var valid2 = true;
        }
      }
    }
  }
  var _valid0 = _errs4 === errors;
  errors = _errs3;
  if (vErrors !== null) {
    if (_errs3) {
      vErrors.length = _errs3;
    } else {
      vErrors = null;
    }
  }
  if (_valid0) {
    const _errs11 = errors;
    var _valid0 = _errs11 === errors;
    valid1 = _valid0;
  }
  if (!valid1) {
    const err6 = { instancePath, schemaPath: "#/allOf/0/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
    if (vErrors === null) {
      vErrors = [err6];
    } else {
      vErrors.push(err6);
    }
    errors++;
  }
  const _errs13 = errors;
  let valid4 = true;
  const _errs14 = errors;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    let missing4;
    if (data.when === void 0 && (missing4 = "when")) {
      const err7 = {};
      if (vErrors === null) {
        vErrors = [err7];
      } else {
        vErrors.push(err7);
      }
      errors++;
    } else {
      if (data.when !== void 0) {
        let data2 = data.when;
        if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
          let missing5;
          if (data2.endpoint === void 0 && (missing5 = "endpoint")) {
            const err8 = {};
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          } else {
            if (data2.endpoint !== void 0) {
              if ("mcp" !== data2.endpoint) {
                const err9 = {};
                if (vErrors === null) {
                  vErrors = [err9];
                } else {
                  vErrors.push(err9);
                }
                errors++;
              }
            }
          }
        }
      }
    }
  }
  var _valid2 = _errs14 === errors;
  errors = _errs13;
  if (vErrors !== null) {
    if (_errs13) {
      vErrors.length = _errs13;
    } else {
      vErrors = null;
    }
  }
  if (_valid2) {
    const _errs17 = errors;
    var _valid2 = _errs17 === errors;
    valid4 = _valid2;
  }
  if (!valid4) {
    const err10 = { instancePath, schemaPath: "#/allOf/1/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
    if (vErrors === null) {
      vErrors = [err10];
    } else {
      vErrors.push(err10);
    }
    errors++;
  }
  const _errs20 = errors;
  let valid8 = true;
  const _errs21 = errors;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    let missing6;
    if (data.when === void 0 && (missing6 = "when")) {
      const err11 = {};
      if (vErrors === null) {
        vErrors = [err11];
      } else {
        vErrors.push(err11);
      }
      errors++;
    } else {
      if (data.when !== void 0) {
        let data5 = data.when;
        if (data5 && typeof data5 == "object" && !Array.isArray(data5)) {
          let missing7;
          if (data5.mcp === void 0 && (missing7 = "mcp")) {
            const err12 = {};
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
      }
    }
  }
  var _valid3 = _errs21 === errors;
  errors = _errs20;
  if (vErrors !== null) {
    if (_errs20) {
      vErrors.length = _errs20;
    } else {
      vErrors = null;
    }
  }
  if (_valid3) {
    const _errs23 = errors;
    var _valid3 = _errs23 === errors;
    valid8 = _valid3;
  }
  if (!valid8) {
    const err13 = { instancePath, schemaPath: "#/allOf/2/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
    if (vErrors === null) {
      vErrors = [err13];
    } else {
      vErrors.push(err13);
    }
    errors++;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.do === void 0) {
      const err14 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "do" }, message: "must have required property 'do'" };
      if (vErrors === null) {
        vErrors = [err14];
      } else {
        vErrors.push(err14);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func2.call(schema11.properties, key0)) {
        const err15 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    }
    if (data.slug !== void 0) {
      let data7 = data.slug;
      if (typeof data7 === "string") {
        if (!pattern0.test(data7)) {
          const err16 = { instancePath: instancePath + "/slug", schemaPath: "#/properties/slug/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z][\\w./-]*$" }, message: 'must match pattern "^[A-Za-z][\\w./-]*$"' };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      } else {
        const err17 = { instancePath: instancePath + "/slug", schemaPath: "#/properties/slug/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    if (data.name !== void 0) {
      if (typeof data.name !== "string") {
        const err18 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.description !== void 0) {
      let data9 = data.description;
      if (typeof data9 === "string") {
        if (func3(data9) > 4e3) {
          const err19 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 4e3 }, message: "must NOT have more than 4000 characters" };
          if (vErrors === null) {
            vErrors = [err19];
          } else {
            vErrors.push(err19);
          }
          errors++;
        }
      } else {
        const err20 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      }
    }
    if (data.arguments !== void 0) {
      let data10 = data.arguments;
      if (data10 && typeof data10 == "object" && !Array.isArray(data10)) {
        for (const key1 in data10) {
          let data11 = data10[key1];
          if (data11 && typeof data11 == "object" && !Array.isArray(data11)) {
            if (data11.required !== void 0) {
              let data12 = data11.required;
              const _errs38 = errors;
              let valid14 = false;
              const _errs39 = errors;
              if (typeof data12 !== "boolean") {
                const err21 = { instancePath: instancePath + "/arguments/" + key1.replace(/~/g, "~0").replace(/\//g, "~1") + "/required", schemaPath: "#/properties/arguments/additionalProperties/properties/required/anyOf/0/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                if (vErrors === null) {
                  vErrors = [err21];
                } else {
                  vErrors.push(err21);
                }
                errors++;
              }
              var _valid4 = _errs39 === errors;
              valid14 = valid14 || _valid4;
              if (!valid14) {
                const _errs41 = errors;
                if (Array.isArray(data12)) {
                  const len0 = data12.length;
                  for (let i0 = 0; i0 < len0; i0++) {
                    if (typeof data12[i0] !== "string") {
                      const err22 = { instancePath: instancePath + "/arguments/" + key1.replace(/~/g, "~0").replace(/\//g, "~1") + "/required/" + i0, schemaPath: "#/properties/arguments/additionalProperties/properties/required/anyOf/1/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                      if (vErrors === null) {
                        vErrors = [err22];
                      } else {
                        vErrors.push(err22);
                      }
                      errors++;
                    }
                  }
                } else {
                  const err23 = { instancePath: instancePath + "/arguments/" + key1.replace(/~/g, "~0").replace(/\//g, "~1") + "/required", schemaPath: "#/properties/arguments/additionalProperties/properties/required/anyOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                  if (vErrors === null) {
                    vErrors = [err23];
                  } else {
                    vErrors.push(err23);
                  }
                  errors++;
                }
                var _valid4 = _errs41 === errors;
                valid14 = valid14 || _valid4;
              }
              if (!valid14) {
                const err24 = { instancePath: instancePath + "/arguments/" + key1.replace(/~/g, "~0").replace(/\//g, "~1") + "/required", schemaPath: "#/properties/arguments/additionalProperties/properties/required/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
                if (vErrors === null) {
                  vErrors = [err24];
                } else {
                  vErrors.push(err24);
                }
                errors++;
              } else {
                errors = _errs38;
                if (vErrors !== null) {
                  if (_errs38) {
                    vErrors.length = _errs38;
                  } else {
                    vErrors = null;
                  }
                }
              }
            }
          } else {
            const err25 = { instancePath: instancePath + "/arguments/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/arguments/additionalProperties/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err25];
            } else {
              vErrors.push(err25);
            }
            errors++;
          }
        }
      } else {
        const err26 = { instancePath: instancePath + "/arguments", schemaPath: "#/properties/arguments/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      }
    }
    if (data.when !== void 0) {
      let data14 = data.when;
      if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
        for (const key2 in data14) {
          if (!(key2 === "endpoint" || key2 === "public" || key2 === "mcp" || key2 === "events" || key2 === "schedules")) {
            const err27 = { instancePath: instancePath + "/when", schemaPath: "#/properties/when/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err27];
            } else {
              vErrors.push(err27);
            }
            errors++;
          }
        }
        if (data14.endpoint !== void 0) {
          let data15 = data14.endpoint;
          const _errs49 = errors;
          let valid18 = false;
          const _errs50 = errors;
          if (typeof data15 !== "boolean") {
            const err28 = { instancePath: instancePath + "/when/endpoint", schemaPath: "#/properties/when/properties/endpoint/anyOf/0/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
          var _valid5 = _errs50 === errors;
          valid18 = valid18 || _valid5;
          if (!valid18) {
            const _errs52 = errors;
            if (typeof data15 === "string") {
              if (!pattern1.test(data15)) {
                const err29 = { instancePath: instancePath + "/when/endpoint", schemaPath: "#/properties/when/properties/endpoint/anyOf/1/pattern", keyword: "pattern", params: { pattern: "^[\\w.-]+(/[\\w.-]+)*$" }, message: 'must match pattern "^[\\w.-]+(/[\\w.-]+)*$"' };
                if (vErrors === null) {
                  vErrors = [err29];
                } else {
                  vErrors.push(err29);
                }
                errors++;
              }
            } else {
              const err30 = { instancePath: instancePath + "/when/endpoint", schemaPath: "#/properties/when/properties/endpoint/anyOf/1/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err30];
              } else {
                vErrors.push(err30);
              }
              errors++;
            }
            var _valid5 = _errs52 === errors;
            valid18 = valid18 || _valid5;
          }
          if (!valid18) {
            const err31 = { instancePath: instancePath + "/when/endpoint", schemaPath: "#/properties/when/properties/endpoint/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
            if (vErrors === null) {
              vErrors = [err31];
            } else {
              vErrors.push(err31);
            }
            errors++;
          } else {
            errors = _errs49;
            if (vErrors !== null) {
              if (_errs49) {
                vErrors.length = _errs49;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data14.public !== void 0) {
          if (typeof data14.public !== "boolean") {
            const err32 = { instancePath: instancePath + "/when/public", schemaPath: "#/properties/when/properties/public/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
            if (vErrors === null) {
              vErrors = [err32];
            } else {
              vErrors.push(err32);
            }
            errors++;
          }
        }
        if (data14.mcp !== void 0) {
          let data17 = data14.mcp;
          if (data17 && typeof data17 == "object" && !Array.isArray(data17)) {
            if (data17.tool === void 0) {
              const err33 = { instancePath: instancePath + "/when/mcp", schemaPath: "#/properties/when/properties/mcp/required", keyword: "required", params: { missingProperty: "tool" }, message: "must have required property 'tool'" };
              if (vErrors === null) {
                vErrors = [err33];
              } else {
                vErrors.push(err33);
              }
              errors++;
            }
            if (data17.action === void 0) {
              const err34 = { instancePath: instancePath + "/when/mcp", schemaPath: "#/properties/when/properties/mcp/required", keyword: "required", params: { missingProperty: "action" }, message: "must have required property 'action'" };
              if (vErrors === null) {
                vErrors = [err34];
              } else {
                vErrors.push(err34);
              }
              errors++;
            }
            for (const key3 in data17) {
              if (!(key3 === "tool" || key3 === "action" || key3 === "title" || key3 === "toolDescription" || key3 === "write" || key3 === "annotations")) {
                const err35 = { instancePath: instancePath + "/when/mcp", schemaPath: "#/properties/when/properties/mcp/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
            }
            if (data17.tool !== void 0) {
              let data18 = data17.tool;
              if (typeof data18 === "string") {
                if (!pattern2.test(data18)) {
                  const err36 = { instancePath: instancePath + "/when/mcp/tool", schemaPath: "#/properties/when/properties/mcp/properties/tool/pattern", keyword: "pattern", params: { pattern: "^[a-zA-Z][\\w-]*$" }, message: 'must match pattern "^[a-zA-Z][\\w-]*$"' };
                  if (vErrors === null) {
                    vErrors = [err36];
                  } else {
                    vErrors.push(err36);
                  }
                  errors++;
                }
              } else {
                const err37 = { instancePath: instancePath + "/when/mcp/tool", schemaPath: "#/properties/when/properties/mcp/properties/tool/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err37];
                } else {
                  vErrors.push(err37);
                }
                errors++;
              }
            }
            if (data17.action !== void 0) {
              let data19 = data17.action;
              if (typeof data19 === "string") {
                if (!pattern2.test(data19)) {
                  const err38 = { instancePath: instancePath + "/when/mcp/action", schemaPath: "#/properties/when/properties/mcp/properties/action/pattern", keyword: "pattern", params: { pattern: "^[a-zA-Z][\\w-]*$" }, message: 'must match pattern "^[a-zA-Z][\\w-]*$"' };
                  if (vErrors === null) {
                    vErrors = [err38];
                  } else {
                    vErrors.push(err38);
                  }
                  errors++;
                }
              } else {
                const err39 = { instancePath: instancePath + "/when/mcp/action", schemaPath: "#/properties/when/properties/mcp/properties/action/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err39];
                } else {
                  vErrors.push(err39);
                }
                errors++;
              }
            }
            if (data17.title !== void 0) {
              if (typeof data17.title !== "string") {
                const err40 = { instancePath: instancePath + "/when/mcp/title", schemaPath: "#/properties/when/properties/mcp/properties/title/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err40];
                } else {
                  vErrors.push(err40);
                }
                errors++;
              }
            }
            if (data17.toolDescription !== void 0) {
              let data21 = data17.toolDescription;
              if (typeof data21 === "string") {
                if (func3(data21) > 1024) {
                  const err41 = { instancePath: instancePath + "/when/mcp/toolDescription", schemaPath: "#/properties/when/properties/mcp/properties/toolDescription/maxLength", keyword: "maxLength", params: { limit: 1024 }, message: "must NOT have more than 1024 characters" };
                  if (vErrors === null) {
                    vErrors = [err41];
                  } else {
                    vErrors.push(err41);
                  }
                  errors++;
                }
              } else {
                const err42 = { instancePath: instancePath + "/when/mcp/toolDescription", schemaPath: "#/properties/when/properties/mcp/properties/toolDescription/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err42];
                } else {
                  vErrors.push(err42);
                }
                errors++;
              }
            }
            if (data17.write !== void 0) {
              if (typeof data17.write !== "boolean") {
                const err43 = { instancePath: instancePath + "/when/mcp/write", schemaPath: "#/properties/when/properties/mcp/properties/write/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                if (vErrors === null) {
                  vErrors = [err43];
                } else {
                  vErrors.push(err43);
                }
                errors++;
              }
            }
            if (data17.annotations !== void 0) {
              let data23 = data17.annotations;
              if (data23 && typeof data23 == "object" && !Array.isArray(data23)) {
                for (const key4 in data23) {
                  if (!(key4 === "readOnlyHint" || key4 === "destructiveHint" || key4 === "idempotentHint" || key4 === "openWorldHint")) {
                    const err44 = { instancePath: instancePath + "/when/mcp/annotations", schemaPath: "#/properties/when/properties/mcp/properties/annotations/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err44];
                    } else {
                      vErrors.push(err44);
                    }
                    errors++;
                  }
                }
                if (data23.readOnlyHint !== void 0) {
                  if (typeof data23.readOnlyHint !== "boolean") {
                    const err45 = { instancePath: instancePath + "/when/mcp/annotations/readOnlyHint", schemaPath: "#/properties/when/properties/mcp/properties/annotations/properties/readOnlyHint/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                      vErrors = [err45];
                    } else {
                      vErrors.push(err45);
                    }
                    errors++;
                  }
                }
                if (data23.destructiveHint !== void 0) {
                  if (typeof data23.destructiveHint !== "boolean") {
                    const err46 = { instancePath: instancePath + "/when/mcp/annotations/destructiveHint", schemaPath: "#/properties/when/properties/mcp/properties/annotations/properties/destructiveHint/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                      vErrors = [err46];
                    } else {
                      vErrors.push(err46);
                    }
                    errors++;
                  }
                }
                if (data23.idempotentHint !== void 0) {
                  if (typeof data23.idempotentHint !== "boolean") {
                    const err47 = { instancePath: instancePath + "/when/mcp/annotations/idempotentHint", schemaPath: "#/properties/when/properties/mcp/properties/annotations/properties/idempotentHint/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                      vErrors = [err47];
                    } else {
                      vErrors.push(err47);
                    }
                    errors++;
                  }
                }
                if (data23.openWorldHint !== void 0) {
                  if (typeof data23.openWorldHint !== "boolean") {
                    const err48 = { instancePath: instancePath + "/when/mcp/annotations/openWorldHint", schemaPath: "#/properties/when/properties/mcp/properties/annotations/properties/openWorldHint/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                      vErrors = [err48];
                    } else {
                      vErrors.push(err48);
                    }
                    errors++;
                  }
                }
              } else {
                const err49 = { instancePath: instancePath + "/when/mcp/annotations", schemaPath: "#/properties/when/properties/mcp/properties/annotations/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err49];
                } else {
                  vErrors.push(err49);
                }
                errors++;
              }
            }
          } else {
            const err50 = { instancePath: instancePath + "/when/mcp", schemaPath: "#/properties/when/properties/mcp/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err50];
            } else {
              vErrors.push(err50);
            }
            errors++;
          }
        }
        if (data14.events !== void 0) {
          let data28 = data14.events;
          if (Array.isArray(data28)) {
            const len1 = data28.length;
            for (let i1 = 0; i1 < len1; i1++) {
              if (typeof data28[i1] !== "string") {
                const err51 = { instancePath: instancePath + "/when/events/" + i1, schemaPath: "#/properties/when/properties/events/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err51];
                } else {
                  vErrors.push(err51);
                }
                errors++;
              }
            }
          } else {
            const err52 = { instancePath: instancePath + "/when/events", schemaPath: "#/properties/when/properties/events/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err52];
            } else {
              vErrors.push(err52);
            }
            errors++;
          }
        }
        if (data14.schedules !== void 0) {
          let data30 = data14.schedules;
          if (Array.isArray(data30)) {
            const len2 = data30.length;
            for (let i2 = 0; i2 < len2; i2++) {
              if (typeof data30[i2] !== "string") {
                const err53 = { instancePath: instancePath + "/when/schedules/" + i2, schemaPath: "#/properties/when/properties/schedules/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err53];
                } else {
                  vErrors.push(err53);
                }
                errors++;
              }
            }
          } else {
            const err54 = { instancePath: instancePath + "/when/schedules", schemaPath: "#/properties/when/properties/schedules/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err54];
            } else {
              vErrors.push(err54);
            }
            errors++;
          }
        }
      } else {
        const err55 = { instancePath: instancePath + "/when", schemaPath: "#/properties/when/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err55];
        } else {
          vErrors.push(err55);
        }
        errors++;
      }
    }
    if (data.do !== void 0) {
      if (!validate11(data.do, { instancePath: instancePath + "/do", parentData: data, parentDataProperty: "do", rootData })) {
        vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
        errors = vErrors.length;
      }
    }
    if (data.outputSchema !== void 0) {
      let data33 = data.outputSchema;
      if (!(data33 && typeof data33 == "object" && !Array.isArray(data33))) {
        const err56 = { instancePath: instancePath + "/outputSchema", schemaPath: "#/properties/outputSchema/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err56];
        } else {
          vErrors.push(err56);
        }
        errors++;
      }
    }
    if (data.private !== void 0) {
      if (typeof data.private !== "boolean") {
        const err57 = { instancePath: instancePath + "/private", schemaPath: "#/properties/private/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
        if (vErrors === null) {
          vErrors = [err57];
        } else {
          vErrors.push(err57);
        }
        errors++;
      }
    }
  } else {
    const err58 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err58];
    } else {
      vErrors.push(err58);
    }
    errors++;
  }
  validate10.errors = vErrors;
  return errors === 0;
}

// schemas/validators/draft-07.js
import * as module02 from "ajv/dist/runtime/equal.js";
var cjs2 = (ns) => ns.default?.__esModule ? ns.default : ns;
var validate2 = validate0;
var schema0 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "http://json-schema.org/draft-07/schema#", "title": "Core schema meta-schema", "definitions": { "schemaArray": { "type": "array", "minItems": 1, "items": { "$ref": "#" } }, "nonNegativeInteger": { "type": "integer", "minimum": 0 }, "nonNegativeIntegerDefault0": { "allOf": [{ "$ref": "#/definitions/nonNegativeInteger" }, { "default": 0 }] }, "simpleTypes": { "enum": ["array", "boolean", "integer", "null", "number", "object", "string"] }, "stringArray": { "type": "array", "items": { "type": "string" }, "uniqueItems": true, "default": [] } }, "type": ["object", "boolean"], "properties": { "$id": { "type": "string", "format": "uri-reference" }, "$schema": { "type": "string", "format": "uri" }, "$ref": { "type": "string", "format": "uri-reference" }, "$comment": { "type": "string" }, "title": { "type": "string" }, "description": { "type": "string" }, "default": true, "readOnly": { "type": "boolean", "default": false }, "examples": { "type": "array", "items": true }, "multipleOf": { "type": "number", "exclusiveMinimum": 0 }, "maximum": { "type": "number" }, "exclusiveMaximum": { "type": "number" }, "minimum": { "type": "number" }, "exclusiveMinimum": { "type": "number" }, "maxLength": { "$ref": "#/definitions/nonNegativeInteger" }, "minLength": { "$ref": "#/definitions/nonNegativeIntegerDefault0" }, "pattern": { "type": "string", "format": "regex" }, "additionalItems": { "$ref": "#" }, "items": { "anyOf": [{ "$ref": "#" }, { "$ref": "#/definitions/schemaArray" }], "default": true }, "maxItems": { "$ref": "#/definitions/nonNegativeInteger" }, "minItems": { "$ref": "#/definitions/nonNegativeIntegerDefault0" }, "uniqueItems": { "type": "boolean", "default": false }, "contains": { "$ref": "#" }, "maxProperties": { "$ref": "#/definitions/nonNegativeInteger" }, "minProperties": { "$ref": "#/definitions/nonNegativeIntegerDefault0" }, "required": { "$ref": "#/definitions/stringArray" }, "additionalProperties": { "$ref": "#" }, "definitions": { "type": "object", "additionalProperties": { "$ref": "#" }, "default": {} }, "properties": { "type": "object", "additionalProperties": { "$ref": "#" }, "default": {} }, "patternProperties": { "type": "object", "additionalProperties": { "$ref": "#" }, "propertyNames": { "format": "regex" }, "default": {} }, "dependencies": { "type": "object", "additionalProperties": { "anyOf": [{ "$ref": "#" }, { "$ref": "#/definitions/stringArray" }] } }, "propertyNames": { "$ref": "#" }, "const": true, "enum": { "type": "array", "items": true, "minItems": 1, "uniqueItems": true }, "type": { "anyOf": [{ "$ref": "#/definitions/simpleTypes" }, { "type": "array", "items": { "$ref": "#/definitions/simpleTypes" }, "minItems": 1, "uniqueItems": true }] }, "format": { "type": "string" }, "contentMediaType": { "type": "string" }, "contentEncoding": { "type": "string" }, "if": { "$ref": "#" }, "then": { "$ref": "#" }, "else": { "$ref": "#" }, "allOf": { "$ref": "#/definitions/schemaArray" }, "anyOf": { "$ref": "#/definitions/schemaArray" }, "oneOf": { "$ref": "#/definitions/schemaArray" }, "not": { "$ref": "#" } }, "default": true };
var schema9 = { "enum": ["array", "boolean", "integer", "null", "number", "object", "string"] };
function validate1(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(typeof data == "number" && (!(data % 1) && !isNaN(data)))) {
    const err0 = { instancePath, schemaPath: "#/definitions/nonNegativeInteger/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (typeof data == "number") {
    if (data < 0 || isNaN(data)) {
      const err1 = { instancePath, schemaPath: "#/definitions/nonNegativeInteger/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
  }
  validate1.errors = vErrors;
  return errors === 0;
}
var root0 = { validate: validate0 };
function validate3(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (Array.isArray(data)) {
    if (data.length < 1) {
      const err0 = { instancePath, schemaPath: "#/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    const len0 = data.length;
    for (let i0 = 0; i0 < len0; i0++) {
      if (!root0.validate(data[i0], { instancePath: instancePath + "/" + i0, parentData: data, parentDataProperty: i0, rootData })) {
        vErrors = vErrors === null ? root0.validate.errors : vErrors.concat(root0.validate.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err1 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "array" }, message: "must be array" };
    if (vErrors === null) {
      vErrors = [err1];
    } else {
      vErrors.push(err1);
    }
    errors++;
  }
  validate3.errors = vErrors;
  return errors === 0;
}
var func0 = cjs2(module02).default;
function validate0(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  if (!(data && typeof data == "object" && !Array.isArray(data)) && typeof data !== "boolean") {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema0.type }, message: "must be object,boolean" };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.$id !== void 0) {
      if (!(typeof data.$id === "string")) {
        const err1 = { instancePath: instancePath + "/$id", schemaPath: "#/properties/%24id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.$schema !== void 0) {
      if (!(typeof data.$schema === "string")) {
        const err2 = { instancePath: instancePath + "/$schema", schemaPath: "#/properties/%24schema/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.$ref !== void 0) {
      if (!(typeof data.$ref === "string")) {
        const err3 = { instancePath: instancePath + "/$ref", schemaPath: "#/properties/%24ref/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.$comment !== void 0) {
      if (typeof data.$comment !== "string") {
        const err4 = { instancePath: instancePath + "/$comment", schemaPath: "#/properties/%24comment/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.title !== void 0) {
      if (typeof data.title !== "string") {
        const err5 = { instancePath: instancePath + "/title", schemaPath: "#/properties/title/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.description !== void 0) {
      if (typeof data.description !== "string") {
        const err6 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.readOnly !== void 0) {
      if (typeof data.readOnly !== "boolean") {
        const err7 = { instancePath: instancePath + "/readOnly", schemaPath: "#/properties/readOnly/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.examples !== void 0) {
      if (!Array.isArray(data.examples)) {
        const err8 = { instancePath: instancePath + "/examples", schemaPath: "#/properties/examples/type", keyword: "type", params: { type: "array" }, message: "must be array" };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.multipleOf !== void 0) {
      let data8 = data.multipleOf;
      if (typeof data8 == "number") {
        if (data8 <= 0 || isNaN(data8)) {
          const err9 = { instancePath: instancePath + "/multipleOf", schemaPath: "#/properties/multipleOf/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0" };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = { instancePath: instancePath + "/multipleOf", schemaPath: "#/properties/multipleOf/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.maximum !== void 0) {
      if (!(typeof data.maximum == "number")) {
        const err11 = { instancePath: instancePath + "/maximum", schemaPath: "#/properties/maximum/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.exclusiveMaximum !== void 0) {
      if (!(typeof data.exclusiveMaximum == "number")) {
        const err12 = { instancePath: instancePath + "/exclusiveMaximum", schemaPath: "#/properties/exclusiveMaximum/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.minimum !== void 0) {
      if (!(typeof data.minimum == "number")) {
        const err13 = { instancePath: instancePath + "/minimum", schemaPath: "#/properties/minimum/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
    }
    if (data.exclusiveMinimum !== void 0) {
      if (!(typeof data.exclusiveMinimum == "number")) {
        const err14 = { instancePath: instancePath + "/exclusiveMinimum", schemaPath: "#/properties/exclusiveMinimum/type", keyword: "type", params: { type: "number" }, message: "must be number" };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    if (data.maxLength !== void 0) {
      let data13 = data.maxLength;
      if (!(typeof data13 == "number" && (!(data13 % 1) && !isNaN(data13)))) {
        const err15 = { instancePath: instancePath + "/maxLength", schemaPath: "#/definitions/nonNegativeInteger/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
      if (typeof data13 == "number") {
        if (data13 < 0 || isNaN(data13)) {
          const err16 = { instancePath: instancePath + "/maxLength", schemaPath: "#/definitions/nonNegativeInteger/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      }
    }
    if (data.minLength !== void 0) {
      if (!validate1(data.minLength, { instancePath: instancePath + "/minLength", parentData: data, parentDataProperty: "minLength", rootData })) {
        vErrors = vErrors === null ? validate1.errors : vErrors.concat(validate1.errors);
        errors = vErrors.length;
      }
    }
    if (data.pattern !== void 0) {
      if (!(typeof data.pattern === "string")) {
        const err17 = { instancePath: instancePath + "/pattern", schemaPath: "#/properties/pattern/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    if (data.additionalItems !== void 0) {
      if (!validate0(data.additionalItems, { instancePath: instancePath + "/additionalItems", parentData: data, parentDataProperty: "additionalItems", rootData })) {
        vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
        errors = vErrors.length;
      }
    }
    if (data.items !== void 0) {
      let data17 = data.items;
      const _errs35 = errors;
      let valid2 = false;
      const _errs36 = errors;
      if (!validate0(data17, { instancePath: instancePath + "/items", parentData: data, parentDataProperty: "items", rootData })) {
        vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
        errors = vErrors.length;
      }
      var _valid0 = _errs36 === errors;
      valid2 = valid2 || _valid0;
      if (!valid2) {
        const _errs37 = errors;
        if (!validate3(data17, { instancePath: instancePath + "/items", parentData: data, parentDataProperty: "items", rootData })) {
          vErrors = vErrors === null ? validate3.errors : vErrors.concat(validate3.errors);
          errors = vErrors.length;
        }
        var _valid0 = _errs37 === errors;
        valid2 = valid2 || _valid0;
      }
      if (!valid2) {
        const err18 = { instancePath: instancePath + "/items", schemaPath: "#/properties/items/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      } else {
        errors = _errs35;
        if (vErrors !== null) {
          if (_errs35) {
            vErrors.length = _errs35;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.maxItems !== void 0) {
      let data18 = data.maxItems;
      if (!(typeof data18 == "number" && (!(data18 % 1) && !isNaN(data18)))) {
        const err19 = { instancePath: instancePath + "/maxItems", schemaPath: "#/definitions/nonNegativeInteger/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
      if (typeof data18 == "number") {
        if (data18 < 0 || isNaN(data18)) {
          const err20 = { instancePath: instancePath + "/maxItems", schemaPath: "#/definitions/nonNegativeInteger/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
          if (vErrors === null) {
            vErrors = [err20];
          } else {
            vErrors.push(err20);
          }
          errors++;
        }
      }
    }
    if (data.minItems !== void 0) {
      if (!validate1(data.minItems, { instancePath: instancePath + "/minItems", parentData: data, parentDataProperty: "minItems", rootData })) {
        vErrors = vErrors === null ? validate1.errors : vErrors.concat(validate1.errors);
        errors = vErrors.length;
      }
    }
    if (data.uniqueItems !== void 0) {
      if (typeof data.uniqueItems !== "boolean") {
        const err21 = { instancePath: instancePath + "/uniqueItems", schemaPath: "#/properties/uniqueItems/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
    }
    if (data.contains !== void 0) {
      if (!validate0(data.contains, { instancePath: instancePath + "/contains", parentData: data, parentDataProperty: "contains", rootData })) {
        vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
        errors = vErrors.length;
      }
    }
    if (data.maxProperties !== void 0) {
      let data22 = data.maxProperties;
      if (!(typeof data22 == "number" && (!(data22 % 1) && !isNaN(data22)))) {
        const err22 = { instancePath: instancePath + "/maxProperties", schemaPath: "#/definitions/nonNegativeInteger/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
      if (typeof data22 == "number") {
        if (data22 < 0 || isNaN(data22)) {
          const err23 = { instancePath: instancePath + "/maxProperties", schemaPath: "#/definitions/nonNegativeInteger/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
          if (vErrors === null) {
            vErrors = [err23];
          } else {
            vErrors.push(err23);
          }
          errors++;
        }
      }
    }
    if (data.minProperties !== void 0) {
      if (!validate1(data.minProperties, { instancePath: instancePath + "/minProperties", parentData: data, parentDataProperty: "minProperties", rootData })) {
        vErrors = vErrors === null ? validate1.errors : vErrors.concat(validate1.errors);
        errors = vErrors.length;
      }
    }
    if (data.required !== void 0) {
      let data24 = data.required;
      if (Array.isArray(data24)) {
        const len0 = data24.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (typeof data24[i0] !== "string") {
            const err24 = { instancePath: instancePath + "/required/" + i0, schemaPath: "#/definitions/stringArray/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err24];
            } else {
              vErrors.push(err24);
            }
            errors++;
          }
        }
        let i1 = data24.length;
        let j0;
        if (i1 > 1) {
          const indices0 = {};
          for (; i1--; ) {
            let item0 = data24[i1];
            if (typeof item0 !== "string") {
              continue;
            }
            if (typeof indices0[item0] == "number") {
              j0 = indices0[item0];
              const err25 = { instancePath: instancePath + "/required", schemaPath: "#/definitions/stringArray/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)" };
              if (vErrors === null) {
                vErrors = [err25];
              } else {
                vErrors.push(err25);
              }
              errors++;
              break;
            }
            indices0[item0] = i1;
          }
        }
      } else {
        const err26 = { instancePath: instancePath + "/required", schemaPath: "#/definitions/stringArray/type", keyword: "type", params: { type: "array" }, message: "must be array" };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      }
    }
    if (data.additionalProperties !== void 0) {
      if (!validate0(data.additionalProperties, { instancePath: instancePath + "/additionalProperties", parentData: data, parentDataProperty: "additionalProperties", rootData })) {
        vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
        errors = vErrors.length;
      }
    }
    if (data.definitions !== void 0) {
      let data27 = data.definitions;
      if (data27 && typeof data27 == "object" && !Array.isArray(data27)) {
        for (const key0 in data27) {
          if (!validate0(data27[key0], { instancePath: instancePath + "/definitions/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data27, parentDataProperty: key0, rootData })) {
            vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err27 = { instancePath: instancePath + "/definitions", schemaPath: "#/properties/definitions/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err27];
        } else {
          vErrors.push(err27);
        }
        errors++;
      }
    }
    if (data.properties !== void 0) {
      let data29 = data.properties;
      if (data29 && typeof data29 == "object" && !Array.isArray(data29)) {
        for (const key1 in data29) {
          if (!validate0(data29[key1], { instancePath: instancePath + "/properties/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data29, parentDataProperty: key1, rootData })) {
            vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err28 = { instancePath: instancePath + "/properties", schemaPath: "#/properties/properties/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err28];
        } else {
          vErrors.push(err28);
        }
        errors++;
      }
    }
    if (data.patternProperties !== void 0) {
      let data31 = data.patternProperties;
      if (data31 && typeof data31 == "object" && !Array.isArray(data31)) {
        for (const key2 in data31) {
          const _errs65 = errors;
          var valid11 = _errs65 === errors;
          if (!valid11) {
            const err29 = { instancePath: instancePath + "/patternProperties", schemaPath: "#/properties/patternProperties/propertyNames", keyword: "propertyNames", params: { propertyName: key2 }, message: "property name must be valid" };
            if (vErrors === null) {
              vErrors = [err29];
            } else {
              vErrors.push(err29);
            }
            errors++;
          }
        }
        for (const key3 in data31) {
          if (!validate0(data31[key3], { instancePath: instancePath + "/patternProperties/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data31, parentDataProperty: key3, rootData })) {
            vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err30 = { instancePath: instancePath + "/patternProperties", schemaPath: "#/properties/patternProperties/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err30];
        } else {
          vErrors.push(err30);
        }
        errors++;
      }
    }
    if (data.dependencies !== void 0) {
      let data33 = data.dependencies;
      if (data33 && typeof data33 == "object" && !Array.isArray(data33)) {
        for (const key4 in data33) {
          let data34 = data33[key4];
          const _errs72 = errors;
          let valid14 = false;
          const _errs73 = errors;
          if (!validate0(data34, { instancePath: instancePath + "/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data33, parentDataProperty: key4, rootData })) {
            vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
            errors = vErrors.length;
          }
          var _valid1 = _errs73 === errors;
          valid14 = valid14 || _valid1;
          if (!valid14) {
            const _errs74 = errors;
            if (Array.isArray(data34)) {
              const len1 = data34.length;
              for (let i2 = 0; i2 < len1; i2++) {
                if (typeof data34[i2] !== "string") {
                  const err31 = { instancePath: instancePath + "/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1") + "/" + i2, schemaPath: "#/definitions/stringArray/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err31];
                  } else {
                    vErrors.push(err31);
                  }
                  errors++;
                }
              }
              let i3 = data34.length;
              let j1;
              if (i3 > 1) {
                const indices1 = {};
                for (; i3--; ) {
                  let item1 = data34[i3];
                  if (typeof item1 !== "string") {
                    continue;
                  }
                  if (typeof indices1[item1] == "number") {
                    j1 = indices1[item1];
                    const err32 = { instancePath: instancePath + "/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/definitions/stringArray/uniqueItems", keyword: "uniqueItems", params: { i: i3, j: j1 }, message: "must NOT have duplicate items (items ## " + j1 + " and " + i3 + " are identical)" };
                    if (vErrors === null) {
                      vErrors = [err32];
                    } else {
                      vErrors.push(err32);
                    }
                    errors++;
                    break;
                  }
                  indices1[item1] = i3;
                }
              }
            } else {
              const err33 = { instancePath: instancePath + "/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/definitions/stringArray/type", keyword: "type", params: { type: "array" }, message: "must be array" };
              if (vErrors === null) {
                vErrors = [err33];
              } else {
                vErrors.push(err33);
              }
              errors++;
            }
            var _valid1 = _errs74 === errors;
            valid14 = valid14 || _valid1;
          }
          if (!valid14) {
            const err34 = { instancePath: instancePath + "/dependencies/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/dependencies/additionalProperties/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          } else {
            errors = _errs72;
            if (vErrors !== null) {
              if (_errs72) {
                vErrors.length = _errs72;
              } else {
                vErrors = null;
              }
            }
          }
        }
      } else {
        const err35 = { instancePath: instancePath + "/dependencies", schemaPath: "#/properties/dependencies/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err35];
        } else {
          vErrors.push(err35);
        }
        errors++;
      }
    }
    if (data.propertyNames !== void 0) {
      if (!validate0(data.propertyNames, { instancePath: instancePath + "/propertyNames", parentData: data, parentDataProperty: "propertyNames", rootData })) {
        vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
        errors = vErrors.length;
      }
    }
    if (data.enum !== void 0) {
      let data37 = data.enum;
      if (Array.isArray(data37)) {
        if (data37.length < 1) {
          const err36 = { instancePath: instancePath + "/enum", schemaPath: "#/properties/enum/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
          if (vErrors === null) {
            vErrors = [err36];
          } else {
            vErrors.push(err36);
          }
          errors++;
        }
        let i4 = data37.length;
        let j2;
        if (i4 > 1) {
          outer0:
            for (; i4--; ) {
              for (j2 = i4; j2--; ) {
                if (func0(data37[i4], data37[j2])) {
                  const err37 = { instancePath: instancePath + "/enum", schemaPath: "#/properties/enum/uniqueItems", keyword: "uniqueItems", params: { i: i4, j: j2 }, message: "must NOT have duplicate items (items ## " + j2 + " and " + i4 + " are identical)" };
                  if (vErrors === null) {
                    vErrors = [err37];
                  } else {
                    vErrors.push(err37);
                  }
                  errors++;
                  break outer0;
                }
              }
            }
        }
      } else {
        const err38 = { instancePath: instancePath + "/enum", schemaPath: "#/properties/enum/type", keyword: "type", params: { type: "array" }, message: "must be array" };
        if (vErrors === null) {
          vErrors = [err38];
        } else {
          vErrors.push(err38);
        }
        errors++;
      }
    }
    if (data.type !== void 0) {
      let data38 = data.type;
      const _errs83 = errors;
      let valid20 = false;
      const _errs84 = errors;
      if (!(data38 === "array" || data38 === "boolean" || data38 === "integer" || data38 === "null" || data38 === "number" || data38 === "object" || data38 === "string")) {
        const err39 = { instancePath: instancePath + "/type", schemaPath: "#/definitions/simpleTypes/enum", keyword: "enum", params: { allowedValues: schema9.enum }, message: "must be equal to one of the allowed values" };
        if (vErrors === null) {
          vErrors = [err39];
        } else {
          vErrors.push(err39);
        }
        errors++;
      }
      var _valid2 = _errs84 === errors;
      valid20 = valid20 || _valid2;
      if (!valid20) {
        const _errs86 = errors;
        if (Array.isArray(data38)) {
          if (data38.length < 1) {
            const err40 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/anyOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
            if (vErrors === null) {
              vErrors = [err40];
            } else {
              vErrors.push(err40);
            }
            errors++;
          }
          const len2 = data38.length;
          for (let i5 = 0; i5 < len2; i5++) {
            let data39 = data38[i5];
            if (!(data39 === "array" || data39 === "boolean" || data39 === "integer" || data39 === "null" || data39 === "number" || data39 === "object" || data39 === "string")) {
              const err41 = { instancePath: instancePath + "/type/" + i5, schemaPath: "#/definitions/simpleTypes/enum", keyword: "enum", params: { allowedValues: schema9.enum }, message: "must be equal to one of the allowed values" };
              if (vErrors === null) {
                vErrors = [err41];
              } else {
                vErrors.push(err41);
              }
              errors++;
            }
          }
          let i6 = data38.length;
          let j3;
          if (i6 > 1) {
            outer1:
              for (; i6--; ) {
                for (j3 = i6; j3--; ) {
                  if (func0(data38[i6], data38[j3])) {
                    const err42 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/anyOf/1/uniqueItems", keyword: "uniqueItems", params: { i: i6, j: j3 }, message: "must NOT have duplicate items (items ## " + j3 + " and " + i6 + " are identical)" };
                    if (vErrors === null) {
                      vErrors = [err42];
                    } else {
                      vErrors.push(err42);
                    }
                    errors++;
                    break outer1;
                  }
                }
              }
          }
        } else {
          const err43 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/anyOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array" };
          if (vErrors === null) {
            vErrors = [err43];
          } else {
            vErrors.push(err43);
          }
          errors++;
        }
        var _valid2 = _errs86 === errors;
        valid20 = valid20 || _valid2;
      }
      if (!valid20) {
        const err44 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
        if (vErrors === null) {
          vErrors = [err44];
        } else {
          vErrors.push(err44);
        }
        errors++;
      } else {
        errors = _errs83;
        if (vErrors !== null) {
          if (_errs83) {
            vErrors.length = _errs83;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.format !== void 0) {
      if (typeof data.format !== "string") {
        const err45 = { instancePath: instancePath + "/format", schemaPath: "#/properties/format/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err45];
        } else {
          vErrors.push(err45);
        }
        errors++;
      }
    }
    if (data.contentMediaType !== void 0) {
      if (typeof data.contentMediaType !== "string") {
        const err46 = { instancePath: instancePath + "/contentMediaType", schemaPath: "#/properties/contentMediaType/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err46];
        } else {
          vErrors.push(err46);
        }
        errors++;
      }
    }
    if (data.contentEncoding !== void 0) {
      if (typeof data.contentEncoding !== "string") {
        const err47 = { instancePath: instancePath + "/contentEncoding", schemaPath: "#/properties/contentEncoding/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err47];
        } else {
          vErrors.push(err47);
        }
        errors++;
      }
    }
    if (data.if !== void 0) {
      if (!validate0(data.if, { instancePath: instancePath + "/if", parentData: data, parentDataProperty: "if", rootData })) {
        vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
        errors = vErrors.length;
      }
    }
    if (data.then !== void 0) {
      if (!validate0(data.then, { instancePath: instancePath + "/then", parentData: data, parentDataProperty: "then", rootData })) {
        vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
        errors = vErrors.length;
      }
    }
    if (data.else !== void 0) {
      if (!validate0(data.else, { instancePath: instancePath + "/else", parentData: data, parentDataProperty: "else", rootData })) {
        vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
        errors = vErrors.length;
      }
    }
    if (data.allOf !== void 0) {
      if (!validate3(data.allOf, { instancePath: instancePath + "/allOf", parentData: data, parentDataProperty: "allOf", rootData })) {
        vErrors = vErrors === null ? validate3.errors : vErrors.concat(validate3.errors);
        errors = vErrors.length;
      }
    }
    if (data.anyOf !== void 0) {
      if (!validate3(data.anyOf, { instancePath: instancePath + "/anyOf", parentData: data, parentDataProperty: "anyOf", rootData })) {
        vErrors = vErrors === null ? validate3.errors : vErrors.concat(validate3.errors);
        errors = vErrors.length;
      }
    }
    if (data.oneOf !== void 0) {
      if (!validate3(data.oneOf, { instancePath: instancePath + "/oneOf", parentData: data, parentDataProperty: "oneOf", rootData })) {
        vErrors = vErrors === null ? validate3.errors : vErrors.concat(validate3.errors);
        errors = vErrors.length;
      }
    }
    if (data.not !== void 0) {
      if (!validate0(data.not, { instancePath: instancePath + "/not", parentData: data, parentDataProperty: "not", rootData })) {
        vErrors = vErrors === null ? validate0.errors : vErrors.concat(validate0.errors);
        errors = vErrors.length;
      }
    }
  }
  validate0.errors = vErrors;
  return errors === 0;
}

// schemas/validators/workspace.js
import * as module03 from "ajv/dist/runtime/ucs2length.js";
var cjs3 = (ns) => ns.default?.__esModule ? ns.default : ns;
var validate4 = validate37;
var schema53 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://confluence-next.dev/schemas/workspace.schema.json", "title": "confluence-next workspace index (config/index.yml)", "type": "object", "required": ["slug", "name"], "additionalProperties": false, "properties": { "slug": { "type": "string", "pattern": "^[a-z][a-z0-9-]*$" }, "name": { "type": "string" }, "description": { "type": "string" }, "config": { "type": "object", "additionalProperties": false, "properties": { "schema": { "type": "object", "description": "JSON Schema of the config. A property may name an environment variable with `env`, which overrides its value." }, "value": { "type": "object", "description": "The config values (defaults from the schema are applied)." } } }, "secrets": { "type": "object", "additionalProperties": false, "properties": { "schema": { "type": "object", "description": "JSON Schema of the secrets. Each property names its environment variable with `env`; values are readable as `secret.*` and redacted everywhere." } } }, "limits": { "type": "object", "additionalProperties": false, "description": 'Run bounds (docs/language.md "Limits").', "properties": { "callDepth": { "type": "integer", "minimum": 1, "default": 20 }, "instructionsPerRun": { "type": "integer", "minimum": 1, "default": 1e4 }, "runWallTimeMs": { "type": "integer", "minimum": 1, "default": 3e4 }, "repeatIterations": { "type": "integer", "minimum": 1, "default": 1e4 }, "expressionTimeMs": { "type": "integer", "minimum": 1, "default": 1e3 }, "valueBytes": { "type": "integer", "minimum": 1, "default": 5242880 }, "expressionItems": { "type": "integer", "minimum": 1, "default": 1e5, "description": "Items in one array or sequence an expression builds (ranges, paths, $split, $match)." }, "eventsPerRun": { "type": "integer", "minimum": 0, "default": 100 }, "conversionThreads": { "type": "integer", "minimum": 0, "maximum": 64, "default": 0, "description": "Worker threads converting page bodies (0: one per spare core, at most 4)." }, "conversionTimeMs": { "type": "integer", "minimum": 1, "default": 5e3, "description": "Deadline of one conversion in a worker thread, queueing included." }, "conversionInputChars": { "type": "integer", "minimum": 1024, "default": 4194304, "description": "Characters of input one conversion reads at most; the rest is cut with a notice." }, "argumentDepth": { "type": "integer", "minimum": 1, "maximum": 1e3, "default": 64, "description": "Nesting levels of a tool call's or webhook's arguments, refused before validation." }, "sessionTtlMs": { "type": "integer", "minimum": 1e3, "default": 36e5, "description": "How long a session's `session` scope is kept after its last change; then it starts empty." } } }, "http": { "type": "object", "additionalProperties": false, "description": "Outbound HTTP policy of the fetch instruction.", "properties": { "allowedHosts": { "type": "array", "items": { "type": "string" }, "description": "Host names (or `*.suffix` wildcards, or `host:port`) automations may reach. Default: Atlassian hosts and loopback." }, "timeoutMs": { "type": "integer", "minimum": 1, "default": 15e3 }, "maxResponseBytes": { "type": "integer", "minimum": 1, "default": 10485760 }, "userAgent": { "type": "string" } } }, "mcp": { "type": "object", "additionalProperties": false, "description": "How the workspace presents itself as an MCP server.", "properties": { "serverName": { "type": "string" }, "instructions": { "type": "string", "description": "Briefing sent to agents in the initialize result." }, "tools": { "type": "object", "description": "Tool name \u2192 {description, title}.", "additionalProperties": { "type": "object", "additionalProperties": false, "properties": { "description": { "type": "string", "maxLength": 1024 }, "title": { "type": "string" } } } }, "readOnly": { "title": "a boolean or {{ config.<name> }}", "description": "Hide and refuse actions whose `when.mcp.write` is true. `{{ config.readOnly }}` reads a config value once, at start.", "anyOf": [{ "type": "boolean" }, { "type": "string", "pattern": "^\\{\\{\\s*config\\.[\\w-]+\\s*\\}\\}$" }] } } }, "imports": { "type": "object", "description": "App imports (Prisme.ai app instances) by instance name, which may contain spaces: a call `- Name.automation:` runs the local automation `automations.<automation>` maps it to, else `imports/<name>/<automation>`.", "additionalProperties": { "type": "object", "additionalProperties": false, "properties": { "appSlug": { "type": "string" }, "appVersion": { "type": "string" }, "config": { "type": "object", "description": "The instance's config, readable as `$workspace.imports.<name>.config`." }, "automations": { "type": "object", "additionalProperties": { "type": "string" }, "description": "App automation \u2192 local automation slug." } } } }, "apps": { "type": "array", "description": 'The web apps `serve` hosts for this workspace (docs/serving.md "Configuration app"), each at /apps/<id>/ and /v2/workspaces/slug:<tenant>/apps/<id>/ while the workspace has the app/state webhook.', "items": { "type": "object", "additionalProperties": false, "required": ["id", "folder"], "properties": { "id": { "type": "string", "pattern": "^[a-z][a-z0-9-]*$", "description": "The app's id: its URL segment and the `app` its session API answers." }, "folder": { "type": "string", "pattern": "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$", "description": "The folder of its static files (index.html, .js, .css, .png, .svg), relative to the workspace folder." }, "scopes": { "type": "object", "additionalProperties": false, "required": ["automation", "argument"], "description": "Where the scopes each MCP action needs are read: the literal `argument` of every call to `automation` in the action's automation.", "properties": { "automation": { "type": "string", "minLength": 1 }, "argument": { "type": "string", "minLength": 1 } } } } } }, "sandbox": { "type": "object", "additionalProperties": false, "required": ["fake", "startsWithout"], "description": 'The embedded sandbox `serve` starts for this workspace when nothing is configured (docs/serving.md "Sandbox mode").', "properties": { "fake": { "enum": ["confluence"], "description": "The fake of sandbox/ to start on loopback, seeded with its demo data." }, "switch": { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "description": "An environment variable: `true` always starts the sandbox, `false` never does." }, "startsWithout": { "type": "array", "items": { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$" }, "minItems": 1, "description": "Otherwise the sandbox starts when none of these environment variables is set." }, "env": { "type": "object", "propertyNames": { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$" }, "additionalProperties": { "type": "string" }, "description": "Set for the served workspace over the environment (`{url}` is the fake's URL), unless oauth is switched on." }, "defaults": { "type": "object", "propertyNames": { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$" }, "additionalProperties": { "type": "string" }, "description": "Set for the served workspace when the environment does not set them." }, "oauth": { "type": "object", "additionalProperties": false, "required": ["switch"], "properties": { "switch": { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "description": "An environment variable: `oauth` adds the fake identity server and per-user OAuth instead of `env`." } } } } } } };
var func22 = Object.prototype.hasOwnProperty;
var func32 = cjs3(module03).default;
var pattern26 = new RegExp("^[a-z][a-z0-9-]*$", "u");
var pattern27 = new RegExp("^\\{\\{\\s*config\\.[\\w-]+\\s*\\}\\}$", "u");
var pattern29 = new RegExp("^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$", "u");
var pattern30 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
function validate37(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.slug === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "slug" }, message: "must have required property 'slug'" };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.name === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func22.call(schema53.properties, key0)) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.slug !== void 0) {
      let data0 = data.slug;
      if (typeof data0 === "string") {
        if (!pattern26.test(data0)) {
          const err3 = { instancePath: instancePath + "/slug", schemaPath: "#/properties/slug/pattern", keyword: "pattern", params: { pattern: "^[a-z][a-z0-9-]*$" }, message: 'must match pattern "^[a-z][a-z0-9-]*$"' };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = { instancePath: instancePath + "/slug", schemaPath: "#/properties/slug/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.name !== void 0) {
      if (typeof data.name !== "string") {
        const err5 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.description !== void 0) {
      if (typeof data.description !== "string") {
        const err6 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.config !== void 0) {
      let data3 = data.config;
      if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
        for (const key1 in data3) {
          if (!(key1 === "schema" || key1 === "value")) {
            const err7 = { instancePath: instancePath + "/config", schemaPath: "#/properties/config/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data3.schema !== void 0) {
          let data4 = data3.schema;
          if (!(data4 && typeof data4 == "object" && !Array.isArray(data4))) {
            const err8 = { instancePath: instancePath + "/config/schema", schemaPath: "#/properties/config/properties/schema/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data3.value !== void 0) {
          let data5 = data3.value;
          if (!(data5 && typeof data5 == "object" && !Array.isArray(data5))) {
            const err9 = { instancePath: instancePath + "/config/value", schemaPath: "#/properties/config/properties/value/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
      } else {
        const err10 = { instancePath: instancePath + "/config", schemaPath: "#/properties/config/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.secrets !== void 0) {
      let data6 = data.secrets;
      if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
        for (const key2 in data6) {
          if (!(key2 === "schema")) {
            const err11 = { instancePath: instancePath + "/secrets", schemaPath: "#/properties/secrets/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
        if (data6.schema !== void 0) {
          let data7 = data6.schema;
          if (!(data7 && typeof data7 == "object" && !Array.isArray(data7))) {
            const err12 = { instancePath: instancePath + "/secrets/schema", schemaPath: "#/properties/secrets/properties/schema/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
      } else {
        const err13 = { instancePath: instancePath + "/secrets", schemaPath: "#/properties/secrets/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
    }
    if (data.limits !== void 0) {
      let data8 = data.limits;
      if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
        for (const key3 in data8) {
          if (!func22.call(schema53.properties.limits.properties, key3)) {
            const err14 = { instancePath: instancePath + "/limits", schemaPath: "#/properties/limits/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
        if (data8.callDepth !== void 0) {
          let data9 = data8.callDepth;
          if (!(typeof data9 == "number" && (!(data9 % 1) && !isNaN(data9)))) {
            const err15 = { instancePath: instancePath + "/limits/callDepth", schemaPath: "#/properties/limits/properties/callDepth/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
          if (typeof data9 == "number") {
            if (data9 < 1 || isNaN(data9)) {
              const err16 = { instancePath: instancePath + "/limits/callDepth", schemaPath: "#/properties/limits/properties/callDepth/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err16];
              } else {
                vErrors.push(err16);
              }
              errors++;
            }
          }
        }
        if (data8.instructionsPerRun !== void 0) {
          let data10 = data8.instructionsPerRun;
          if (!(typeof data10 == "number" && (!(data10 % 1) && !isNaN(data10)))) {
            const err17 = { instancePath: instancePath + "/limits/instructionsPerRun", schemaPath: "#/properties/limits/properties/instructionsPerRun/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
          if (typeof data10 == "number") {
            if (data10 < 1 || isNaN(data10)) {
              const err18 = { instancePath: instancePath + "/limits/instructionsPerRun", schemaPath: "#/properties/limits/properties/instructionsPerRun/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err18];
              } else {
                vErrors.push(err18);
              }
              errors++;
            }
          }
        }
        if (data8.runWallTimeMs !== void 0) {
          let data11 = data8.runWallTimeMs;
          if (!(typeof data11 == "number" && (!(data11 % 1) && !isNaN(data11)))) {
            const err19 = { instancePath: instancePath + "/limits/runWallTimeMs", schemaPath: "#/properties/limits/properties/runWallTimeMs/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
          if (typeof data11 == "number") {
            if (data11 < 1 || isNaN(data11)) {
              const err20 = { instancePath: instancePath + "/limits/runWallTimeMs", schemaPath: "#/properties/limits/properties/runWallTimeMs/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
          }
        }
        if (data8.repeatIterations !== void 0) {
          let data12 = data8.repeatIterations;
          if (!(typeof data12 == "number" && (!(data12 % 1) && !isNaN(data12)))) {
            const err21 = { instancePath: instancePath + "/limits/repeatIterations", schemaPath: "#/properties/limits/properties/repeatIterations/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
          if (typeof data12 == "number") {
            if (data12 < 1 || isNaN(data12)) {
              const err22 = { instancePath: instancePath + "/limits/repeatIterations", schemaPath: "#/properties/limits/properties/repeatIterations/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err22];
              } else {
                vErrors.push(err22);
              }
              errors++;
            }
          }
        }
        if (data8.expressionTimeMs !== void 0) {
          let data13 = data8.expressionTimeMs;
          if (!(typeof data13 == "number" && (!(data13 % 1) && !isNaN(data13)))) {
            const err23 = { instancePath: instancePath + "/limits/expressionTimeMs", schemaPath: "#/properties/limits/properties/expressionTimeMs/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
          if (typeof data13 == "number") {
            if (data13 < 1 || isNaN(data13)) {
              const err24 = { instancePath: instancePath + "/limits/expressionTimeMs", schemaPath: "#/properties/limits/properties/expressionTimeMs/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err24];
              } else {
                vErrors.push(err24);
              }
              errors++;
            }
          }
        }
        if (data8.valueBytes !== void 0) {
          let data14 = data8.valueBytes;
          if (!(typeof data14 == "number" && (!(data14 % 1) && !isNaN(data14)))) {
            const err25 = { instancePath: instancePath + "/limits/valueBytes", schemaPath: "#/properties/limits/properties/valueBytes/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err25];
            } else {
              vErrors.push(err25);
            }
            errors++;
          }
          if (typeof data14 == "number") {
            if (data14 < 1 || isNaN(data14)) {
              const err26 = { instancePath: instancePath + "/limits/valueBytes", schemaPath: "#/properties/limits/properties/valueBytes/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err26];
              } else {
                vErrors.push(err26);
              }
              errors++;
            }
          }
        }
        if (data8.expressionItems !== void 0) {
          let data15 = data8.expressionItems;
          if (!(typeof data15 == "number" && (!(data15 % 1) && !isNaN(data15)))) {
            const err27 = { instancePath: instancePath + "/limits/expressionItems", schemaPath: "#/properties/limits/properties/expressionItems/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err27];
            } else {
              vErrors.push(err27);
            }
            errors++;
          }
          if (typeof data15 == "number") {
            if (data15 < 1 || isNaN(data15)) {
              const err28 = { instancePath: instancePath + "/limits/expressionItems", schemaPath: "#/properties/limits/properties/expressionItems/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err28];
              } else {
                vErrors.push(err28);
              }
              errors++;
            }
          }
        }
        if (data8.eventsPerRun !== void 0) {
          let data16 = data8.eventsPerRun;
          if (!(typeof data16 == "number" && (!(data16 % 1) && !isNaN(data16)))) {
            const err29 = { instancePath: instancePath + "/limits/eventsPerRun", schemaPath: "#/properties/limits/properties/eventsPerRun/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err29];
            } else {
              vErrors.push(err29);
            }
            errors++;
          }
          if (typeof data16 == "number") {
            if (data16 < 0 || isNaN(data16)) {
              const err30 = { instancePath: instancePath + "/limits/eventsPerRun", schemaPath: "#/properties/limits/properties/eventsPerRun/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
              if (vErrors === null) {
                vErrors = [err30];
              } else {
                vErrors.push(err30);
              }
              errors++;
            }
          }
        }
        if (data8.conversionThreads !== void 0) {
          let data17 = data8.conversionThreads;
          if (!(typeof data17 == "number" && (!(data17 % 1) && !isNaN(data17)))) {
            const err31 = { instancePath: instancePath + "/limits/conversionThreads", schemaPath: "#/properties/limits/properties/conversionThreads/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err31];
            } else {
              vErrors.push(err31);
            }
            errors++;
          }
          if (typeof data17 == "number") {
            if (data17 > 64 || isNaN(data17)) {
              const err32 = { instancePath: instancePath + "/limits/conversionThreads", schemaPath: "#/properties/limits/properties/conversionThreads/maximum", keyword: "maximum", params: { comparison: "<=", limit: 64 }, message: "must be <= 64" };
              if (vErrors === null) {
                vErrors = [err32];
              } else {
                vErrors.push(err32);
              }
              errors++;
            }
            if (data17 < 0 || isNaN(data17)) {
              const err33 = { instancePath: instancePath + "/limits/conversionThreads", schemaPath: "#/properties/limits/properties/conversionThreads/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
              if (vErrors === null) {
                vErrors = [err33];
              } else {
                vErrors.push(err33);
              }
              errors++;
            }
          }
        }
        if (data8.conversionTimeMs !== void 0) {
          let data18 = data8.conversionTimeMs;
          if (!(typeof data18 == "number" && (!(data18 % 1) && !isNaN(data18)))) {
            const err34 = { instancePath: instancePath + "/limits/conversionTimeMs", schemaPath: "#/properties/limits/properties/conversionTimeMs/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
          if (typeof data18 == "number") {
            if (data18 < 1 || isNaN(data18)) {
              const err35 = { instancePath: instancePath + "/limits/conversionTimeMs", schemaPath: "#/properties/limits/properties/conversionTimeMs/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err35];
              } else {
                vErrors.push(err35);
              }
              errors++;
            }
          }
        }
        if (data8.conversionInputChars !== void 0) {
          let data19 = data8.conversionInputChars;
          if (!(typeof data19 == "number" && (!(data19 % 1) && !isNaN(data19)))) {
            const err36 = { instancePath: instancePath + "/limits/conversionInputChars", schemaPath: "#/properties/limits/properties/conversionInputChars/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
            }
            errors++;
          }
          if (typeof data19 == "number") {
            if (data19 < 1024 || isNaN(data19)) {
              const err37 = { instancePath: instancePath + "/limits/conversionInputChars", schemaPath: "#/properties/limits/properties/conversionInputChars/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1024 }, message: "must be >= 1024" };
              if (vErrors === null) {
                vErrors = [err37];
              } else {
                vErrors.push(err37);
              }
              errors++;
            }
          }
        }
        if (data8.argumentDepth !== void 0) {
          let data20 = data8.argumentDepth;
          if (!(typeof data20 == "number" && (!(data20 % 1) && !isNaN(data20)))) {
            const err38 = { instancePath: instancePath + "/limits/argumentDepth", schemaPath: "#/properties/limits/properties/argumentDepth/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err38];
            } else {
              vErrors.push(err38);
            }
            errors++;
          }
          if (typeof data20 == "number") {
            if (data20 > 1e3 || isNaN(data20)) {
              const err39 = { instancePath: instancePath + "/limits/argumentDepth", schemaPath: "#/properties/limits/properties/argumentDepth/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e3 }, message: "must be <= 1000" };
              if (vErrors === null) {
                vErrors = [err39];
              } else {
                vErrors.push(err39);
              }
              errors++;
            }
            if (data20 < 1 || isNaN(data20)) {
              const err40 = { instancePath: instancePath + "/limits/argumentDepth", schemaPath: "#/properties/limits/properties/argumentDepth/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err40];
              } else {
                vErrors.push(err40);
              }
              errors++;
            }
          }
        }
        if (data8.sessionTtlMs !== void 0) {
          let data21 = data8.sessionTtlMs;
          if (!(typeof data21 == "number" && (!(data21 % 1) && !isNaN(data21)))) {
            const err41 = { instancePath: instancePath + "/limits/sessionTtlMs", schemaPath: "#/properties/limits/properties/sessionTtlMs/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err41];
            } else {
              vErrors.push(err41);
            }
            errors++;
          }
          if (typeof data21 == "number") {
            if (data21 < 1e3 || isNaN(data21)) {
              const err42 = { instancePath: instancePath + "/limits/sessionTtlMs", schemaPath: "#/properties/limits/properties/sessionTtlMs/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1e3 }, message: "must be >= 1000" };
              if (vErrors === null) {
                vErrors = [err42];
              } else {
                vErrors.push(err42);
              }
              errors++;
            }
          }
        }
      } else {
        const err43 = { instancePath: instancePath + "/limits", schemaPath: "#/properties/limits/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err43];
        } else {
          vErrors.push(err43);
        }
        errors++;
      }
    }
    if (data.http !== void 0) {
      let data22 = data.http;
      if (data22 && typeof data22 == "object" && !Array.isArray(data22)) {
        for (const key4 in data22) {
          if (!(key4 === "allowedHosts" || key4 === "timeoutMs" || key4 === "maxResponseBytes" || key4 === "userAgent")) {
            const err44 = { instancePath: instancePath + "/http", schemaPath: "#/properties/http/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err44];
            } else {
              vErrors.push(err44);
            }
            errors++;
          }
        }
        if (data22.allowedHosts !== void 0) {
          let data23 = data22.allowedHosts;
          if (Array.isArray(data23)) {
            const len0 = data23.length;
            for (let i0 = 0; i0 < len0; i0++) {
              if (typeof data23[i0] !== "string") {
                const err45 = { instancePath: instancePath + "/http/allowedHosts/" + i0, schemaPath: "#/properties/http/properties/allowedHosts/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err45];
                } else {
                  vErrors.push(err45);
                }
                errors++;
              }
            }
          } else {
            const err46 = { instancePath: instancePath + "/http/allowedHosts", schemaPath: "#/properties/http/properties/allowedHosts/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err46];
            } else {
              vErrors.push(err46);
            }
            errors++;
          }
        }
        if (data22.timeoutMs !== void 0) {
          let data25 = data22.timeoutMs;
          if (!(typeof data25 == "number" && (!(data25 % 1) && !isNaN(data25)))) {
            const err47 = { instancePath: instancePath + "/http/timeoutMs", schemaPath: "#/properties/http/properties/timeoutMs/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err47];
            } else {
              vErrors.push(err47);
            }
            errors++;
          }
          if (typeof data25 == "number") {
            if (data25 < 1 || isNaN(data25)) {
              const err48 = { instancePath: instancePath + "/http/timeoutMs", schemaPath: "#/properties/http/properties/timeoutMs/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err48];
              } else {
                vErrors.push(err48);
              }
              errors++;
            }
          }
        }
        if (data22.maxResponseBytes !== void 0) {
          let data26 = data22.maxResponseBytes;
          if (!(typeof data26 == "number" && (!(data26 % 1) && !isNaN(data26)))) {
            const err49 = { instancePath: instancePath + "/http/maxResponseBytes", schemaPath: "#/properties/http/properties/maxResponseBytes/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err49];
            } else {
              vErrors.push(err49);
            }
            errors++;
          }
          if (typeof data26 == "number") {
            if (data26 < 1 || isNaN(data26)) {
              const err50 = { instancePath: instancePath + "/http/maxResponseBytes", schemaPath: "#/properties/http/properties/maxResponseBytes/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err50];
              } else {
                vErrors.push(err50);
              }
              errors++;
            }
          }
        }
        if (data22.userAgent !== void 0) {
          if (typeof data22.userAgent !== "string") {
            const err51 = { instancePath: instancePath + "/http/userAgent", schemaPath: "#/properties/http/properties/userAgent/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err51];
            } else {
              vErrors.push(err51);
            }
            errors++;
          }
        }
      } else {
        const err52 = { instancePath: instancePath + "/http", schemaPath: "#/properties/http/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err52];
        } else {
          vErrors.push(err52);
        }
        errors++;
      }
    }
    if (data.mcp !== void 0) {
      let data28 = data.mcp;
      if (data28 && typeof data28 == "object" && !Array.isArray(data28)) {
        for (const key5 in data28) {
          if (!(key5 === "serverName" || key5 === "instructions" || key5 === "tools" || key5 === "readOnly")) {
            const err53 = { instancePath: instancePath + "/mcp", schemaPath: "#/properties/mcp/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err53];
            } else {
              vErrors.push(err53);
            }
            errors++;
          }
        }
        if (data28.serverName !== void 0) {
          if (typeof data28.serverName !== "string") {
            const err54 = { instancePath: instancePath + "/mcp/serverName", schemaPath: "#/properties/mcp/properties/serverName/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err54];
            } else {
              vErrors.push(err54);
            }
            errors++;
          }
        }
        if (data28.instructions !== void 0) {
          if (typeof data28.instructions !== "string") {
            const err55 = { instancePath: instancePath + "/mcp/instructions", schemaPath: "#/properties/mcp/properties/instructions/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err55];
            } else {
              vErrors.push(err55);
            }
            errors++;
          }
        }
        if (data28.tools !== void 0) {
          let data31 = data28.tools;
          if (data31 && typeof data31 == "object" && !Array.isArray(data31)) {
            for (const key6 in data31) {
              let data32 = data31[key6];
              if (data32 && typeof data32 == "object" && !Array.isArray(data32)) {
                for (const key7 in data32) {
                  if (!(key7 === "description" || key7 === "title")) {
                    const err56 = { instancePath: instancePath + "/mcp/tools/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/mcp/properties/tools/additionalProperties/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key7 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err56];
                    } else {
                      vErrors.push(err56);
                    }
                    errors++;
                  }
                }
                if (data32.description !== void 0) {
                  let data33 = data32.description;
                  if (typeof data33 === "string") {
                    if (func32(data33) > 1024) {
                      const err57 = { instancePath: instancePath + "/mcp/tools/" + key6.replace(/~/g, "~0").replace(/\//g, "~1") + "/description", schemaPath: "#/properties/mcp/properties/tools/additionalProperties/properties/description/maxLength", keyword: "maxLength", params: { limit: 1024 }, message: "must NOT have more than 1024 characters" };
                      if (vErrors === null) {
                        vErrors = [err57];
                      } else {
                        vErrors.push(err57);
                      }
                      errors++;
                    }
                  } else {
                    const err58 = { instancePath: instancePath + "/mcp/tools/" + key6.replace(/~/g, "~0").replace(/\//g, "~1") + "/description", schemaPath: "#/properties/mcp/properties/tools/additionalProperties/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err58];
                    } else {
                      vErrors.push(err58);
                    }
                    errors++;
                  }
                }
                if (data32.title !== void 0) {
                  if (typeof data32.title !== "string") {
                    const err59 = { instancePath: instancePath + "/mcp/tools/" + key6.replace(/~/g, "~0").replace(/\//g, "~1") + "/title", schemaPath: "#/properties/mcp/properties/tools/additionalProperties/properties/title/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err59];
                    } else {
                      vErrors.push(err59);
                    }
                    errors++;
                  }
                }
              } else {
                const err60 = { instancePath: instancePath + "/mcp/tools/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/mcp/properties/tools/additionalProperties/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err60];
                } else {
                  vErrors.push(err60);
                }
                errors++;
              }
            }
          } else {
            const err61 = { instancePath: instancePath + "/mcp/tools", schemaPath: "#/properties/mcp/properties/tools/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err61];
            } else {
              vErrors.push(err61);
            }
            errors++;
          }
        }
        if (data28.readOnly !== void 0) {
          let data35 = data28.readOnly;
          const _errs80 = errors;
          let valid10 = false;
          const _errs81 = errors;
          if (typeof data35 !== "boolean") {
            const err62 = { instancePath: instancePath + "/mcp/readOnly", schemaPath: "#/properties/mcp/properties/readOnly/anyOf/0/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
            if (vErrors === null) {
              vErrors = [err62];
            } else {
              vErrors.push(err62);
            }
            errors++;
          }
          var _valid0 = _errs81 === errors;
          valid10 = valid10 || _valid0;
          if (!valid10) {
            const _errs83 = errors;
            if (typeof data35 === "string") {
              if (!pattern27.test(data35)) {
                const err63 = { instancePath: instancePath + "/mcp/readOnly", schemaPath: "#/properties/mcp/properties/readOnly/anyOf/1/pattern", keyword: "pattern", params: { pattern: "^\\{\\{\\s*config\\.[\\w-]+\\s*\\}\\}$" }, message: 'must match pattern "^\\{\\{\\s*config\\.[\\w-]+\\s*\\}\\}$"' };
                if (vErrors === null) {
                  vErrors = [err63];
                } else {
                  vErrors.push(err63);
                }
                errors++;
              }
            } else {
              const err64 = { instancePath: instancePath + "/mcp/readOnly", schemaPath: "#/properties/mcp/properties/readOnly/anyOf/1/type", keyword: "type", params: { type: "string" }, message: "must be string" };
              if (vErrors === null) {
                vErrors = [err64];
              } else {
                vErrors.push(err64);
              }
              errors++;
            }
            var _valid0 = _errs83 === errors;
            valid10 = valid10 || _valid0;
          }
          if (!valid10) {
            const err65 = { instancePath: instancePath + "/mcp/readOnly", schemaPath: "#/properties/mcp/properties/readOnly/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
            if (vErrors === null) {
              vErrors = [err65];
            } else {
              vErrors.push(err65);
            }
            errors++;
          } else {
            errors = _errs80;
            if (vErrors !== null) {
              if (_errs80) {
                vErrors.length = _errs80;
              } else {
                vErrors = null;
              }
            }
          }
        }
      } else {
        const err66 = { instancePath: instancePath + "/mcp", schemaPath: "#/properties/mcp/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err66];
        } else {
          vErrors.push(err66);
        }
        errors++;
      }
    }
    if (data.imports !== void 0) {
      let data36 = data.imports;
      if (data36 && typeof data36 == "object" && !Array.isArray(data36)) {
        for (const key8 in data36) {
          let data37 = data36[key8];
          if (data37 && typeof data37 == "object" && !Array.isArray(data37)) {
            for (const key9 in data37) {
              if (!(key9 === "appSlug" || key9 === "appVersion" || key9 === "config" || key9 === "automations")) {
                const err67 = { instancePath: instancePath + "/imports/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/imports/additionalProperties/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key9 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err67];
                } else {
                  vErrors.push(err67);
                }
                errors++;
              }
            }
            if (data37.appSlug !== void 0) {
              if (typeof data37.appSlug !== "string") {
                const err68 = { instancePath: instancePath + "/imports/" + key8.replace(/~/g, "~0").replace(/\//g, "~1") + "/appSlug", schemaPath: "#/properties/imports/additionalProperties/properties/appSlug/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err68];
                } else {
                  vErrors.push(err68);
                }
                errors++;
              }
            }
            if (data37.appVersion !== void 0) {
              if (typeof data37.appVersion !== "string") {
                const err69 = { instancePath: instancePath + "/imports/" + key8.replace(/~/g, "~0").replace(/\//g, "~1") + "/appVersion", schemaPath: "#/properties/imports/additionalProperties/properties/appVersion/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err69];
                } else {
                  vErrors.push(err69);
                }
                errors++;
              }
            }
            if (data37.config !== void 0) {
              let data40 = data37.config;
              if (!(data40 && typeof data40 == "object" && !Array.isArray(data40))) {
                const err70 = { instancePath: instancePath + "/imports/" + key8.replace(/~/g, "~0").replace(/\//g, "~1") + "/config", schemaPath: "#/properties/imports/additionalProperties/properties/config/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err70];
                } else {
                  vErrors.push(err70);
                }
                errors++;
              }
            }
            if (data37.automations !== void 0) {
              let data41 = data37.automations;
              if (data41 && typeof data41 == "object" && !Array.isArray(data41)) {
                for (const key10 in data41) {
                  if (typeof data41[key10] !== "string") {
                    const err71 = { instancePath: instancePath + "/imports/" + key8.replace(/~/g, "~0").replace(/\//g, "~1") + "/automations/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/imports/additionalProperties/properties/automations/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err71];
                    } else {
                      vErrors.push(err71);
                    }
                    errors++;
                  }
                }
              } else {
                const err72 = { instancePath: instancePath + "/imports/" + key8.replace(/~/g, "~0").replace(/\//g, "~1") + "/automations", schemaPath: "#/properties/imports/additionalProperties/properties/automations/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err72];
                } else {
                  vErrors.push(err72);
                }
                errors++;
              }
            }
          } else {
            const err73 = { instancePath: instancePath + "/imports/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/imports/additionalProperties/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err73];
            } else {
              vErrors.push(err73);
            }
            errors++;
          }
        }
      } else {
        const err74 = { instancePath: instancePath + "/imports", schemaPath: "#/properties/imports/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err74];
        } else {
          vErrors.push(err74);
        }
        errors++;
      }
    }
    if (data.apps !== void 0) {
      let data43 = data.apps;
      if (Array.isArray(data43)) {
        const len1 = data43.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data44 = data43[i1];
          if (data44 && typeof data44 == "object" && !Array.isArray(data44)) {
            if (data44.id === void 0) {
              const err75 = { instancePath: instancePath + "/apps/" + i1, schemaPath: "#/properties/apps/items/required", keyword: "required", params: { missingProperty: "id" }, message: "must have required property 'id'" };
              if (vErrors === null) {
                vErrors = [err75];
              } else {
                vErrors.push(err75);
              }
              errors++;
            }
            if (data44.folder === void 0) {
              const err76 = { instancePath: instancePath + "/apps/" + i1, schemaPath: "#/properties/apps/items/required", keyword: "required", params: { missingProperty: "folder" }, message: "must have required property 'folder'" };
              if (vErrors === null) {
                vErrors = [err76];
              } else {
                vErrors.push(err76);
              }
              errors++;
            }
            for (const key11 in data44) {
              if (!(key11 === "id" || key11 === "folder" || key11 === "scopes")) {
                const err77 = { instancePath: instancePath + "/apps/" + i1, schemaPath: "#/properties/apps/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key11 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err77];
                } else {
                  vErrors.push(err77);
                }
                errors++;
              }
            }
            if (data44.id !== void 0) {
              let data45 = data44.id;
              if (typeof data45 === "string") {
                if (!pattern26.test(data45)) {
                  const err78 = { instancePath: instancePath + "/apps/" + i1 + "/id", schemaPath: "#/properties/apps/items/properties/id/pattern", keyword: "pattern", params: { pattern: "^[a-z][a-z0-9-]*$" }, message: 'must match pattern "^[a-z][a-z0-9-]*$"' };
                  if (vErrors === null) {
                    vErrors = [err78];
                  } else {
                    vErrors.push(err78);
                  }
                  errors++;
                }
              } else {
                const err79 = { instancePath: instancePath + "/apps/" + i1 + "/id", schemaPath: "#/properties/apps/items/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err79];
                } else {
                  vErrors.push(err79);
                }
                errors++;
              }
            }
            if (data44.folder !== void 0) {
              let data46 = data44.folder;
              if (typeof data46 === "string") {
                if (!pattern29.test(data46)) {
                  const err80 = { instancePath: instancePath + "/apps/" + i1 + "/folder", schemaPath: "#/properties/apps/items/properties/folder/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$" }, message: 'must match pattern "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$"' };
                  if (vErrors === null) {
                    vErrors = [err80];
                  } else {
                    vErrors.push(err80);
                  }
                  errors++;
                }
              } else {
                const err81 = { instancePath: instancePath + "/apps/" + i1 + "/folder", schemaPath: "#/properties/apps/items/properties/folder/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err81];
                } else {
                  vErrors.push(err81);
                }
                errors++;
              }
            }
            if (data44.scopes !== void 0) {
              let data47 = data44.scopes;
              if (data47 && typeof data47 == "object" && !Array.isArray(data47)) {
                if (data47.automation === void 0) {
                  const err82 = { instancePath: instancePath + "/apps/" + i1 + "/scopes", schemaPath: "#/properties/apps/items/properties/scopes/required", keyword: "required", params: { missingProperty: "automation" }, message: "must have required property 'automation'" };
                  if (vErrors === null) {
                    vErrors = [err82];
                  } else {
                    vErrors.push(err82);
                  }
                  errors++;
                }
                if (data47.argument === void 0) {
                  const err83 = { instancePath: instancePath + "/apps/" + i1 + "/scopes", schemaPath: "#/properties/apps/items/properties/scopes/required", keyword: "required", params: { missingProperty: "argument" }, message: "must have required property 'argument'" };
                  if (vErrors === null) {
                    vErrors = [err83];
                  } else {
                    vErrors.push(err83);
                  }
                  errors++;
                }
                for (const key12 in data47) {
                  if (!(key12 === "automation" || key12 === "argument")) {
                    const err84 = { instancePath: instancePath + "/apps/" + i1 + "/scopes", schemaPath: "#/properties/apps/items/properties/scopes/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key12 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err84];
                    } else {
                      vErrors.push(err84);
                    }
                    errors++;
                  }
                }
                if (data47.automation !== void 0) {
                  let data48 = data47.automation;
                  if (typeof data48 === "string") {
                    if (func32(data48) < 1) {
                      const err85 = { instancePath: instancePath + "/apps/" + i1 + "/scopes/automation", schemaPath: "#/properties/apps/items/properties/scopes/properties/automation/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err85];
                      } else {
                        vErrors.push(err85);
                      }
                      errors++;
                    }
                  } else {
                    const err86 = { instancePath: instancePath + "/apps/" + i1 + "/scopes/automation", schemaPath: "#/properties/apps/items/properties/scopes/properties/automation/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err86];
                    } else {
                      vErrors.push(err86);
                    }
                    errors++;
                  }
                }
                if (data47.argument !== void 0) {
                  let data49 = data47.argument;
                  if (typeof data49 === "string") {
                    if (func32(data49) < 1) {
                      const err87 = { instancePath: instancePath + "/apps/" + i1 + "/scopes/argument", schemaPath: "#/properties/apps/items/properties/scopes/properties/argument/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                      if (vErrors === null) {
                        vErrors = [err87];
                      } else {
                        vErrors.push(err87);
                      }
                      errors++;
                    }
                  } else {
                    const err88 = { instancePath: instancePath + "/apps/" + i1 + "/scopes/argument", schemaPath: "#/properties/apps/items/properties/scopes/properties/argument/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err88];
                    } else {
                      vErrors.push(err88);
                    }
                    errors++;
                  }
                }
              } else {
                const err89 = { instancePath: instancePath + "/apps/" + i1 + "/scopes", schemaPath: "#/properties/apps/items/properties/scopes/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err89];
                } else {
                  vErrors.push(err89);
                }
                errors++;
              }
            }
          } else {
            const err90 = { instancePath: instancePath + "/apps/" + i1, schemaPath: "#/properties/apps/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err90];
            } else {
              vErrors.push(err90);
            }
            errors++;
          }
        }
      } else {
        const err91 = { instancePath: instancePath + "/apps", schemaPath: "#/properties/apps/type", keyword: "type", params: { type: "array" }, message: "must be array" };
        if (vErrors === null) {
          vErrors = [err91];
        } else {
          vErrors.push(err91);
        }
        errors++;
      }
    }
    if (data.sandbox !== void 0) {
      let data50 = data.sandbox;
      if (data50 && typeof data50 == "object" && !Array.isArray(data50)) {
        if (data50.fake === void 0) {
          const err92 = { instancePath: instancePath + "/sandbox", schemaPath: "#/properties/sandbox/required", keyword: "required", params: { missingProperty: "fake" }, message: "must have required property 'fake'" };
          if (vErrors === null) {
            vErrors = [err92];
          } else {
            vErrors.push(err92);
          }
          errors++;
        }
        if (data50.startsWithout === void 0) {
          const err93 = { instancePath: instancePath + "/sandbox", schemaPath: "#/properties/sandbox/required", keyword: "required", params: { missingProperty: "startsWithout" }, message: "must have required property 'startsWithout'" };
          if (vErrors === null) {
            vErrors = [err93];
          } else {
            vErrors.push(err93);
          }
          errors++;
        }
        for (const key13 in data50) {
          if (!(key13 === "fake" || key13 === "switch" || key13 === "startsWithout" || key13 === "env" || key13 === "defaults" || key13 === "oauth")) {
            const err94 = { instancePath: instancePath + "/sandbox", schemaPath: "#/properties/sandbox/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key13 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err94];
            } else {
              vErrors.push(err94);
            }
            errors++;
          }
        }
        if (data50.fake !== void 0) {
          if (!(data50.fake === "confluence")) {
            const err95 = { instancePath: instancePath + "/sandbox/fake", schemaPath: "#/properties/sandbox/properties/fake/enum", keyword: "enum", params: { allowedValues: schema53.properties.sandbox.properties.fake.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err95];
            } else {
              vErrors.push(err95);
            }
            errors++;
          }
        }
        if (data50.switch !== void 0) {
          let data52 = data50.switch;
          if (typeof data52 === "string") {
            if (!pattern30.test(data52)) {
              const err96 = { instancePath: instancePath + "/sandbox/switch", schemaPath: "#/properties/sandbox/properties/switch/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"' };
              if (vErrors === null) {
                vErrors = [err96];
              } else {
                vErrors.push(err96);
              }
              errors++;
            }
          } else {
            const err97 = { instancePath: instancePath + "/sandbox/switch", schemaPath: "#/properties/sandbox/properties/switch/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err97];
            } else {
              vErrors.push(err97);
            }
            errors++;
          }
        }
        if (data50.startsWithout !== void 0) {
          let data53 = data50.startsWithout;
          if (Array.isArray(data53)) {
            if (data53.length < 1) {
              const err98 = { instancePath: instancePath + "/sandbox/startsWithout", schemaPath: "#/properties/sandbox/properties/startsWithout/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
              if (vErrors === null) {
                vErrors = [err98];
              } else {
                vErrors.push(err98);
              }
              errors++;
            }
            const len2 = data53.length;
            for (let i2 = 0; i2 < len2; i2++) {
              let data54 = data53[i2];
              if (typeof data54 === "string") {
                if (!pattern30.test(data54)) {
                  const err99 = { instancePath: instancePath + "/sandbox/startsWithout/" + i2, schemaPath: "#/properties/sandbox/properties/startsWithout/items/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"' };
                  if (vErrors === null) {
                    vErrors = [err99];
                  } else {
                    vErrors.push(err99);
                  }
                  errors++;
                }
              } else {
                const err100 = { instancePath: instancePath + "/sandbox/startsWithout/" + i2, schemaPath: "#/properties/sandbox/properties/startsWithout/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err100];
                } else {
                  vErrors.push(err100);
                }
                errors++;
              }
            }
          } else {
            const err101 = { instancePath: instancePath + "/sandbox/startsWithout", schemaPath: "#/properties/sandbox/properties/startsWithout/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err101];
            } else {
              vErrors.push(err101);
            }
            errors++;
          }
        }
        if (data50.env !== void 0) {
          let data55 = data50.env;
          if (data55 && typeof data55 == "object" && !Array.isArray(data55)) {
            for (const key14 in data55) {
              const _errs130 = errors;
              if (typeof key14 === "string") {
                if (!pattern30.test(key14)) {
                  const err102 = { instancePath: instancePath + "/sandbox/env", schemaPath: "#/properties/sandbox/properties/env/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"', propertyName: key14 };
                  if (vErrors === null) {
                    vErrors = [err102];
                  } else {
                    vErrors.push(err102);
                  }
                  errors++;
                }
              }
              var valid21 = _errs130 === errors;
              if (!valid21) {
                const err103 = { instancePath: instancePath + "/sandbox/env", schemaPath: "#/properties/sandbox/properties/env/propertyNames", keyword: "propertyNames", params: { propertyName: key14 }, message: "property name must be valid" };
                if (vErrors === null) {
                  vErrors = [err103];
                } else {
                  vErrors.push(err103);
                }
                errors++;
              }
            }
            for (const key15 in data55) {
              if (typeof data55[key15] !== "string") {
                const err104 = { instancePath: instancePath + "/sandbox/env/" + key15.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/sandbox/properties/env/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err104];
                } else {
                  vErrors.push(err104);
                }
                errors++;
              }
            }
          } else {
            const err105 = { instancePath: instancePath + "/sandbox/env", schemaPath: "#/properties/sandbox/properties/env/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err105];
            } else {
              vErrors.push(err105);
            }
            errors++;
          }
        }
        if (data50.defaults !== void 0) {
          let data57 = data50.defaults;
          if (data57 && typeof data57 == "object" && !Array.isArray(data57)) {
            for (const key16 in data57) {
              const _errs136 = errors;
              if (typeof key16 === "string") {
                if (!pattern30.test(key16)) {
                  const err106 = { instancePath: instancePath + "/sandbox/defaults", schemaPath: "#/properties/sandbox/properties/defaults/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"', propertyName: key16 };
                  if (vErrors === null) {
                    vErrors = [err106];
                  } else {
                    vErrors.push(err106);
                  }
                  errors++;
                }
              }
              var valid23 = _errs136 === errors;
              if (!valid23) {
                const err107 = { instancePath: instancePath + "/sandbox/defaults", schemaPath: "#/properties/sandbox/properties/defaults/propertyNames", keyword: "propertyNames", params: { propertyName: key16 }, message: "property name must be valid" };
                if (vErrors === null) {
                  vErrors = [err107];
                } else {
                  vErrors.push(err107);
                }
                errors++;
              }
            }
            for (const key17 in data57) {
              if (typeof data57[key17] !== "string") {
                const err108 = { instancePath: instancePath + "/sandbox/defaults/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/sandbox/properties/defaults/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err108];
                } else {
                  vErrors.push(err108);
                }
                errors++;
              }
            }
          } else {
            const err109 = { instancePath: instancePath + "/sandbox/defaults", schemaPath: "#/properties/sandbox/properties/defaults/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err109];
            } else {
              vErrors.push(err109);
            }
            errors++;
          }
        }
        if (data50.oauth !== void 0) {
          let data59 = data50.oauth;
          if (data59 && typeof data59 == "object" && !Array.isArray(data59)) {
            if (data59.switch === void 0) {
              const err110 = { instancePath: instancePath + "/sandbox/oauth", schemaPath: "#/properties/sandbox/properties/oauth/required", keyword: "required", params: { missingProperty: "switch" }, message: "must have required property 'switch'" };
              if (vErrors === null) {
                vErrors = [err110];
              } else {
                vErrors.push(err110);
              }
              errors++;
            }
            for (const key18 in data59) {
              if (!(key18 === "switch")) {
                const err111 = { instancePath: instancePath + "/sandbox/oauth", schemaPath: "#/properties/sandbox/properties/oauth/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key18 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err111];
                } else {
                  vErrors.push(err111);
                }
                errors++;
              }
            }
            if (data59.switch !== void 0) {
              let data60 = data59.switch;
              if (typeof data60 === "string") {
                if (!pattern30.test(data60)) {
                  const err112 = { instancePath: instancePath + "/sandbox/oauth/switch", schemaPath: "#/properties/sandbox/properties/oauth/properties/switch/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"' };
                  if (vErrors === null) {
                    vErrors = [err112];
                  } else {
                    vErrors.push(err112);
                  }
                  errors++;
                }
              } else {
                const err113 = { instancePath: instancePath + "/sandbox/oauth/switch", schemaPath: "#/properties/sandbox/properties/oauth/properties/switch/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err113];
                } else {
                  vErrors.push(err113);
                }
                errors++;
              }
            }
          } else {
            const err114 = { instancePath: instancePath + "/sandbox/oauth", schemaPath: "#/properties/sandbox/properties/oauth/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err114];
            } else {
              vErrors.push(err114);
            }
            errors++;
          }
        }
      } else {
        const err115 = { instancePath: instancePath + "/sandbox", schemaPath: "#/properties/sandbox/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err115];
        } else {
          vErrors.push(err115);
        }
        errors++;
      }
    }
  } else {
    const err116 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
      vErrors = [err116];
    } else {
      vErrors.push(err116);
    }
    errors++;
  }
  validate37.errors = vErrors;
  return errors === 0;
}

// runtime/workspace/ajv.ts
var addFormats = addFormatsModule;
var DRAFT_07 = /* @__PURE__ */ new Set([
  "http://json-schema.org/draft-07/schema",
  "http://json-schema.org/draft-07/schema#",
  "http://json-schema.org/schema"
]);
var ValueAjv = class extends Ajv {
  validateSchema(schema, throwOrLogError) {
    const $schema = typeof schema === "object" ? schema.$schema : void 0;
    if (typeof schema !== "object" || $schema !== void 0 && !DRAFT_07.has($schema))
      return super.validateSchema(schema, throwOrLogError);
    const valid = validate2(schema);
    this.errors = validate2.errors;
    if (!valid && throwOrLogError) throw new Error("schema is invalid: " + this.errorsText());
    return valid;
  }
};
var AJV_OPTIONS = {
  values: { allErrors: true, strict: false, useDefaults: true, code: { optimize: false } },
  output: { allErrors: true, strict: false }
};
var kinds = /* @__PURE__ */ new WeakMap();
function createAjv(kind, code = {}) {
  const options = AJV_OPTIONS[kind];
  const ajv = new ValueAjv({ ...options, code: { ..."code" in options ? options.code : {}, ...code } });
  addFormats(ajv);
  if (kind === "values") ajv.addKeyword({ keyword: "env", schemaType: "string" });
  kinds.set(ajv, kind);
  return ajv;
}
var valueAjv = createAjv("values");
var outputAjv = createAjv("output");
var ready2;
var record;
function compileSchema(ajv, schema) {
  const kind = kinds.get(ajv);
  if (kind === void 0) return ajv.compile(schema);
  record?.(kind, schema);
  return ready2?.(kind, schema) ?? ajv.compile(schema);
}
var shared2 = /* @__PURE__ */ new Map();
function compileShared(schema, verified2 = false) {
  record?.("values", schema);
  const key = JSON.stringify(schema);
  let validate5 = shared2.get(key);
  if (!validate5)
    shared2.set(key, validate5 = verified2 ? lazyValidator(valueAjv, schema) : compileWhenSafe(valueAjv, schema));
  return validate5;
}
var COMPILE_CHECKED = /* @__PURE__ */ new Set([
  "pattern",
  "patternProperties",
  "format",
  "$ref",
  "$id",
  "id",
  "$schema",
  "$defs",
  "definitions",
  "discriminator",
  "$async",
  "$dynamicRef",
  "$recursiveRef",
  "$anchor"
]);
var SCHEMA_MAPS = /* @__PURE__ */ new Set(["properties", "dependencies", "dependentSchemas"]);
var SCHEMA_VALUES = /* @__PURE__ */ new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "allOf",
  "anyOf",
  "oneOf",
  "prefixItems",
  "unevaluatedItems",
  "unevaluatedProperties"
]);
function compileChecked(schema) {
  if (schema === null || typeof schema !== "object") return false;
  if (Array.isArray(schema)) return schema.some(compileChecked);
  for (const [keyword, value] of Object.entries(schema)) {
    if (COMPILE_CHECKED.has(keyword)) return true;
    if (SCHEMA_MAPS.has(keyword) && value !== null && typeof value === "object") {
      if (Object.values(value).some(compileChecked)) return true;
    } else if (SCHEMA_VALUES.has(keyword) && compileChecked(value)) return true;
  }
  return false;
}
function compileWhenSafe(ajv, schema) {
  const kind = kinds.get(ajv);
  if (kind !== void 0) record?.(kind, schema);
  return compileChecked(schema) ? compileSchema(ajv, schema) : lazyValidator(ajv, schema);
}
function lazyValidator(ajv, schema) {
  let compiled2;
  const kind = kinds.get(ajv);
  const validate5 = ((data) => {
    compiled2 ??= ready2?.(kind, schema) ?? ajv.compile(schema);
    const valid = compiled2(data);
    validate5.errors = compiled2.errors;
    return valid;
  });
  validate5.schema = schema;
  validate5.errors = null;
  return validate5;
}
function validateAutomationFile(value) {
  return validate(value) ? null : validate.errors;
}
function validateWorkspaceIndex(value) {
  return validate4(value) ? null : validate4.errors;
}
function schemaProblem(schema) {
  try {
    if (valueAjv.validateSchema(schema)) return void 0;
  } catch (err) {
    return { path: [], message: err.message };
  }
  const errors = valueAjv.errors ?? [];
  const e = [...errors].filter((x) => x.keyword !== "anyOf").sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0];
  const path2 = e.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const allowed = e.params.allowedValues;
  return { path: path2, message: `${e.message}${allowed ? ` (${allowed.map((v) => JSON.stringify(v)).join(", ")})` : ""}` };
}

// runtime/workspace/analysis.ts
import jsonata3 from "jsonata";
var RUN_FIELDS = [
  "id",
  "correlationId",
  "workspace",
  "date",
  "automation",
  "depth",
  "trigger",
  "userId",
  "agentId",
  "contextId"
];
var TRIGGER_LOCALS = {
  endpoint: ["body", "query", "headers", "method", "$http"],
  appEndpoint: ["session"],
  events: ["payload", "event"]
};
var INSTRUCTION_LOCALS = {
  repeat: ["item", "$index"],
  try: ["$error"],
  fetch: ["$fetch"]
};
var GLOBAL_BINDINGS = ["$workspace"];
var BLOCK_KEYS = {
  repeat: ["do"],
  try: ["do", "catch", "finally"],
  lock: ["do"]
};
var JSONATA_FUNCTIONS = new Set(
  "sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad match contains replace split join formatNumber formatBase formatInteger parseInteger number floor ceil round abs sqrt power random boolean not map zip filter single reduce sift keys lookup append exists spread merge reverse each error assert type sort shuffle distinct base64encode base64decode encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval now millis fromMillis toMillis clone".split(" ")
);
var COMPARISONS = /* @__PURE__ */ new Set(["!="]);
var STOPS = /* @__PURE__ */ new Set(["break", "fail"]);
var GUARDS = /* @__PURE__ */ new Set(["exists", "type", "boolean"]);
var NOTHING = /* @__PURE__ */ new Set(["undefined"]);
function analyzeWorkspace(input) {
  const declared = declaredKeys(input.index, input.overrides);
  const calls2 = [];
  const runKeys = new Set(RUN_FIELDS);
  const analyses = [];
  for (const [slug, automation] of input.automations) {
    const source = input.sources.get(slug);
    if (source) analyses.push(new AutomationAnalysis(automation, source, input, declared, calls2, runKeys));
  }
  for (const analysis of analyses) analysis.collect();
  for (const analysis of analyses) analysis.verify();
  reportBrokenCalls(calls2, input.diagnostics);
}
function reportBrokenCalls(calls2, diagnostics) {
  const firstError = (file) => diagnostics.find((d) => d.severity === "error" && d.location.file === file)?.location;
  const told = /* @__PURE__ */ new Set();
  for (let changed = true; changed; ) {
    changed = false;
    for (const call3 of calls2) {
      const broken = told.has(call3) ? void 0 : firstError(call3.callee.file);
      if (!broken) continue;
      told.add(call3);
      changed = true;
      diagnostics.push(
        analysisDiagnostic(
          "CALLEE_HAS_ERRORS",
          `automation "${call3.callee.slug}" has errors: see ${formatLocation(broken)}`,
          call3.location
        )
      );
    }
  }
}
function declaredKeys(index, overrides) {
  const config = index.config ?? {};
  const secrets = index.secrets ?? {};
  const configKeys = [config.schema?.properties, config.value, overrides?.config].flatMap((o) => Object.keys(o ?? {}));
  const secretKeys = [secrets.schema?.properties, overrides?.secrets].flatMap((o) => Object.keys(o ?? {}));
  return { config: [...new Set(configKeys)], secret: [...new Set(secretKeys)] };
}
var AutomationAnalysis = class {
  constructor(automation, source, input, declared, calls2, runKeys) {
    this.automation = automation;
    this.source = source;
    this.input = input;
    this.declared = declared;
    this.calls = calls2;
    this.runKeys = runKeys;
  }
  automation;
  source;
  input;
  declared;
  calls;
  runKeys;
  known = /* @__PURE__ */ new Set();
  dynamicNames;
  maybeMissing = /* @__PURE__ */ new Set();
  /** First pass, over every automation: what each defines (and the `run` keys it writes). */
  collect() {
    const raw = this.automation.raw;
    const properties = this.automation.argumentsSchema.properties ?? {};
    const required = new Set(this.automation.argumentsSchema.required ?? []);
    for (const [name, schema] of Object.entries(properties)) {
      this.known.add(name);
      if (!required.has(name) && schema?.default === void 0) this.maybeMissing.add(name);
    }
    const { endpoint, events } = this.automation.when;
    if (endpoint !== void 0) {
      for (const name of TRIGGER_LOCALS.endpoint) this.known.add(name);
      for (const name of ["body", "query", "headers"]) this.maybeMissing.add(name);
      if (endpoint.startsWith("app/")) for (const name of TRIGGER_LOCALS.appEndpoint) this.known.add(name);
    }
    if (events?.length) for (const name of TRIGGER_LOCALS.events) this.known.add(name);
    this.eachInstruction(raw.do, ["do"], (name, args, pointer) => this.define(name, args, pointer));
  }
  /** Second pass: every read checked against what is defined. */
  verify() {
    const raw = this.automation.raw;
    if (this.dynamicNames) {
      const message = "a `set` with a computed name: the variables this automation reads are not checked";
      this.report("VARIABLES_NOT_CHECKED", message, this.source.locate(this.dynamicNames));
    }
    this.eachInstruction(raw.do, ["do"], this.checkVisitor);
    if ("output" in raw) this.strings(raw.output, ["output"]);
  }
  /** Visit every instruction, nested ones included; instructions after a `break`/`fail` are reported once per list. */
  eachInstruction(list2, pointer, visit) {
    if (!Array.isArray(list2)) return;
    let stopped2;
    list2.forEach((item, i) => {
      const name = this.instructionAt(item, [...pointer, i], visit, stopped2);
      if (stopped2) stopped2 = name === "comment" ? stopped2 : void 0;
      else if (name !== void 0 && STOPS.has(name)) stopped2 = name;
    });
  }
  /** One instruction (`pointer` is the item's); `stopped`: the `break`/`fail` before it in its list. */
  instructionAt(item, pointer, visit, stopped2) {
    if (!isObject2(item)) return void 0;
    const [name, args] = Object.entries(item)[0] ?? [];
    if (name === void 0) return void 0;
    const at = [...pointer, name];
    if (stopped2 && name !== "comment" && visit === this.checkVisitor) {
      this.report(
        "UNREACHABLE",
        `this instruction never runs: it follows a \`${stopped2}\` in the same list`,
        this.source.locateKey(at)
      );
    }
    visit(name, args, at);
    if (name === "all" && Array.isArray(args)) {
      args.forEach(
        (branch, i) => Array.isArray(branch) ? this.eachInstruction(branch, [...at, i], visit) : this.instructionAt(branch, [...at, i], visit)
      );
    } else if (name === "conditions" && isObject2(args)) {
      for (const [key, list2] of Object.entries(args)) this.eachInstruction(list2, [...at, key], visit);
    } else if (isObject2(args)) {
      for (const key of BLOCK_KEYS[name] ?? []) this.eachInstruction(args[key], [...at, key], visit);
    }
    return name;
  }
  checkVisitor = (name, args, pointer) => this.check(name, args, pointer);
  define(name, args, pointer) {
    for (const local of INSTRUCTION_LOCALS[name] ?? []) this.known.add(local);
    if (!isObject2(args)) return;
    if (name === "set" || name === "delete") {
      if (name === "set" && typeof args.name === "string") this.defineTarget(args.name, [...pointer, "name"]);
      return;
    }
    if (typeof args.output === "string") this.defineTarget(args.output, [...pointer, "output"]);
  }
  defineTarget(target, pointer) {
    if (isTemplateString(target)) {
      this.dynamicNames ??= pointer;
      return;
    }
    const head2 = headOf(target);
    if (head2 === "run") {
      const key = runKeyOf(target);
      if (key !== void 0) this.runKeys.add(key);
    }
    if (head2 !== void 0 && !SCOPE_NAMES.includes(head2)) this.known.add(head2);
  }
  check(name, args, pointer) {
    if (name === "comment") return;
    const callee = this.input.automations.get(name);
    if (callee) this.calls.push({ caller: this.automation, callee, location: this.source.locateKey(pointer) });
    if (name === "all") return;
    if (!isObject2(args)) {
      this.strings(args, pointer);
      return;
    }
    const skip = new Set(BLOCK_KEYS[name] ?? []);
    if (name !== "set" && typeof args.output === "string") skip.add("output");
    if ((name === "set" || name === "delete") && typeof args.name === "string" && !isTemplateString(args.name))
      skip.add("name");
    if (name === "conditions") {
      for (const key of Object.keys(args)) if (key !== "default") this.conditionKey(key, [...pointer, key]);
      return;
    }
    for (const [key, value] of Object.entries(args)) if (!skip.has(key)) this.strings(value, [...pointer, key]);
  }
  conditionKey(key, pointer) {
    const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(key);
    const offset2 = m ? key.indexOf("{%") + 2 : 0;
    const at = this.source.locateKey(pointer);
    this.expression(m ? m[1] : key, (start2) => ({ ...at, col: at.col + offset2 + start2 }));
  }
  /** Every `{{path}}` and `{% expression %}` of a value. */
  strings(value, pointer) {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.strings(v, [...pointer, i]));
      return;
    }
    if (isObject2(value)) {
      for (const [k, v] of Object.entries(value)) this.strings(v, [...pointer, k]);
      return;
    }
    if (typeof value !== "string" || !isTemplateString(value)) return;
    for (let i = 0; i < value.length; ) {
      const a = value.indexOf("{{", i);
      const b = value.indexOf("{%", i);
      const start2 = a < 0 ? b : b < 0 ? a : Math.min(a, b);
      if (start2 < 0) break;
      const isPath = start2 === a;
      const end = value.indexOf(isPath ? "}}" : "%}", start2 + 2);
      if (end < 0) break;
      const inner2 = value.slice(start2 + 2, end);
      const locate2 = (offset2) => this.source.locate(pointer, start2 + 2 + offset2);
      if (isPath) this.path(inner2, locate2);
      else this.expression(inner2, locate2);
      i = end + 2;
    }
  }
  path(inner2, locate2) {
    let segments;
    try {
      segments = parsePath(inner2);
    } catch {
      return;
    }
    const head2 = segments[0];
    if (typeof head2 !== "string") return;
    const next = typeof segments[1] === "string" ? segments[1] : void 0;
    this.reference({ head: head2, next, start: inner2.length - inner2.trimStart().length }, locate2);
  }
  expression(src, locate2) {
    let ast = this.input.asts?.get(src);
    if (ast === void 0) {
      try {
        ast = jsonata3(src).ast();
      } catch {
        return;
      }
    }
    const facts = { names: [], variables: [], bound: /* @__PURE__ */ new Set(), comparisons: [], guarded: /* @__PURE__ */ new Set() };
    walk(ast, true, facts);
    for (const ref of facts.names) this.reference(ref, locate2);
    for (const ref of facts.variables) this.variable(ref, facts.bound, locate2);
    for (const { operator, operand, path: path2 } of facts.comparisons) {
      if (!this.maybeMissing.has(operand.head) || facts.guarded.has(path2)) continue;
      const fix = `write $not(${path2} = \u2026), or test $exists(${path2}) first`;
      this.report(
        "MISSING_OPERAND",
        `\`${operator}\` with ${path2}, which may be missing: a comparison with a missing value is always false; ${fix}`,
        locate2(operand.start)
      );
    }
  }
  reference(ref, locate2) {
    const { head: head2, next } = ref;
    if (head2 === "config" || head2 === "secret") {
      if (next === void 0) return;
      const keys = head2 === "config" ? this.declared.config : this.declared.secret;
      if (keys.includes(next)) return;
      const where = head2 === "config" ? "config.schema.properties or config.value" : "secrets.schema.properties";
      this.report(
        head2 === "config" ? "UNDECLARED_CONFIG" : "UNDECLARED_SECRET",
        `${head2}.${next} is not declared in config/index.yml (${where})${suggest(next, keys)}`,
        locate2(ref.start + head2.length + 1)
      );
      return;
    }
    if (head2 === "run") {
      if (next !== void 0 && !this.runKeys.has(next)) {
        const fields = [...this.runKeys];
        const message = `run has no field "${next}"${suggest(next, fields)} (run: ${fields.join(", ")})`;
        this.report("UNKNOWN_VARIABLE", message, locate2(ref.start + 4));
      }
      return;
    }
    const scope = SCOPE_NAMES.includes(head2) || GLOBAL_BINDINGS.includes(head2);
    if (scope || this.known.has(head2) || NOTHING.has(head2) || this.dynamicNames) return;
    const candidates = [...this.known, ...SCOPE_NAMES];
    this.report(
      "UNKNOWN_VARIABLE",
      // The scopes are not listed: the list grows (scopes.ts), the docs have it.
      `unknown variable "${head2}"${suggest(head2, candidates)}: not an argument, a variable this automation sets or a scope`,
      locate2(ref.start)
    );
  }
  variable(ref, bound, locate2) {
    const name = ref.head;
    if (bound.has(name) || JSONATA_FUNCTIONS.has(name) || name in FUNCTIONS || name === RANGE_END) return;
    if (this.known.has("$" + name) || GLOBAL_BINDINGS.includes("$" + name) || this.dynamicNames) return;
    const hint = this.known.has(name) || SCOPE_NAMES.includes(name) ? ` (expressions read variables and scopes as fields: write ${name}, not $${name})` : suggest("$" + name, [...this.known].filter((k) => k.startsWith("$")).concat([...bound].map((b) => "$" + b)));
    this.report(
      "UNKNOWN_VARIABLE",
      `unknown variable "$${name}"${hint}: no such local, binding or function`,
      locate2(ref.start)
    );
  }
  report(code, message, location) {
    this.input.diagnostics.push(analysisDiagnostic(code, message, location));
  }
};
function headOf(path2) {
  try {
    const head2 = parsePath(path2.replace(/\[\]$/, ""))[0];
    return typeof head2 === "string" ? head2 : void 0;
  } catch {
    return void 0;
  }
}
function runKeyOf(path2) {
  try {
    const key = parsePath(path2.replace(/\[\]$/, ""))[1];
    return typeof key === "string" ? key : void 0;
  } catch {
    return void 0;
  }
}
function isObject2(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function rootReference(node, root) {
  if (node?.type !== "path" || !node.steps?.length) return void 0;
  let steps = node.steps;
  if (steps[0].type === "variable" && steps[0].value === "$" && steps.length > 1) steps = steps.slice(1);
  else if (!root) return void 0;
  const first = steps[0];
  if (first.type !== "name" || typeof first.value !== "string") return void 0;
  const names = [];
  for (const s of steps) {
    if (s.type !== "name" || typeof s.value !== "string") break;
    names.push(s.value);
  }
  const next = steps[1]?.type === "name" && typeof steps[1].value === "string" ? steps[1].value : void 0;
  const start2 = Math.max(0, (first.position ?? first.value.length) - first.value.length);
  return { ref: { head: first.value, next, start: start2 }, path: names.join(".") };
}
function walk(start2, startRoot, facts) {
  const pending = [[start2, startRoot]];
  const visit = (items) => {
    for (let i = items.length - 1; i >= 0; i--) pending.push(items[i]);
  };
  const seen = /* @__PURE__ */ new Set();
  while (pending.length > 0) {
    const [node, root] = pending.pop();
    if (node === null || typeof node !== "object" || node instanceof RegExp || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      visit(node.map((item) => [item, root]));
      continue;
    }
    const n = node;
    if (typeof n.focus === "string") facts.bound.add(n.focus);
    if (typeof n.index === "string") facts.bound.add(n.index);
    switch (n.type) {
      case "path": {
        const found = rootReference(n, root);
        if (found) facts.names.push(found.ref);
        const steps = n.steps.map((step2, i) => [step2, i === 0 ? root : false]);
        visit([...steps, ...["group", "stages", "predicate"].map((key) => [n[key], false])]);
        continue;
      }
      case "variable":
        if (n.value !== "" && n.value !== "$" && typeof n.value === "string") {
          facts.variables.push({ head: n.value, start: Math.max(0, (n.position ?? 0) - n.value.length - 1) });
        }
        visit(children(n, false));
        continue;
      case "bind":
        if (n.lhs?.type === "variable" && typeof n.lhs.value === "string") facts.bound.add(n.lhs.value);
        visit([[n.rhs, root]]);
        continue;
      case "lambda":
        for (const a of n.arguments ?? []) if (typeof a.value === "string") facts.bound.add(a.value);
        visit([[n.body, root]]);
        continue;
      case "function":
        if (n.procedure?.type === "variable" && GUARDS.has(n.procedure.value)) {
          const found = rootReference(n.arguments?.[0], root);
          if (found) facts.guarded.add(found.path);
        }
        break;
      case "binary":
        if (n.value === "and") {
          for (const side of [n.lhs, n.rhs]) {
            const found = rootReference(side, root);
            if (found) facts.guarded.add(found.path);
          }
        }
        if (typeof n.value === "string" && COMPARISONS.has(n.value)) {
          for (const side of [n.lhs, n.rhs]) {
            const found = rootReference(side, root);
            if (found) facts.comparisons.push({ operator: n.value, operand: found.ref, path: found.path });
          }
        }
        break;
    }
    visit(children(n, root));
  }
}
function children(n, root) {
  const out = [];
  for (const [key, value] of Object.entries(n)) {
    if (value === null || typeof value !== "object" || key === "steps") continue;
    out.push([value, key === "stages" || key === "predicate" || key === "group" ? false : root]);
  }
  return out;
}

// runtime/core/reserved-names.ts
var IDENTITY_ARGUMENTS = ["agent_id", "user_id", "context_id"];
var RESERVED_ARGUMENTS = /* @__PURE__ */ new Set([
  "action",
  "outputFormat",
  ...IDENTITY_ARGUMENTS
]);
var RESERVED_ENDPOINTS = ["mcp"];

// runtime/workspace/collisions.ts
function checkCollisions(automations, sources2, diagnostics) {
  const endpoints = /* @__PURE__ */ new Map();
  const actions = /* @__PURE__ */ new Map();
  for (const [slug, automation] of automations) {
    const source = sources2.get(slug);
    if (!source) continue;
    const { endpoint, mcp, events } = automation.when;
    if (automation.private) {
      const triggers = [
        endpoint !== void 0 && "when.endpoint",
        mcp && "when.mcp",
        events?.length && "when.events"
      ].filter((t) => typeof t === "string");
      if (triggers.length > 0) {
        diagnostics.push(
          analysisDiagnostic(
            "PRIVATE_TRIGGER",
            `private: true disables ${triggers.join(" and ")}: a private automation is only called by other automations (remove private, or the trigger)`,
            source.locateKey(["private"])
          )
        );
      }
      continue;
    }
    if (endpoint !== void 0) {
      const other = endpoints.get(endpoint);
      const at = source.locate(["when", "endpoint"]);
      if (RESERVED_ENDPOINTS.includes(endpoint)) {
        diagnostics.push(
          analysisDiagnostic(
            "RESERVED_ENDPOINT",
            `webhook "${endpoint}" is reserved for the MCP server: choose another name`,
            at
          )
        );
      } else if (other) {
        diagnostics.push(
          analysisDiagnostic(
            "DUPLICATE_ENDPOINT",
            `webhook "${endpoint}" is already served by "${other.slug}" (${formatLocation(locationOf(other, sources2, ["when", "endpoint"]))})`,
            at
          )
        );
      } else endpoints.set(endpoint, automation);
    }
    if (mcp && typeof mcp.tool === "string" && typeof mcp.action === "string") {
      const reserved = Object.keys(automation.argumentsSchema.properties ?? {}).filter(
        (n) => RESERVED_ARGUMENTS.has(n)
      );
      for (const name of reserved) {
        diagnostics.push(
          analysisDiagnostic(
            "RESERVED_ARGUMENT",
            `argument "${name}" is reserved by the MCP server (${[...RESERVED_ARGUMENTS].join(", ")}): rename it`,
            source.locateKey(["arguments", name])
          )
        );
      }
      const key = `${mcp.tool}.${mcp.action}`;
      const other = actions.get(key);
      if (other) {
        diagnostics.push(
          analysisDiagnostic(
            "DUPLICATE_TOOL_ACTION",
            `${key} is already served by "${other.slug}" (${formatLocation(locationOf(other, sources2, ["when", "mcp"]))})`,
            source.locate(["when", "mcp"])
          )
        );
      } else if (reserved.length === 0) actions.set(key, automation);
    }
  }
}
function locationOf(automation, sources2, pointer) {
  return sources2.get(automation.slug)?.locate(pointer) ?? automation.location;
}

// runtime/instructions/all.ts
var all = {
  compile(args, c) {
    return args.map((branch, i) => Array.isArray(branch) ? c.block(branch, [i]) : [c.instruction(branch, [i])]);
  },
  async run(branches, ctx) {
    await Promise.all(branches.map(async (b) => ctx.runBlock(b)));
    return void 0;
  }
};

// runtime/instructions/break.ts
var brk = {
  compile(args, c) {
    const a = args ?? {};
    return { scope: a.scope ?? "automation", payload: "payload" in a ? c.template(a.payload, ["payload"]) : void 0 };
  },
  async run(plan, ctx) {
    if (!plan.payload) throw new BreakSignal(plan.scope, void 0, false);
    throw new BreakSignal(plan.scope, await ctx.evaluate(plan.payload), true);
  }
};

// runtime/instructions/comment.ts
var comment = {
  compile: () => null,
  run: async () => void 0
};

// runtime/instructions/conditions.ts
var conditions = {
  compile(args, c) {
    const branches = [];
    let otherwise;
    for (const [key, list2] of Object.entries(args)) {
      if (key === "default") {
        otherwise = c.block(list2, [key]);
        continue;
      }
      const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(key);
      const source = m ? m[1] : key;
      const offset2 = m ? key.indexOf("{%") + 2 : 0;
      const at = c.locateKey([key]);
      branches.push({
        test: c.jsonata(source, [key], offset2),
        locate: (p) => ({ ...at, col: at.col + offset2 + p }),
        block: c.block(list2, [key])
      });
    }
    return { branches, otherwise };
  },
  async run(plan, ctx) {
    for (const b of plan.branches) {
      if (truthy(await evaluateJsonata(b.test, ctx.scope, b.locate))) return ctx.runBlock(b.block);
    }
    if (plan.otherwise) await ctx.runBlock(plan.otherwise);
  }
};

// runtime/instructions/set.ts
var set = {
  compile(args, c) {
    let raw = args.name;
    let type2 = args.type ?? "replace";
    if (raw.trimEnd().endsWith("[]")) {
      raw = raw.trimEnd().slice(0, -2);
      type2 = "push";
    }
    const nameTemplate = c.template(raw, ["name"]);
    return {
      name: nameTemplate.constant ? c.path(raw, ["name"]) : nameTemplate,
      value: c.template(args.value, ["value"]),
      type: type2
    };
  },
  async run(plan, ctx) {
    const path2 = Array.isArray(plan.name) ? plan.name : dynamicPath(await ctx.evaluate(plan.name));
    await ctx.scope.set(path2, plan.type, await ctx.evaluate(plan.value), ownCopy);
  }
};
function dynamicPath(name) {
  if (typeof name !== "string" && typeof name !== "number") {
    throw new DsulError("PATH_SYNTAX", { path: describeValue(name), detail: "a variable name must be a string" });
  }
  try {
    return parsePath(String(name));
  } catch (err) {
    throw new DsulError("PATH_SYNTAX", { path: String(name), detail: err.message });
  }
}
function ownCopy(v) {
  if (v === null || typeof v !== "object" || Object.isFrozen(v)) return v;
  if (Buffer.isBuffer(v)) return Buffer.from(v);
  return cloneValue(v);
}

// runtime/instructions/delete.ts
var del = {
  compile(args, c) {
    const t = c.template(args.name, ["name"]);
    return t.constant ? c.path(args.name, ["name"]) : t;
  },
  async run(plan, ctx) {
    await ctx.scope.delete(Array.isArray(plan) ? plan : dynamicPath(await ctx.evaluate(plan)));
    return void 0;
  }
};

// runtime/instructions/emit.ts
var emit = {
  compile(args, c) {
    const optional = (key) => args[key] === void 0 ? void 0 : c.template(args[key], [key]);
    return {
      event: c.template(args.event, ["event"]),
      payload: optional("payload"),
      target: optional("target"),
      options: optional("options")
    };
  },
  async run(plan, ctx) {
    const run2 = ctx.run;
    if (++run2.events > run2.limits.eventsPerRun) throw new DsulError("LIMIT_EVENTS", { limit: run2.limits.eventsPerRun });
    const type2 = eventType(await ctx.evaluate(plan.event), "emit");
    const payload = plan.payload ? run2.redactor.redactDeep(await ctx.evaluate(plan.payload)) : {};
    const event = {
      type: type2,
      payload,
      source: {
        automation: ctx.automation.slug,
        depth: Number(ctx.scope.runVars.depth),
        correlationId: run2.correlationId,
        userId: run2.identity.userId
      }
    };
    if (plan.target) event.target = eventTarget(await ctx.evaluate(plan.target), run2.correlationId);
    if (plan.options) event.options = objectOf(await ctx.evaluate(plan.options), "options");
    ctx.engine.emit(event, run2);
    return void 0;
  }
};
function objectOf(v, key) {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) return v;
  const detail = `\`${key}\` must be an object, got ${describeValue(v)}`;
  throw new DsulError("INVALID_VALUE", { instruction: "emit", detail });
}
function eventTarget(v, correlationId) {
  const t = objectOf(v, "target");
  const text = (k) => t[k] === void 0 || t[k] === null ? void 0 : String(t[k]);
  const target = {};
  if (text("userId") !== void 0) target.userId = text("userId");
  if (text("sessionId") !== void 0) target.sessionId = text("sessionId");
  if (text("userTopic") !== void 0) target.userTopic = text("userTopic");
  if (t.currentSocket === true) {
    target.currentSocket = true;
    target.correlationId = correlationId;
  }
  return target;
}
function eventType(v, instruction) {
  if (typeof v === "string" || typeof v === "number") return String(v);
  throw new DsulError("INVALID_VALUE", { instruction, detail: `\`event\` must be a string, got ${describeValue(v)}` });
}

// runtime/instructions/fail.ts
var fail2 = {
  compile: (args, c) => c.template(args),
  async run(plan, ctx) {
    const a = await ctx.evaluate(plan);
    const status = numberOf(a.status);
    throw new DsulError("FAILED", {
      message: typeof a.message === "string" ? a.message : describeValue(a.message),
      reason: a.reason ?? "FAILED",
      status: Number.isInteger(status) && status >= 400 && status <= 599 ? status : 400,
      ...a.details === void 0 ? {} : { details: a.details }
    });
  }
};

// runtime/host/http/client.ts
import { EventEmitter as EventEmitter3, setMaxListeners as setMaxListeners2 } from "node:events";

// runtime/host/http/credentials.ts
var SENSITIVE_HEADERS = /* @__PURE__ */ new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "x-api-key",
  "x-auth-token"
]);
var MIN_COOKIE_SECRET = 8;
var SENSITIVE_PARAM = /token|secret|passw|pwd|api[-_]?key|^key$|^code$|^sig$|signature|^auth|jwt|session|credential/i;
function isSensitiveParam(name) {
  return SENSITIVE_PARAM.test(name);
}
function registerHeaderSecret(redactor, name, value) {
  redactor.add(value);
  if (name === "cookie") {
    for (const pair of value.split(";")) {
      const v = pair.slice(pair.indexOf("=") + 1).trim();
      if (v.length >= MIN_COOKIE_SECRET) redactor.add(v);
    }
    return;
  }
  const space = value.indexOf(" ");
  if (space < 0 || name === "x-api-key" || name === "x-auth-token") return;
  const credential = value.slice(space + 1).trim();
  redactor.add(credential);
  if (value.slice(0, space).toLowerCase() === "basic") {
    const pair = Buffer.from(credential, "base64").toString("utf8");
    redactor.add(pair);
    redactor.add(pair.slice(pair.indexOf(":") + 1));
  }
}
function registerUrlSecrets(redactor, url) {
  if (url.password) {
    redactor.add(decodeURIComponent(url.password));
    redactor.add(url.password);
  }
  if (url.search.length > 1) {
    for (const [k, v] of url.searchParams) if (isSensitiveParam(k)) redactor.add(v);
  }
}
function safeUrl(url) {
  const base = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.search.length <= 1) return base;
  const parts = url.search.slice(1).split("&");
  for (let i = 0; i < parts.length; i++) {
    const eq = parts[i].indexOf("=");
    if (eq < 0) continue;
    let name = parts[i].slice(0, eq);
    try {
      name = decodeURIComponent(name.replace(/\+/g, " "));
    } catch {
    }
    if (isSensitiveParam(name)) parts[i] = `${parts[i].slice(0, eq)}=${REDACTED}`;
  }
  return `${base}?${parts.join("&")}`;
}
function safeRawUrl(raw) {
  const cut = raw.replace(/\/\/[^/?#]*@/, "//").split(/[?#]/)[0];
  return cut.length > 200 ? cut.slice(0, 200) + "\u2026" : cut;
}

// runtime/host/http/undici.ts
import AgentModule from "undici/lib/dispatcher/agent.js";
import requestModule from "undici/lib/api/api-request.js";
import FormDataModule from "undici/lib/web/fetch/formdata.js";
var Agent = AgentModule;
var FormData = FormDataModule.FormData;
function request(dispatcher, options) {
  return requestModule.call(dispatcher, options);
}

// runtime/host/http/host-policy.ts
import { lookup as dnsLookup } from "node:dns";
import { BlockList, isIP } from "node:net";
var DEFAULT_ALLOWED_HOSTS = [
  "*.atlassian.net",
  "api.atlassian.com",
  "auth.atlassian.com",
  "*.atlassian.com"
];
var LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "::1"];
var RANGES = [
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["loopback", "::1", 128, "ipv6"],
  ["unspecified", "0.0.0.0", 8, "ipv4"],
  ["unspecified", "::", 128, "ipv6"],
  ["private", "10.0.0.0", 8, "ipv4"],
  ["private", "172.16.0.0", 12, "ipv4"],
  ["private", "192.168.0.0", 16, "ipv4"],
  ["private", "100.64.0.0", 10, "ipv4"],
  ["private", "fc00::", 7, "ipv6"],
  ["link-local", "169.254.0.0", 16, "ipv4"],
  ["link-local", "fe80::", 10, "ipv6"]
];
var blocks2 = /* @__PURE__ */ new Map();
for (const [range, net, prefix, family] of RANGES) {
  if (!blocks2.has(range)) blocks2.set(range, new BlockList());
  blocks2.get(range).addSubnet(net, prefix, family);
}
function nonPublicRange(address) {
  let ip = normalizeHost(address);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1];
  const family = isIP(ip);
  if (family === 0) return void 0;
  for (const [range, list2] of blocks2) if (list2.check(ip, family === 4 ? "ipv4" : "ipv6")) return range;
  return void 0;
}
var AddressRefused = class extends Error {
  constructor(host, address, range) {
    super(`${host} resolves to ${address}, a ${range} address`);
    this.host = host;
    this.address = address;
    this.range = range;
  }
  host;
  address;
  range;
  code = "ERR_ADDRESS_REFUSED";
};
function guardedLookup(hostname, options, callback) {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    for (const a of addresses) {
      const range = nonPublicRange(a.address);
      if (range) return callback(new AddressRefused(hostname, a.address, range), []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    return callback(null, first.address, first.family);
  });
}
function compileHostPolicy(patterns) {
  if (patterns.includes("*")) return () => true;
  const rules = patterns.map(parsePattern);
  const exactAnyPort = new Set(rules.filter((r) => r.exact !== void 0 && r.port === void 0).map((r) => r.exact));
  return (url) => {
    const host = normalizeHost(url.hostname);
    if (exactAnyPort.has(host)) return true;
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    for (const r of rules) {
      if (r.port !== void 0 && r.port !== port) continue;
      if (r.exact !== void 0 ? host === r.exact : host.endsWith(r.suffix)) return true;
    }
    return false;
  };
}
function normalizeHost(hostname) {
  let h = hostname.toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h.endsWith(".")) h = h.slice(0, -1);
  return h;
}
function parsePattern(raw) {
  let p = raw.trim().toLowerCase();
  let port;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(p);
  if (bracketed) {
    p = bracketed[1];
    port = bracketed[2];
  } else {
    const m = /^([^:]+):(\d+)$/.exec(p);
    if (m) {
      p = m[1];
      port = m[2];
    }
  }
  if (p.endsWith(".")) p = p.slice(0, -1);
  return p.startsWith("*.") ? { suffix: p.slice(1), port } : { exact: p, port };
}

// runtime/host/http/dispatcher.ts
var shared3;
var guarded;
function guardedAgent() {
  guarded ??= new Agent({
    keepAliveTimeout: 1e4,
    keepAliveMaxTimeout: 6e4,
    connections: 128,
    connect: { timeout: 1e4, lookup: guardedLookup }
  });
  return guarded;
}
function sharedAgent() {
  shared3 ??= new Agent({
    keepAliveTimeout: 1e4,
    keepAliveMaxTimeout: 6e4,
    connections: 128,
    // per origin; Confluence calls of concurrent tool calls fan out to one origin
    connect: { timeout: 1e4 }
  });
  return shared3;
}
function injectedDispatcher(services) {
  const injected = services?.dispatcher;
  if (injected === void 0) return void 0;
  if (!isDispatcher(injected))
    throw new TypeError("services.dispatcher must be an undici Dispatcher (an object with a dispatch method)");
  return injected;
}
function isDispatcher(v) {
  return typeof v === "object" && v !== null && typeof v.dispatch === "function";
}

// runtime/host/http/metrics.ts
import { EventEmitter as EventEmitter2 } from "node:events";
var httpStats = {
  /** Attempts sent (a retried fetch counts once per attempt). */
  requests: 0,
  /** Attempts that were retries (requests - retries = fetch instructions that reached the network). */
  retries: 0,
  /** Attempts that ended without a response (timeout, connection error). */
  failures: 0
};
var httpEvents = new EventEmitter2();
httpEvents.setMaxListeners(0);
function recordAttempt(event, retry, failed) {
  httpStats.requests++;
  if (retry) httpStats.retries++;
  if (failed) httpStats.failures++;
  if (httpEvents.listenerCount("attempt") > 0) httpEvents.emit("attempt", event());
}
function recordRetry(event) {
  if (httpEvents.listenerCount("retry") > 0) httpEvents.emit("retry", event());
}

// runtime/host/http/response.ts
import { finished } from "node:stream";
var TooLarge = class extends Error {
};
var EMPTY = Buffer.alloc(0);
async function readBody(body, headers, limit) {
  const declared = Number(headers["content-length"]);
  if (declared > limit) throw discard(body);
  return new Promise((resolve2, reject) => {
    const chunks = [];
    let total = 0;
    let over = false;
    const onData = (chunk) => {
      if (over) return;
      total += chunk.length;
      if (total > limit) {
        over = true;
        reject(discard(body));
      } else chunks.push(chunk);
    };
    body.on("data", onData);
    const cleanup = finished(body, { writable: false }, (err) => {
      cleanup();
      body.off("data", onData);
      if (over) return;
      if (err) reject(err);
      else resolve2(total === 0 ? EMPTY : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
    });
  });
}
function discard(body) {
  body.on("error", noop);
  body.destroy();
  return new TooLarge();
}
function noop() {
}
function kindOf(contentType) {
  if (!contentType) return "binary";
  const type2 = contentType.split(";", 1)[0].trim().toLowerCase();
  if (type2 === "application/json" || type2.endsWith("+json") || type2 === "text/json") return "json";
  if (type2.startsWith("text/") || type2.endsWith("+xml") || type2 === "application/xml" || type2 === "application/javascript" || type2 === "application/x-www-form-urlencoded")
    return "text";
  return "binary";
}
function parseBody(raw, contentType) {
  if (raw.length === 0) return null;
  const kind = kindOf(contentType);
  if (kind === "binary") return raw;
  const text = decode2(raw, contentType);
  if (kind === "text") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
function decode2(raw, contentType) {
  const charset = /charset="?([\w-]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  if (!charset || charset === "utf-8" || charset === "utf8") return raw.toString("utf8");
  try {
    return new TextDecoder(charset).decode(raw);
  } catch {
    return raw.toString("utf8");
  }
}

// runtime/host/http/retry.ts
var DEFAULT_RETRY = Object.freeze({
  attempts: 3,
  base: 250,
  cap: 1e4,
  jitter: "full"
});
var IDEMPOTENT = /* @__PURE__ */ new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);
function replayable(method, unsafe, headers) {
  if (unsafe !== void 0) return unsafe;
  return IDEMPOTENT.has(method) || headers["idempotency-key"] !== void 0;
}
function retryableStatus(status, replay) {
  if (status === 429 || status === 503) return true;
  return replay && (status === 502 || status === 504);
}
function backoffDelay(retry, p, random = Math.random) {
  const exp = Math.min(p.cap, p.base * 2 ** (retry - 1));
  return p.jitter === "none" ? exp : Math.round(random() * exp);
}
function parseRetryAfter(value, now = Date.now()) {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === void 0) return void 0;
  const trimmed = v.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1e3;
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function nextDelay(retry, p, retryAfter, remainingMs) {
  if (retry >= p.attempts) return void 0;
  const delay = retryAfter ?? backoffDelay(retry, p);
  if (delay > p.cap || delay >= remainingMs) return void 0;
  return delay;
}
function sleep2(ms, signal) {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve2) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve2(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve2(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

// runtime/host/http/client.ts
var AttemptSignal = class extends EventEmitter3 {
  constructor(run2) {
    super();
    this.run = run2;
  }
  run;
  aborted = false;
  reason = void 0;
  abort(reason2) {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason2;
    this.emit("abort");
  }
  /** Listener of the run's signal (an object listener: no closure to make per attempt). */
  handleEvent() {
    this.abort(this.run.reason);
  }
};
var AttemptFailure = class {
  constructor(error, mayHaveReached) {
    this.error = error;
    this.mayHaveReached = mayHaveReached;
  }
  error;
  mayHaveReached;
};
var unbounded = /* @__PURE__ */ new WeakSet();
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var MAX_REDIRECTS = 5;
var NOT_SENT = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NODATA",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT"
]);
async function exchange(req, o) {
  const replay = replayable(req.method, o.retry.unsafe, req.headers);
  for (let attempt2 = 1; ; attempt2++) {
    let delay;
    let cause;
    try {
      const res = await attemptOnce(req, o, attempt2);
      if (!retryableStatus(res.status, replay)) return { ...res, attempts: attempt2 };
      cause = String(res.status);
      delay = nextDelay(attempt2, o.retry, parseRetryAfter(res.headers["retry-after"]), o.run.remainingMs());
      if (delay === void 0) return { ...res, attempts: attempt2 };
    } catch (err) {
      if (!(err instanceof AttemptFailure)) {
        if (err instanceof DsulError && err.code.startsWith("FETCH_")) err.data.attempts = attempt2;
        throw err;
      }
      err.error.data.attempts = attempt2;
      cause = err.error.code;
      if (err.mayHaveReached && !replay) throw err.error;
      delay = nextDelay(attempt2, o.retry, void 0, o.run.remainingMs());
      if (delay === void 0) throw err.error;
    }
    recordRetry(() => ({ workspace: o.workspace, origin: req.url.origin, cause }));
    if (!await sleep2(delay, o.run.signal)) throw aborted(req, o);
  }
}
async function attemptOnce(req, o, attempt2) {
  const signal = o.run.signal;
  if (signal.aborted) throw aborted(req, o);
  const controller = new AttemptSignal(signal);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error("fetch attempt timed out"));
  }, o.timeoutMs);
  if (!unbounded.has(signal)) {
    setMaxListeners2(0, signal);
    unbounded.add(signal);
  }
  signal.addEventListener("abort", controller, { once: true });
  const started = performance.now();
  let url = req.url;
  let method = req.method;
  let headers = req.headers;
  let body = req.body;
  let status = 0;
  let failed;
  try {
    for (let hop = 0; ; hop++) {
      const dispatcher = o.settings.dispatcher ?? (o.settings.allowLoopback ? sharedAgent() : guardedAgent());
      const res = await request(dispatcher, {
        origin: url.origin,
        path: url.pathname + url.search,
        method,
        headers,
        body,
        signal: controller
      });
      status = res.statusCode;
      const location = REDIRECTS.has(status) && hop < MAX_REDIRECTS ? nextLocation(res.headers.location, url) : void 0;
      if (!location) {
        const data = await readBody(res.body, res.headers, o.settings.maxResponseBytes);
        return { status, headers: res.headers, body: data, url };
      }
      await res.body.dump();
      if (!o.settings.allows(location)) throw hostRefused(method, location);
      const range = o.settings.nonPublic(location);
      if (range) throw addressRefusedError(method, location, range);
      registerUrlSecrets(o.run.redactor, location);
      if (location.origin !== url.origin) headers = without(headers, SENSITIVE_HEADERS);
      if (status === 303 && method !== "HEAD" || (status === 301 || status === 302) && method === "POST") {
        method = "GET";
        body = null;
        headers = without(headers, /* @__PURE__ */ new Set(["content-type", "content-length"]));
      }
      url = location;
    }
  } catch (err) {
    const failure = err instanceof DsulError ? err : signal.aborted ? aborted(req, o) : toFailure(err, timedOut, method, safeUrl(url), o.timeoutMs, o.settings.maxResponseBytes);
    failed = failure instanceof AttemptFailure ? failure.error.code : failure.code;
    throw failure;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", controller);
    recordAttempt(
      () => ({
        workspace: o.workspace,
        method: req.method,
        origin: req.url.origin,
        attempt: attempt2,
        durationMs: performance.now() - started,
        ...failed ? { code: failed } : { status }
      }),
      attempt2 > 1,
      failed !== void 0
    );
  }
}
function hostRefused(method, url) {
  return new DsulError("FETCH_HOST_REFUSED", {
    method,
    url: safeUrl(url),
    host: normalizeHost(url.hostname) + (url.port ? `:${url.port}` : "")
  });
}
function addressRefusedError(method, url, range) {
  const host = normalizeHost(url.hostname);
  return new DsulError("FETCH_ADDRESS_REFUSED", { method, url: safeUrl(url), host, address: host, range });
}
function nextLocation(location, base) {
  const raw = Array.isArray(location) ? location[0] : location;
  if (!raw) return void 0;
  try {
    const next = new URL(raw, base);
    return next.protocol === "http:" || next.protocol === "https:" ? next : void 0;
  } catch {
    return void 0;
  }
}
function without(headers, names) {
  const out = {};
  for (const k in headers) if (!names.has(k)) out[k] = headers[k];
  return out;
}
function aborted(req, o) {
  if (o.run.cancelled !== void 0) return o.run.abortError(o.automation);
  if (o.run.remainingMs() <= 5) {
    return new DsulError("LIMIT_WALL_TIME", { limit: o.run.limits.runWallTimeMs, slug: o.automation });
  }
  return new DsulError("FETCH_CONNECTION", {
    method: req.method,
    url: req.display,
    detail: "cancelled: the run was aborted"
  });
}
function toFailure(err, timedOut, method, url, timeout, limit) {
  if (err instanceof TooLarge) return new DsulError("FETCH_TOO_LARGE", { method, url, limit });
  const refused = addressRefused(err);
  if (refused) {
    return new DsulError("FETCH_ADDRESS_REFUSED", {
      method,
      url,
      host: refused.host,
      address: refused.address,
      range: refused.range
    });
  }
  if (timedOut) {
    return new AttemptFailure(new DsulError("FETCH_TIMEOUT", { method, url, timeout }, { cause: err }), true);
  }
  const code = String(err.code ?? "");
  if (code === "UND_ERR_INVALID_ARG") {
    return new DsulError("FETCH_INVALID", { method, url, detail: err.message }, { cause: err });
  }
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new AttemptFailure(new DsulError("FETCH_TIMEOUT", { method, url, timeout }, { cause: err }), true);
  }
  const detail = describeNetworkError(code, err, url);
  return new AttemptFailure(
    new DsulError("FETCH_CONNECTION", { method, url, detail, errno: code || void 0 }, { cause: err }),
    !NOT_SENT.has(code)
  );
}
function addressRefused(err) {
  for (let e = err, i = 0; e && i < 4; e = e.cause, i++) {
    if (e instanceof AddressRefused) return e;
  }
  return void 0;
}
function describeNetworkError(code, err, url) {
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (ECONNREFUSED)";
    case "ECONNRESET":
      return "connection reset (ECONNRESET)";
    case "UND_ERR_SOCKET":
      return "connection closed by the server before the response was complete (UND_ERR_SOCKET)";
    case "EPIPE":
      return "connection closed while sending the request (EPIPE)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
    case "EAI_NODATA":
      return `DNS lookup failed for ${new URL(url).hostname} (${code})`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `host unreachable (${code})`;
    case "UND_ERR_CONNECT_TIMEOUT":
      return "could not connect in time (UND_ERR_CONNECT_TIMEOUT)";
    case "ETIMEDOUT":
      return "connection timed out (ETIMEDOUT)";
    default:
      return `${err?.message ?? String(err)}${code ? ` (${code})` : ""}`;
  }
}

// runtime/host/http/request.ts
var BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
function prepareRequest(a, userAgent, redactor) {
  const method = a.method;
  if (typeof a.url !== "string") throw invalid(method, String(a.url), `url must be a string, got ${typeOf(a.url)}`);
  let url;
  try {
    url = new URL(a.url);
  } catch {
    throw invalid(
      method,
      safeRawUrl(a.url),
      "invalid URL (it must be absolute, e.g. https://example.atlassian.net/wiki)"
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw invalid(method, safeRawUrl(a.url), `unsupported protocol "${url.protocol}" (http or https only)`);
  if (a.query != null) appendQuery(url, a.query, method);
  registerUrlSecrets(redactor, url);
  const display = safeUrl(url);
  const fail3 = (detail) => invalid(method, display, detail);
  const headers = normalizeHeaders(a.headers, fail3);
  for (const name in headers)
    if (SENSITIVE_HEADERS.has(name)) for (const v of [headers[name]].flat()) registerHeaderSecret(redactor, name, v);
  if (a.auth != null) {
    if (headers.authorization !== void 0) throw fail3("give either `auth` or an Authorization header, not both");
    headers.authorization = authorization(a.auth, a.authKind, fail3);
    registerHeaderSecret(redactor, "authorization", headers.authorization);
  }
  if (url.username || url.password) {
    if (headers.authorization !== void 0)
      throw fail3("give credentials either in the URL or in `auth`/Authorization, not both");
    headers.authorization = `Basic ${Buffer.from(`${unescapeText(url.username)}:${unescapeText(url.password)}`).toString("base64")}`;
    registerHeaderSecret(redactor, "authorization", headers.authorization);
    url.username = "";
    url.password = "";
  }
  headers["user-agent"] ??= userAgent;
  const kinds2 = Number(a.body !== void 0) + Number(a.form !== void 0) + Number(a.multipart !== void 0);
  if (kinds2 > 1) throw fail3("give only one of `body`, `form` and `multipart`");
  let body = null;
  if (a.form != null) body = formBody(a.form, headers, redactor, fail3);
  else if (a.multipart != null) body = multipartBody(a.multipart, headers, fail3);
  else if (a.body != null) body = plainBody(a.body, headers, redactor, fail3);
  return { url, method, headers, body, display };
}
function invalid(method, url, detail) {
  return new DsulError("FETCH_INVALID", { method, url, detail });
}
function appendQuery(url, query, method) {
  if (typeof query === "string") {
    const extra = query.startsWith("?") ? query.slice(1) : query;
    if (extra) url.search = url.search ? `${url.search}&${extra}` : extra;
    return;
  }
  if (typeof query !== "object" || Array.isArray(query))
    throw invalid(method, safeUrl(url), `query must be an object, got ${typeOf(query)}`);
  const params = url.searchParams;
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) {
      for (const item of v) if (item != null) params.append(k, scalar(item));
    } else if (v != null) params.append(k, scalar(v));
  }
}
function normalizeHeaders(raw, fail3) {
  const out = {};
  if (raw == null) return out;
  if (typeof raw !== "object" || Array.isArray(raw)) throw fail3(`headers must be an object, got ${typeOf(raw)}`);
  for (const [k, v] of Object.entries(raw)) {
    if (v == null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.filter((x) => x != null).map(scalar) : scalar(v);
  }
  return out;
}
function authorization(auth, kind, fail3) {
  const a = auth;
  if (typeof a !== "object" || a.basic !== void 0 && a.bearer !== void 0)
    throw fail3("auth must have exactly one of `basic` and `bearer`");
  if (a.basic === void 0 && a.bearer === void 0) throw fail3(`auth.${kind ?? "bearer"} is empty (nothing)`);
  if (a.bearer !== void 0) {
    if (typeof a.bearer !== "string" || a.bearer.trim() === "") throw fail3(`auth.bearer is empty (${typeOf(a.bearer)})`);
    return `Bearer ${a.bearer}`;
  }
  const { username, password } = a.basic ?? {};
  if (username == null || username === "") throw fail3("auth.basic.username is empty");
  if (password == null || password === "") throw fail3("auth.basic.password is empty");
  return `Basic ${Buffer.from(`${scalar(username)}:${scalar(password)}`).toString("base64")}`;
}
function formBody(form, headers, redactor, fail3) {
  headers["content-type"] ??= "application/x-www-form-urlencoded";
  if (typeof form === "string") return form;
  if (typeof form !== "object" || Array.isArray(form)) throw fail3(`form must be an object, got ${typeOf(form)}`);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item == null) continue;
      const s = scalar(item);
      if (isSensitiveParam(k)) redactor.add(s);
      params.append(k, s);
    }
  }
  return params.toString();
}
function multipartBody(parts, headers, fail3) {
  delete headers["content-type"];
  const list2 = Array.isArray(parts) ? parts : typeof parts === "object" ? Object.entries(parts).map(([name, value]) => ({ name, value })) : void 0;
  if (!list2) throw fail3(`multipart must be a list of parts, got ${typeOf(parts)}`);
  const fd = new FormData();
  for (const p of list2) {
    if (!p || typeof p.name !== "string") throw fail3("every multipart part needs a `name`");
    if (p.value == null) continue;
    const binary3 = p.filename !== void 0 || p.contentType !== void 0 || p.encoding === "base64";
    if (!binary3) {
      fd.append(p.name, scalar(p.value));
      continue;
    }
    const blob = new Blob([partBytes(p, fail3)], {
      type: p.contentType ?? "application/octet-stream"
    });
    fd.append(p.name, blob, p.filename ?? p.name);
  }
  return fd;
}
function partBytes(p, fail3) {
  const v = p.value;
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v);
  const text = scalar(v);
  if (p.encoding === "utf8") return Buffer.from(text, "utf8");
  const compact = text.replace(/\s+/g, "");
  if (!BASE64.test(compact))
    throw fail3(`multipart part "${p.name}": value is not base64 (add \`encoding: utf8\` to send text)`);
  return Buffer.from(compact, "base64");
}
function plainBody(body, headers, redactor, fail3) {
  const type2 = String(headers["content-type"] ?? "").toLowerCase();
  if (typeof body === "string") {
    headers["content-type"] ??= "text/plain; charset=utf-8";
    return body;
  }
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    headers["content-type"] ??= "application/octet-stream";
    return Buffer.from(body);
  }
  if (typeof body === "object" && !Array.isArray(body)) {
    if (type2.startsWith("application/x-www-form-urlencoded")) return formBody(body, headers, redactor, fail3);
    if (type2.startsWith("multipart/form-data")) return multipartBody(body, headers, fail3);
  }
  headers["content-type"] ??= "application/json";
  return JSON.stringify(body);
}
function unescapeText(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
function scalar(v) {
  if (typeof v === "string") return v;
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return String(v);
}
function typeOf(v) {
  return v === null ? "null" : Array.isArray(v) ? "an array" : v === void 0 ? "nothing" : typeof v;
}

// runtime/host/http/settings.ts
var DEFAULT_TIMEOUT_MS = 15e3;
var DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
var DEFAULT_USER_AGENT = "confluence-next";
var cache = /* @__PURE__ */ new WeakMap();
function httpSettings(engine) {
  let s = cache.get(engine);
  if (!s) {
    const host = engine;
    const section2 = host.info?.index?.http ?? {};
    const allowLoopback = host.info?.allowLoopback === true;
    const listed = compileHostPolicy([
      ...section2.allowedHosts ?? DEFAULT_ALLOWED_HOSTS,
      ...allowLoopback ? LOOPBACK_HOSTS : []
    ]);
    s = {
      allows: listed,
      allowLoopback,
      // An IP literal in a non-public range is refused even when listed (names: dispatcher.ts guardedAgent).
      nonPublic: allowLoopback ? () => void 0 : (url) => nonPublicRange(url.hostname) ?? (isLocalName(url.hostname) ? "loopback" : void 0),
      timeoutMs: section2.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: section2.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      userAgent: section2.userAgent ?? DEFAULT_USER_AGENT,
      dispatcher: injectedDispatcher(host.services)
    };
    cache.set(engine, s);
  }
  return s;
}
function isLocalName(hostname) {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost");
}

// runtime/instructions/fetch.ts
var ARGS = ["headers", "query", "body", "form", "multipart", "auth"];
var fetch = {
  compile(args, c) {
    const source = typeof args.url === "string" ? safeRawUrl(args.url) : "?";
    const methodT = c.template(args.method ?? "GET", ["method"]);
    const method = methodT.constant ? toMethod(methodT.value, source) : methodT;
    const fail3 = (detail) => invalid(typeof method === "string" ? method : "?", source, detail);
    if (ARGS.slice(2, 5).filter((k) => args[k] !== void 0).length > 1)
      throw fail3("give only one of `body`, `form` and `multipart`");
    const plan = {
      url: c.template(args.url, ["url"]),
      method,
      retry: DEFAULT_RETRY,
      outputMode: args.outputMode ?? "body",
      source
    };
    for (const k of ARGS) if (args[k] !== void 0) plan[k] = c.template(args[k], [k]);
    if (args.auth && typeof args.auth === "object") plan.authKind = Object.keys(args.auth)[0];
    if (args.timeout !== void 0) {
      const t = c.template(args.timeout, ["timeout"]);
      plan.timeout = t.constant ? toTimeout(t.value, fail3) : t;
    }
    if (args.retry !== void 0) {
      const t = c.template(args.retry, ["retry"]);
      plan.retry = t.constant ? toRetry(t.value, fail3) : t;
    }
    return plan;
  },
  async run(plan, ctx) {
    const settings2 = httpSettings(ctx.engine);
    const run2 = ctx.run;
    let method = "?";
    let req;
    try {
      method = typeof plan.method === "string" ? plan.method : toMethod(await ctx.evaluate(plan.method), plan.source);
      const fail3 = (detail) => invalid(method, req?.display ?? plan.source, detail);
      const a = { url: await ctx.evaluate(plan.url), method, authKind: plan.authKind };
      for (const k of ARGS) if (plan[k]) a[k] = await ctx.evaluate(plan[k]);
      req = prepareRequest(a, settings2.userAgent, run2.redactor);
      if (!settings2.allows(req.url)) throw hostRefused(method, req.url);
      const range = settings2.nonPublic(req.url);
      if (range) throw addressRefusedError(method, req.url, range);
      const timeoutMs = plan.timeout === void 0 ? settings2.timeoutMs : typeof plan.timeout === "number" ? plan.timeout : toTimeout(await ctx.evaluate(plan.timeout), fail3);
      const retry = isPolicy(plan.retry) ? plan.retry : toRetry(await ctx.evaluate(plan.retry), fail3);
      const res = await exchange(req, {
        settings: settings2,
        timeoutMs,
        retry,
        run: run2,
        workspace: ctx.engine.slug,
        automation: ctx.automation.slug
      });
      const status = res.status;
      setFetch(ctx, {
        status,
        ok: status >= 200 && status < 300,
        headers: res.headers,
        url: res.url === req.url ? req.display : safeUrl(res.url),
        method,
        attempts: res.attempts
      });
      if (plan.outputMode === "base64") return res.body.toString("base64");
      const body = parseBody(res.body, firstValue(res.headers["content-type"]));
      return plan.outputMode === "detailed_response" ? { status, headers: res.headers, body } : body;
    } catch (err) {
      const e = err instanceof DsulError ? err : void 0;
      setFetch(ctx, {
        status: null,
        ok: false,
        headers: {},
        url: req?.display ?? plan.source,
        method,
        attempts: e?.data.attempts ?? 0,
        error: e?.code ?? "INTERNAL"
      });
      throw err;
    }
  }
};
function setFetch(ctx, value) {
  ctx.scope.setLocal("$fetch", value);
  ctx.scope.frame.vars.$fetch = value;
}
var METHOD = /^[A-Za-z]+$/;
function toMethod(v, url) {
  if (typeof v !== "string" || !METHOD.test(v))
    throw invalid(String(v), url, `method must be an HTTP method such as GET or POST, got ${JSON.stringify(v)}`);
  return v.toUpperCase();
}
function toTimeout(v, fail3) {
  const n = numberOf(v);
  if (!Number.isFinite(n) || n < 1)
    throw fail3(`timeout must be a number of milliseconds >= 1, got ${JSON.stringify(v)}`);
  return n;
}
function toRetry(v, fail3) {
  if (v == null) return DEFAULT_RETRY;
  if (typeof v !== "object" || Array.isArray(v)) throw fail3("retry must be an object");
  const r = v;
  const num = (x, name, dflt, min) => {
    if (x === void 0) return dflt;
    const n = numberOf(x);
    if (!Number.isFinite(n) || n < min) throw fail3(`retry.${name} must be a number >= ${min}, got ${JSON.stringify(x)}`);
    return n;
  };
  const jitter = r.jitter ?? DEFAULT_RETRY.jitter;
  if (jitter !== "full" && jitter !== "none")
    throw fail3(`retry.jitter must be "full" or "none", got ${JSON.stringify(jitter)}`);
  if (r.unsafe !== void 0 && typeof r.unsafe !== "boolean")
    throw fail3(`retry.unsafe must be true or false, got ${JSON.stringify(r.unsafe)}`);
  return Object.freeze({
    attempts: Math.floor(num(r.attempts, "attempts", DEFAULT_RETRY.attempts, 1)),
    base: num(r.backoff?.base, "backoff.base", DEFAULT_RETRY.base, 0),
    cap: num(r.backoff?.cap, "backoff.cap", DEFAULT_RETRY.cap, 0),
    jitter,
    unsafe: r.unsafe
  });
}
function isPolicy(v) {
  return typeof v.attempts === "number";
}
function firstValue(v) {
  return Array.isArray(v) ? v[0] : v;
}

// runtime/instructions/lock.ts
var lock = {
  compile(args, c) {
    return {
      key: c.template(args.key, ["key"]),
      ttl: args.ttl === void 0 ? void 0 : c.template(args.ttl, ["ttl"]),
      wait: args.wait === void 0 ? void 0 : c.template(args.wait, ["wait"]),
      body: c.block(args.do, ["do"])
    };
  },
  async run(plan, ctx) {
    const key = await ctx.evaluate(plan.key);
    if (typeof key !== "string" && typeof key !== "number") {
      const detail = `\`key\` must be a string, got ${describeValue(key)}`;
      throw new DsulError("INVALID_VALUE", { instruction: "lock", detail });
    }
    const remaining = ctx.run.remainingMs();
    const ttlMs = plan.ttl ? seconds(await ctx.evaluate(plan.ttl), "ttl", true) : Math.max(1e3, remaining);
    const waitMs = Math.min(plan.wait ? seconds(await ctx.evaluate(plan.wait), "wait", false) : remaining, remaining);
    const run2 = ctx.run;
    const release = await run2.store.lock(`lock:${ctx.engine.slug}:${key}`, ttlMs, waitMs, run2.signal).catch((err) => {
      if (err instanceof LockWaitAborted) throw run2.abortError(ctx.automation.slug);
      if (err instanceof DsulError && err.code === "LOCK_TIMEOUT")
        throw new DsulError("LOCK_TIMEOUT", { ...err.data, key: String(key) });
      throw err;
    });
    try {
      await Promise.all([run2.user.reload(), run2.global.reload(), run2.session.reload()]);
      run2.generation++;
      await ctx.runBlock(plan.body);
    } finally {
      await release().catch(() => {
      });
    }
    return void 0;
  }
};
function seconds(value, name, positive) {
  const n = numberOf(value);
  if (typeof value === "boolean" || value === null || value === "" || !Number.isFinite(n) || n < 0 || positive && n === 0) {
    throw new DsulError("INVALID_VALUE", {
      instruction: "lock",
      detail: `\`${name}\` must be a ${positive ? "positive " : ""}number of seconds, got ${JSON.stringify(value) ?? "nothing"}`
    });
  }
  return n * 1e3;
}

// runtime/instructions/rate-limit.ts
var rateLimit = {
  compile(args, c) {
    const { output: _output, ...rest } = args;
    return { args: c.template(rest) };
  },
  async run(plan, ctx) {
    const a = await ctx.evaluate(plan.args);
    const consumer = a.consumer ?? ctx.run.identity.userId ?? "workspace";
    const windowMs = Math.max(1, numberOf(a.window)) * 1e3;
    const consume = a.consume ?? 1;
    const key = `ratelimit:${ctx.engine.slug}:${a.name}:${consumer}`;
    const { value, ttlMs } = await ctx.run.store.incr(key, consume, windowMs);
    const ok = value <= a.limit;
    const result = {
      ok,
      remaining: Math.max(0, a.limit - value),
      retryAfter: ok ? 0 : Math.ceil(ttlMs / 1e3),
      limit: a.limit,
      window: a.window,
      consumer
    };
    if (!ok && a.break !== false) {
      throw new DsulError("RATE_LIMITED", {
        name: a.name,
        limit: a.limit,
        window: a.window,
        retryAfter: result.retryAfter
      });
    }
    return result;
  }
};

// runtime/instructions/record.ts
var record2 = {
  compile(args, c) {
    if (args.op === "put" && !("value" in args)) throw invalid2("`put` needs a `value`");
    if (args.op !== "put" && ("value" in args || "ttl" in args))
      throw invalid2(`\`value\` and \`ttl\` only go with \`put\`, not \`${args.op}\``);
    return {
      op: args.op,
      key: c.template(args.key, ["key"]),
      value: "value" in args ? c.template(args.value, ["value"]) : void 0,
      ttl: args.ttl === void 0 ? void 0 : c.template(args.ttl, ["ttl"])
    };
  },
  async run(plan, ctx) {
    const key = await ctx.evaluate(plan.key);
    if (typeof key !== "string" && typeof key !== "number" || key === "")
      throw invalid2(`\`key\` must be a non-empty string, got ${JSON.stringify(key) ?? "nothing"}`);
    const store2 = ctx.run.store;
    const storeKey = `record:${ctx.engine.slug}:${key}`;
    switch (plan.op) {
      // null, not nothing: `output` is then always written, so a stale variable never survives a miss.
      case "get":
        return await store2.get(storeKey) ?? null;
      case "take":
        return await store2.take(storeKey) ?? null;
      case "delete":
        return store2.delete(storeKey);
      case "put": {
        const value = await ctx.evaluate(plan.value);
        if (value === void 0) throw invalid2(`the value to put in "${key}" is missing`);
        const problem = valueProblem(value, ctx.run.limits.valueBytes);
        if (problem) throw valueError(problem, `the value of record "${key}"`, ctx.run.limits);
        const ttl = plan.ttl ? numberOf(await ctx.evaluate(plan.ttl)) : void 0;
        if (ttl !== void 0 && !(Number.isFinite(ttl) && ttl > 0))
          throw invalid2("`ttl` must be a positive number of seconds");
        await store2.set(storeKey, value, ttl === void 0 ? void 0 : ttl * 1e3);
        return void 0;
      }
    }
  }
};
function invalid2(detail) {
  return new DsulError("INVALID_VALUE", { instruction: "record", detail });
}

// runtime/instructions/repeat.ts
var repeat = {
  compile(args, c) {
    return {
      on: args.on === void 0 ? void 0 : c.template(args.on, ["on"]),
      until: args.until === void 0 ? void 0 : c.template(args.until, ["until"]),
      body: c.block(args.do, ["do"]),
      batchSize: args.batch ? c.template(args.batch.size, ["batch", "size"]) : void 0,
      batchInterval: args.batch?.interval === void 0 ? void 0 : c.template(args.batch.interval, ["batch", "interval"])
    };
  },
  async run(plan, ctx) {
    const { count, item } = await iterations(plan, ctx.evaluate, ctx.run.limits.repeatIterations);
    const size = plan.batchSize ? Math.max(1, Math.floor(numberOf(await ctx.evaluate(plan.batchSize)) || 1)) : 1;
    const interval = plan.batchInterval ? numberOf(await ctx.evaluate(plan.batchInterval)) || 0 : 0;
    try {
      for (let start2 = 0; start2 < count; start2 += size) {
        if (start2 > 0 && interval > 0) {
          await new Promise((resolve2) => setTimeout(resolve2, Math.min(interval, ctx.run.remainingMs())));
        }
        const runs = [];
        for (let i = start2; i < Math.min(count, start2 + size); i++) {
          runs.push((async () => ctx.runBlock(plan.body, ctx.scope.child({ item: item(i), $index: i }, size > 1)))());
        }
        await Promise.all(runs);
      }
    } catch (err) {
      if (err instanceof BreakSignal && err.scope === "repeat") return void 0;
      throw err;
    }
    return void 0;
  }
};
async function iterations(plan, evaluate, limit) {
  const until = plan.until ? numberOf(await evaluate(plan.until)) : void 0;
  if (until !== void 0 && !Number.isFinite(until)) {
    const detail2 = `\`until\` must be a number, got ${JSON.stringify(until)}`;
    throw new DsulError("INVALID_VALUE", { instruction: "repeat", detail: detail2 });
  }
  const cap = until === void 0 ? Infinity : Math.max(0, Math.floor(until));
  const bounded = (count) => {
    const n = Math.min(count, cap);
    if (n > limit) throw new DsulError("LIMIT_REPEAT", { count: n, limit });
    return n;
  };
  if (!plan.on) return { count: bounded(cap === Infinity ? 0 : cap), item: (i) => i };
  const source = await evaluate(plan.on);
  if (Array.isArray(source)) return { count: bounded(source.length), item: (i) => source[i] };
  if (source === void 0 || source === null) return { count: 0, item: () => void 0 };
  if (typeof source === "object") {
    const keys = Object.keys(source);
    const count = bounded(keys.length);
    const entries2 = keys.slice(0, count).map((key) => ({ key, value: source[key] }));
    return { count, item: (i) => entries2[i] };
  }
  const detail = `\`on\` must be an array or an object, got ${typeof source}`;
  throw new DsulError("INVALID_VALUE", { instruction: "repeat", detail });
}

// runtime/instructions/settings.ts
var settings = {
  compile(args, c) {
    if (args.op === "get" && ("config" in args || "secrets" in args)) {
      throw invalid3("`config` and `secrets` only go with `put`");
    }
    if (args.op === "put" && !("config" in args) && !("secrets" in args)) {
      throw invalid3("`put` needs `config` or `secrets`");
    }
    return {
      op: args.op,
      config: "config" in args ? c.template(args.config, ["config"]) : void 0,
      secrets: "secrets" in args ? c.template(args.secrets, ["secrets"]) : void 0
    };
  },
  async run(plan, ctx) {
    const ws = ctx.engine;
    const backend = ws.services.settings;
    if (!backend) throw new DsulError("SETTINGS_READ_ONLY", { detail: "this host keeps no settings" });
    if (plan.op === "get") return backend.get(ws);
    const config = plan.config ? await ctx.evaluate(plan.config) : void 0;
    const secrets = plan.secrets ? await ctx.evaluate(plan.secrets) : void 0;
    if (config !== void 0 && config !== null && !isObject3(config)) {
      throw invalid3(`\`config\` must be an object of settings, got ${typeof config}`);
    }
    if (secrets !== void 0 && secrets !== null && !isObject3(secrets)) {
      throw invalid3(`\`secrets\` must be an object of secrets, got ${typeof secrets}`);
    }
    const kept = {};
    const problems = [];
    for (const [name, v] of Object.entries(secrets ?? {})) {
      if (v === void 0 || v === "") continue;
      if (v !== null && typeof v !== "string") {
        problems.push({
          path: `secrets.${name}`,
          message: "must be a string (or null to clear it)"
        });
      } else kept[name] = v;
    }
    if (problems.length > 0) {
      throw new DsulError("SETTINGS_INVALID", {
        detail: problems.map((p) => `${p.path} ${p.message}`).join("; "),
        problems
      });
    }
    ctx.run.redactor.addAll(kept);
    const result = await backend.put(ws, {
      config: config ?? void 0,
      secrets: kept
    });
    ws.log.info(
      {
        audit: "config",
        tenant: ws.slug,
        change: "settings",
        config: config ? Object.keys(config) : void 0,
        secrets: Object.keys(kept),
        user: ctx.run.identity.userId,
        automation: ctx.scope.runVars.automation
      },
      "config change"
    );
    return result;
  }
};
function isObject3(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}
function invalid3(detail) {
  return new DsulError("INVALID_VALUE", { instruction: "settings", detail });
}

// runtime/instructions/try.ts
var tryInstruction = {
  compile(args, c) {
    return {
      body: c.block(args.do, ["do"]),
      handler: args.catch === void 0 ? void 0 : c.block(args.catch, ["catch"]),
      always: args.finally === void 0 ? void 0 : c.block(args.finally, ["finally"])
    };
  },
  async run(plan, ctx) {
    try {
      await ctx.runBlock(plan.body);
    } catch (err) {
      if (err instanceof BreakSignal || !plan.handler) throw err;
      ctx.scope.setLocal("$error", ctx.run.redactor.redactDeep(toDsulError(err).toJSON()));
      await ctx.runBlock(plan.handler);
    } finally {
      if (plan.always) await ctx.runBlock(plan.always);
    }
    return void 0;
  }
};

// runtime/instructions/wait.ts
import { isDeepStrictEqual } from "node:util";
var DEFAULT_TIMEOUT_S = 20;
var WALL_TIME_MARGIN_MS = 50;
var wait = {
  compile(args, c) {
    const awaited = (a, at) => ({
      event: c.template(a.event, [...at, "event"]),
      filters: a.filters && Object.entries(a.filters).map(([path2, v]) => [
        c.path(path2, [...at, "filters", path2]),
        c.template(v, [...at, "filters", path2])
      ]),
      cancelTriggers: a.cancelTriggers === true
    });
    const events = args.event === void 0 ? [] : [awaited(args, [])];
    args.oneOf?.forEach((a, i) => events.push(awaited(a, ["oneOf", i])));
    return { events, timeout: c.template(args.timeout ?? DEFAULT_TIMEOUT_S, ["timeout"]) };
  },
  async run(plan, ctx) {
    const seconds2 = numberOf(await ctx.evaluate(plan.timeout));
    const wanted = Math.max(0, Number.isFinite(seconds2) ? seconds2 * 1e3 : 0);
    const remaining = ctx.run.remainingMs();
    const ms = Math.min(wanted, remaining);
    if (plan.events.length === 0) {
      await sleep3(wanted >= remaining ? remaining + WALL_TIME_MARGIN_MS : ms, ctx.run.signal);
      return void 0;
    }
    const awaitedEvents = [];
    for (const a of plan.events) {
      const filters = [];
      for (const [path2, t] of a.filters ?? []) filters.push([path2, await ctx.evaluate(t)]);
      const type2 = eventType(await ctx.evaluate(a.event), "wait");
      awaitedEvents.push({ type: type2, filters, cancelTriggers: a.cancelTriggers });
    }
    const matching = (e) => awaitedEvents.find(
      (w) => w.type === e.type && w.filters.every(([path2, want]) => isDeepStrictEqual(getPath(e, path2), want))
    );
    const cancels = awaitedEvents.some((w) => w.cancelTriggers) ? (e) => matching(e)?.cancelTriggers === true : void 0;
    const types = [...new Set(awaitedEvents.map((w) => w.type))];
    return ctx.engine.waitFor(types, (e) => matching(e) !== void 0, ms, ctx.run.signal, ctx.run, cancels);
  }
};
function sleep3(ms, signal) {
  return new Promise((resolve2) => {
    if (signal.aborted) {
      resolve2();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve2();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

// runtime/instructions/index.ts
var instructions = {
  set,
  delete: del,
  conditions,
  repeat,
  all,
  break: brk,
  try: tryInstruction,
  emit,
  fail: fail2,
  wait,
  rateLimit,
  comment,
  fetch,
  lock,
  record: record2,
  settings
};
function isInstruction(name) {
  return Object.hasOwn(instructions, name);
}

// runtime/instructions/call.ts
function callInstruction(slug) {
  return {
    compile(args, c) {
      const { output: _output, ...rest } = args ?? {};
      return { slug, args: c.template(rest) };
    },
    async run(plan, ctx) {
      const args = await ctx.evaluate(plan.args);
      return ctx.engine.call(plan.slug, args, ctx.run, Number(ctx.scope.runVars.depth) + 1, ctx.instruction.location);
    }
  };
}

// runtime/workspace/compile.ts
function compileAutomation(automation, source, env) {
  const raw = automation.raw;
  automation.do = compileBlock(raw.do, ["do"], source, env);
  if ("output" in raw) {
    automation.output = guard(
      source,
      env,
      ["output"],
      () => compileValue(raw.output, source.locate, env.options, ["output"])
    );
  }
}
function compileBlock(list2, pointer, source, env) {
  if (!Array.isArray(list2)) return [];
  const out = [];
  list2.forEach((item, i) => {
    const compiled2 = compileInstruction(item, [...pointer, i], source, env);
    if (compiled2) out.push(compiled2);
  });
  return out;
}
function compileInstruction(item, pointer, source, env) {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return void 0;
  const [name, args] = Object.entries(item)[0] ?? [];
  if (name === void 0) return void 0;
  const base = [...pointer, name];
  const location = source.locateKey(base);
  let def;
  const imported = isInstruction(name) ? void 0 : importedAutomation(name, env);
  if (isInstruction(name)) def = instructions[name];
  else if (env.automations.has(name) || imported && env.automations.has(imported)) {
    const slug = env.automations.has(name) ? name : imported;
    def = callInstruction(slug);
    checkCallArguments(slug, args, base, source, env);
  } else if (env.broken?.has(name)) {
    const message = `automation "${name}" has errors: see ${formatLocation(env.broken.get(name))}`;
    env.diagnostics.push({ severity: "error", code: "CALLEE_HAS_ERRORS", message, location });
    return void 0;
  } else {
    const known = [...Object.keys(instructions), ...env.automations.keys()];
    const app = name.slice(0, name.indexOf("."));
    const hint = imported ? ` (an automation of the app import "${app}": add automations/${imported}.yml, or map it in config/index.yml imports)` : suggest(name, known);
    const message = new DsulError("UNKNOWN_INSTRUCTION", { name, hint }).message;
    env.diagnostics.push({ severity: "error", code: "UNKNOWN_INSTRUCTION", message, location });
    return void 0;
  }
  const compiler = makeCompiler(base, source, env);
  let output;
  if (args && typeof args === "object" && !Array.isArray(args) && typeof args.output === "string" && name !== "set") {
    output = guard(
      source,
      env,
      [...base, "output"],
      () => compiler.path(args.output, ["output"])
    );
  }
  const before = env.diagnostics.length;
  const plan = guard(source, env, base, () => def.compile(args, compiler));
  if (env.diagnostics.length > before) return void 0;
  return { name, location, output, plan, def };
}
function makeCompiler(base, source, env) {
  const locate2 = (pointer = [], offset2) => source.locate([...base, ...pointer], offset2);
  return {
    config: env.config,
    locate: locate2,
    locateKey: (pointer) => source.locateKey([...base, ...pointer]),
    template: (value, pointer = []) => compileValue(value, (p, off) => source.locate([...base, ...p], off), env.options, pointer),
    block: (list2, pointer) => compileBlock(list2, [...base, ...pointer], source, env),
    instruction: (value, pointer) => compileInstruction(value, [...base, ...pointer], source, env) ?? NOOP,
    // Condition keys are map keys: locate inside the key text.
    jsonata: (src, pointer, offset2 = 0) => compileJsonataExpression(
      src,
      (off) => {
        const key = source.locateKey([...base, ...pointer]);
        return { ...key, col: key.col + (off ?? 0) };
      },
      offset2,
      env.options,
      "condition"
    ),
    path: (src, pointer) => {
      try {
        return parsePath(src);
      } catch (err) {
        throw new DsulError("PATH_SYNTAX", { path: src, detail: err.message }, { location: locate2(pointer) });
      }
    },
    automation: (slug) => env.automations.get(slug)
  };
}
function importedAutomation(name, env) {
  const dot = name.indexOf(".");
  if (dot <= 0) return void 0;
  const instance = env.imports?.[name.slice(0, dot)];
  if (!instance) return void 0;
  const automation = name.slice(dot + 1);
  return instance.automations?.[automation] ?? `imports/${importSlug(name.slice(0, dot))}/${automation}`;
}
function importSlug(name) {
  return name.trim().toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "") || "app";
}
function checkCallArguments(slug, args, pointer, source, env) {
  const callee = env.automations.get(slug);
  const declared = Object.keys(callee.argumentsSchema.properties ?? {});
  if (!args || typeof args !== "object") return;
  for (const key of Object.keys(args)) {
    if (key === "output" || declared.includes(key)) continue;
    env.diagnostics.push({
      severity: "error",
      code: "UNKNOWN_ARGUMENT",
      message: new DsulError("UNKNOWN_ARGUMENT", {
        slug,
        name: key,
        hint: suggest(key, declared) + (declared.length ? ` (declared: ${declared.join(", ")})` : " (it declares none)")
      }).message,
      location: source.locateKey([...pointer, key])
    });
  }
}
function guard(source, env, pointer, fn) {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DsulError) env.diagnostics.push(fromError(err, source.locate(pointer)));
    else
      env.diagnostics.push({
        severity: "error",
        code: "INTERNAL",
        message: err.message ?? String(err),
        location: source.locate(pointer)
      });
    return void 0;
  }
}
var NOOP = {
  name: "comment",
  location: { file: "", line: 0, col: 0 },
  plan: null,
  def: instructions.comment
};

// runtime/workspace/config.ts
function resolveValues(kind, schema, base, env, source, diagnostics) {
  const value = structuredClone(base);
  const fromEnv = [];
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    if (!prop.env) continue;
    const raw = env[prop.env];
    if (raw === void 0 || raw === "") continue;
    const parsed2 = fromEnvString(raw, prop);
    if (parsed2 === void 0) {
      diagnostics.push({
        severity: "error",
        code: "CONFIG_INVALID",
        message: `${prop.env}: cannot read ${JSON.stringify(kind === "secrets" ? "[hidden]" : raw)} as ${String(prop.type)} (for ${kind}.${name})`,
        location: source.locate([kind, "schema", "properties", name])
      });
      continue;
    }
    value[name] = parsed2;
    fromEnv.push(name);
  }
  if (schema) {
    let validate5;
    try {
      validate5 = compileSchema(valueAjv, schema);
    } catch (err) {
      diagnostics.push({
        severity: "error",
        code: "SCHEMA_VIOLATION",
        message: `${kind}.schema is not a valid JSON Schema: ${err.message}`,
        location: source.locate([kind, "schema"])
      });
      return value;
    }
    if (!validate5(value)) {
      for (const e of validate5.errors ?? []) {
        const prop = e.instancePath.split("/")[1];
        const origin = prop && fromEnv.includes(prop) ? ` (from ${schema.properties?.[prop]?.env})` : "";
        diagnostics.push({
          severity: "error",
          code: "CONFIG_INVALID",
          message: new DsulError("CONFIG_INVALID", {
            detail: `${kind}${e.instancePath.replace(/\//g, ".")} ${e.message}${origin}`
          }).message,
          location: source.locate(
            kind === "config" ? ["config", "value", ...e.instancePath.split("/").slice(1)] : ["secrets", "schema"]
          )
        });
      }
    }
  }
  return value;
}
function fromEnvString(raw, prop) {
  const type2 = Array.isArray(prop.type) ? prop.type[0] : prop.type;
  switch (type2) {
    case "boolean":
      return /^(true|1|yes|on)$/i.test(raw) ? true : /^(false|0|no|off)$/i.test(raw) ? false : void 0;
    case "integer":
    case "number": {
      const n = Number(raw);
      return Number.isFinite(n) && (type2 === "number" || Number.isInteger(n)) ? n : void 0;
    }
    case "array":
      return raw.split(",").map((s) => s.trim()).filter(Boolean);
    case "object":
      try {
        return JSON.parse(raw);
      } catch {
        return void 0;
      }
    default:
      return raw;
  }
}

// runtime/workspace/settings.ts
import { randomUUID as randomUUID4 } from "node:crypto";

// runtime/workspace/values.ts
function checkValues(schema, own, base = {}) {
  const value = structuredClone({ ...base, ...own });
  const problems = [];
  const known = Object.keys(schema?.properties ?? {});
  for (const name of Object.keys(own)) {
    if (schema?.properties && !known.includes(name))
      problems.push({
        pointer: [name],
        message: `is not a setting of this workspace${suggest(name, known)}` + (known.length ? ` (known: ${known.join(", ")})` : "")
      });
  }
  if (!schema) return { value, problems };
  const validate5 = compileSchema(valueAjv, schema);
  if (!validate5(value)) {
    for (const e of validate5.errors ?? []) {
      const pointer = e.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      if (e.keyword === "required")
        problems.push({
          pointer: [...pointer, e.params.missingProperty],
          message: "is required"
        });
      else if (e.keyword === "enum")
        problems.push({
          pointer,
          message: `must be one of: ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`
        });
      else problems.push({ pointer, message: e.message ?? "is invalid" });
    }
  }
  return { value, problems };
}

// runtime/workspace/settings.ts
function settingsView(ws, source, updatedAt) {
  const names = Object.keys(schemas(ws).secrets?.properties ?? {});
  const secrets = {};
  for (const name of /* @__PURE__ */ new Set([...names, ...Object.keys(ws.secret)])) {
    const v = ws.secret[name];
    secrets[name] = v !== void 0 && v !== null && v !== "";
  }
  return {
    workspace: ws.slug,
    source,
    config: structuredClone(ws.config),
    secrets,
    ...updatedAt ? { updatedAt } : {}
  };
}
function applyPatch2(own, patch) {
  const out = { ...own };
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete out[k];
    else if (v !== void 0) out[k] = v;
  }
  return out;
}
function resolve(ws, own, base) {
  const s = schemas(ws);
  const config = checkValues(s.config, own.config, base.config);
  const secrets = checkValues(s.secrets, own.secrets, base.secrets);
  const problems = [
    ...config.problems.map((p) => ({ path: ["config", ...p.pointer].join("."), message: p.message })),
    ...secrets.problems.map((p) => ({ path: ["secrets", ...p.pointer].join("."), message: p.message }))
  ];
  if (problems.length > 0) throw invalidSettings(problems);
  return { config: config.value, secrets: secrets.value };
}
function invalidSettings(problems) {
  return new DsulError("SETTINGS_INVALID", { detail: problems.map((p) => `${p.path} ${p.message}`).join("; "), problems });
}
function applyValues(ws, values) {
  const target = ws;
  target.config = deepFreeze(structuredClone(values.config));
  target.secret = deepFreeze(structuredClone(values.secrets));
  ws.redactor.addAll(values.secrets);
}
var MemorySettings = class {
  bases = /* @__PURE__ */ new WeakMap();
  overlays = /* @__PURE__ */ new WeakMap();
  async get(ws) {
    return settingsView(ws, "memory", this.overlays.get(ws)?.updatedAt);
  }
  async put(ws, patch) {
    const own = this.overlays.get(ws) ?? { config: {}, secrets: {} };
    const next = {
      config: applyPatch2(own.config, patch.config),
      secrets: applyPatch2(own.secrets, patch.secrets),
      rev: randomUUID4(),
      updatedAt: (/* @__PURE__ */ new Date()).toISOString()
    };
    applyValues(ws, resolve(ws, next, this.base(ws)));
    this.overlays.set(ws, next);
    return settingsView(ws, "memory", next.updatedAt);
  }
  /** What the workspace was loaded with, before any overlay. */
  base(ws) {
    let b = this.bases.get(ws);
    if (!b)
      this.bases.set(
        ws,
        b = {
          config: structuredClone(ws.config),
          secrets: structuredClone(ws.secret)
        }
      );
    return b;
  }
};
var memorySettings = new MemorySettings();
function schemas(ws) {
  const index = ws.info.index;
  return { config: index.config?.schema, secrets: index.secrets?.schema };
}

// runtime/workspace/source.ts
import { createHash as createHash3 } from "node:crypto";
import { isMap, isPair, isScalar as isScalar2, isSeq, LineCounter, parseDocument, Scalar } from "yaml";
var cache2;
function sourceHash(text) {
  return createHash3("sha1").update("yaml-2/uniqueKeys/strict/maxAliasCount=100\n").update(text).digest("hex");
}
function parseYaml(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  return { doc, lineCounter };
}
function lazyLocation(file, offset2, linePos) {
  let pos;
  const get = () => pos ??= linePos(offset2());
  return {
    file,
    get line() {
      return get().line;
    },
    get col() {
      return get().col;
    }
  };
}
function parseSource(file, text, diagnostics) {
  const cached2 = cache2?.get(sourceHash(text));
  let parsed2 = cached2 === void 0 ? parseYaml(text) : void 0;
  const yaml = () => parsed2 ??= parseYaml(text);
  const linePos = (offset2) => {
    const { line, col } = yaml().lineCounter.linePos(Math.max(0, Math.min(offset2, text.length)));
    return { line, col };
  };
  const at = (offset2) => ({ file, ...linePos(offset2) });
  const point = (offset2) => parsed2 ? at(offset2()) : lazyLocation(file, offset2, linePos);
  let value;
  if (cached2 !== void 0) {
    value = JSON.parse(cached2);
  } else {
    const doc = parsed2.doc;
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0];
      const more = doc.errors.length - 1;
      diagnostics.push({
        severity: "error",
        code: "YAML_SYNTAX",
        message: `${first.code}: ${firstLine(first.message)}${more > 0 ? ` (${more} more syntax error(s) after this one, probably caused by it)` : ""}`,
        location: pos ? { file, line: pos.line, col: pos.col } : at(first.pos[0])
      });
    }
    for (const w of doc.warnings) {
      const pos = w.linePos?.[0];
      diagnostics.push({
        severity: "warning",
        code: "YAML_SYNTAX",
        message: `${w.code}: ${firstLine(w.message)}`,
        location: pos ? { file, line: pos.line, col: pos.col } : at(w.pos[0])
      });
    }
    if (doc.errors.length > 0) return void 0;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      diagnostics.push({ severity: "error", code: "YAML_SYNTAX", message: err.message, location: at(0) });
      return void 0;
    }
  }
  const nodeAt = (pointer) => {
    let node = yaml().doc.contents;
    for (const seg of pointer) {
      let next;
      if (isMap(node))
        next = node.items.find((p) => isScalar2(p.key) ? String(p.key.value) === String(seg) : false)?.value;
      else if (isSeq(node)) next = node.items[Number(seg)];
      if (next === void 0 || next === null) break;
      node = next;
    }
    return node ?? null;
  };
  const offsetOf = (pointer, offset2) => {
    const node = nodeAt(pointer);
    if (!node?.range) return 0;
    if (offset2 !== void 0 && isScalar2(node) && typeof node.value === "string")
      return stringOffset(node, text, offset2);
    return node.range[0];
  };
  const keyOffsetOf = (pointer) => {
    const parent = nodeAt(pointer.slice(0, -1));
    const last = pointer[pointer.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isPair(p) && isScalar2(p.key) && String(p.key.value) === String(last));
      if (pair && isScalar2(pair.key) && pair.key.range) return pair.key.range[0];
    }
    return offsetOf(pointer);
  };
  return {
    file,
    text,
    get doc() {
      return yaml().doc;
    },
    value,
    // Copies: a lazy location must not see a caller's later changes to its path.
    locate: (pointer = [], offset2) => {
      const path2 = [...pointer];
      return point(() => offsetOf(path2, offset2));
    },
    locateKey: (pointer) => {
      const path2 = [...pointer];
      return point(() => keyOffsetOf(path2));
    }
  };
}
function stringOffset(node, text, offset2) {
  const start2 = node.range[0];
  const value = node.value;
  const quote2 = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
  const direct = start2 + quote2;
  if (text.slice(direct, direct + offset2) === value.slice(0, offset2)) return direct + offset2;
  const before = value.slice(0, offset2);
  const lineIndex = before.split("\n").length - 1;
  const lineText = value.split("\n")[lineIndex];
  const column = before.length - (before.lastIndexOf("\n") + 1);
  const found = lineText ? text.indexOf(lineText, start2) : -1;
  return found >= 0 && found < node.range[1] ? found + column : start2;
}
function firstLine(s) {
  return s.split("\n")[0];
}

// runtime/workspace/verified.ts
import { createHash as createHash4 } from "node:crypto";
function workspaceDigest(build, files) {
  const hash = createHash4("sha256").update(`verified-workspace/1
${build}
`);
  for (const [file, text] of files) hash.update(`${file}
${text.length}
`).update(text);
  return hash.digest("hex");
}
var verified;
function isBuildVerified(files) {
  return verified !== void 0 && verified.digests.size > 0 && verified.digests.has(workspaceDigest(verified.build, files));
}

// runtime/workspace/load.ts
var ALLOW_LOOPBACK_ENV = "CONFLUENCE_ALLOW_LOOPBACK";
var INDEX_FILE = join2("config", "index.yml");
function loadWorkspace(dir, options = {}) {
  const diagnostics = [];
  const env = options.env ?? process.env;
  const indexSource = readSource(dir, INDEX_FILE, diagnostics);
  if (!indexSource) return { diagnostics };
  const index = indexSource.value ?? {};
  diagnostics.push(...schemaDiagnostics(validateWorkspaceIndex(index) ?? [], indexSource));
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  const configSection = index.config ?? {};
  const config = resolveValues(
    "config",
    configSection.schema,
    { ...configSection.value, ...options.overrides?.config },
    env,
    indexSource,
    diagnostics
  );
  const secretsSchema = index.secrets?.schema;
  const secret = resolveValues(
    "secrets",
    secretsSchema,
    { ...options.overrides?.secrets },
    env,
    indexSource,
    diagnostics
  );
  const limits = { ...DEFAULT_LIMITS, ...index.limits };
  const automations = /* @__PURE__ */ new Map();
  const sources2 = /* @__PURE__ */ new Map();
  const undeclared = /* @__PURE__ */ new Map();
  const files = automationFiles(dir, diagnostics).map((file) => ({ file, text: readText(dir, file, diagnostics) }));
  const verified2 = options.overrides === void 0 && !diagnostics.some((d) => d.severity === "error") && isBuildVerified([
    [indexSource.file, indexSource.text],
    ...files.map(({ file, text }) => [file.split(sep).join("/"), text])
  ]);
  for (const { file, text } of files) {
    const before = diagnostics.length;
    const source = typeof text === "string" ? parseSource(file.split(sep).join("/"), text, diagnostics) : void 0;
    const automation = source && declare(source, file, diagnostics, verified2);
    if (!source || !automation) {
      const first = diagnostics.slice(before).find((d) => d.severity === "error");
      if (first) undeclared.set(slugOf(source?.value, file), first.location);
      continue;
    }
    const other = automations.get(automation.slug);
    if (other) {
      diagnostics.push({
        severity: "error",
        code: "DUPLICATE_SLUG",
        message: new DsulError("DUPLICATE_SLUG", { slug: automation.slug, other: other.file }).message,
        location: automation.location
      });
      continue;
    }
    automations.set(automation.slug, automation);
    sources2.set(automation.slug, source);
  }
  const imports = index.imports ?? {};
  const withSchemaErrors = new Set(diagnostics.filter((d) => d.code === "SCHEMA_VIOLATION").map((d) => d.location.file));
  const asts = /* @__PURE__ */ new Map();
  const compileEnv = {
    automations,
    options: verified2 ? { ...expressionOptions2(limits), deferCompile: true } : { ...expressionOptions2(limits), asts },
    config,
    diagnostics,
    broken: undeclared,
    imports
  };
  for (const [slug2, automation] of automations) {
    const source = sources2.get(slug2);
    const before = diagnostics.length;
    compileAutomation(automation, source, compileEnv);
    if (withSchemaErrors.has(source.file)) {
      const compiled2 = diagnostics.splice(before).filter((d) => d.code !== "INTERNAL");
      diagnostics.push(...compiled2);
    }
  }
  checkCollisions(automations, sources2, diagnostics);
  if (!verified2) analyzeWorkspace({ automations, sources: sources2, index, overrides: options.overrides, diagnostics, asts });
  asts.clear();
  sortByFile(diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  const slug = options.overrides?.slug ?? String(index.slug);
  const workspace = new Workspace(
    {
      slug,
      name: String(index.name),
      description: index.description,
      dir,
      index,
      allowLoopback: env[ALLOW_LOOPBACK_ENV] === "true"
    },
    automations,
    deepFreeze(structuredClone(config)),
    deepFreeze(structuredClone(secret)),
    limits,
    options.store ?? new MemoryStore(),
    options.log,
    { settings: memorySettings, ...options.services }
  );
  return { workspace, diagnostics };
}
function expressionOptions2(limits) {
  const { expressionTimeMs, valueBytes, expressionItems } = limits;
  return { expressionTimeMs, valueBytes, expressionItems, limits };
}
function slugOf(value, file) {
  const declared = value?.slug;
  return typeof declared === "string" ? declared : relative("automations", file).split(sep).join("/").replace(/\.ya?ml$/, "");
}
function sortByFile(diagnostics) {
  const order = /* @__PURE__ */ new Map();
  for (const d of diagnostics) if (!order.has(d.location.file)) order.set(d.location.file, order.size);
  diagnostics.sort(
    (a, b) => order.get(a.location.file) - order.get(b.location.file) || a.location.line - b.location.line || a.location.col - b.location.col
  );
}
function readSource(dir, file, diagnostics) {
  const text = readText(dir, file, diagnostics);
  return text === void 0 ? void 0 : parseSource(file.split(sep).join("/"), text, diagnostics);
}
function readText(dir, file, diagnostics) {
  try {
    return readFileSync2(join2(dir, file), "utf8");
  } catch (err) {
    diagnostics.push({
      severity: "error",
      code: "WORKSPACE_INVALID",
      message: `cannot read ${file}: ${err.code ?? err.message}`,
      location: { file, line: 1, col: 1 }
    });
    return void 0;
  }
}
function automationFiles(dir, diagnostics) {
  const root = join2(dir, "automations");
  try {
    if (!statSync(root).isDirectory()) throw new Error("not a directory");
  } catch {
    diagnostics.push({
      severity: "error",
      code: "WORKSPACE_INVALID",
      message: `no automations/ folder in ${dir}`,
      location: { file: "automations", line: 1, col: 1 }
    });
    return [];
  }
  return readdirSync(root, { recursive: true }).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml")).sort().map((f) => join2("automations", f));
}
function declare(source, file, diagnostics, verified2 = false) {
  const errors = validateAutomationFile(source.value);
  if (errors) diagnostics.push(...schemaDiagnostics(errors, source));
  if (source.value === null || typeof source.value !== "object" || Array.isArray(source.value)) return void 0;
  const raw = source.value;
  const slug = slugOf(raw, file);
  const argumentsSchema = toObjectSchema(raw.arguments ?? {});
  const problem = schemaProblem(argumentsSchema);
  if (problem) {
    const inYaml = problem.path[0] === "properties" ? ["arguments", ...problem.path.slice(1)] : ["arguments"];
    diagnostics.push({
      severity: "error",
      code: "SCHEMA_VIOLATION",
      message: `${inYaml.join(".")} is not a valid JSON Schema: ${problem.message}`,
      location: source.locate(inYaml)
    });
    return void 0;
  }
  let validateArguments2;
  try {
    validateArguments2 = compileShared(argumentsSchema, verified2);
  } catch (err) {
    diagnostics.push({
      severity: "error",
      code: "SCHEMA_VIOLATION",
      message: `arguments is not a valid JSON Schema: ${err.message}`,
      location: source.locate(["arguments"])
    });
    return void 0;
  }
  const when = raw.when ?? {};
  const endpoint = when.endpoint === true ? slug : typeof when.endpoint === "string" ? when.endpoint : void 0;
  return {
    slug,
    name: raw.name ?? slug,
    description: raw.description,
    file: source.file,
    location: source.locate([]),
    argumentsSchema,
    validateArguments: validateArguments2,
    when: {
      endpoint,
      public: when.public === true,
      mcp: when.mcp,
      events: when.events,
      schedules: checkSchedules(when.schedules, source, diagnostics)
    },
    outputSchema: raw.outputSchema,
    private: raw.private === true,
    do: [],
    raw
  };
}
function checkSchedules(schedules, source, diagnostics) {
  schedules?.forEach((pattern, i) => {
    try {
      new Cron(pattern, { paused: true, timezone: "UTC" }).stop();
    } catch (err) {
      diagnostics.push({
        severity: "error",
        code: "INVALID_VALUE",
        message: new DsulError("INVALID_VALUE", {
          instruction: "when.schedules",
          detail: `"${pattern}" is not a cron expression: ${err.message}`
        }).message,
        location: source.locate(["when", "schedules", i])
      });
    }
  });
  return schedules;
}
function toObjectSchema(args) {
  return normalizeRequired({ type: "object", properties: args, additionalProperties: false });
}
function normalizeRequired(schema) {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out = { ...schema };
  if (typeof out.required === "boolean") delete out.required;
  if (out.properties && typeof out.properties === "object") {
    const required = new Set(Array.isArray(out.required) ? out.required : []);
    const properties = {};
    for (const [name, child2] of Object.entries(out.properties)) {
      if (child2?.required === true) required.add(name);
      properties[name] = normalizeRequired(child2);
    }
    out.properties = properties;
    if (required.size > 0) out.required = [...required];
  }
  for (const key of ["items", "additionalProperties", "not"]) if (key in out) out[key] = normalizeRequired(out[key]);
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(out[key])) out[key] = out[key].map(normalizeRequired);
  }
  return out;
}

// bench/ipc.ts
import { fork } from "node:child_process";
function spawnChild(name, file, env = {}, timeoutMs = 6e4) {
  const profiled = (process.env.BENCH_CPU_PROF ?? "").split(",").includes(name);
  const flags = name === "server" ? (process.env.BENCH_SERVER_NODE_FLAGS ?? "").split(" ").filter(Boolean) : [];
  const proc = fork(file, [], {
    execArgv: [
      ...file.pathname.endsWith(".ts") ? ["--import", "tsx"] : [],
      ...flags,
      ...profiled ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR ?? "bench-profiles"}`] : []
    ],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"]
  });
  const pending = /* @__PURE__ */ new Map();
  let next = 0;
  return new Promise((resolve2, reject) => {
    const timer = setTimeout(() => {
      proc.kill();
      reject(new Error(`${name}: not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    proc.on("exit", (code) => {
      clearTimeout(timer);
      for (const p of pending.values()) p.reject(new Error(`${name} exited (${code}) during a call`));
      pending.clear();
      reject(new Error(`${name} exited (${code}) before it was ready`));
    });
    proc.on("message", (m) => {
      if (m.ready !== void 0) {
        clearTimeout(timer);
        resolve2(child(name, proc, m.ready, pending, () => next++));
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error !== void 0) p.reject(new Error(`${name}: ${m.error}`));
      else p.resolve(m.value);
    });
  });
}
function child(name, proc, info, pending, id) {
  return {
    name,
    pid: proc.pid,
    info,
    call(cmd, args) {
      const n = id();
      return new Promise((resolve2, reject) => {
        pending.set(n, { resolve: resolve2, reject });
        proc.send({ id: n, cmd, args });
      });
    },
    stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
      return new Promise((resolve2) => {
        proc.once("exit", () => resolve2());
        proc.kill("SIGTERM");
      });
    }
  };
}

// bench/stats.ts
function median(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

// bench/targets.ts
import { join as join4 } from "node:path";

// runtime/core/package-root.ts
import { existsSync, readFileSync as readFileSync3 } from "node:fs";
import { dirname, join as join3 } from "node:path";
import { fileURLToPath } from "node:url";
function findRoot(start2) {
  for (let dir = start2; ; dir = dirname(dir)) {
    const manifest = join3(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync3(manifest, "utf8")).name === "confluence-next")
      return dir;
    if (dirname(dir) === dir) throw new Error(`confluence-next: no package.json of confluence-next above ${start2}`);
  }
}
var PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
var PACKAGE_VERSION = JSON.parse(readFileSync3(join3(PACKAGE_ROOT, "package.json"), "utf8")).version;

// bench/targets.ts
var ROOT2 = PACKAGE_ROOT;
var BUNDLE_DIR = join4(ROOT2, "dist", "bench");
var AGENT = "bench-agent";
var USER = "bench-user";
var EMAIL = "bench@example.com";
var API_TOKEN = "bench-api-token-0123456789";
var ACTIONS = ["get", "getBody", "list"];
function workspaceEnv(fakeUrl) {
  return {
    CONFLUENCE_AUTH_MODE: "apiToken",
    CONFLUENCE_SITE_URL: fakeUrl,
    CONFLUENCE_EMAIL: EMAIL,
    CONFLUENCE_API_TOKEN: API_TOKEN,
    CONFLUENCE_ALLOWED_AGENTS: AGENT,
    CONFLUENCE_ALLOW_LOOPBACK: "true"
    // the fake listens on loopback
  };
}
function toolArguments(action2, ids, page = "id") {
  const identity = { agent_id: AGENT, user_id: USER };
  switch (action2) {
    case "get":
      return { action: action2, [page]: ids.pageId, ...identity };
    // `markdown`: the storage → Markdown conversion this row measures (`storage` is returned as is).
    case "getBody":
      return { action: action2, [page]: ids.pageId, bodyFormat: "markdown", outputFormat: "verbose", ...identity };
    case "list":
      return { action: action2, spaceId: ids.spaceId, ...identity };
  }
}
function automationCall(action2, ids) {
  const { action: _, agent_id: _a, user_id: _u, outputFormat: _o, ...args } = toolArguments(action2, ids);
  return { slug: action2 === "getBody" ? "pages/getBody" : `pages/${action2}`, args };
}
var BASIC_AUTH = `Basic ${Buffer.from(`${EMAIL}:${API_TOKEN}`).toString("base64")}`;

// bench/profile.ts
var action = process.argv[2] ?? "get";
if (!ACTIONS.includes(action)) throw new Error(`action must be one of ${ACTIONS.join(", ")}`);
var calls = Number(process.argv[3] ?? 2e3);
var concurrency = Number(process.argv[4] ?? 1);
var fake = await spawnChild("fake", new URL("./fake.ts", import.meta.url));
try {
  const { workspace, diagnostics } = loadWorkspace(ROOT2, { env: workspaceEnv(fake.info.url) });
  if (!workspace) throw new Error(diagnostics.map(formatDiagnostic).join("\n"));
  const { slug, args } = automationCall(action, fake.info);
  const options = { identity: { agentId: AGENT, userId: USER }, trigger: { type: "mcp", value: `pages.${action}` } };
  for (let i = 0; i < Math.min(500, calls); i++) await workspace.run(slug, args, options);
  const latencies = [];
  let left = calls;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const t0 = performance.now();
        await workspace.run(slug, args, options);
        latencies.push(performance.now() - t0);
      }
    })
  );
  const secs = (performance.now() - started) / 1e3;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1e3 / calls;
  console.log(
    `${slug}: ${calls} calls at c ${concurrency}: ${Math.round(calls / secs)} calls/s, p50 ${median(latencies).toFixed(3)} ms, CPU ${cpuMs.toFixed(3)} ms/call`
  );
} finally {
  await fake.stop();
}
