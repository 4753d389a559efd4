//! Diagnostics: what `crql check` finds, pushed on open, change and save, with
//! codes, severities, documentation links and UTF-16 ranges.

use serde_json::json;

use super::client::{Client, Project, utf16_position};

fn codes(d: &[serde_json::Value]) -> Vec<&str> {
    d.iter().map(|x| x["code"].as_str().unwrap()).collect()
}

#[test]
fn findings_carry_code_source_severity_help_and_documentation() {
    let mut c = Client::initialized(&[], json!(null));
    let text = "SELECT TOP 5 FristName FROM cmClient WHERE ClientID = NULL";
    let d = c.open("file:///a.crql", text);
    assert_eq!(codes(&d), ["W0102", "W0403"]);
    for x in &d {
        assert_eq!(x["source"], "crql");
        assert_eq!(x["severity"], 2, "warnings are 2");
        let href = x["codeDescription"]["href"].as_str().unwrap();
        assert!(
            href.ends_with(&format!("#variant.{}", x["code"].as_str().unwrap())),
            "{href}"
        );
    }
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("help: did you mean `FirstName`?"),
        "{}",
        d[0]
    );
    let e = c.open("file:///b.crql", "SELECT TOP 5 ClientID FROM");
    assert_eq!(
        (e[0]["code"].as_str(), e[0]["severity"].as_i64()),
        (Some("E0001"), Some(1))
    );
}

#[test]
fn ranges_count_utf16_units_after_accents_and_emoji() {
    let mut c = Client::initialized(&[], json!(null));
    let text = "SELECT TOP 5 ClientID FROM cmClient\nWHERE LastName = 'Müller' AND FirstName = '😀' AND ClientID = NULL";
    let d = c.open("file:///u.crql", text);
    let w = d.iter().find(|x| x["code"] == "W0403").expect("W0403");
    let start = text.find("ClientID = NULL").unwrap();
    let (line, ch) = utf16_position(text, start);
    assert_eq!(
        (line, ch),
        (1, 51),
        "the byte column is 54: ü and the emoji save 3"
    );
    assert_eq!(w["range"]["start"], json!({"line": line, "character": ch}));
    let (eline, ech) = utf16_position(text, text.len());
    assert_eq!(w["range"]["end"], json!({"line": eline, "character": ech}));
}

#[test]
fn a_syntax_error_in_one_statement_leaves_the_others_checked() {
    let mut c = Client::initialized(&[], json!(null));
    let text = "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL;\nSELECT TOP 5 FROM cmClient;\nSELECT TOP 5 FristName FROM cmClient;";
    let d = c.open("file:///s.crql", text);
    assert_eq!(codes(&d), ["W0403", "E0001", "W0102"]);
    assert_eq!(d[1]["range"]["start"]["line"], 1);
    assert_eq!(d[2]["range"]["start"]["line"], 2);
}

#[test]
fn incremental_changes_and_saves_republish() {
    let mut c = Client::initialized(&[], json!(null));
    let uri = "file:///c.crql";
    assert_eq!(
        codes(&c.open(uri, "SELECT TOP 5 ClientID FROM cmClient")),
        Vec::<&str>::new()
    );
    // Type ` WHERE ClientID = NULL` at the end, in two edits.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 35}, "end": {"line": 0, "character": 35}}, "text": " WHERE ClientID"},
            {"range": {"start": {"line": 0, "character": 50}, "end": {"line": 0, "character": 50}}, "text": " = NULL"},
        ]}),
    );
    let d = c.diagnostics(uri, 2);
    assert_eq!(codes(&d), ["W0403"]);
    assert_eq!(d[0]["range"]["end"]["character"], 57);
    // Replace `NULL` by `1`: the finding goes.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 53}, "end": {"line": 0, "character": 57}}, "text": "1"},
        ]}),
    );
    assert_eq!(codes(&c.diagnostics(uri, 3)), Vec::<&str>::new());
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(codes(&c.diagnostics(uri, 3)), Vec::<&str>::new());
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let m = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    assert_eq!(m["params"]["diagnostics"], json!([]));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn documents_over_the_size_limit_get_one_diagnostic_and_no_check() {
    let mut c = Client::initialized(&["--max-document-bytes", "100"], json!(null));
    let uri = "file:///big.crql";
    let text = format!(
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL -- {}",
        "x".repeat(100)
    );
    let d = c.open(uri, &text);
    assert_eq!(codes(&d), ["E0002"]);
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("over the limit of 100"),
        "{}",
        d[0]
    );
    // Growing it by incremental edits does not lift the bound; a full change that
    // fits is checked again.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"},
        ]}),
    );
    assert_eq!(codes(&c.diagnostics(uri, 2)), ["E0002"]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"text": "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL"},
        ]}),
    );
    assert_eq!(codes(&c.diagnostics(uri, 3)), ["W0403"]);
    // The editor may lower the limit (never raise it past the command line's).
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"crql": {"maxDocumentBytes": 20}}}),
    );
    assert_eq!(codes(&c.diagnostics(uri, 3)), ["E0002"]);
}

#[test]
fn the_projects_crql_toml_and_schema_and_the_editors_settings_apply() {
    let p = Project::new("config");
    p.write(
        "crql.toml",
        "[lint]\nignore = [\"W0403\"]\nschema = [\"schema.json\"]\n",
    );
    p.write(
        "schema.json",
        r#"{"tables": [{"name": "Services", "complete": true, "columns": [{"name": "ServiceID", "type": "integer"}]}]}"#,
    );
    let text = "SELECT TOP 5 ServiceID, Cost FROM Services WHERE ServiceID = NULL";
    let uri = p.write("q.crql", text);
    let mut c = Client::initialized(&[], json!(null));
    let d = c.open(&uri, text);
    // W0403 ignored by crql.toml; Cost unknown in the complete Services table.
    assert_eq!(codes(&d), ["E0102"]);
    // `crql check` on the same file agrees.
    let out = super::client::crql(
        &[
            "check",
            "--format",
            "json",
            &p.dir.join("q.crql").display().to_string(),
        ],
        "",
        &p.dir,
    );
    assert!(out.contains("\"E0102\"") && !out.contains("W0403"), "{out}");
    // The schema file changes (the editor reports it): the document is checked again.
    p.write(
        "schema.json",
        r#"{"tables": [{"name": "Services", "complete": true, "columns": [{"name": "ServiceID", "type": "integer"}, {"name": "Cost", "type": "decimal"}]}]}"#,
    );
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": super::client::file_uri(&p.dir.join("schema.json")), "type": 2}]}),
    );
    assert_eq!(codes(&c.diagnostics(&uri, 1)), Vec::<&str>::new());
    // The editor's `ignore` replaces crql.toml's: W0403 is reported again, E codes
    // are not.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"crql": {"ignore": ["E"]}}}),
    );
    assert_eq!(codes(&c.diagnostics(&uri, 1)), ["W0403"]);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn initialization_options_select_rules() {
    let mut c = Client::initialized(&[], json!({"select": ["W0102"]}));
    let d = c.open(
        "file:///i.crql",
        "SELECT TOP 5 FristName FROM cmClient WHERE ClientID = NULL",
    );
    assert_eq!(codes(&d), ["W0102"]);
}

#[test]
fn settings_are_pulled_when_a_change_notification_carries_none() {
    let mut c = Client::start(&[]);
    c.request(
        "initialize",
        json!({"capabilities": {"workspace": {"configuration": true,
                                               "didChangeConfiguration": {"dynamicRegistration": true}}},
               "initializationOptions": {"ignore": ["W0102"]}}),
    );
    c.notify("initialized", json!({}));
    let reg = c.wait_for(|m| m["method"] == "client/registerCapability");
    assert_eq!(
        reg["params"]["registrations"][0]["method"],
        "workspace/didChangeConfiguration"
    );
    let uri = "file:///pull.crql";
    let text = "SELECT TOP 5 FristName FROM cmClient WHERE ClientID = NULL";
    assert_eq!(codes(&c.open(uri, text)), ["W0403"]);
    // What VS Code sends when a setting changes: no settings; the server asks.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let ask = c.wait_for(|m| m["method"] == "workspace/configuration");
    assert_eq!(ask["params"]["items"][0]["section"], "crql");
    c.send(&json!({"jsonrpc": "2.0", "id": ask["id"], "result": [{"ignore": ["W0403"]}]}));
    assert_eq!(codes(&c.diagnostics(uri, 1)), ["W0102"]);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn bad_settings_are_reported_and_the_previous_ones_kept() {
    let mut c = Client::initialized(&[], json!({"format": {"width": 5}}));
    let warned = c.wait_for(|m| m["method"] == "window/logMessage");
    assert!(
        warned["params"]["message"]
            .as_str()
            .unwrap()
            .contains("format.width"),
        "{warned}"
    );
    let uri = "file:///bad.crql";
    let text = "SELECT TOP 5 FristName FROM cmClient WHERE ClientID = NULL";
    assert_eq!(codes(&c.open(uri, text)), ["W0102", "W0403"]);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"crql": {"ignore": ["W0403"]}}}),
    );
    assert_eq!(codes(&c.diagnostics(uri, 1)), ["W0102"]);
    // An unknown code is refused; the settings before it stay.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"crql": {"ignore": ["X9"]}}}),
    );
    let warned = c.wait_for(|m| m["method"] == "window/logMessage");
    assert!(
        warned["params"]["message"]
            .as_str()
            .unwrap()
            .contains("\"X9\""),
        "{warned}"
    );
    let r = c.call("textDocument/codeAction", json!({"textDocument": {"uri": uri},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 60}}, "context": {"diagnostics": []}}));
    let titles: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        !titles.iter().any(|t| t.starts_with("W0403")),
        "W0403 still ignored: {titles:?}"
    );
    assert_eq!(c.shutdown(), 0);
}
