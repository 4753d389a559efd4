//! A reader that closes stdout early (`crql parse FILE | head -1`) ends the command
//! quietly: no panic report, no error, and the status it would have had (0, or 1
//! for `check`'s findings).

use std::io::Write;

/// Runs crql with `stdin`, closing its stdout without reading a byte. The outputs are
/// far larger than a pipe's buffer, so crql is still writing when the pipe closes.
fn with_stdout_closed(args: &[&str], stdin: &str) -> (Option<i32>, String) {
    let mut child = crate::spawn(args);
    drop(child.stdout.take());
    let mut input = child.stdin.take().expect("stdin is piped");
    input.write_all(stdin.as_bytes()).expect("crql reads stdin");
    drop(input);
    let out = child.wait_with_output().expect("crql exits");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn many(statement: &str, n: usize) -> String {
    statement.repeat(n)
}

#[test]
fn every_printing_subcommand_stops_quietly() {
    let queries = many("select a from t;\n", 20_000);
    let wildcards = many("SELECT TOP 5 * FROM cmClient;\n", 3_000);
    let cases: [(&[&str], &str, i32); 5] = [
        (&["parse"], &queries, 0),
        (&["parse", "--json"], &queries, 0),
        (&["fmt", "-"], &queries, 0),
        (
            &["check", "--format", "json", "--isolated", "-"],
            &wildcards,
            1,
        ),
        (
            &["check", "--format", "sarif", "--isolated", "-"],
            &wildcards,
            1,
        ),
    ];
    for (args, stdin, status) in cases {
        let (code, err) = with_stdout_closed(args, stdin);
        assert!(!err.contains("panicked"), "crql {args:?} panicked: {err}");
        assert_eq!(err, "", "crql {args:?} wrote to stderr");
        assert_eq!(code, Some(status), "crql {args:?}");
    }
}
