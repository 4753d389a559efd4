//! The formatter on scripts: comments survive in every position, formatting is
//! idempotent and keeps the statements, and `crql fmt` behaves as documented.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crql::ast::{Script, Statement};
use crql::print::{FormatOptions, KeywordCase, format_script, pretty};
use proptest::prelude::*;
use proptest::sample::Index;

const CORPUS: &str = include_str!("../../benches/corpus/queries.crql");

fn fmt(source: &str, opts: &FormatOptions) -> String {
    let script = crql::parse_script(source)
        .unwrap_or_else(|e| panic!("input does not parse: {e} at {:?}\n{source}", e.span()));
    format_script(source, &script, opts)
}

fn statements(script: &Script<'_>) -> Vec<Statement<'static>> {
    script
        .statements
        .iter()
        .map(|s| match s {
            Statement::Query(q) => Statement::Query(q.clone().into_owned()),
            Statement::Unsupported { verb, span } => Statement::Unsupported {
                verb: crql::ast::Ident::new(verb.value.to_string()),
                span: *span,
            },
        })
        .collect()
}

/// Formats `source` and checks the three laws: (a) the comments come out exactly
/// once each, in order; (b) the statements are unchanged; (c) formatting the output
/// changes nothing.
fn check_laws(source: &str, opts: &FormatOptions) -> String {
    let before = crql::parse_script(source).expect("input parses");
    let out = format_script(source, &before, opts);
    let after = crql::parse_script(&out).unwrap_or_else(|e| {
        panic!("output does not parse: {e}\n--- in:\n{source}\n--- out:\n{out}")
    });
    let texts = |s: &Script<'_>| -> Vec<String> {
        s.comments
            .iter()
            .map(|c| c.text.trim_end().to_string())
            .collect()
    };
    assert_eq!(
        texts(&after),
        texts(&before),
        "comments lost or reordered\n--- in:\n{source}\n--- out:\n{out}"
    );
    for c in &before.comments {
        let n = out.matches(c.text.trim_end()).count();
        let m = source.matches(c.text.trim_end()).count();
        assert_eq!(n, m, "comment {:?} count changed\n--- out:\n{out}", c.text);
    }
    assert_eq!(
        statements(&after),
        statements(&before),
        "statements changed\n--- in:\n{source}\n--- out:\n{out}"
    );
    let again = format_script(&out, &after, opts);
    assert_eq!(again, out, "not idempotent\n--- in:\n{source}");
    out
}

/// Byte offsets between tokens of `text` (never inside a string, a bracketed name, a
/// parameter, a number or a two-character operator): at each run of whitespace and
/// on both sides of `(`, `)` and `,`.
fn gaps(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = vec![0];
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == q {
                    // A doubled quote stays inside.
                    if bytes.get(i + 1) == Some(&q) {
                        i += 1;
                    } else {
                        quote = None;
                    }
                }
            }
            None => match b {
                b'\'' => quote = Some(b'\''),
                b'[' => quote = Some(b']'),
                b'-' if bytes.get(i + 1) == Some(&b'-') => {
                    // An existing line comment: skip to its end.
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    out.push(i);
                    continue;
                }
                // Duplicates are removed at the end.
                b' ' | b'\n' | b'\t' => out.push(i),
                b'(' | b')' | b',' | b';' => {
                    out.push(i);
                    out.push(i + 1);
                }
                _ => {}
            },
        }
        i += 1;
    }
    out.push(bytes.len());
    out.dedup();
    out
}

/// `text` with a comment put at `at`: a `-- cN` line comment or a `/* cN */` block.
fn with_comment(text: &str, at: usize, n: usize, line: bool) -> String {
    let comment = if line {
        format!(" -- c{n}\n")
    } else {
        format!(" /* c{n} */ ")
    };
    format!("{}{comment}{}", &text[..at], &text[at..])
}

const SAMPLES: &[&str] = &[
    "select top 5 ClientID, FirstName from cmClient where ClientID > 0",
    "SELECT TOP 200 c.ClientID, c.FirstName, e.EnrollDate FROM cmClient c LEFT JOIN Enrollment e ON e.ClientID = c.ClientID WHERE e.EnrollID IN (1, 2, 3) AND (e.ExitDate IS NULL OR e.ExitDate > '2024-01-01') ORDER BY c.ClientID DESC",
    "SELECT ScoreTotal, VulnerabilityID FROM VISPDAT where VulnerabilityID in ('101', '102')",
    "select ClientID from Enrollment where EnrollDate between '2024-01-01' and '2024-12-31' and LastName not like 'O''B%'",
    "SELECT TOP (:n) [Exit Date], x FROM dbo.t WHERE a = -5 AND b <> :p; DELETE FROM cmClient WHERE ClientID = 1; SELECT a FROM t",
    "select count(*), upper(x) as u from t where x in (select y from u where z is not null) union all select 1, 2 from v order by 1 desc offset 5 rows fetch next 5 rows only",
    "SELECT DISTINCT TOP 10 PERCENT a FROM (SELECT a FROM t) AS d CROSS JOIN u WHERE NOT EXISTS (SELECT 1 FROM w) GROUP BY a HAVING a > 1",
    "SELECT TOP 5 [Client Id] = ClientID, User FROM osUsers WHERE DATEADD(day, 1, x) > y",
];

#[test]
fn a_comment_in_every_gap_survives() {
    let opts = FormatOptions::default();
    let mut checked = 0;
    for sample in SAMPLES {
        for (k, &at) in gaps(sample).iter().enumerate() {
            for line in [false, true] {
                let src = with_comment(sample, at, k, line);
                check_laws(&src, &opts);
                checked += 1;
            }
        }
    }
    assert!(checked > 400, "only {checked} placements");
}

#[test]
fn comments_in_every_gap_at_once_survive() {
    for (i, sample) in SAMPLES.iter().enumerate() {
        let positions = gaps(sample);
        // From the end, so that earlier offsets stay valid.
        let mut src = sample.to_string();
        for (k, &at) in positions.iter().enumerate().rev() {
            src = with_comment(&src, at, k, (k + i) % 3 == 0);
        }
        for width in [20, 80, 200] {
            let opts = FormatOptions {
                width,
                ..FormatOptions::default()
            };
            check_laws(&src, &opts);
        }
    }
}

#[test]
fn comments_in_corpus_queries_survive_formatting_from_every_gap() {
    // A slice of the corpus: realistic shapes, long IN lists, joins, mixed case.
    let corpus = crql::parse_script(CORPUS).expect("corpus parses");
    let opts = FormatOptions {
        keyword_case: KeywordCase::Lower,
        ..FormatOptions::default()
    };
    for st in corpus.statements.iter().step_by(97) {
        let text = &CORPUS[st.span().range()];
        let positions = gaps(text);
        for (k, &at) in positions.iter().enumerate().step_by(3) {
            check_laws(&with_comment(text, at, k, k % 2 == 0), &opts);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Comments dropped at random gaps of arbitrary generated queries (printed
    /// pretty or canonical, as one statement of a script) survive formatting.
    #[test]
    fn comments_survive_in_generated_queries(
        q in support::arb::query(),
        picks in prop::collection::vec((any::<Index>(), any::<bool>()), 1..8),
        width in prop::sample::select(&[30usize, 80][..]),
        canonical in any::<bool>(),
    ) {
        let text = if canonical {
            q.to_string()
        } else {
            pretty(&q, &FormatOptions { width, ..FormatOptions::default() })
        };
        let mut src = format!("{text};\nSELECT a FROM t");
        let positions = gaps(&src);
        let mut chosen: Vec<(usize, bool)> =
            picks.iter().map(|(i, line)| (*i.get(&positions), *line)).collect();
        chosen.sort();
        chosen.dedup_by_key(|(at, _)| *at);
        for (k, &(at, line)) in chosen.iter().enumerate().rev() {
            src = with_comment(&src, at, k, line);
        }
        check_laws(&src, &FormatOptions { width, ..FormatOptions::default() });
    }
}

#[test]
fn script_layout_and_comment_homes() {
    let src = "\
-- header
/* licence
   block */
select top 5 ClientID, /* pick */ FirstName -- trailing
from cmClient c -- tbl
where ClientID in (1, 2, -- two
 3) and x = 1;
-- between
DELETE FROM cmClient WHERE ClientID = 1; -- after
select a from t -- last
-- eof
";
    let out = check_laws(src, &FormatOptions::default());
    insta::assert_snapshot!(out, @r"
    -- header
    /* licence
       block */
    SELECT TOP 5
      ClientID,
      /* pick */ FirstName -- trailing
    FROM cmClient c -- tbl
    WHERE ClientID IN (
        1, 2, -- two
        3
      )
      AND x = 1;

    -- between
    DELETE FROM cmClient WHERE ClientID = 1; -- after

    SELECT a FROM t -- last
    -- eof
    ");
}

#[test]
fn short_queries_stay_on_one_line_and_long_ones_break() {
    let out = fmt(
        "select top 5 ClientID from cmClient;select top 200 ClientID, FirstName, LastName, ActiveStatus, Email from cmClient where ActiveStatus = 1 and UpdatedDate > '2024-01-01 00:00:00'",
        &FormatOptions::default(),
    );
    insta::assert_snapshot!(out, @r"
    SELECT TOP 5 ClientID FROM cmClient;

    SELECT TOP 200
      ClientID,
      FirstName,
      LastName,
      ActiveStatus,
      Email
    FROM cmClient
    WHERE ActiveStatus = 1
      AND UpdatedDate > '2024-01-01 00:00:00'
    ");
}

#[test]
fn only_comments_and_empty_input() {
    assert_eq!(fmt("", &FormatOptions::default()), "");
    assert_eq!(
        fmt("-- a\n\n/* b */\n", &FormatOptions::default()),
        "-- a\n/* b */\n"
    );
}

#[test]
fn the_whole_corpus_formats_idempotently() {
    for opts in [
        FormatOptions::default(),
        FormatOptions {
            width: 40,
            keyword_case: KeywordCase::Lower,
            indent: 4,
        },
    ] {
        let out = check_laws(CORPUS, &opts);
        assert!(out.lines().count() > 1000);
    }
}

// ---------------------------------------------------------------------------
// The `crql fmt` command

fn crql() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crql"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crql-fmt-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).expect("read")
}

const UGLY: &str = "select top 5 ClientID -- id\nfrom cmClient\n";
const PRETTY: &str = "SELECT TOP 5 ClientID -- id\nFROM cmClient\n";

#[test]
fn fmt_rewrites_files_in_place() {
    let dir = scratch("inplace");
    let ugly = write(&dir, "a.crql", UGLY);
    let tidy = write(&dir, "b.crql", PRETTY);
    let out = crql()
        .arg("fmt")
        .arg(&ugly)
        .arg(&tidy)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(read(&ugly), PRETTY);
    assert_eq!(read(&tidy), PRETTY);
}

#[test]
fn fmt_check_lists_what_would_change() {
    let dir = scratch("check");
    let ugly = write(&dir, "a.crql", UGLY);
    let tidy = write(&dir, "b.crql", PRETTY);
    let out = crql()
        .args(["fmt", "--check"])
        .arg(&ugly)
        .arg(&tidy)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(listed.trim(), ugly.display().to_string());
    assert_eq!(read(&ugly), UGLY, "--check must not write");

    let out = crql()
        .args(["fmt", "--check"])
        .arg(&tidy)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn fmt_reports_syntax_errors_and_leaves_the_file_alone() {
    let dir = scratch("bad");
    let bad_text = "select top 5 ClientID from where x = 1\n";
    let bad = write(&dir, "bad.crql", bad_text);
    let ugly = write(&dir, "ugly.crql", UGLY);
    let out = crql()
        .arg("fmt")
        .arg(&bad)
        .arg(&ugly)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.crql"), "{err}");
    assert!(err.contains("E0001"), "{err}");
    assert_eq!(read(&bad), bad_text);
    // The other file is still formatted.
    assert_eq!(read(&ugly), PRETTY);
}

#[test]
fn fmt_filters_stdin_to_stdout_with_options() {
    use std::io::Write as _;
    let mut child = crql()
        .args(["fmt", "--lowercase", "--width", "20", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"SELECT TOP 5 ClientID, [Select] FROM cmClient WHERE LastName = 'NULL'")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "select top 5\n  ClientID,\n  [Select]\nfrom cmClient\nwhere LastName = 'NULL'\n"
    );
}

#[test]
fn fmt_io_errors_are_status_2() {
    let dir = scratch("io");
    let out = crql()
        .arg("fmt")
        .arg(dir.join("missing.crql"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.crql"));
    let out = crql()
        .args(["fmt", "--width", "wide"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

/// Found by `comments_survive_in_generated_queries` (seed in
/// fmt.proptest-regressions): an `IN` list item with a comment after its `(` and a
/// `--` comment inside was filled beside the previous item; its group broke after
/// `(`, moving the comment to a line of its own, and the second run laid that out
/// differently. An item that breaks inside now starts its own line.
#[test]
fn an_in_list_item_that_breaks_inside_formats_idempotently() {
    let source = "SELECT a FROM t WHERE x IN (b, c, d, ( /* c1 */ e -- c2\n LIKE f))";
    let out = check_laws(source, &FormatOptions::default());
    assert_eq!(
        out,
        "SELECT a\nFROM t\nWHERE x IN (\n    b, c, d,\n    (\n      /* c1 */ e -- c2\n      LIKE f\n    )\n  )\n"
    );
    // An item that only ends in a `--` comment still stays beside the previous one.
    let out = check_laws(
        "SELECT a FROM t WHERE x IN (b, c -- note\n, d)",
        &FormatOptions::default(),
    );
    assert!(out.contains("b, c -- note\n"), "{out}");
}

/// The byte offsets of every token boundary of `text` (the start and the end of
/// each token): unlike [`gaps`], also inside a dotted name (`s.t`), between an
/// operator and its operands (`a=-5`), and between the words of a multi-word
/// keyword. A string, a bracketed name, a number, a parameter, a comment and a
/// two-character operator are one token each.
fn token_boundaries(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let word =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'#' | b'$') || b >= 0x80;
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let close = |i: usize, q: u8| -> usize {
            let mut j = i + 1;
            while j < bytes.len() {
                if bytes[j] == q {
                    if bytes.get(j + 1) == Some(&q) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j += 1;
            }
            bytes.len()
        };
        i = match b {
            b'\'' => close(i, b'\''),
            b'[' => close(i, b']'),
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                text[i..].find('\n').map_or(bytes.len(), |n| i + n)
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => text[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |n| i + 2 + n + 2),
            b'N' | b'n' if bytes.get(i + 1) == Some(&b'\'') => close(i + 1, b'\''),
            b':' if bytes.get(i + 1).is_some_and(|&c| word(c)) => {
                let mut j = i + 1;
                while j < bytes.len() && word(bytes[j]) {
                    j += 1;
                }
                j
            }
            b'0'..=b'9' => {
                let mut j = i;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric()
                        || bytes[j] == b'.'
                        || ((bytes[j] == b'+' || bytes[j] == b'-')
                            && matches!(bytes[j - 1], b'e' | b'E')))
                {
                    j += 1;
                }
                j
            }
            _ if word(b) => {
                let mut j = i;
                while j < bytes.len() && word(bytes[j]) {
                    j += 1;
                }
                j
            }
            b'<' | b'>' | b'!' if matches!(bytes.get(i + 1), Some(b'=' | b'>')) => i + 2,
            _ => i + 1,
        };
        out.push(start);
        out.push(i);
    }
    out.dedup();
    out
}

/// The queries the every-boundary test uses: the samples above, the shapes the
/// issue found failing, and a bounded slice of the corpus.
fn boundary_queries() -> Vec<String> {
    let mut out: Vec<String> = SAMPLES.iter().map(|s| s.to_string()).collect();
    out.extend(
        [
            "SELECT TOP 5 s.t.a, t.b FROM s.t WHERE t.b IS NOT NULL ORDER BY t.a DESC",
            "SELECT TOP 5 a FROM t WHERE a NOT IN (1, 2) AND b NOT LIKE 'x%' AND c NOT BETWEEN 1 AND 2",
            "SELECT TOP 5 c.a FROM t c LEFT OUTER JOIN u ON u.k=c.k WHERE c.a<>-5 AND c.b>=:p GROUP BY c.a",
        ]
        .map(String::from),
    );
    let corpus = crql::parse_script(CORPUS).expect("corpus parses");
    out.extend(
        corpus
            .statements
            .iter()
            .step_by(16)
            .map(|st| CORPUS[st.span().range()].to_string()),
    );
    out
}

/// A `--` line comment and a `/* */` block comment, one at a time, at every token
/// boundary of the sample and corpus queries: formatting keeps every comment in
/// order, keeps the statements, and is idempotent.
#[test]
fn a_comment_at_every_token_boundary_survives_and_formats_idempotently() {
    let opts = FormatOptions::default();
    let mut checked = 0;
    let mut unparsed = Vec::new();
    for q in boundary_queries() {
        for (k, &at) in token_boundaries(&q).iter().enumerate() {
            for line in [false, true] {
                let comment = if line {
                    format!("--c{k}\n")
                } else {
                    format!("/*c{k}*/")
                };
                // No padding: `s--c\n.t` and `ORDER/*c*/BY` are the hard cases.
                let src = format!("{}{comment}{}", &q[..at], &q[at..]);
                if crql::parse_script(&src).is_err() {
                    // The parser's business, not the printer's (a comment inside a
                    // dotted name in the field list); counted, and bounded below.
                    unparsed.push(src);
                    continue;
                }
                check_laws(&src, &opts);
                checked += 1;
            }
        }
    }
    assert!(checked > 8000, "only {checked} placements");
    eprintln!(
        "{checked} placements formatted, {} left unparsed",
        unparsed.len()
    );
    assert!(
        unparsed.len() * 50 < checked,
        "{} do not parse: {unparsed:#?}",
        unparsed.len()
    );
}

#[test]
fn token_boundaries_split_dotted_names_and_operators() {
    let t = "SELECT s.t,a<>-5 FROM [x y] WHERE b='it''s'";
    let tokens: Vec<&str> = token_boundaries(t)
        .windows(2)
        .map(|w| &t[w[0]..w[1]])
        .filter(|s| !s.trim().is_empty())
        .collect();
    assert_eq!(
        tokens,
        [
            "SELECT", "s", ".", "t", ",", "a", "<>", "-", "5", "FROM", "[x y]", "WHERE", "b", "=",
            "'it''s'"
        ]
    );
}
