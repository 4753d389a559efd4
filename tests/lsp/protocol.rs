//! The protocol's life cycle and robustness: initialize, shutdown and exit codes,
//! malformed messages, the message size bound, caught panics.

use serde_json::{Value, json};

use super::client::Client;

#[test]
fn initialize_announces_every_capability_and_shutdown_then_exit_is_status_0() {
    let mut c = Client::start(&[]);
    let caps = c.initialize(json!(null));
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    for cap in [
        "documentFormattingProvider",
        "documentRangeFormattingProvider",
        "codeActionProvider",
        "completionProvider",
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentSymbolProvider",
        "semanticTokensProvider",
    ] {
        assert!(!caps[cap].is_null() && caps[cap] != false, "{cap}: {caps}");
    }
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.crql"])
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn exit_without_shutdown_is_status_1_and_so_is_a_closed_stdin() {
    let mut c = Client::initialized(&[], json!(null));
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), 1);
    let mut c = Client::initialized(&[], json!(null));
    c.close_stdin();
    assert_eq!(c.exit_code(), 1);
}

#[test]
fn requests_before_initialize_and_after_shutdown_are_refused() {
    let mut c = Client::start(&[]);
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    c.initialize(json!(null));
    let r = c.request("initialize", json!({"capabilities": {}}));
    assert_eq!(r["error"]["code"], -32600, "{r}");
    let r = c.request("shutdown", Value::Null);
    assert!(r.get("error").is_none());
    let r = c.request("textDocument/formatting", json!({}));
    assert_eq!(r["error"]["code"], -32600, "{r}");
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), 0);
}

#[test]
fn malformed_messages_get_json_rpc_errors_and_the_server_goes_on() {
    let mut c = Client::initialized(&[], json!(null));
    // Not JSON.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let e = c.wait_for(|m| m.get("error").is_some());
    assert_eq!(
        (e["id"].clone(), e["error"]["code"].clone()),
        (Value::Null, json!(-32700)),
        "{e}"
    );
    // JSON, but no JSON-RPC message: its id comes back.
    c.send(&json!({"jsonrpc": "2.0", "id": 41, "params": 3}));
    let e = c.wait_for(|m| m.get("error").is_some());
    assert_eq!(
        (e["id"].clone(), e["error"]["code"].clone()),
        (json!(41), json!(-32600)),
        "{e}"
    );
    // No Content-Length.
    c.send_raw(b"Content-Type: x\r\n\r\n");
    let e = c.wait_for(|m| m.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700, "{e}");
    // Wrong parameters, an unknown method.
    let r = c.request("textDocument/formatting", json!({"textDocument": 5}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = c.request("crql/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // Still answering.
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_message_over_the_size_limit_is_skipped_with_an_error() {
    let mut c = Client::initialized(&["--max-message-bytes", "2000"], json!(null));
    let big = "x".repeat(5000);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///big.crql", "languageId": "crql", "version": 1, "text": big}}),
    );
    let e = c.wait_for(|m| m.get("error").is_some());
    assert_eq!(e["error"]["code"], -32600, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("over the limit of 2000"),
        "{e}"
    );
    // A header that claims far more than it sends must not make the server allocate
    // it: the claim is refused before reading, and the next message still works.
    let r = c.request("crql/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    // A header line too long to be one.
    c.send_raw(format!("Content-Length: {}\r\n\r\n", "9".repeat(5000)).as_bytes());
    let e = c.wait_for(|m| m.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700, "{e}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_claimed_length_beyond_the_limit_is_never_allocated() {
    let mut c = Client::initialized(&["--max-message-bytes", "2000"], json!(null));
    // 1 TB claimed, 10 bytes sent, then the stream closes: the server must not try
    // to hold 1 TB; it reads what comes, and ends at the end of its input.
    c.send_raw(b"Content-Length: 1000000000000\r\n\r\n0123456789");
    c.close_stdin();
    assert_eq!(c.exit_code(), 1);
}

#[test]
fn a_panic_in_a_request_is_an_error_response_not_a_crash() {
    let mut c = Client::initialized(&["--test-panic"], json!(null));
    let r = c.request("crql/testPanic", json!({}));
    assert_eq!(r["error"]["code"], -32603, "{r}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("internal error")
    );
    let uri = "file:///p.crql";
    let d = c.open(
        uri,
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL",
    );
    assert_eq!(d[0]["code"], "W0403");
    assert_eq!(c.shutdown(), 0);
    // Without the flag the method does not exist.
    let mut c = Client::initialized(&[], json!(null));
    assert_eq!(
        c.request("crql/testPanic", json!({}))["error"]["code"],
        -32601
    );
}

#[test]
fn documents_past_the_open_documents_limit_are_not_kept() {
    let mut c = Client::initialized(&["--max-documents", "2"], json!(null));
    let text = "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL";
    assert_eq!(c.open("file:///1.crql", text)[0]["code"], "W0403");
    assert_eq!(c.open("file:///2.crql", text)[0]["code"], "W0403");
    let third = c.open("file:///3.crql", text);
    assert_eq!(third.len(), 1);
    assert!(
        third[0]["message"]
            .as_str()
            .unwrap()
            .contains("at most 2 open documents"),
        "{third:?}"
    );
    // Not kept: a request on it is refused.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///3.crql"}}),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///1.crql"}}),
    );
    assert_eq!(c.open("file:///3.crql", text)[0]["code"], "W0403");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn file_watchers_are_registered_when_the_client_can_watch() {
    let mut c = Client::start(&[]);
    c.request(
        "initialize",
        json!({"capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    c.notify("initialized", json!({}));
    let reg = c.wait_for(|m| m["method"] == "client/registerCapability");
    let r = &reg["params"]["registrations"][0];
    assert_eq!(r["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = r["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert!(globs.contains(&"**/crql.toml"), "{globs:?}");
    // The client's answer is taken without complaint.
    c.send(&json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_bad_crql_toml_is_shown_once_and_the_defaults_apply() {
    let p = super::client::Project::new("badtoml");
    p.write("crql.toml", "[lint]\nignor = [\"W0403\"]\n");
    let text = "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL";
    let uri = p.write("q.crql", text);
    let mut c = Client::initialized(&[], json!(null));
    assert_eq!(c.open(&uri, text)[0]["code"], "W0403");
    let shown = c.wait_for(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("crql.toml:2") && message.contains("ignor"),
        "{message}"
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn the_stdio_flag_editors_pass_is_accepted() {
    let mut c = Client::initialized(&["--stdio"], json!(null));
    let d = c.open("file:///stdio.crql", "SELECT TOP 5 FristName FROM cmClient");
    assert_eq!(d[0]["code"], "W0102");
    assert_eq!(c.shutdown(), 0);
}
