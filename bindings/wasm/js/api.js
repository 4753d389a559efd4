// The package's functions, over the raw exports of the wasm-bindgen glue
// (crql_wasm.js): options go in as JSON, results come back as JSON, and a failure
// comes back as {"error": ...} to be thrown here as CrqlError, TypeError or
// RangeError. The entries (node.js, browser.js) instantiate the module first.
import * as raw from "./crql_wasm.js";

/** A query crql refuses; `diagnostics` says why (see index.d.ts). */
export class CrqlError extends Error {
  constructor(message, diagnostics) {
    super(message);
    this.name = "CrqlError";
    this.diagnostics = diagnostics;
  }
}

// Set by the entry: makes a fresh instance after a panic, whose trap leaves the
// old one's stack and allocator where the panic stopped them.
export const internals = { recover: null };

const PANIC = "crql panicked";

function call(f, ...args) {
  try {
    return f(...args);
  } catch (e) {
    const panicked = e instanceof Error && e.message.startsWith(PANIC);
    if (panicked || e instanceof WebAssembly.RuntimeError) {
      internals.recover?.();
      if (panicked) throw e;
      throw new Error(`${PANIC}: ${e.message}`, { cause: e });
    }
    throw e;
  }
}

function unwrap(json) {
  const r = JSON.parse(json);
  if ("ok" in r) return r.ok;
  const { kind, message, diagnostics } = r.error;
  if (kind === "type") throw new TypeError(message);
  if (kind === "range") throw new RangeError(message);
  throw new CrqlError(message, diagnostics);
}

function text(fn, t) {
  if (typeof t !== "string") {
    throw new TypeError(`${fn}: the query must be a string, not ${describe(t)}`);
  }
  return t;
}

function options(fn, o) {
  if (o === undefined || o === null) return "";
  if (typeof o !== "object" || Array.isArray(o)) {
    throw new TypeError(`${fn}: options must be an object, not ${describe(o)}`);
  }
  return JSON.stringify(o);
}

function describe(v) {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}

export function lint(source, opts) {
  return unwrap(call(raw.lint, text("lint", source), options("lint", opts)));
}

export function format(source, opts) {
  return unwrap(call(raw.format, text("format", source), options("format", opts)));
}

export function parse(source) {
  return unwrap(call(raw.parse, text("parse", source)));
}

export function toUrl(source, opts) {
  return unwrap(call(raw.toUrl, text("toUrl", source), options("toUrl", opts)));
}

export function encodedLength(source) {
  return call(raw.encodedLength, text("encodedLength", source));
}

// JSON would carry NaN and the infinities as null, and drop undefined: refused
// here, where the value is still what the caller gave.
function checkParam(name, v, inList) {
  if (v === null || typeof v === "string" || typeof v === "boolean") return;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      throw new RangeError(`bind: :${name} is ${v}, which CRQL cannot spell`);
    }
    return;
  }
  if (Array.isArray(v) && !inList) {
    for (const item of v) checkParam(name, item, true);
    return;
  }
  throw new TypeError(
    `bind: :${name} is ${describe(v)}; a value is a string, number, boolean, null` +
      (inList ? "" : ", or an array of those"),
  );
}

export function bind(source, params) {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new TypeError(`bind: params must be a plain object, not ${describe(params)}`);
  }
  for (const [name, v] of Object.entries(params)) checkParam(name, v, false);
  return unwrap(call(raw.bind, text("bind", source), JSON.stringify(params)));
}

export function splitInList(source) {
  return unwrap(call(raw.splitInList, text("splitInList", source)));
}

export function rules() {
  return JSON.parse(call(raw.rules));
}

// For the test that a panic is a thrown Error and the package recovers from it.
internals.panicForTests = () => call(raw.__panicForTests);
