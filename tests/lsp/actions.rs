//! Code actions: one quick fix per linter fix (with its diagnostic), "allow CODE on
//! this line", and `source.fixAll.crql` — the safe fixes `crql check --fix` applies.

use serde_json::{Value, json};

use super::client::{Client, apply_edits, crql};

/// W0407 (a quoted number: a safe fix) and W0403 (`= NULL`: an unsafe fix).
const TEXT: &str = "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = '5' AND LastName = NULL";

fn actions(
    c: &mut Client,
    uri: &str,
    line: u32,
    from: u32,
    to: u32,
    only: Option<&[&str]>,
) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(o) = only {
        context["only"] = json!(o);
    }
    c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": line, "character": from}, "end": {"line": line, "character": to}},
               "context": context}),
    )
    .as_array()
    .cloned()
    .unwrap_or_default()
}

fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .expect("an edit for the document")
}

fn codes_after(c: &mut Client, uri: &str, text: &str) -> Vec<String> {
    c.open(uri, text)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_quick_fix_per_fix_with_its_diagnostic() {
    let mut c = Client::initialized(&[], json!(null));
    let uri = "file:///q.crql";
    assert_eq!(codes_after(&mut c, uri, TEXT), ["W0407", "W0403"]);
    // The cursor on '5': its safe fix, preferred.
    let at = TEXT.find("'5'").unwrap() as u32;
    let got = actions(&mut c, uri, 0, at, at + 1, Some(&["quickfix"]));
    let fixes: Vec<&Value> = got
        .iter()
        .filter(|a| a["title"].as_str().unwrap().starts_with("W0407:"))
        .collect();
    assert_eq!(fixes.len(), 1, "{got:?}");
    assert_eq!(
        (fixes[0]["kind"].as_str(), fixes[0]["isPreferred"].as_bool()),
        (Some("quickfix"), Some(true))
    );
    assert_eq!(fixes[0]["diagnostics"][0]["code"], "W0407");
    let fixed = apply_edits(TEXT, &edits_of(fixes[0], uri));
    assert_eq!(fixed, TEXT.replace("'5'", "5"));
    assert_eq!(codes_after(&mut c, "file:///q2.crql", &fixed), ["W0403"]);
    // On `= NULL`: the unsafe fix is offered, marked, and not preferred.
    let at = TEXT.find("= NULL").unwrap() as u32;
    let got = actions(&mut c, uri, 0, at, at + 1, Some(&["quickfix"]));
    let unsafe_fix = got
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("W0403:"))
        .unwrap_or_else(|| panic!("{got:?}"));
    assert!(
        unsafe_fix["title"].as_str().unwrap().contains("unsafe"),
        "{unsafe_fix}"
    );
    assert_eq!(unsafe_fix["isPreferred"], false);
    let fixed = apply_edits(TEXT, &edits_of(unsafe_fix, uri));
    assert!(fixed.ends_with("LastName IS NULL"), "{fixed}");
}

#[test]
fn allow_on_this_line_writes_the_suppression_comment() {
    let mut c = Client::initialized(&[], json!(null));
    let uri = "file:///a.crql";
    let text = "SELECT TOP 5 ClientID FROM cmClient\nWHERE ClientID = NULL\nAND LastName = 'x'";
    assert_eq!(codes_after(&mut c, uri, text), ["W0403"]);
    let got = actions(&mut c, uri, 1, 8, 8, None);
    let allow = got
        .iter()
        .find(|a| a["title"] == "Allow W0403 on this line")
        .unwrap_or_else(|| panic!("{got:?}"));
    assert_eq!(allow["diagnostics"][0]["code"], "W0403");
    let allowed = apply_edits(text, &edits_of(allow, uri));
    assert_eq!(
        allowed,
        "SELECT TOP 5 ClientID FROM cmClient\nWHERE ClientID = NULL -- crql:allow(W0403)\nAND LastName = 'x'"
    );
    assert_eq!(
        codes_after(&mut c, "file:///a2.crql", &allowed),
        Vec::<String>::new()
    );
}

#[test]
fn fix_all_is_what_crql_check_fix_does() {
    let mut c = Client::initialized(&[], json!(null));
    let uri = "file:///all.crql";
    codes_after(&mut c, uri, TEXT);
    let got = actions(&mut c, uri, 0, 0, 0, Some(&["source.fixAll"]));
    assert_eq!(got.len(), 1, "only the fix-all action: {got:?}");
    assert_eq!(got[0]["kind"], "source.fixAll.crql");
    let fixed = apply_edits(TEXT, &edits_of(&got[0], uri));
    let want = crql(
        &["check", "--fix", "--isolated", "-"],
        TEXT,
        &std::env::temp_dir(),
    );
    assert_eq!(fixed, want);
    // Safe fixes only: `= NULL` stays for a person to decide.
    assert_eq!(fixed, TEXT.replace("'5'", "5"));
    // Nothing safe to fix: no action.
    assert_eq!(codes_after(&mut c, "file:///clean.crql", &fixed), ["W0403"]);
    assert!(
        actions(
            &mut c,
            "file:///clean.crql",
            0,
            0,
            0,
            Some(&["source.fixAll.crql"])
        )
        .is_empty()
    );
}

#[test]
fn a_syntax_error_offers_no_allow_comment() {
    let mut c = Client::initialized(&[], json!(null));
    let uri = "file:///e.crql";
    assert_eq!(
        codes_after(&mut c, uri, "SELECT TOP 5 FROM cmClient"),
        ["E0001"]
    );
    let got = actions(&mut c, uri, 0, 0, 26, None);
    assert!(
        got.iter()
            .all(|a| !a["title"].as_str().unwrap().starts_with("Allow")),
        "{got:?}"
    );
}
