//! Applying machine-applicable fixes to source text.
//!
//! A [`Fix`] is a set of [`Edit`]s with an [`Applicability`], as ruff classifies
//! fixes: a safe fix keeps what the query means, an unsafe one changes it (most
//! often to what its author meant) and is applied only on request
//! (`crql check --unsafe-fixes`). The types live with [`Diagnostic`], which carries
//! the fix; they are re-exported here.

use crate::ast::Comment;
pub use crate::diagnostic::{Applicability, Edit, Fix};
use crate::diagnostic::{Code, Diagnostic};

/// Whether a check's findings of one code come with a fix: ruff's "fix
/// availability", shown by `crql rules` and `crql explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    /// Some findings have a fix; others cannot be fixed mechanically (or the fix
    /// would touch a comment).
    Sometimes,
    /// Every finding has a fix (unless it would touch a comment).
    Always,
}

impl std::fmt::Display for Availability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Availability::Sometimes => "sometimes",
            Availability::Always => "always",
        })
    }
}

/// The fix a check offers for one of its codes: how often, and how safe at worst
/// (a code declared unsafe may have some safe fixes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fixable {
    /// How often a finding has a fix.
    pub availability: Availability,
    /// Whether the fix keeps the query's meaning.
    pub applicability: Applicability,
}

impl Fixable {
    /// Some findings have a fix that keeps the meaning.
    pub const SOMETIMES_SAFE: Fixable = Fixable {
        availability: Availability::Sometimes,
        applicability: Applicability::Safe,
    };
    /// Some findings have a fix that changes the meaning.
    pub const SOMETIMES_UNSAFE: Fixable = Fixable {
        availability: Availability::Sometimes,
        applicability: Applicability::Unsafe,
    };
    /// Every finding has a fix that keeps the meaning.
    pub const ALWAYS_SAFE: Fixable = Fixable {
        availability: Availability::Always,
        applicability: Applicability::Safe,
    };
    /// Every finding has a fix that changes the meaning.
    pub const ALWAYS_UNSAFE: Fixable = Fixable {
        availability: Availability::Always,
        applicability: Applicability::Unsafe,
    };
}

/// The fix that linting offers for findings with `code`, or `None` when they have
/// none (parse errors, checks without a fix, codes linting does not report).
pub fn fixable(code: Code) -> Option<Fixable> {
    super::rule(code).and_then(|r| r.fixable(code))
}

/// Checks that every fix in `out` is declared by its check ([`fixable`]), and no
/// less safe than declared: what `crql rules` says is what `--fix` does. A code
/// declared unsafe may have safe fixes too (the declaration is the worst case).
pub(crate) fn debug_assert_declared(out: &[Diagnostic]) {
    if cfg!(debug_assertions) {
        for d in out {
            if let Some(f) = &d.fix {
                let declared = fixable(d.code).map(|x| x.applicability);
                assert!(
                    declared.is_some_and(|a| a >= f.applicability),
                    "{} reports a {} fix but its check declares {:?} (Rule::fixable)",
                    d.code,
                    f.applicability,
                    declared
                );
            }
        }
    }
}

fn touches(edit: &Edit, start: usize, end: usize) -> bool {
    // An insertion (empty edit) touches a range it falls strictly inside.
    if edit.start == edit.end {
        start < edit.start && edit.start < end
    } else {
        edit.start < end && start < edit.end
    }
}

/// Drops every fix one of whose edits would change a comment: fixes never touch
/// comments.
pub(crate) fn drop_fixes_touching_comments(out: &mut [Diagnostic], comments: &[Comment<'_>]) {
    if comments.is_empty() {
        return;
    }
    // Comments come in source order and do not overlap, so the ones an edit can
    // touch (those ending after it starts and starting before it ends) are a run
    // found by binary search, not a scan of every comment for every fix.
    let ordered = comments
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start);
    let candidates = |e: &Edit| -> &[Comment<'_>] {
        if !ordered {
            return comments;
        }
        let first = comments.partition_point(|c| c.span.end <= e.start);
        let end = first + comments[first..].partition_point(|c| c.span.start < e.end.max(e.start));
        &comments[first..end]
    };
    for d in out.iter_mut() {
        let bad = d.fix.as_ref().is_some_and(|f| {
            f.edits.iter().any(|e| {
                candidates(e)
                    .iter()
                    .any(|c| touches(e, c.span.start, c.span.end))
            })
        });
        if bad {
            d.fix = None;
        }
    }
}

/// Applies every fix of `diagnostics`, safe or not, to `source`. A fix is applied
/// whole or not at all; one that overlaps a fix already taken, or falls outside the
/// text or inside a UTF-8 character, is skipped. Returns the new text and how many
/// fixes were applied. Bytes outside the edits are copied unchanged; a space is
/// added where an edit's text would otherwise join a neighbouring token into one.
pub fn apply(source: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    apply_where(source, diagnostics, |_| true)
}

/// Applies the safe fixes of `diagnostics` only (what `crql check --fix` does);
/// otherwise as [`apply`].
pub fn apply_safe(source: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    apply_where(source, diagnostics, Fix::is_safe)
}

fn apply_where(
    source: &str,
    diagnostics: &[Diagnostic],
    keep: impl Fn(&Fix) -> bool,
) -> (String, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| keep(f))
    {
        let edits = &fix.edits;
        let valid = edits.iter().all(|e| {
            e.start <= e.end
                && e.end <= source.len()
                && source.is_char_boundary(e.start)
                && source.is_char_boundary(e.end)
                && !taken.iter().any(|t| {
                    touches(t, e.start, e.end)
                        || touches(e, t.start, t.end)
                        || (t.start == e.start && t.end == e.end)
                })
        });
        if valid && !edits.is_empty() {
            taken.extend(edits.iter());
            applied += 1;
        }
    }
    taken.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in taken {
        out.push_str(&source[at..e.start]);
        if glues(out.chars().next_back(), e.replacement.chars().next()) {
            out.push(' ');
        }
        out.push_str(&e.replacement);
        at = e.end;
        if glues(out.chars().next_back(), source[at..].chars().next()) {
            out.push(' ');
        }
    }
    out.push_str(&source[at..]);
    (out, applied)
}

/// True when `a` then `b` with nothing between would read as one token, or start a
/// comment: an edit must not join its text to its neighbours (`TOP 5` + `x AS y`).
fn glues(a: Option<char>, b: Option<char>) -> bool {
    let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '@' | '#' | '$');
    match (a, b) {
        (Some(a), Some(b)) => {
            (word(a) && word(b))
                || (a == '\'' && b == '\'')
                || (a == '-' && b == '-')
                || (a == '/' && b == '*')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    fn fix(start: usize, end: usize, r: &str) -> Diagnostic {
        Diagnostic::new(crate::diagnostic::Code::W0403, Span::new(start, end), "m").with_fix(
            Fix::unsafe_edits(vec![Edit {
                start,
                end,
                replacement: r.into(),
            }]),
        )
    }

    #[test]
    fn apply_safe_leaves_unsafe_fixes_out() {
        let mut safe = fix(0, 1, "X");
        safe.fix.as_mut().unwrap().applicability = Applicability::Safe;
        let ds = [safe, fix(2, 3, "Y")];
        assert_eq!(apply_safe("a,b", &ds), ("X,b".to_string(), 1));
        assert_eq!(apply("a,b", &ds), ("X,Y".to_string(), 2));
    }

    #[test]
    fn applies_non_overlapping_fixes_and_skips_the_rest() {
        let src = "a,bcdef";
        let (out, n) = apply(
            src,
            &[
                fix(0, 1, "X"),
                fix(0, 2, "Y"),
                fix(5, 5, "+"),
                fix(9, 10, "!"),
            ],
        );
        assert_eq!(out, "X,bcd+ef");
        assert_eq!(n, 2);
    }

    #[test]
    fn a_fix_is_kept_apart_from_a_token_it_would_join() {
        // `TOP 5` then `x AS y` glued would read `5x`; `'a'` then `'b'` one string.
        let (out, _) = apply("TOP 5y=x FROM t", &[fix(5, 8, "x AS y")]);
        assert_eq!(out, "TOP 5 x AS y FROM t");
        let (out, _) = apply("a=1FROM t", &[fix(0, 3, "1 AS a")]);
        assert_eq!(out, "1 AS a FROM t");
        let (out, _) = apply("'a'x", &[fix(3, 4, "'b'")]);
        assert_eq!(out, "'a' 'b'");
        // Nothing is added where the neighbours are apart already.
        let (out, _) = apply("a, b = NULL", &[fix(5, 11, "IS NULL")]);
        assert_eq!(out, "a, b IS NULL");
    }

    #[test]
    fn fixes_inside_comments_are_dropped() {
        use crate::ast::CommentKind;
        let comments = [Comment {
            text: "/* x */".into(),
            kind: CommentKind::Block,
            span: Span::new(5, 12),
        }];
        let mut ds = [fix(0, 6, ""), fix(12, 13, ""), fix(0, 5, "")];
        drop_fixes_touching_comments(&mut ds, &comments);
        assert!(ds[0].fix.is_none());
        assert!(ds[1].fix.is_some());
        assert!(ds[2].fix.is_some());
    }
}
