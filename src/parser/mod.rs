//! The nom parser: CRQL text to [`crate::ast`]. (Skeleton: being implemented.)

use crate::ast::{Expr, Query, Script};
use crate::diagnostic::Diagnostic;

pub mod keyword;

/// Deepest nesting (parentheses, subqueries, prefix operators) accepted before E0002.
pub const MAX_DEPTH: usize = 64;
/// Largest input accepted before E0002, in bytes.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// A syntax error (E0001) or a limit exceeded (E0002).
#[derive(Debug, Clone)]
pub struct ParseError {
    // Boxed: errors are rare and `Result<Query, ParseError>` should stay small.
    diagnostic: Box<Diagnostic>,
}

impl ParseError {
    /// The diagnostic, without the source text.
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.diagnostic
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.diagnostic, f)
    }
}

impl std::error::Error for ParseError {}

fn todo_err() -> ParseError {
    ParseError {
        diagnostic: Box::new(Diagnostic::error(
            "E0001",
            crate::Span::empty(),
            "parser not implemented yet",
        )),
    }
}

/// Parses one query.
pub fn parse(_text: &str) -> Result<Query<'_>, ParseError> {
    Err(todo_err())
}

/// Parses a `;`-separated script, keeping comments.
pub fn parse_script(_text: &str) -> Result<Script<'_>, ParseError> {
    Err(todo_err())
}

/// Parses an expression alone: `ClientID IN (1, 2) AND ExitDate IS NULL`.
pub fn parse_expr(_text: &str) -> Result<Expr<'_>, ParseError> {
    Err(todo_err())
}

/// Parses a WHERE clause alone, with or without the `WHERE` keyword.
pub fn parse_where(_text: &str) -> Result<Expr<'_>, ParseError> {
    Err(todo_err())
}
