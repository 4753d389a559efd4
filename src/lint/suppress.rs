//! Inline suppression: `-- crql:allow(W0402)` (or `/* crql:allow(W0401, W0402) */`).
//!
//! A comment silences the codes it names for findings that start on its line, and
//! for every finding of a whole statement: the one it stands in, the one it trails
//! (after its last token, on that token's line: `SELECT ...; -- crql:allow(W0401)`),
//! or the one it stands before on a line of its own. Codes may be prefixes
//! (`crql:allow(W04)`).
//!
//! The statement rule is what keeps a suppression working after `crql fmt`: the
//! formatter splits a long one-line query over several lines and keeps each comment
//! in its statement, next to the token it followed, so a trailing allow comment ends
//! up on the last line while the findings it silenced (a missing TOP, at `SELECT`)
//! stay on the first. Lines move under the formatter; statements do not.

use crate::ast::Script;
use crate::diagnostic::Diagnostic;
use crate::lint::code_matches;

const MARKER: &str = "crql:allow(";

/// The codes named by an allow comment, or `None` when it is not one.
fn allowed(comment: &str) -> Option<Vec<&str>> {
    let start = comment.find(MARKER)? + MARKER.len();
    let rest = &comment[start..];
    let inner = &rest[..rest.find(')')?];
    Some(
        inner
            .split([',', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect(),
    )
}

/// The 0-based line of byte `offset`, from the sorted offsets of every `\n`.
fn line_of(newlines: &[usize], offset: usize) -> usize {
    newlines.partition_point(|&n| n < offset)
}

/// One allow comment: the codes it names, its line, and the byte range of the
/// statement it covers (the one it is in, trails, or stands before on its own line).
struct Allow<'c> {
    codes: Vec<&'c str>,
    line: usize,
    query: Option<(usize, usize)>,
}

/// Removes the findings that an allow comment in `script` silences.
pub(crate) fn apply(out: &mut Vec<Diagnostic>, script: &Script<'_>, source: &str) {
    if out.is_empty() || !script.comments.iter().any(|c| c.text.contains(MARKER)) {
        return;
    }
    let newlines: Vec<usize> = source
        .bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
        .collect();
    let line = |offset: usize| line_of(&newlines, offset);

    let mut rules: Vec<Allow<'_>> = Vec::new();
    for c in &script.comments {
        let Some(codes) = allowed(&c.text) else {
            continue;
        };
        let comment_line = line(c.span.start);
        // The statement the comment is in, or trails on its last line.
        let within = script.statements.iter().rev().find(|s| {
            let s = s.span();
            s.start <= c.span.start && (c.span.start < s.end || line(s.end) == comment_line)
        });
        if let Some(s) = within {
            let s = s.span();
            rules.push(Allow {
                codes,
                line: comment_line,
                query: Some((s.start, s.end)),
            });
            continue;
        }
        let next = script
            .statements
            .iter()
            .position(|s| s.span().start >= c.span.end);
        let whole_query = next.and_then(|i| {
            let own_line = match i.checked_sub(1).map(|p| script.statements[p].span()) {
                Some(prev) => line(prev.end) < comment_line,
                None => true,
            };
            own_line.then(|| {
                let s = script.statements[i].span();
                (s.start, s.end)
            })
        });
        rules.push(Allow {
            codes,
            line: comment_line,
            query: whole_query,
        });
    }
    out.retain(|d| {
        let l = line(d.span.start);
        !rules.iter().any(|a| {
            code_matches(d.code.as_str(), &a.codes)
                && (a.line == l
                    || a.query
                        .is_some_and(|(s, e)| d.span.start >= s && d.span.start <= e))
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_comments_are_read() {
        assert_eq!(allowed("-- crql:allow(W0402)"), Some(vec!["W0402"]));
        assert_eq!(
            allowed("/* crql:allow(W0401, W0402) keep */"),
            Some(vec!["W0401", "W0402"])
        );
        assert_eq!(allowed("-- crql:allow(W0402"), None);
        assert_eq!(allowed("-- ordinary"), None);
    }

    #[test]
    fn lines() {
        let nl = [3, 7];
        assert_eq!(line_of(&nl, 0), 0);
        assert_eq!(line_of(&nl, 3), 0);
        assert_eq!(line_of(&nl, 4), 1);
        assert_eq!(line_of(&nl, 8), 2);
    }
}
