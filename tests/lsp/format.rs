//! Formatting: exactly what `crql fmt` writes, comments kept; ranges; options from
//! crql.toml and from the editor.

use serde_json::json;

use super::client::{Client, Project, apply_edits, crql};

const MESSY: &str = "select top 5 ClientID, FirstName from cmClient -- five\nwhere ClientID>0;\n/* second */ select TOP 10 c.ClientID,c.LastName,c.FirstName,c.BirthDate from cmClient c inner join Enrollment e on e.ClientID=c.ClientID where c.LastName='Müller' order by c.ClientID";

fn format(c: &mut Client, uri: &str, text: &str) -> String {
    c.open(uri, text);
    let edits = c.call(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    apply_edits(text, edits.as_array().unwrap())
}

#[test]
fn formatting_gives_exactly_what_crql_fmt_gives() {
    let dir = std::env::temp_dir();
    let mut c = Client::initialized(&[], json!(null));
    let got = format(&mut c, "file:///f.crql", MESSY);
    let want = crql(&["fmt", "--isolated", "-"], MESSY, &dir);
    assert!(
        want.contains("-- five") && want.contains("/* second */"),
        "{want}"
    );
    assert_eq!(got, want);
    // Formatted text needs no edit; text that does not parse gets none either.
    let again = c.call("textDocument/formatting", json!({"textDocument": {"uri": "file:///f.crql"}, "options": {"tabSize": 2, "insertSpaces": true}}));
    assert_eq!(
        again.as_array().map(Vec::len),
        Some(1),
        "the document is still the unformatted one"
    );
    c.open("file:///g.crql", &want);
    let none = c.call("textDocument/formatting", json!({"textDocument": {"uri": "file:///g.crql"}, "options": {"tabSize": 2, "insertSpaces": true}}));
    assert_eq!(none, json!([]));
    c.open("file:///h.crql", "select from");
    let bad = c.call("textDocument/formatting", json!({"textDocument": {"uri": "file:///h.crql"}, "options": {"tabSize": 2, "insertSpaces": true}}));
    assert_eq!(bad, json!(null));
}

#[test]
fn options_come_from_crql_toml_and_the_editor() {
    let p = Project::new("format");
    p.write(
        "crql.toml",
        "[format]\nkeyword-case = \"lower\"\nwidth = 40\n",
    );
    let uri = p.write("q.crql", MESSY);
    let mut c = Client::initialized(&[], json!(null));
    let got = format(&mut c, &uri, MESSY);
    let want = crql(&["fmt", "-"], MESSY, &p.dir);
    assert!(want.contains("select top 5"), "{want}");
    assert_eq!(got, want);
    // The editor's width wins over the file's.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"crql": {"format": {"width": 200, "keywordCase": "upper"}}}}),
    );
    let edits = c.call(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let wide = apply_edits(MESSY, edits.as_array().unwrap());
    assert_eq!(
        wide,
        crql(&["fmt", "--isolated", "--width", "200", "-"], MESSY, &p.dir)
    );
}

#[test]
fn range_formatting_formats_the_statements_it_touches_even_beside_a_broken_one() {
    let text = "select top 5 ClientID from cmClient where ClientID>0;\nselect from;\nselect TOP 5 LastName from cmClient";
    let mut c = Client::initialized(&[], json!(null));
    let uri = "file:///r.crql";
    c.open(uri, text);
    let edits = c.call(
        "textDocument/rangeFormatting",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 4}},
               "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let got = apply_edits(text, edits.as_array().unwrap());
    let first = crql(
        &["fmt", "--isolated", "-"],
        "select top 5 ClientID from cmClient where ClientID>0",
        &std::env::temp_dir(),
    );
    assert_eq!(
        got,
        format!(
            "{};\nselect from;\nselect TOP 5 LastName from cmClient",
            first.trim_end()
        )
    );
    // The broken statement itself cannot be formatted.
    let r = c.call(
        "textDocument/rangeFormatting",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 2}},
               "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(r, json!(null));
}
