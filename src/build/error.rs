//! The builder's one error type.
//!
//! Every fallible function of [`crate::build`] — [`bind`](crate::build::bind()),
//! [`dynamic`](crate::build::dynamic)'s `build` and `build_checked`,
//! [`split_in_list`](crate::build::split_in_list) — fails with an [`Error`]: the
//! diagnostics that explain why, and the text their spans point into when there is
//! one. It is a miette `Diagnostic` whose diagnostics are `related`, so
//! `miette::Report::new(err)` renders every finding against the text.

use std::fmt;
use std::sync::Arc;

use miette::{NamedSource, SourceCode};

use crate::diagnostic::Diagnostic;

/// Why a builder function refused: one or more [`Diagnostic`]s (errors, and for
/// [`build_checked`](crate::build::dynamic::DynQuery::build_checked) the linter's
/// warnings too), and the text their spans point into when there is one.
///
/// ```
/// let err = crql::bind("SELECT ClientID FROM cmClient WHERE ClientID = :id", crql::params! {})
///     .unwrap_err();
/// assert_eq!(err.diagnostics()[0].code, "E0303");
/// let text = err.source_text().unwrap();
/// assert_eq!(&text[err.diagnostics()[0].span.range()], ":id");
/// assert_eq!(err.to_string(), "cannot bind the parameters: parameter `:id` has no value");
/// ```
#[derive(Clone)]
pub struct Error {
    // Boxed: errors are rare and the builder's `Result`s should stay small.
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    /// What was being done, for the one-line message: "cannot bind the parameters".
    action: &'static str,
    diagnostics: Vec<Diagnostic>,
    /// Absent when the failure comes before there is any text (an empty field list).
    source: Option<Arc<NamedSource<String>>>,
}

impl Error {
    /// `diagnostics` (a refusal says why: callers pass at least one) about
    /// `source`, if any.
    pub(crate) fn new(
        action: &'static str,
        diagnostics: Vec<Diagnostic>,
        source: Option<String>,
    ) -> Self {
        Error {
            inner: Box::new(Inner {
                action,
                diagnostics,
                source: source.map(|text| Arc::new(NamedSource::new("query", text))),
            }),
        }
    }

    /// Every finding, in order: errors first where the builder reports them,
    /// the linter's order for [`build_checked`](crate::build::dynamic::DynQuery::build_checked).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.inner.diagnostics
    }

    /// The diagnostics, consuming the error.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.inner.diagnostics
    }

    /// The text the diagnostics' spans point into: the text given to `bind`, or the
    /// canonical text of the query that was built. `None` when the builder failed
    /// before there was any text.
    pub fn source_text(&self) -> Option<&str> {
        self.inner.source.as_deref().map(|s| s.inner().as_str())
    }

    /// Names the source (such as a file path) for rendering; `query` unless set.
    pub fn with_source_name(mut self, name: impl AsRef<str>) -> Self {
        if let Some(source) = &self.inner.source {
            let text = source.inner().clone();
            self.inner.source = Some(Arc::new(NamedSource::new(name, text)));
        }
        self
    }
}

/// Equal when they say the same: the same message, diagnostics, text and name.
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        let (a, b) = (&self.inner, &other.inner);
        let name = |s: &Option<Arc<NamedSource<String>>>| s.as_deref().map(|s| s.name().to_owned());
        a.action == b.action
            && a.diagnostics == b.diagnostics
            && self.source_text() == other.source_text()
            && name(&a.source) == name(&b.source)
    }
}

impl Eq for Error {}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("diagnostics", &self.inner.diagnostics)
            .field("source", &self.source_text())
            .finish()
    }
}

/// `action: first message`, and how many more there are: one line that says what
/// failed and why, for logs and `?` in code that does not render miette reports.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ds = &self.inner.diagnostics;
        f.write_str(self.inner.action)?;
        if let Some(first) = ds.first() {
            write!(f, ": {}", first.message)?;
        }
        match ds.len() {
            0 | 1 => Ok(()),
            2 => f.write_str(" (and 1 more problem)"),
            n => write!(f, " (and {} more problems)", n - 1),
        }
    }
}

impl std::error::Error for Error {}

impl miette::Diagnostic for Error {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Error)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.inner.source.as_deref().map(|s| s as &dyn SourceCode)
    }

    /// Each diagnostic, with its own code, label and help; miette renders them
    /// against this error's source text.
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.inner
                .diagnostics
                .iter()
                .map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Span;
    use crate::diagnostic::Code;

    fn error(n: usize) -> Error {
        let ds = (0..n)
            .map(|i| Diagnostic::error(Code::E0304, Span::new(i, i + 1), format!("problem {i}")))
            .collect();
        Error::new("cannot bind the parameters", ds, Some("abc".into()))
    }

    #[test]
    fn the_message_names_the_action_the_first_problem_and_the_rest() {
        assert_eq!(
            error(1).to_string(),
            "cannot bind the parameters: problem 0"
        );
        assert_eq!(
            error(2).to_string(),
            "cannot bind the parameters: problem 0 (and 1 more problem)"
        );
        assert_eq!(
            error(3).to_string(),
            "cannot bind the parameters: problem 0 (and 2 more problems)"
        );
    }

    #[test]
    fn every_diagnostic_is_related_and_the_source_is_shared() {
        let e = error(3).with_source_name("q.crql");
        let related: Vec<String> = miette::Diagnostic::related(&e)
            .unwrap()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(related, ["problem 0", "problem 1", "problem 2"]);
        let src = miette::Diagnostic::source_code(&e).unwrap();
        let span = src.read_span(&(1..2).into(), 0, 0).unwrap();
        assert_eq!(span.data(), b"b");
        assert_eq!(span.name(), Some("q.crql"));
        assert_eq!(e.source_text(), Some("abc"));
    }
}
