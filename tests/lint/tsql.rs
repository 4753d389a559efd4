//! The T-SQL corpus (`tests/lint/tsql/`): SELECTs as people paste them, one per
//! line, and mistakes that are not T-SQL either (`broken.sql`, each of which must
//! stay a syntax error). Every statement is parsed and linted without a panic; the share that
//! parses or gets a named rule (rather than a bare E0001) is measured, printed
//! (`cargo test --test lint tsql -- --nocapture`) and held to 90% on the
//! single-table and one-join file; no syntax error carries a wrong help; whatever
//! parses prints back (canonical and pretty) to the same tree. The code counts are
//! pinned in a snapshot, so that a regression shows as a diff.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crql::{Code, Diagnostic, Schema, Statement};

const SIMPLE: &str = include_str!("tsql/simple.sql");
const COMPLEX: &str = include_str!("tsql/complex.sql");
const BROKEN: &str = include_str!("tsql/broken.sql");

/// The statements of a corpus file: every line that is not blank or a comment.
fn statements(file: &str) -> impl Iterator<Item = &str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("--"))
}

fn is_bare_syntax_error(d: &Diagnostic) -> bool {
    matches!(d.code, Code::E0001 | Code::E0002)
}

/// True when `text` starts something a field list or an `IN (...)` list can hold
/// as its next item: a value, a name, a parameter or a variable. A "separate the
/// items with a comma" help anywhere else is wrong.
fn starts_item(text: &str) -> bool {
    let word: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    match text.chars().next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('\'' | '[' | ':' | '@' | '(') => true,
        Some('N' | 'n') if text[1..].starts_with('\'') => true,
        Some(c) if c.is_ascii_alphabetic() || c == '_' => !crql::keyword::is_reserved(&word),
        _ => false,
    }
}

/// The figures of one corpus file.
#[derive(Default)]
struct Figures {
    total: usize,
    /// Parsed with no finding at all.
    clean: usize,
    /// Parsed, with at least one named rule.
    named: usize,
    /// A bare syntax error (E0001) or limit (E0002).
    bare: Vec<(String, String)>,
    codes: BTreeMap<&'static str, usize>,
}

impl Figures {
    fn share(&self) -> f64 {
        (self.clean + self.named) as f64 / self.total as f64
    }
}

/// Lints every statement of `file`, checking helps and round trips on the way.
fn measure(file: &str) -> Figures {
    let mut f = Figures::default();
    for text in statements(file) {
        f.total += 1;
        let ds = crql::lint_text(text, Schema::builtin());
        for d in &ds {
            *f.codes.entry(d.code.as_str()).or_default() += 1;
            if let Some(help) = &d.help
                && help.contains("comma")
                && !help.contains("remove the comma")
            {
                let found = text.get(d.span.start..).unwrap_or("");
                assert!(
                    starts_item(found.trim_start()),
                    "a comma help where no item can start: {text}\n{}: {help}",
                    d.message
                );
            }
        }
        match ds.iter().find(|d| is_bare_syntax_error(d)) {
            Some(d) => f.bare.push((
                text.to_owned(),
                match &d.help {
                    Some(h) => format!("{} (help: {h})", d.message),
                    None => d.message.clone(),
                },
            )),
            None if ds.is_empty() => f.clean += 1,
            None => f.named += 1,
        }
        round_trips(text);
    }
    f
}

/// Whatever parses prints back, canonical and pretty, to the same tree.
fn round_trips(text: &str) {
    let Ok(script) = crql::parse_script(text) else {
        return;
    };
    for st in &script.statements {
        let Statement::Query(q) = st else { continue };
        let canonical = q.to_string();
        let again = crql::parse(&canonical)
            .unwrap_or_else(|e| panic!("{text}\nprints as {canonical}\nwhich fails: {e}"));
        assert_eq!(&again, q, "{text}\nprints as {canonical}");
        let pretty = format!("{q:#}");
        let again = crql::parse(&pretty)
            .unwrap_or_else(|e| panic!("{text}\npretty-prints as {pretty}\nwhich fails: {e}"));
        assert_eq!(&again, q, "{text}\npretty-prints as {pretty}");
    }
}

fn report(name: &str, f: &Figures, out: &mut String) {
    let _ = writeln!(
        out,
        "{name}: {} statements; {} parse with no finding, {} get a named rule, {} a bare syntax error; {:.1}% parse or are named",
        f.total,
        f.clean,
        f.named,
        f.bare.len(),
        100.0 * f.share()
    );
    let _ = writeln!(out, "codes:");
    for (code, n) in &f.codes {
        let _ = writeln!(out, "  {code} {n}");
    }
    let _ = writeln!(out, "bare syntax errors:");
    for (text, message) in &f.bare {
        let _ = writeln!(out, "  {text}\n    -> {message}");
    }
}

#[test]
fn the_tsql_corpus_parses_or_gets_a_named_rule() {
    let simple = measure(SIMPLE);
    let complex = measure(COMPLEX);
    let broken = measure(BROKEN);
    let mut out = String::new();
    report("single-table and one-join", &simple, &mut out);
    report("complex", &complex, &mut out);
    report("broken on purpose", &broken, &mut out);
    println!("{out}");
    assert!(
        simple.total >= 250 && complex.total >= 50,
        "a corpus of several hundred"
    );
    // What is not valid T-SQL either is a syntax error, every time.
    assert_eq!(broken.bare.len(), broken.total, "a broken statement passed");
    assert!(
        simple.share() >= 0.90,
        "only {:.1}% of the single-table and one-join SELECTs parse or get a named rule",
        100.0 * simple.share()
    );
    insta::assert_snapshot!("tsql_corpus", out);
}

/// Statements with the code and help a user should see: `None` where no help is
/// the likely reading. A help given where it does not hold is a wrong help.
const HELPS: &[(&str, &str, Option<&str>)] = &[
    // A missing comma is the likely reading only where an item could start.
    (
        "SELECT TOP 10 ClientID LastName FirstName FROM cmClient",
        "E0001",
        Some("separate the select items with a comma (`a, b`)"),
    ),
    (
        "SELECT TOP 10 ClientID FROM cmClient WHERE ClientID IN (1 2 3)",
        "E0001",
        Some("separate the list items with a comma"),
    ),
    (
        "SELECT TOP 10 ClientID FROM cmClient WHERE ClientID IN (1 FROM t)",
        "E0001",
        None,
    ),
    ("SELECT TOP 10 a + FROM t", "E0001", None),
    // A clause keyword one slip away is a typo, not a missing comma.
    (
        "SELECT TOP 10 ClientID FORM cmClient",
        "E0001",
        Some("did you mean `FROM`? `FORM` reads as a name here"),
    ),
    (
        "SELCT TOP 10 ClientID FROM cmClient",
        "E0001",
        Some("did you mean `SELECT`?"),
    ),
    (
        "SELECT TOP 10 ClientID, LastName, FROM cmClient",
        "E0001",
        Some("remove the comma before FROM"),
    ),
    // T-SQL that used to draw a comma help now parses and is named.
    (
        "SELECT TOP 10 ClientID 'Client Id' FROM cmClient",
        "W0410",
        Some("write `AS [Client Id]`"),
    ),
    (
        "SELECT TOP 10 CAST(ClientID AS varchar(10)) FROM cmClient",
        "E0204",
        Some("compare columns with literal values"),
    ),
    (
        "SELECT TOP 10 ClientID FROM cmClient WITH (NOLOCK)",
        "E0218",
        Some("remove the hint"),
    ),
    // A reserved word used as a name.
    (
        "SELECT TOP 10 Order FROM cmClient",
        "E0001",
        Some("`Order` is a reserved word: write it as `[Order]`"),
    ),
    (
        "SELECT TOP 10 ClientID FROM Order WHERE ClientID = 1",
        "E0001",
        Some("`Order` is a reserved word: write it as `[Order]`"),
    ),
    (
        "SELECT TOP 10 ClientID, Percent FROM cmClient",
        "E0001",
        Some("`Percent` is a reserved word: write it as `[Percent]`"),
    ),
    // Not a name: a keyword out of place gets no bracketing help.
    (
        "SELECT TOP 10 ClientID FROM cmClient GROUP BY ALL ClientID",
        "E0001",
        None,
    ),
    (
        "SELECT TOP 10 ClientID FROM cmClient WHERE ORDER BY ClientID",
        "E0001",
        None,
    ),
    (
        "SELECT TOP 10 ClientID FROM cmClient MERGE JOIN Enrollment ON 1 = 1",
        "E0001",
        None,
    ),
    // Variables.
    (
        "SELECT TOP 10 EnrollID FROM Enrollment WHERE EnrollDate >= @StartDate",
        "E0217",
        Some("write `:StartDate` and bind its value with `crql::bind` before sending"),
    ),
    (
        "SELECT TOP 10 ClientID FROM @Clients",
        "E0001",
        Some(
            "CRQL has no variables: name the table itself, and write a value as a `:name` parameter",
        ),
    ),
    // The end of the input.
    ("SELECT TOP 10 ClientID FROM", "E0001", None),
    ("SELECT TOP 10 ClientID FROM cmClient WHERE", "E0001", None),
];

#[test]
fn helps_are_given_where_they_are_the_likely_reading_only() {
    for &(text, code, help) in HELPS {
        let ds = crql::lint_text(text, Schema::builtin());
        let d = ds
            .iter()
            .find(|d| d.code.as_str() == code)
            .unwrap_or_else(|| panic!("{text}: no {code} in {ds:#?}"));
        match help {
            Some(h) => assert!(
                d.help.as_deref().is_some_and(|got| got.contains(h)),
                "{text}: help {:?}, expected {h:?}",
                d.help
            ),
            None => assert_eq!(d.help, None, "{text}: a help where none is likely"),
        }
    }
}

/// An error at the end of the input points at the last token, so that a
/// renderer shows where the query stops.
#[test]
fn an_error_at_the_end_of_the_input_labels_the_last_token() {
    for (text, last) in [
        ("SELECT TOP 10 ClientID FROM", "FROM"),
        ("SELECT TOP 10 ClientID FROM cmClient WHERE\n", "WHERE"),
        (
            "SELECT TOP 10 ClientID FROM cmClient WHERE a = 1 AND (",
            "(",
        ),
        ("SELECT TOP 10 ClientID FROM cmClient WHERE a IN (1, 2", "("),
    ] {
        let e = crql::parse(text).unwrap_err();
        let d = e.diagnostic();
        assert_eq!(d.code, Code::E0001, "{text}");
        assert_eq!(&text[d.span.range()], last, "{text}: {}", d.message);
        assert!(d.message.contains("end of input"), "{text}: {}", d.message);
    }
}
