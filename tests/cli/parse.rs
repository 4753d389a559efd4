//! `crql parse`: output on stdout, diagnostics on stderr, exit 0/1/2.
#![cfg(feature = "cli")]

use std::io::Write;

fn crql(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = crate::spawn(args);
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn prints_each_statement_canonically() {
    let (code, out, err) = crql(
        &["parse"],
        "select a from t; -- x\nselect b from u where b != 1;",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "SELECT a FROM t\nSELECT b FROM u WHERE b <> 1\n");
    assert!(err.is_empty());
}

#[test]
fn prints_the_ast_as_json() {
    let (code, out, _) = crql(&["parse", "--json", "-"], "select a from t /* c */");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["comments"][0]["text"], "/* c */");
    assert_eq!(
        v["statements"][0]["Query"]["select"]["from"]["Table"]["name"]["name"]["value"],
        "t"
    );
}

#[test]
fn syntax_errors_exit_1_with_the_file_name() {
    let dir = std::env::temp_dir().join(format!("crql-parse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let file = dir.join("bad.crql");
    std::fs::write(&file, "select a b c from t").expect("write");
    let (code, out, err) = crql(&["parse", file.to_str().expect("utf-8 path")], "");
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("E0001") && err.contains("bad.crql"), "{err}");
    assert!(err.contains("expected FROM, found c"), "{err}");
    let (code, _, err) = crql(
        &["parse", dir.join("missing.crql").to_str().expect("path")],
        "",
    );
    assert_eq!(code, 2, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unsupported_statements_exit_1() {
    let (code, out, err) = crql(&["parse"], "SELECT a FROM t; DELETE FROM t");
    assert_eq!(code, 1);
    assert_eq!(out, "SELECT a FROM t\n");
    assert!(err.contains("E0206"), "{err}");
}
