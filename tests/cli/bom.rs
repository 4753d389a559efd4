//! A file saved with a UTF-8 byte-order mark (SSMS's default) reads like one without.

use std::path::PathBuf;
use std::process::{Command, Output};

const BOM: &str = "\u{FEFF}";

fn crql(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crql"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the crql binary runs")
}

/// A file holding `text` after a byte-order mark, in a fresh directory.
fn bom_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crql-bom-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("q.crql");
    std::fs::write(&file, format!("{BOM}{text}")).expect("write");
    file
}

#[test]
fn parse_accepts_a_bom() {
    let file = bom_file("parse", "select a from t\n");
    let o = crql(&["parse", file.to_str().expect("utf-8 path")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "SELECT a FROM t\n");
}

#[test]
fn check_columns_do_not_count_the_bom() {
    let file = bom_file("check", "SELECT TOP 5 * FROM cmClient\n");
    let o = crql(&[
        "check",
        "--format",
        "json",
        file.to_str().expect("utf-8 path"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    let codes: Vec<&str> = v
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| r["code"].as_str().expect("a code"))
        .collect();
    // The wildcard only: no syntax error at the mark.
    assert_eq!(codes, ["E0201"]);
    assert_eq!(v[0]["line"], 1);
    assert_eq!(
        v[0]["column"], 14,
        "the `*` is the 14th character the editor shows"
    );
    assert_eq!(v[0]["offset"], 13 + BOM.len());
}

#[test]
fn fmt_keeps_the_bom_and_is_idempotent() {
    let file = bom_file("fmt", "select a from t -- c\n");
    let path = file.to_str().expect("utf-8 path");
    let o = crql(&["fmt", path]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let once = std::fs::read_to_string(&file).expect("read back");
    assert_eq!(once, format!("{BOM}SELECT a FROM t -- c\n"));
    let check = crql(&["fmt", "--check", path]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "formatted twice, it changes again"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read back"), once);
}
