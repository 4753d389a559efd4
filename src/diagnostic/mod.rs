//! The one diagnostic type that the parser, the linter, the builder and the CLI
//! share, and the one table of the codes they report.
//!
//! A [`Diagnostic`] is a `miette::Diagnostic` with a stable [`Code`] (`crql::E0001`), a
//! severity, a message, a labelled span and optional help and fixes. It does not hold
//! the source text, so it is cheap and can be compared in tests; attach the text with
//! [`Diagnostic::with_source`] (or [`WithSource`]) to render it with miette.
//!
//! Every code is a variant of [`Code`], declared once with its documentation
//! ([`CodeInfo`]): `crql rules` lists [`Code::ALL`], `crql explain` prints
//! [`CodeInfo::explain`]. Because a diagnostic's code is a `Code`, every code the crate
//! emits is in the table by construction.

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, SourceCode};
use serde::{Deserialize, Serialize};

use crate::ast::Span;

mod code;
pub(crate) mod source;
mod table;

pub use code::{CodeInfo, Reporter};
pub use table::Code;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The query works but is likely slow, wrong or fragile.
    Warning,
    /// The query is not valid CRQL, or CTAPI would reject or mis-answer it.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A replacement of `span` in the source by `replacement`: a machine-applicable fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// The first byte to replace (positions are compared here, unlike in the AST).
    pub start: usize,
    /// The byte after the last one to replace.
    pub end: usize,
    /// What to put there.
    pub replacement: String,
}

/// Whether applying a [`Fix`] keeps what the query means, as ruff classifies its
/// fixes: `crql check --fix` applies safe fixes only, `--unsafe-fixes` the others too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The query means the same after the fix (`'5'` -> `5` against a number column).
    Safe,
    /// The fix changes what the query means or returns, most likely to what its
    /// author intended (`= NULL` -> `IS NULL`, `name = expr` -> `expr AS name`): it
    /// needs a reader's eye.
    Unsafe,
}

impl fmt::Display for Applicability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        })
    }
}

/// A machine-applicable fix: edits applied together, and whether they keep the
/// query's meaning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// The edits, applied all or none; they do not overlap.
    pub edits: Vec<Edit>,
    /// Whether the fix keeps the query's meaning.
    pub applicability: Applicability,
}

impl Fix {
    /// A fix that keeps the query's meaning.
    pub fn safe_edits(edits: Vec<Edit>) -> Self {
        Fix {
            edits,
            applicability: Applicability::Safe,
        }
    }

    /// A fix that changes what the query means (see [`Applicability::Unsafe`]).
    pub fn unsafe_edits(edits: Vec<Edit>) -> Self {
        Fix {
            edits,
            applicability: Applicability::Unsafe,
        }
    }

    /// True when `--fix` alone applies it.
    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}

/// A finding about a query, with a stable code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The code; it prints and serializes without the `crql::` prefix: `E0001`.
    pub code: Code,
    /// How bad it is: the code's severity unless the reporter chose otherwise.
    pub severity: Severity,
    /// One sentence naming what is wrong and the table, column or limit involved.
    pub message: String,
    /// Where. Offsets are bytes into the text that was parsed.
    pub span: Span,
    /// Text of the label on the span (defaults to the message when `None`).
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// A machine-applicable fix, when there is one, safe or not.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with `code`, at the code's severity, at `span`.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            span,
            label: None,
            help: None,
            fix: None,
        }
    }

    /// An error with `code` at `span`, whatever the code's usual severity.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::new(code, span, message)
        }
    }

    /// A warning with `code` at `span`, whatever the code's usual severity.
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(code, span, message)
        }
    }

    /// Sets the label text.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the machine-applicable fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The full code, `crql::E0001`.
    pub fn full_code(&self) -> String {
        format!("crql::{}", self.code)
    }

    /// Attaches the source text (and a name for it, such as a file path) so that
    /// miette can render the labelled snippet.
    pub fn with_source(self, name: impl AsRef<str>, text: impl Into<String>) -> WithSource {
        WithSource {
            diagnostic: self,
            source: Arc::new(source::Source::new(name, text.into())),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.full_code()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Warning => miette::Severity::Warning,
            Severity::Error => miette::Severity::Error,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let text = self.label.clone().unwrap_or_else(|| self.message.clone());
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(text), self.span),
        )))
    }
}

/// A [`Diagnostic`] together with the text it points into, ready for miette to render.
#[derive(Clone)]
pub struct WithSource {
    /// The diagnostic.
    pub diagnostic: Diagnostic,
    source: Arc<source::Source>,
}

impl WithSource {
    /// The source name given to [`Diagnostic::with_source`].
    pub fn source_name(&self) -> &str {
        self.source.name()
    }

    /// The source text.
    pub fn source_text(&self) -> &str {
        self.source.inner()
    }
}

impl fmt::Debug for WithSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithSource")
            .field("diagnostic", &self.diagnostic)
            .field("source", &self.source.name())
            .finish()
    }
}

impl fmt::Display for WithSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.diagnostic, f)
    }
}

impl std::error::Error for WithSource {}

impl miette::Diagnostic for WithSource {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(&self.diagnostic)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::help(&self.diagnostic)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        // A long span (E0207's is the whole query) is underlined over its first
        // characters only, its label saying how far it goes.
        let d = &self.diagnostic;
        let (span, cut) = source::clamp_label(self.source.inner(), d.span);
        let mut text = d.label.clone().unwrap_or_else(|| d.message.clone());
        if cut {
            let n = self
                .source
                .inner()
                .get(d.span.start..d.span.end)
                .map_or(d.span.len(), |s| s.chars().count());
            text.push_str(&format!(" (from here, {n} characters)"));
        }
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(text), span),
        )))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&*self.source as &dyn SourceCode)
    }
}

/// Renders a diagnostic the way the tests and `--no-color` CLI output do: miette's
/// graphical report, unicode, no colour, at `width` columns.
///
/// The graphical handler is the `fancy` feature's (the CLI has it). Without it, as
/// miette itself does, the report is miette's plain narrated text (`width` unused),
/// so that the library alone pulls in no terminal-rendering crates.
pub fn render(diagnostic: &dyn miette::Diagnostic, width: usize) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    #[cfg(feature = "fancy")]
    let _ = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(width)
        .render_report(&mut out, diagnostic);
    #[cfg(not(feature = "fancy"))]
    let _ = (
        width,
        miette::NarratableReportHandler::new().render_report(&mut out, diagnostic),
    );
    out
}
