//! Completion on the half-typed text an editor has: keywords, tables after FROM and
//! JOIN, columns of the tables in scope (with table and type), `alias.` columns,
//! rule codes in `crql:allow(`.

use serde_json::{Value, json};

use super::client::Client;

/// The completion items at the `|` of `text` (the `|` removed).
fn complete(c: &mut Client, uri: &str, text_with_cursor: &str) -> Vec<Value> {
    let offset = text_with_cursor.find('|').unwrap();
    let text = text_with_cursor.replace('|', "");
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let ch = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .encode_utf16()
        .count();
    c.open(uri, &text);
    let r = c.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}}),
    );
    r["items"].as_array().cloned().unwrap_or_default()
}

fn labels(items: &[Value]) -> Vec<&str> {
    items.iter().map(|i| i["label"].as_str().unwrap()).collect()
}

#[test]
fn columns_in_an_empty_field_list_before_from() {
    let mut c = Client::initialized(&[], json!(null));
    let items = complete(&mut c, "file:///c1.crql", "SELECT TOP 5 | FROM cmClient");
    let first = items
        .iter()
        .find(|i| i["label"] == "FirstName")
        .expect("FirstName");
    assert_eq!(first["detail"], "cmClient.FirstName: text, inferred");
    assert!(
        !labels(&items).contains(&"cmClient"),
        "no tables in the field list"
    );
    assert!(
        !labels(&items).contains(&"EnrollID"),
        "only the statement's tables"
    );
}

#[test]
fn after_alias_dot_only_that_tables_columns() {
    let mut c = Client::initialized(&[], json!(null));
    let items = complete(&mut c, "file:///c2.crql", "SELECT c.| FROM cmClient c");
    let l = labels(&items);
    assert!(l.contains(&"ClientID") && l.contains(&"LastName"), "{l:?}");
    assert!(
        !l.contains(&"SELECT") && !l.contains(&"FROM"),
        "no keywords after `c.`"
    );
    let items = complete(
        &mut c,
        "file:///c3.crql",
        "SELECT TOP 5 c.ClientID FROM cmClient c\n  INNER JOIN Enrollment e ON e.| = c.ClientID",
    );
    let l = labels(&items);
    assert!(l.contains(&"EnrollID"), "{l:?}");
    assert!(!l.contains(&"FirstName"), "{l:?}");
}

#[test]
fn tables_after_from_and_join_keywords_where_clauses_end() {
    let mut c = Client::initialized(&[], json!(null));
    let l = labels(&complete(
        &mut c,
        "file:///c4.crql",
        "SELECT TOP 5 ClientID FROM |",
    ))
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>();
    assert!(
        l.iter().any(|x| x == "cmClient") && l.iter().any(|x| x == "Enrollment"),
        "{l:?}"
    );
    let items = complete(
        &mut c,
        "file:///c5.crql",
        "SELECT TOP 5 ClientID FROM cmClient c INNER JOIN |",
    );
    assert!(labels(&items).contains(&"Enrollment"));
    assert_eq!(
        items.iter().find(|i| i["label"] == "cmClient").unwrap()["kind"],
        7,
        "tables are classes"
    );
    let items = complete(
        &mut c,
        "file:///c6.crql",
        "SELECT TOP 5 ClientID FROM cmClient |",
    );
    assert!(labels(&items).contains(&"WHERE") && labels(&items).contains(&"ORDER BY"));
    let items = complete(
        &mut c,
        "file:///c7.crql",
        "SELECT TOP 5 ClientID FROM cmClient WHERE |",
    );
    assert!(labels(&items).contains(&"LastName"));
    let items = complete(
        &mut c,
        "file:///c8.crql",
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName |",
    );
    assert!(labels(&items).contains(&"IS NULL") && labels(&items).contains(&"LIKE"));
    let items = complete(
        &mut c,
        "file:///c9.crql",
        "SELECT TOP 5 ClientID FROM cmClient ORDER BY ClientID |",
    );
    assert!(labels(&items).contains(&"DESC"));
}

#[test]
fn rule_codes_inside_an_allow_comment() {
    let mut c = Client::initialized(&[], json!(null));
    let items = complete(
        &mut c,
        "file:///c10.crql",
        "SELECT TOP 5 ClientID FROM cmClient -- crql:allow(W04|",
    );
    let w = items.iter().find(|i| i["label"] == "W0403").expect("W0403");
    assert!(w["detail"].as_str().is_some());
    assert!(
        complete(
            &mut c,
            "file:///c11.crql",
            "SELECT TOP 5 ClientID FROM cmClient -- plain |"
        )
        .is_empty()
    );
}
