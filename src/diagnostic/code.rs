//! The [`Code`] type: what a code is and what is known about it ([`CodeInfo`]).
//!
//! The codes themselves, with their documentation, are listed once in `table.rs`:
//! the [`codes!`] macro turns that list into the [`Code`] enum, [`Code::ALL`] and
//! [`Code::info`], so a code cannot exist without its documentation, and a
//! diagnostic cannot carry a code that is not in the table (a typo does not compile).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Code, Severity};

/// The part of the crate that reports a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reporter {
    /// The parser: text that cannot be read, or is over its limits.
    Parser,
    /// A lint rule: `crql check --select`/`--ignore` and `-- crql:allow` apply.
    Linter,
    /// The builders and parameter binding (`crql::bind`, `build::dynamic`,
    /// `build::split_in_list`).
    Builder,
    /// The executor, before it sends a query.
    Executor,
}

impl Reporter {
    /// How `crql rules` names it: `parse`, `lint`, `build`, `exec`.
    pub const fn short_name(self) -> &'static str {
        match self {
            Reporter::Parser => "parse",
            Reporter::Linter => "lint",
            Reporter::Builder => "build",
            Reporter::Executor => "exec",
        }
    }

    /// How `crql explain` names it.
    pub const fn description(self) -> &'static str {
        match self {
            Reporter::Parser => "the parser",
            Reporter::Linter => "the linter (a lint rule: --select, --ignore and crql:allow apply)",
            Reporter::Builder => {
                "the builder (parameter binding, the dynamic builder, IN-list splitting)"
            }
            Reporter::Executor => "the executor, before it sends a query",
        }
    }
}

/// Everything known about a [`Code`]: its default severity, name and documentation.
#[derive(Debug)]
pub struct CodeInfo {
    /// The code this describes.
    pub code: Code,
    /// The severity its diagnostics have.
    pub severity: Severity,
    /// A short kebab-case name: `unknown-column`.
    pub name: &'static str,
    /// Who reports it, first the one that usually does.
    pub reported_by: &'static [Reporter],
    /// One line for `crql rules`.
    pub summary: &'static str,
    /// What is reported.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// An input that gets the code: CRQL text for codes the parser or linter
    /// reports (a test checks that it does), a Rust call for builder-only codes.
    pub bad: &'static str,
    /// The same input fixed (a test checks that it does not get the code).
    pub good: &'static str,
}

impl CodeInfo {
    /// True when a lint rule reports the code.
    pub fn is_lint_rule(&self) -> bool {
        self.reported_by.contains(&Reporter::Linter)
    }

    /// True when the examples are CRQL text that `crql check` reads.
    pub fn has_query_examples(&self) -> bool {
        self.reported_by
            .iter()
            .any(|r| matches!(r, Reporter::Parser | Reporter::Linter))
    }

    /// The full documentation, as `crql explain` prints it.
    pub fn explain(&self) -> String {
        let by: Vec<&str> = self.reported_by.iter().map(|r| r.description()).collect();
        format!(
            "{code} ({severity}): {name}\n{summary}\n\nWhat it does\n  {what}\n\nWhy\n  {why}\n\n\
             Example\n  {bad}\n\nUse instead\n  {good}\n\nReported by\n  {by}\n",
            code = self.code,
            severity = self.severity,
            name = self.name,
            summary = self.summary,
            what = self.what,
            why = self.why,
            bad = self.bad,
            good = self.good,
            by = by.join("\n  "),
        )
    }
}

/// Declares the code table: the [`Code`] enum, one variant per entry, and the
/// [`CodeInfo`] of each. Entries must be in code order (a test checks it), so that
/// `Code`'s order is the order of its text.
macro_rules! codes {
    ($(
        $code:ident {
            severity: $severity:ident,
            name: $name:literal,
            reported_by: [$($by:ident),+ $(,)?],
            summary: $summary:literal,
            what: $what:literal,
            why: $why:literal,
            bad: $bad:literal,
            good: $good:literal $(,)?
        }
    ),+ $(,)?) => {
        /// A stable diagnostic code, such as `E0102`: one variant per entry of the
        /// code table. `E0xxx` are errors, `W0xxx` warnings; the first two digits
        /// group them (`01` names, `02` constructs CRQL forbids, `03` values,
        /// `04` likely mistakes). See [`Code::info`] for each one's documentation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $summary]
                $code,
            )+
        }

        impl Code {
            /// Every code, in code order.
            pub const ALL: &'static [Code] = &[$(Code::$code),+];

            /// The code's text, `E0102`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)+
                }
            }

            /// The code's severity, name and documentation.
            pub const fn info(self) -> &'static CodeInfo {
                const TABLE: &[CodeInfo] = &[$(
                    CodeInfo {
                        code: Code::$code,
                        severity: Severity::$severity,
                        name: $name,
                        reported_by: &[$(Reporter::$by),+],
                        summary: $summary,
                        what: $what,
                        why: $why,
                        bad: $bad,
                        good: $good,
                    },
                )+];
                &TABLE[self as usize]
            }
        }
    };
}
pub(super) use codes;

impl Code {
    /// The code written as `E0102`, `e0102` or `crql::E0102`; `None` when no code
    /// has that text.
    pub fn parse(text: &str) -> Option<Code> {
        let text = text.trim();
        let text = text.strip_prefix("crql::").unwrap_or(text);
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }

    /// The severity diagnostics with this code have.
    pub const fn severity(self) -> Severity {
        self.info().severity
    }

    /// A diagnostic with this code, at its severity, at `span`.
    pub fn diag(self, span: crate::ast::Span, message: impl Into<String>) -> super::Diagnostic {
        super::Diagnostic::new(self, span, message)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Code::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown code {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_code_order_and_each_entry_describes_its_own_code() {
        for (i, &c) in Code::ALL.iter().enumerate() {
            assert_eq!(c as usize, i);
            assert_eq!(c.info().code, c);
        }
        let texts: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = texts.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(texts, sorted, "codes in order, each once");
    }

    #[test]
    fn every_code_is_documented_under_a_unique_kebab_case_name() {
        let mut names = std::collections::HashSet::new();
        for &c in Code::ALL {
            let i = c.info();
            assert!(names.insert(i.name), "{c}: name {} used twice", i.name);
            assert!(
                !i.name.is_empty()
                    && !i.name.starts_with('-')
                    && !i.name.ends_with('-')
                    && !i.name.contains("--")
                    && i.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{c}: {} is not kebab-case",
                i.name
            );
            for (field, text) in [
                ("summary", i.summary),
                ("what", i.what),
                ("why", i.why),
                ("bad", i.bad),
                ("good", i.good),
            ] {
                assert!(!text.trim().is_empty(), "{c}: no {field}");
            }
            assert_ne!(i.bad, i.good, "{c}: the example and its fix are the same");
            assert!(!i.reported_by.is_empty(), "{c}: reported by nobody");
            let letter = match i.severity {
                Severity::Error => 'E',
                Severity::Warning => 'W',
            };
            assert!(
                c.as_str().starts_with(letter),
                "{c}: severity {}",
                i.severity
            );
        }
    }

    #[test]
    fn a_code_reads_back_from_its_text_and_serializes_as_it() {
        for &c in Code::ALL {
            assert_eq!(Code::parse(c.as_str()), Some(c));
            assert_eq!(Code::parse(&c.as_str().to_lowercase()), Some(c));
            assert_eq!(Code::parse(&format!("crql::{c}")), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{c}\""));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), c);
            assert_eq!(c, c.as_str());
        }
        assert_eq!(Code::parse("E9999"), None);
        assert_eq!(Code::parse("E01"), None);
        assert!(serde_json::from_str::<Code>("\"E9999\"").is_err());
    }

    #[test]
    fn explain_says_who_reports_the_code() {
        let text = Code::E0305.info().explain();
        assert!(
            text.starts_with("E0305 (error): list-parameter\n"),
            "{text}"
        );
        assert!(text.ends_with(&format!(
            "Reported by\n  {}\n",
            Reporter::Builder.description()
        )));
        let text = Code::E0206.info().explain();
        assert!(text.contains(Reporter::Parser.description()));
        assert!(text.contains(Reporter::Linter.description()));
    }

    /// Every `E0xxx`/`W0xxx` written in `src/`, in code, strings or comments. A
    /// diagnostic's code is a [`Code`], so an emitted code is in the table by
    /// construction; this also catches a code written as text that the table
    /// lacks: in a comparison (which compiles, `Code` being `PartialEq<&str>`) or
    /// in documentation.
    #[test]
    fn every_code_mentioned_in_the_sources_is_in_the_table() {
        fn visit(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    visit(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let b = text.as_bytes();
                    for i in 0..b.len().saturating_sub(4) {
                        let word = |j: usize| b.get(j).is_some_and(|c| c.is_ascii_alphanumeric());
                        if matches!(b[i], b'E' | b'W')
                            && b[i + 1] == b'0'
                            && b[i + 2..i + 5].iter().all(u8::is_ascii_digit)
                            && !word(i + 5)
                            && (i == 0 || !word(i - 1))
                        {
                            found.push((text[i..i + 5].to_string(), path.display().to_string()));
                        }
                    }
                }
            }
        }
        let mut found = Vec::new();
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(found.len() > 100, "the sources mention codes");
        for (code, file) in found {
            assert!(
                Code::parse(&code).is_some(),
                "{file} mentions {code}, which is not in the table"
            );
        }
    }
}
