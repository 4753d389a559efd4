//! `crql check`, `crql rules` and `crql explain`, run as the built binary.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn crql(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = crate::spawn(args);
    let mut input = child.stdin.take().expect("stdin is piped");
    input
        .write_all(stdin.unwrap_or("").as_bytes())
        .expect("stdin accepts the text");
    drop(input);
    child.wait_with_output().expect("crql exits")
}

fn status(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crql-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const CLEAN: &str = "SELECT TOP 200 ClientID, FirstName FROM cmClient\n";
const WARNS: &str = "SELECT ClientID FROM cmClient\n";
const ERRS: &str = "SELECT TOP 5 * FROM cmClient\n";

#[test]
fn exit_status_follows_the_findings() {
    let dir = scratch("status");
    for (name, text) in [("clean", CLEAN), ("warns", WARNS), ("errs", ERRS)] {
        std::fs::write(dir.join(format!("{name}.crql")), text).unwrap();
    }
    let p = |n: &str| dir.join(format!("{n}.crql")).display().to_string();
    assert_eq!(status(&crql(&["check", &p("clean")], None)), 0);
    assert_eq!(status(&crql(&["check", &p("warns")], None)), 0);
    assert_eq!(
        status(&crql(&["check", "--deny-warnings", &p("warns")], None)),
        1
    );
    assert_eq!(status(&crql(&["check", &p("errs")], None)), 1);
    assert_eq!(
        status(&crql(&["check", "--ignore", "E02", &p("errs")], None)),
        0
    );
    assert_eq!(
        status(&crql(
            &["check", "--select", "W0401", &p("warns"), "--deny-warnings"],
            None
        )),
        1
    );
    // Usage and I/O errors.
    let missing = crql(
        &["check", &dir.join("nope.crql").display().to_string()],
        None,
    );
    assert_eq!(status(&missing), 2);
    assert!(stderr(&missing).contains("nope.crql"));
    assert_eq!(
        status(&crql(&["check", "--select", "X9999", &p("clean")], None)),
        2
    );
    assert_eq!(
        status(&crql(&["check", "--format", "xml", &p("clean")], None)),
        2
    );
    assert_eq!(
        status(&crql(
            &["check", "--schema", &p("missing-schema"), &p("clean")],
            None
        )),
        2
    );
    // A syntax error is an error finding, not a usage error.
    assert_eq!(status(&crql(&["check", "-"], Some("SELECT FROM"))), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn human_output_goes_to_stdout_with_a_summary() {
    // cmClient as the server describes it: complete, so a misspelt column is E0102.
    let dir = scratch("human");
    std::fs::write(
        dir.join("cmClient.json"),
        r#"{"metadata":[{"attributeName":"ClientID"},{"attributeName":"FirstName"}]}"#,
    )
    .unwrap();
    let schema = dir.display().to_string();
    let o = crql(
        &["check", "--schema", &schema, "-"],
        Some("SELECT TOP 5 FristName FROM cmClient\n"),
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(status(&o), 1);
    // Findings go to stdout in every format, as ruff's.
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let err = stdout(&o);
    assert!(err.contains("crql::E0102"), "{err}");
    assert!(err.contains("<stdin>:1:14"), "{err}");
    assert!(err.contains("did you mean `FirstName`?"), "{err}");
    assert!(
        err.contains("1 error(s), 0 warning(s) in 1 file(s)"),
        "{err}"
    );
}

#[test]
fn json_is_an_array_of_stable_records() {
    let o = crql(
        &["check", "--format", "json", "-"],
        Some("SELECT TOP 5 ClientID\nFROM cmClients"),
    );
    // The built-in schema does not list every table: a warning, status 0.
    assert_eq!(status(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("stdout is JSON");
    let records = v.as_array().expect("an array");
    assert_eq!(records.len(), 1);
    let r = records[0].as_object().expect("an object");
    let mut keys: Vec<&str> = r.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "code", "column", "file", "fix", "help", "length", "line", "message", "offset",
            "severity"
        ]
    );
    assert_eq!(r["file"], "<stdin>");
    assert_eq!(r["code"], "W0101");
    assert_eq!(r["severity"], "warning");
    assert_eq!(r["line"], 2);
    assert_eq!(r["column"], 6);
    assert_eq!(r["offset"], 27);
    assert_eq!(r["length"], 9);
    assert_eq!(
        r["help"],
        "did you mean `cmClient`? If not, `crql schema pull cmClients` fetches its description from your server"
    );
    // No findings: an empty array, not nothing.
    let o = crql(&["check", "--format", "json", "-"], Some(CLEAN));
    assert_eq!(status(&o), 0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn sarif_is_a_2_1_0_log() {
    let o = crql(
        &["check", "--format", "sarif", "-"],
        Some("SELECT TOP 5 EnrollID FROM Enrollment WHERE ExitDate = NULL"),
    );
    assert_eq!(status(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("stdout is JSON");
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap_or("").contains("sarif-2.1.0"));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "crql");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), crql::lint::codes().count());
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "W0403");
    assert_eq!(r["level"], "warning");
    assert_eq!(
        rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "W0403"
    );
    let region = &r["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 1);
    assert_eq!(region["startColumn"], 45);
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "<stdin>"
    );
    assert_eq!(
        r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        " IS NULL"
    );
    // `= NULL` -> `IS NULL` changes which rows come back.
    assert_eq!(r["fixes"][0]["properties"]["applicability"], "unsafe");
    let o = crql(
        &["check", "--format", "json", "-"],
        Some("SELECT TOP 5 EnrollID FROM Enrollment WHERE EnrollID = '7'"),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("stdout is JSON");
    assert_eq!(
        v[0]["fix"],
        serde_json::json!({"applicability": "safe", "edits": [{"offset": 55, "length": 3, "replacement": "7"}]})
    );
}

#[test]
fn fix_rewrites_files_and_keeps_comments_byte_for_byte() {
    let dir = scratch("fix");
    let file = dir.join("q.crql");
    let text = "-- header comment\r\nSELECT TOP 5 EnrollID FROM Enrollment /* why */ WHERE ExitDate = NULL;\n\n-- crql:allow(W0401)\nselect EnrollID from Enrollment where EnrollID in ('7',  8)   -- trailing\n";
    std::fs::write(&file, text).unwrap();
    // `--fix` alone applies the safe fix (unquoting) only.
    let o = crql(&["check", "--fix", &file.display().to_string()], None);
    assert_eq!(status(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text.replace("('7',", "(7,")
    );
    let out = stdout(&o);
    assert!(out.contains("fixed 1 finding(s)"), "{out}");
    // What is left unfixed is said, with how to apply it.
    assert!(
        out.contains("1 unsafe fix(es) available but not applied"),
        "{out}"
    );
    let o = crql(
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            &file.display().to_string(),
        ],
        None,
    );
    assert_eq!(status(&o), 0, "{}", stderr(&o));
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        fixed,
        "-- header comment\r\nSELECT TOP 5 EnrollID FROM Enrollment /* why */ WHERE ExitDate IS NULL;\n\n-- crql:allow(W0401)\nselect EnrollID from Enrollment where EnrollID in (7,  8)   -- trailing\n"
    );
    assert!(stdout(&o).contains("fixed 1 finding(s)"));
    // Nothing left to fix: the file is not touched again.
    let o = crql(
        &[
            "check",
            "--fix",
            "--deny-warnings",
            &file.display().to_string(),
        ],
        None,
    );
    assert_eq!(status(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fixed);
    // On stdin, the fixed text goes to stdout.
    let o = crql(
        &["check", "--fix", "--unsafe-fixes", "-"],
        Some("SELECT TOP 5 EnrollID FROM Enrollment WHERE ExitDate <> NULL"),
    );
    assert_eq!(
        stdout(&o),
        "SELECT TOP 5 EnrollID FROM Enrollment WHERE ExitDate IS NOT NULL"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn directories_are_walked_for_crql_files() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.crql"), ERRS).unwrap();
    std::fs::write(dir.join("sub/b.crql"), WARNS).unwrap();
    std::fs::write(dir.join("notes.sql"), ERRS).unwrap();
    let o = crql(
        &["check", "--format", "json", &dir.display().to_string()],
        None,
    );
    assert_eq!(status(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap_or("").replace('\\', "/"))
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files[0].ends_with("/a.crql") && files[1].ends_with("/sub/b.crql"),
        "{files:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn schema_sources_extend_the_builtin_schema() {
    let dir = scratch("schema");
    std::fs::write(
        dir.join("Services.json"),
        r#"{"metadata":[{"attributeName":"ServiceID","dataType":"int"},{"attributeName":"ServiceDate"}]}"#,
    )
    .unwrap();
    let q = "SELECT TOP 5 ServiceID FROM Services WHERE ServiceID = 'x'";
    let without = crql(&["check", "--format", "json", "-"], Some(q));
    assert!(stdout(&without).contains("W0101"));
    let with = crql(
        &[
            "check",
            "--format",
            "json",
            "--schema",
            &dir.display().to_string(),
            "-",
        ],
        Some(q),
    );
    let out = stdout(&with);
    assert!(!out.contains("W0101") && out.contains("E0301"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rules_and_explain() {
    use crql::diagnostic::Code;
    let o = crql(&["rules"], None);
    assert_eq!(status(&o), 0);
    let out = stdout(&o);
    // A line per code of the table, lint rule or not, saying who reports it.
    for &c in Code::ALL {
        let i = c.info();
        let line = out
            .lines()
            .find(|l| l.starts_with(c.as_str()))
            .unwrap_or_else(|| panic!("{c} missing from `crql rules`"));
        assert!(line.contains(i.name) && line.contains(i.summary), "{line}");
        assert_eq!(line.contains("lint"), i.is_lint_rule(), "{line}");
        // The fix column: how often and how safe, for the codes that have one.
        match crql::lint::fix::fixable(c) {
            Some(f) => assert!(
                line.contains(&format!("{} ({})", f.availability, f.applicability)),
                "{line}"
            ),
            None => assert!(
                !line.contains("(safe)") && !line.contains("(unsafe)"),
                "{line}"
            ),
        }
    }
    let w0403 = out.lines().find(|l| l.starts_with("W0403")).unwrap();
    assert!(w0403.contains("sometimes (unsafe)"), "{w0403}");
    let o = crql(&["explain", "W0407"], None);
    assert!(
        stdout(&o).ends_with("\nFix: always available; the fix is safe: it keeps what the query means, and `crql check --fix` applies it.\n"),
        "{}",
        stdout(&o)
    );
    let o = crql(&["explain", "W0403"], None);
    assert!(
        stdout(&o).contains("only with `--unsafe-fixes`"),
        "{}",
        stdout(&o)
    );
    assert!(out.contains(&format!("{} codes", Code::ALL.len())), "{out}");
    let o = crql(&["explain", "W0402"], None);
    assert_eq!(status(&o), 0);
    assert_eq!(stdout(&o), Code::W0402.info().explain());
    assert_eq!(status(&crql(&["explain", "crql::e0101"], None)), 0);
    assert_eq!(status(&crql(&["explain", "E9999"], None)), 2);
}

#[test]
fn explain_documents_the_builders_codes() {
    // E0305 is no lint rule: binding reports it.
    let o = crql(&["explain", "E0305"], None);
    assert_eq!(status(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with("E0305 (error): list-parameter\n"), "{out}");
    assert!(
        out.contains("IN (:ids)") && out.contains("the builder"),
        "{out}"
    );
    assert!(!out.contains("the linter"), "{out}");
}

/// `crql check` alone at a terminal prints its usage instead of waiting for input.
/// The terminal is util-linux's `script`, the one portable way to give a child one.
#[test]
fn no_input_at_a_terminal_prints_usage() {
    let bin = env!("CARGO_BIN_EXE_crql");
    let run = Command::new("script")
        .args(["-qec", &format!("'{bin}' check"), "/dev/null"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output();
    let o = match run {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: no `script` to give crql a terminal");
            return;
        }
        Err(e) => panic!("script runs: {e}"),
    };
    // `script` passes the child's status on (-e) and puts the terminal's text on
    // stdout. Had crql waited, stdin's end would have given it an empty query (0).
    let shown = stdout(&o);
    assert_eq!(status(&o), 2, "{shown}");
    assert!(shown.contains("Usage: crql check"), "{shown}");
}

/// Human output counts columns in characters, like JSON (and editors): `'Müller'`
/// is seven characters but eight bytes.
#[test]
fn human_and_json_columns_agree_after_non_ascii() {
    let q = "SELECT TOP 5 ClientID FROM cmClient WHERE LastName = 'Müller' AND * = 1\n";
    let json = crql(&["check", "--isolated", "--format", "json", "-"], Some(q));
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("stdout is JSON");
    let r = v
        .as_array()
        .expect("an array")
        .iter()
        .find(|r| r["offset"].as_u64() > Some(60))
        .expect("a finding after the name");
    let column = r["column"].as_u64().expect("a column");
    let chars = q[..r["offset"].as_u64().expect("offset") as usize]
        .chars()
        .count() as u64
        + 1;
    assert_eq!(column, chars);
    let human = stdout(&crql(&["check", "--isolated", "-"], Some(q)));
    assert!(
        human.contains(&format!("<stdin>:1:{column}]")),
        "human output should show column {column}: {human}"
    );
}

/// `--diff` shows what `--fix` would do as a unified diff, writes nothing, and
/// exits 1 when there is something to fix; unsafe fixes need `--unsafe-fixes`.
#[test]
fn diff_shows_the_fixes_without_writing() {
    let dir = scratch("diff");
    let file = dir.join("q.crql");
    let text = "SELECT TOP 5 EnrollID\nFROM Enrollment\nWHERE EnrollID = '7' AND ExitDate = NULL\n";
    std::fs::write(&file, text).unwrap();
    let path = file.display().to_string();
    let o = crql(&["check", "--diff", &path], None);
    assert_eq!(status(&o), 1, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(
        stdout(&o),
        format!(
            "--- {path}\n+++ {path}\n@@ -1,3 +1,3 @@\n SELECT TOP 5 EnrollID\n FROM Enrollment\n-WHERE EnrollID = '7' AND ExitDate = NULL\n+WHERE EnrollID = 7 AND ExitDate = NULL\n"
        )
    );
    let err = stderr(&o);
    assert!(err.contains("would fix 1 finding(s)"), "{err}");
    assert!(
        err.contains("1 unsafe fix(es) available but not applied"),
        "{err}"
    );
    let o = crql(&["check", "--diff", "--unsafe-fixes", &path], None);
    assert_eq!(status(&o), 1);
    assert!(
        stdout(&o).contains("+WHERE EnrollID = 7 AND ExitDate IS NULL\n"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // Nothing to fix: no diff, status 0 (even with findings that have no fix).
    let o = crql(
        &["check", "--diff", "-"],
        Some("SELECT TOP 5 * FROM cmClient"),
    );
    assert_eq!((status(&o), stdout(&o).as_str()), (0, ""));
    std::fs::remove_dir_all(&dir).ok();
}

/// `--format concise`: one line per finding on stdout, `file:line:col: CODE
/// message`, `[*]` marking what `--fix` fixes; the summary after; same status.
#[test]
fn concise_is_one_line_per_finding() {
    let q = "SELECT TOP 5 EnrollID, EnrollID + 1 FROM Enrollment\nWHERE EnrollID = '7' AND ExitDate = NULL\n";
    let o = crql(
        &["check", "--isolated", "--format", "concise", "-"],
        Some(q),
    );
    assert_eq!(status(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let json = crql(&["check", "--isolated", "--format", "json", "-"], Some(q));
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&json)).expect("stdout is JSON");
    assert!(records.len() >= 3, "{records:?}");
    for (line, r) in lines.iter().zip(&records) {
        let fixable = r["fix"]["applicability"] == "safe";
        let expected = format!(
            "<stdin>:{}:{}: {} {}{}",
            r["line"],
            r["column"],
            r["code"].as_str().unwrap(),
            if fixable { "[*] " } else { "" },
            r["message"].as_str().unwrap()
        );
        assert_eq!(*line, expected);
    }
    assert!(lines[1].starts_with("<stdin>:2:18: W0407 [*] "), "{out}");
    assert_eq!(
        &lines[records.len()..],
        [
            "1 error(s), 2 warning(s) in 1 file(s)",
            "[*] 1 fixable with `--fix`",
            "1 unsafe fix(es) available but not applied: they change what the query means; `--unsafe-fixes` applies them",
        ],
        "{out}"
    );
    assert!(stderr(&o).is_empty());
}

/// A 10 KB one-line query: E0207 underlines the whole query, but the human report
/// shows a window of the line and a bounded underline, not 10 KB lines.
#[test]
fn long_lines_and_underlines_are_bounded() {
    let ids: Vec<String> = (0..1200).map(|i| (1_000_000 + i).to_string()).collect();
    let q = format!(
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID IN ({}) AND Nope = 1\n",
        ids.join(", ")
    );
    assert!(q.len() > 10_000);
    let o = crql(&["check", "--isolated", "-"], Some(&q));
    let out = stdout(&o);
    assert!(out.contains("crql::E0207"), "{out}");
    assert!(out.contains("(from here, 10"), "{out}");
    // The finding at the end of the line is shown too, in its own window.
    assert!(out.contains("Nope"), "{out}");
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest < 300, "a line of {widest} characters");
}
