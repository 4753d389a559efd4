//! `crql` for JavaScript: the core (parser, linter, printer, binder, URL encoding)
//! compiled to WebAssembly with wasm-bindgen.
//!
//! Each export takes and returns strings: options and results travel as JSON, which
//! the hand-written wrapper in `js/api.js` turns into objects, and failures come back
//! as `{"error": ...}` for it to throw as `CrqlError`, `TypeError` or `RangeError`.
//! One JSON string per call costs less code (and .wasm) than building JS objects
//! field by field across the boundary, and is as fast for these result sizes.

use std::sync::Once;

use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

mod findings;
mod options;
mod params;
mod positions;

use options::{FormatArgs, LintOptions, UrlOptions};

/// Why a call failed; the wrapper throws each as its own JavaScript error.
#[derive(Debug)]
pub enum Failure {
    /// Bad CRQL or a bad schema: a `CrqlError` with the diagnostics (possibly none).
    Crql {
        /// The error's message.
        message: String,
        /// The diagnostics, as [`findings::to_json`] makes them.
        diagnostics: Vec<Value>,
    },
    /// An argument of the wrong type or an unknown option: a `TypeError`.
    Type(String),
    /// An argument out of range: a `RangeError`.
    Range(String),
}

impl Failure {
    /// A `CrqlError` for `diagnostics` of `text`, named after the first one.
    fn refused(text: &str, diagnostics: &[crql::Diagnostic]) -> Failure {
        let message = diagnostics.first().map_or_else(
            || "refused".to_owned(),
            |d| format!("{}: {}", d.code, d.message),
        );
        Failure::Crql {
            message,
            diagnostics: findings::to_json(text, diagnostics),
        }
    }
}

/// The JSON the wrapper reads: `{"ok": value}` or `{"error": {kind, message,
/// diagnostics}}`.
fn reply(result: Result<Value, Failure>) -> String {
    let v = match result {
        Ok(v) => json!({ "ok": v }),
        Err(Failure::Crql {
            message,
            diagnostics,
        }) => json!({"error": {"kind": "crql", "message": message, "diagnostics": diagnostics}}),
        Err(Failure::Type(m)) => json!({"error": {"kind": "type", "message": m}}),
        Err(Failure::Range(m)) => json!({"error": {"kind": "range", "message": m}}),
    };
    v.to_string()
}

/// Makes a panic a thrown JavaScript `Error` (the wrapper recognises its prefix and
/// starts a fresh instance) instead of a bare `unreachable` trap with no message.
fn hook_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = format!("crql panicked: {info}");
            if cfg!(target_arch = "wasm32") {
                wasm_bindgen::throw_str(&message);
            }
            eprintln!("{message}");
        }));
    });
}

/// Lints `text` (a script: parse errors and `crql:allow` comments included).
#[wasm_bindgen]
pub fn lint(text: &str, options: &str) -> String {
    hook_panics();
    reply(lint_value(text, options))
}

fn lint_value(text: &str, options: &str) -> Result<Value, Failure> {
    let o: LintOptions = options::parse("lint options", options)?;
    for (flag, selectors) in [("select", &o.select), ("ignore", &o.ignore)] {
        for s in selectors {
            if !crql::lint::codes()
                .any(|c| crql::lint::code_matches(c.as_str(), std::slice::from_ref(s)))
            {
                return Err(Failure::Range(format!(
                    "lint options: {flag} {s:?} matches no code that linting reports (see rules())"
                )));
            }
        }
    }
    let schema = options::schema(o.schema.as_ref())?;
    let mut linter = crql::lint::Linter::new(&schema);
    if !o.select.is_empty() {
        linter = linter.select(&o.select);
    }
    linter = linter.ignore(&o.ignore);
    Ok(Value::Array(findings::to_json(
        text,
        &linter.lint_text(text),
    )))
}

/// Formats a script as `crql fmt` does, keeping every comment.
#[wasm_bindgen]
pub fn format(text: &str, options: &str) -> String {
    hook_panics();
    reply(format_value(text, options))
}

fn format_value(text: &str, options: &str) -> Result<Value, Failure> {
    let o: FormatArgs = options::parse("format options", options)?;
    let opts = o.options()?;
    let script = crql::parse_script(text)
        .map_err(|e| Failure::refused(text, std::slice::from_ref(e.diagnostic())))?;
    let formatted = crql::print::format_script(text, &script, &opts);
    // As `crql fmt`: a byte-order mark stays, for the editor that saved it.
    Ok(Value::String(if text.starts_with('\u{FEFF}') {
        format!("\u{FEFF}{formatted}")
    } else {
        formatted
    }))
}

/// The syntax tree of a script, as `crql parse --json` prints it.
#[wasm_bindgen]
pub fn parse(text: &str) -> String {
    hook_panics();
    reply(
        crql::parse_script(text)
            .map_err(|e| Failure::refused(text, std::slice::from_ref(e.diagnostic())))
            .and_then(|s| serde_json::to_value(&s).map_err(|e| Failure::Type(e.to_string()))),
    )
}

/// The request URL of a query's first page (or `page`), as `crql url` prints it.
#[wasm_bindgen(js_name = toUrl)]
pub fn to_url(text: &str, options: &str) -> String {
    hook_panics();
    reply(url_value(text, options))
}

/// The transport of a client that only prints URLs: `url` never sends.
struct NoNetwork;

impl crql::exec::Transport for NoNetwork {
    fn send(
        &self,
        _: &crql::exec::Request,
    ) -> Result<crql::exec::Response, crql::exec::TransportError> {
        Err(crql::exec::TransportError::Other(
            "the WebAssembly package sends nothing".into(),
        ))
    }
}

fn url_value(text: &str, options: &str) -> Result<Value, Failure> {
    let o: UrlOptions = options::parse("toUrl options", options)?;
    let query = crql::parse(text)
        .map_err(|e| Failure::refused(text, std::slice::from_ref(e.diagnostic())))?;
    let mut b = crql::exec::ClientBuilder::new();
    // Without a schema the client lints against the built-in one, uncopied.
    if o.schema.as_ref().is_some_and(|s| !s.is_null()) {
        b = b.schema((*options::schema(o.schema.as_ref())?).clone());
    }
    let mut b = b.transport(NoNetwork).endpoint(
        o.endpoint
            .unwrap_or_else(|| crql::exec::PRODUCTION_ENDPOINT.to_owned()),
    );
    if let Some(n) = o.page_size {
        b = b.page_size(n);
    }
    let client = b
        .build()
        .map_err(|e| Failure::Range(format!("toUrl options: {e}")))?;
    let opts = crql::exec::QueryOptions {
        start_page: o.page,
        ..Default::default()
    };
    match client.url(&query, opts) {
        Ok(url) => Ok(Value::String(url)),
        Err(crql::exec::Error::Lint { diagnostics }) => Err(Failure::refused(text, &diagnostics)),
        Err(e) => Err(Failure::Range(format!("toUrl: {e}"))),
    }
}

/// The length of `text` once URL-encoded as CTAPI's `query` parameter.
#[wasm_bindgen(js_name = encodedLength)]
pub fn encoded_length(text: &str) -> usize {
    hook_panics();
    crql::ctapi::encoded_len(text)
}

/// Replaces the `:name` placeholders of one query with literals; `params` is a JSON
/// object. Values are quoted by the printer, so they can never become syntax.
#[wasm_bindgen]
pub fn bind(text: &str, params: &str) -> String {
    hook_panics();
    reply(bind_value(text, params))
}

fn bind_value(text: &str, params: &str) -> Result<Value, Failure> {
    let params: Value =
        serde_json::from_str(params).map_err(|e| Failure::Type(format!("bind: params: {e}")))?;
    let params = params::from_json(&params)?;
    crql::bind(text, params)
        .map(|q| Value::String(q.to_string()))
        .map_err(|e| Failure::refused(text, e.diagnostics()))
}

/// Splits a query whose `IN` list makes it too long into queries that fit.
#[wasm_bindgen(js_name = splitInList)]
pub fn split_in_list(text: &str) -> String {
    hook_panics();
    reply(split_value(text))
}

fn split_value(text: &str) -> Result<Value, Failure> {
    let query = crql::parse(text)
        .map_err(|e| Failure::refused(text, std::slice::from_ref(e.diagnostic())))?;
    let parts =
        crql::build::split_in_list(&query).map_err(|e| Failure::refused(text, e.diagnostics()))?;
    Ok(parts.iter().map(|q| Value::String(q.to_string())).collect())
}

/// Every code crql reports, as `crql rules` lists them.
#[wasm_bindgen]
pub fn rules() -> String {
    hook_panics();
    let list: Vec<Value> = crql::Code::ALL
        .iter()
        .map(|&c| {
            let i = c.info();
            json!({
                "code": c.as_str(),
                "severity": i.severity.to_string(),
                "name": i.name,
                "summary": i.summary,
                "fixable": crql::lint::fix::fixable(c).is_some(),
            })
        })
        .collect();
    Value::Array(list).to_string()
}

/// The package's version (the crql crate's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Panics, for the test that a panic becomes a thrown error and the next call works.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    hook_panics();
    panic!("on purpose");
}
