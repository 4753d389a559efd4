//! `check`, `fmt` and `parse` read the same files from a directory: every `*.crql`
//! under it, in name order.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn crql(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crql"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the crql binary runs")
}

/// A directory with two queries (one in a subdirectory) and a file that is not one.
fn project() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crql-walk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).expect("temp dir");
    std::fs::write(dir.join("a.crql"), "select top 5 * from cmClient").expect("write");
    std::fs::write(dir.join("sub/b.crql"), "select top 6 * from cmClient").expect("write");
    std::fs::write(dir.join("notes.txt"), "not a query at all").expect("write");
    dir
}

fn lines(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn fmt_and_parse_walk_directories_like_check() {
    let dir = project();
    let d = shown(&dir);
    let expected = [shown(&dir.join("a.crql")), shown(&dir.join("sub/b.crql"))];

    let check = crql(&["check", "--isolated", "--format", "json", &d]);
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let mut checked: Vec<String> = v
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| r["file"].as_str().expect("a file").to_owned())
        .collect();
    checked.dedup();
    assert_eq!(checked, expected);

    let fmt = crql(&["fmt", "--isolated", "--check", &d]);
    assert_eq!(
        fmt.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&fmt.stderr)
    );
    assert_eq!(lines(&fmt), expected);

    let parse = crql(&["parse", &d]);
    assert_eq!(
        parse.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&parse.stderr)
    );
    assert_eq!(
        lines(&parse),
        [
            "SELECT TOP 5 * FROM cmClient",
            "SELECT TOP 6 * FROM cmClient"
        ]
    );

    // Formatting the directory rewrites both queries and leaves the text file alone.
    assert_eq!(crql(&["fmt", "--isolated", &d]).status.code(), Some(0));
    assert_eq!(
        crql(&["fmt", "--isolated", "--check", &d]).status.code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).expect("read"),
        "not a query at all"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
