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
