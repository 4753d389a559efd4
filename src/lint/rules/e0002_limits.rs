//! E0002: nesting or input size over the limits. Reported by the parser (and by the
//! linter's walk on hand-built trees deeper than it descends).

use crate::diagnostic::Severity;
use crate::lint::{Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0002",
    severity: Severity::Error,
    name: "too-deep-or-too-large",
    summary: "Nesting deeper, or input larger, than the parser accepts.",
    what: "Reports parentheses, subqueries or prefix operators nested deeper than 64 levels, and input over 1 MiB.",
    why: "Such input is never a real CRQL query (the whole query is capped at 2048 characters); bounding it keeps the tools from exhausting the stack or memory.",
    bad: "SELECT TOP 5 ClientID FROM cmClient WHERE ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((ClientID = 1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))",
    good: "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = 1",
};

/// Limits are enforced by the parser; the rule has no hooks.
pub struct Limits;

impl Rule for Limits {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::NONE
    }
}
