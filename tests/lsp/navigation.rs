//! Hover, go to definition, references and rename of aliases, document symbols and
//! semantic tokens.

use serde_json::{Value, json};

use super::client::{Client, apply_edits, utf16_position};

const TEXT: &str = "SELECT TOP 5 c.FirstName, e.EnrollID\nFROM cmClient c INNER JOIN Enrollment e ON e.ClientID = c.ClientID\nWHERE c.LastName = 'Müller' AND c.ClientID = NULL;\nSELECT TOP 5 EnrollID FROM Enrollment";

fn at(text: &str, needle: &str, nth: usize) -> Value {
    let offset = text.match_indices(needle).nth(nth).expect("needle").0;
    let (line, character) = utf16_position(text, offset);
    json!({"line": line, "character": character})
}

fn opened(uri: &str) -> Client {
    let mut c = Client::initialized(&[], json!(null));
    c.open(uri, TEXT);
    c
}

fn hover(c: &mut Client, uri: &str, pos: Value) -> String {
    let r = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    r["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn hover_shows_tables_columns_and_findings() {
    let uri = "file:///h.crql";
    let mut c = opened(uri);
    let t = hover(&mut c, uri, at(TEXT, "cmClient", 0));
    assert!(
        t.starts_with("table `cmClient`") && t.contains("`FirstName`"),
        "{t}"
    );
    let col = hover(&mut c, uri, at(TEXT, "FirstName", 0));
    assert_eq!(
        col,
        "column `cmClient.FirstName`: `text` (type inferred from the name)"
    );
    let a = hover(&mut c, uri, at(TEXT, "e.Enroll", 0));
    assert_eq!(a, "alias of table `Enrollment`");
    let f = hover(&mut c, uri, at(TEXT, "NULL", 0));
    assert!(f.contains("**W0403**"), "{f}");
    // Nothing to say on a keyword.
    let r = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": at(TEXT, "INNER", 0)}),
    );
    assert_eq!(r, Value::Null);
}

#[test]
fn definition_and_references_of_an_alias() {
    let uri = "file:///d.crql";
    let mut c = opened(uri);
    let def = c.call(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": at(TEXT, "c.LastName", 0)}),
    );
    assert_eq!(def["range"]["start"], at(TEXT, "c INNER", 0), "{def}");
    assert_eq!(def["uri"], uri);
    let refs = c.call(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": at(TEXT, "c INNER", 0), "context": {"includeDeclaration": true}}),
    );
    let starts: Vec<Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["range"]["start"].clone())
        .collect();
    assert_eq!(
        starts,
        [
            at(TEXT, "c INNER", 0),
            at(TEXT, "c.FirstName", 0),
            at(TEXT, "c.ClientID", 0),
            at(TEXT, "c.LastName", 0),
            at(TEXT, "c.ClientID", 1),
        ]
    );
    // A column is no alias.
    let none = c.call(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": at(TEXT, "FirstName", 0)}),
    );
    assert_eq!(none, Value::Null);
}

#[test]
fn rename_an_alias_everywhere_in_its_statement() {
    let uri = "file:///r.crql";
    let mut c = opened(uri);
    let prep = c.call(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": at(TEXT, "e.ClientID", 0)}),
    );
    assert_eq!(prep["start"], at(TEXT, "e.ClientID", 0));
    let edit = c.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": at(TEXT, "e.ClientID", 0), "newName": "enr"}),
    );
    let renamed = apply_edits(TEXT, edit["changes"][uri].as_array().unwrap());
    assert_eq!(
        renamed,
        TEXT.replace("Enrollment e ON e.", "Enrollment enr ON enr.")
            .replace("e.EnrollID", "enr.EnrollID")
    );
    let bad = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": at(TEXT, "e.ClientID", 0), "newName": "where"}),
    );
    assert!(bad.get("error").is_some(), "{bad}");
}

#[test]
fn one_symbol_per_statement_named_by_its_table() {
    let uri = "file:///s.crql";
    let mut c = opened(uri);
    let s = c.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = s
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["cmClient", "Enrollment"]);
    let children: Vec<&str> = s[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["cmClient", "Enrollment"]);
    assert_eq!(s[1]["range"]["start"]["line"], 3);
}

#[test]
fn semantic_tokens_classify_the_text() {
    let uri = "file:///t.crql";
    let mut c = Client::initialized(&[], json!(null));
    let caps_legend = {
        let mut c2 = Client::start(&[]);
        c2.initialize(json!(null))["semanticTokensProvider"]["legend"]["tokenTypes"].clone()
    };
    let text = "SELECT c.FirstName FROM cmClient c WHERE c.LastName = 'Müller' AND c.ClientID = :id -- note";
    c.open(uri, text);
    let r = c.call(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let data: Vec<u64> = r["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let (mut line, mut col) = (0, 0);
    let mut decoded = Vec::new();
    for t in data.chunks(5) {
        line += t[0];
        col = if t[0] == 0 { col + t[1] } else { t[1] };
        decoded.push((
            line,
            col,
            t[2],
            caps_legend[t[3] as usize].as_str().unwrap().to_string(),
        ));
    }
    let kind_at = |needle: &str| {
        let (l, ch) = utf16_position(text, text.find(needle).unwrap());
        decoded
            .iter()
            .find(|d| (d.0, d.1) == (l as u64, ch as u64))
            .map(|d| d.3.clone())
    };
    assert_eq!(kind_at("SELECT").as_deref(), Some("keyword"));
    assert_eq!(kind_at("cmClient").as_deref(), Some("class"));
    assert_eq!(kind_at("FirstName").as_deref(), Some("property"));
    assert_eq!(kind_at("c.First").as_deref(), Some("variable"));
    assert_eq!(kind_at("'Müller'").as_deref(), Some("string"));
    assert_eq!(kind_at(":id").as_deref(), Some("parameter"));
    assert_eq!(kind_at("-- note").as_deref(), Some("comment"));
    // After 'Müller' positions are in UTF-16 units: the parameter is found there.
    let (_, ch) = utf16_position(text, text.find(":id").unwrap());
    assert_eq!(ch as usize, text.find(":id").unwrap() - 1);
}
