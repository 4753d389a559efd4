//! Inline suppression: `-- crql:allow(W0402)` (or `/* crql:allow(W0401, W0402) */`).
//!
//! A comment silences the codes it names for findings that start on its line, and,
//! when it stands on a line of its own before a query, for the whole query.
//! Codes may be prefixes (`crql:allow(W04)`).

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
/// query it stands before (when it stands on its own line before one).
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
