//! The fuzz seed corpora (`fuzz/corpus/{parse,lint,roundtrip}`), fed to the server
//! as edits of one open document — whole-text changes and incremental edits at
//! arbitrary (often out-of-range) positions — with a completion, hover, format,
//! symbol, token and code-action request after each: no panic, no internal error,
//! and the server still answers at the end.

use serde_json::{Value, json};

use super::client::Client;

/// The corpus inputs, each at most 4 KiB (lossily decoded: the protocol carries
/// text), at most 120 of them, so the test runs in seconds.
fn corpus() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut out = Vec::new();
    for target in ["parse", "lint", "roundtrip"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(target))
            .expect("the fuzz corpus")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).expect("a corpus file");
            let bytes = &bytes[..bytes.len().min(4096)];
            out.push(String::from_utf8_lossy(bytes).into_owned());
        }
    }
    out.truncate(120);
    out
}

#[test]
fn the_fuzz_corpus_as_edits_never_panics_the_server() {
    let inputs = corpus();
    assert!(inputs.len() >= 50, "the corpus is there: {}", inputs.len());
    let mut c = Client::initialized(&[], json!(null));
    let uri = "file:///fuzz.crql";
    c.open(uri, "");
    for (i, text) in inputs.iter().enumerate() {
        let version = i as i64 + 2;
        let n = i as u64;
        let change = if i % 2 == 0 {
            json!({"text": text})
        } else {
            // Anywhere, including past the end of the line or the text.
            json!({"range": {"start": {"line": n % 4, "character": (n * 7) % 50},
                             "end": {"line": n % 6, "character": (n * 13) % 90}},
                   "text": text})
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        let pos = json!({"line": n % 3, "character": (n * 5) % 40});
        let doc = json!({"uri": uri});
        for (method, params) in [
            (
                "textDocument/completion",
                json!({"textDocument": doc, "position": pos}),
            ),
            (
                "textDocument/hover",
                json!({"textDocument": doc, "position": pos}),
            ),
            (
                "textDocument/definition",
                json!({"textDocument": doc, "position": pos}),
            ),
            (
                "textDocument/formatting",
                json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
            ),
            ("textDocument/documentSymbol", json!({"textDocument": doc})),
            (
                "textDocument/semanticTokens/full",
                json!({"textDocument": doc}),
            ),
            (
                "textDocument/codeAction",
                json!({"textDocument": doc, "range": {"start": pos, "end": pos}, "context": {"diagnostics": []}}),
            ),
        ] {
            let r = c.request(method, params);
            assert!(
                r.get("error").is_none(),
                "input {i}, {method}: {r}\n{text:?}"
            );
        }
    }
    let last = inputs.len() as i64 + 1;
    c.diagnostics(uri, last);
    let logged: Vec<Value> = c
        .drain(std::time::Duration::from_millis(200))
        .into_iter()
        .filter(|m| m["method"] == "window/logMessage")
        .collect();
    assert!(logged.is_empty(), "{logged:?}");
    assert!(!c.stderr.lock().unwrap().contains("panicked"));
    assert_eq!(c.shutdown(), 0);
}
