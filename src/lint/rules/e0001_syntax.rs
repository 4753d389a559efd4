//! E0001: syntax error. Reported by the parser; listed here for its documentation.

use crate::diagnostic::Severity;
use crate::lint::{Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0001",
    severity: Severity::Error,
    name: "syntax-error",
    summary: "The text is not SQL-shaped: the parser cannot read it.",
    what: "Reports text the parser cannot read as a query, with the position and what was expected there.",
    why: "CTAPI answers such a query with 400 Bad Request; nothing else can be checked until it parses.",
    bad: "SELECT TOP 5 ClientID FROM",
    good: "SELECT TOP 5 ClientID FROM cmClient",
};

/// Syntax errors come from the parser; the rule has no hooks.
pub struct Syntax;

impl Rule for Syntax {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::NONE
    }
}
