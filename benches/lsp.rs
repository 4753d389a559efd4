//! The language server's latency on a 500-statement document (the first 500
//! statements of the bench corpus), in process, through the server's own message
//! handler (`crql::lsp::Server::handle`, then `flush`, which publishes): what
//! `crql lsp` does per message, without the pipe.
//!
//! - `didChange->publishDiagnostics`: an incremental edit (one character typed or
//!   deleted mid-document), then the re-check and the publishDiagnostics message.
//!   Target < 50 ms.
//!   Also with one statement broken (a syntax error), the state while typing.
//! - `completion`: a completion request in a field list mid-document. Target < 10 ms.
//!
//! `cargo bench --bench lsp --features lsp`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crql::lsp::{Options, Server};
use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::json;

const CORPUS: &str = include_str!("corpus/queries.crql");
const URI: &str = "untitled:bench.crql";

/// The first `n` statements of the corpus.
fn document(n: usize) -> String {
    let script = crql::parse_script(CORPUS).expect("the corpus parses");
    assert!(script.statements.len() >= n);
    let end = script.statements[n - 1].span().end;
    format!("{};\n", &CORPUS[..end])
}

fn note(method: &str, params: serde_json::Value) -> Message {
    Message::Notification(Notification::new(method.into(), params))
}

fn lsp(c: &mut Criterion) {
    let text = document(500);
    let lines = text.lines().count() as u32;
    let mut server = Server::new(Options::default());
    server.handle(Message::Request(Request::new(
        RequestId::from(0),
        "initialize".into(),
        json!({"capabilities": {}}),
    )));
    server.handle(note("initialized", json!({})));
    server.handle(note(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "crql", "version": 1, "text": text}}),
    ));
    assert_eq!(server.flush().len(), 1);

    let mid = lines / 2;
    let mut version = 1;
    let mut group = c.benchmark_group("lsp");
    group.bench_function("didChange->publishDiagnostics (500 statements)", |b| {
        b.iter(|| {
            version += 1;
            // Type a space at the start of the middle line, then delete it.
            let change = if version % 2 == 0 {
                json!({"range": {"start": {"line": mid, "character": 0}, "end": {"line": mid, "character": 0}}, "text": " "})
            } else {
                json!({"range": {"start": {"line": mid, "character": 0}, "end": {"line": mid, "character": 1}}, "text": ""})
            };
            server.handle(note(
                "textDocument/didChange",
                json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}),
            ));
            let out = server.flush();
            assert!(matches!(&out[..], [Message::Notification(n)] if n.method == "textDocument/publishDiagnostics"));
            black_box(out)
        })
    });
    // The same with the middle statement broken (half typed): the other 499 are
    // still linted, each statement parsed on its own once.
    let broken = {
        let mut lines: Vec<&str> = text.lines().collect();
        lines[mid as usize] = "select top 5 from;";
        lines.join("\n")
    };
    version += 1;
    server.handle(note(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": broken}]}),
    ));
    server.flush();
    let after = mid + 10;
    group.bench_function("didChange->publishDiagnostics (500 statements, one broken)", |b| {
        b.iter(|| {
            version += 1;
            let change = if version % 2 == 0 {
                json!({"range": {"start": {"line": after, "character": 0}, "end": {"line": after, "character": 0}}, "text": " "})
            } else {
                json!({"range": {"start": {"line": after, "character": 0}, "end": {"line": after, "character": 1}}, "text": ""})
            };
            server.handle(note(
                "textDocument/didChange",
                json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}),
            ));
            let out = server.flush();
            assert!(matches!(&out[..], [Message::Notification(n)] if n.method == "textDocument/publishDiagnostics"
                && n.params["diagnostics"].as_array().is_some_and(|d| d.iter().any(|x| x["code"] == "E0001"))));
            black_box(out)
        })
    });
    server.handle(note(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": version + 1}, "contentChanges": [{"text": text}]}),
    ));
    server.flush();
    // The cursor right after `select top N ` of the middle line's statement.
    let line_text = text.lines().nth(mid as usize).unwrap_or_default();
    let character = line_text
        .to_ascii_lowercase()
        .find("top ")
        .map_or(7, |i| i + 4 + line_text[i + 4..].find(' ').unwrap_or(0) + 1)
        as u32;
    let mut id = 0;
    group.bench_function("completion (500 statements)", |b| {
        b.iter(|| {
            id += 1;
            let out = server.handle(Message::Request(Request::new(
                RequestId::from(id),
                "textDocument/completion".into(),
                json!({"textDocument": {"uri": URI}, "position": {"line": mid, "character": character}}),
            )));
            assert!(matches!(&out[..], [Message::Response(r)] if r.response_result.is_ok()));
            black_box(out)
        })
    });
    group.finish();
}

criterion_group!(benches, lsp);
criterion_main!(benches);
