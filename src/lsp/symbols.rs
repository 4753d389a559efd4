//! The tables of each statement and their aliases, read from the tokens so that
//! they are found while the statement does not parse yet: document symbols (one
//! per statement, named by its table), and go to definition, references and rename
//! of a table alias (`c` in `FROM cmClient c ... WHERE c.ClientID = 1`).
//!
//! An alias is visible in the parenthesised group it is defined in (a subquery)
//! and the groups inside it; a qualifier resolves to the innermost such alias.

use lsp_types::{DocumentSymbol, SymbolKind};

use super::position::LineIndex;
use super::tokens::{self, Kind, Token, name_text};
use crate::Span;
use crate::keyword::Keyword;

/// A `FROM` or `JOIN` table of a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableUse {
    /// The table's name, unquoted.
    pub name: String,
    /// Its name token.
    pub span: Span,
    /// Its alias and the alias token.
    pub alias: Option<(String, Span)>,
    /// The parenthesised group holding it (the statement when none).
    pub scope: Span,
}

/// The statement of `tokens` holding byte `offset`: its token index range.
pub fn statement_at(toks: &[Token], offset: usize) -> (usize, usize) {
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.kind == Kind::Punct(b';') {
            if t.start >= offset {
                return (start, i);
            }
            start = i + 1;
        }
    }
    (start, toks.len())
}

/// The index of the significant (non-comment) token before index `i`.
pub fn prev_significant(toks: &[Token], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !toks[j].is_comment())
}

fn next_significant(toks: &[Token], i: usize, end: usize) -> Option<usize> {
    (i + 1..end).find(|&j| !toks[j].is_comment())
}

/// For each token of `toks[from..to]`, the byte range of the innermost
/// parenthesised group holding it (the statement's range when none).
fn scopes(toks: &[Token], from: usize, to: usize) -> Vec<Span> {
    // The statement's scope runs on past its last token: the cursor of a statement
    // being typed is often after it.
    let whole = Span::new(toks.get(from).map_or(0, |t| t.start), usize::MAX);
    // Pair the parentheses first, so each token knows where its group ends.
    let mut close = vec![None; to - from];
    let mut stack = Vec::new();
    for (i, t) in toks.iter().enumerate().take(to).skip(from) {
        match t.kind {
            Kind::Punct(b'(') => stack.push(i),
            Kind::Punct(b')') => {
                if let Some(o) = stack.pop() {
                    close[o - from] = Some(t.end);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(to - from);
    let mut open: Vec<Span> = Vec::new();
    for i in from..to {
        match toks[i].kind {
            Kind::Punct(b'(') => {
                out.push(*open.last().unwrap_or(&whole));
                open.push(Span::new(
                    toks[i].start,
                    close[i - from].unwrap_or(whole.end),
                ));
            }
            Kind::Punct(b')') => {
                out.push(*open.last().unwrap_or(&whole));
                open.pop();
            }
            _ => out.push(*open.last().unwrap_or(&whole)),
        }
    }
    out
}

fn is_kw(t: &Token, k: Keyword) -> bool {
    t.kind == Kind::Keyword(k)
}

/// The tables of the statement `toks[from..to]`.
pub fn tables(text: &str, toks: &[Token], from: usize, to: usize) -> Vec<TableUse> {
    let scope = scopes(toks, from, to);
    let mut out = Vec::new();
    for i in from..to {
        if !(is_kw(&toks[i], Keyword::From) || is_kw(&toks[i], Keyword::Join)) {
            continue;
        }
        let Some(n) = next_significant(toks, i, to) else {
            continue;
        };
        if !toks[n].is_name() {
            continue;
        }
        let mut alias = None;
        if let Some(mut a) = next_significant(toks, n, to) {
            if is_kw(&toks[a], Keyword::As) {
                a = next_significant(toks, a, to).unwrap_or(a);
            }
            if toks[a].is_name()
                && next_significant(toks, a, to).is_none_or(|d| toks[d].kind != Kind::Punct(b'.'))
            {
                alias = Some((
                    name_text(text, &toks[a]).into_owned(),
                    Span::new(toks[a].start, toks[a].end),
                ));
            }
        }
        out.push(TableUse {
            name: name_text(text, &toks[n]).into_owned(),
            span: Span::new(toks[n].start, toks[n].end),
            alias,
            scope: scope[i - from],
        });
    }
    out
}

/// The table a qualifier `q` (in `q.Column` at byte `at`) names: the innermost
/// visible alias `q`, else a visible table named `q`.
pub fn resolve_qualifier<'t>(tables: &'t [TableUse], q: &str, at: usize) -> Option<&'t TableUse> {
    let visible = |t: &&TableUse| t.scope.start <= at && at <= t.scope.end;
    let innermost = |a: &&TableUse, b: &&TableUse| b.scope.start.cmp(&a.scope.start);
    tables
        .iter()
        .filter(visible)
        .filter(|t| {
            t.alias
                .as_ref()
                .is_some_and(|(a, _)| a.eq_ignore_ascii_case(q))
        })
        .min_by(innermost)
        .or_else(|| {
            tables
                .iter()
                .filter(visible)
                .filter(|t| t.alias.is_none() && t.name.eq_ignore_ascii_case(q))
                .min_by(innermost)
        })
}

/// A table alias found at a position: the token there, where the alias is
/// defined, and where it is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The alias token the position is on.
    pub at: Span,
    /// The alias after its table.
    pub definition: Span,
    /// Each `alias.` qualifier that resolves to it, in order.
    pub uses: Vec<Span>,
}

/// The alias at byte `offset` of `text`: on its definition or on a use.
pub fn alias_at(text: &str, offset: usize) -> Option<Alias> {
    let toks = tokens::tokenize(text);
    let i = toks
        .iter()
        .position(|t| t.start <= offset && offset <= t.end && t.is_name())?;
    let (from, to) = statement_at(&toks, toks[i].start);
    let tables = tables(text, &toks, from, to);
    let at = Span::new(toks[i].start, toks[i].end);
    let name = name_text(text, &toks[i]);
    let target = match tables
        .iter()
        .find(|t| t.alias.as_ref().is_some_and(|(_, s)| s.same_as(&at)))
    {
        Some(t) => t,
        None => {
            let dot = next_significant(&toks, i, to)?;
            if toks[dot].kind != Kind::Punct(b'.') {
                return None;
            }
            let t = resolve_qualifier(&tables, &name, at.start)?;
            t.alias.as_ref()?;
            t
        }
    };
    let (alias, definition) = target.alias.clone()?;
    let uses = (from..to)
        .filter(|&j| {
            toks[j].is_name()
                && next_significant(&toks, j, to).is_some_and(|d| toks[d].kind == Kind::Punct(b'.'))
                && name_text(text, &toks[j]).eq_ignore_ascii_case(&alias)
                && resolve_qualifier(&tables, &alias, toks[j].start)
                    .is_some_and(|t| t.alias.as_ref().is_some_and(|a| a.1.same_as(&definition)))
        })
        .map(|j| Span::new(toks[j].start, toks[j].end))
        .collect();
    Some(Alias {
        at,
        definition,
        uses,
    })
}

/// `name` when it can be an alias as written: a plain word that is not a
/// keyword, or a bracketed name.
pub fn valid_alias(name: &str) -> Option<&str> {
    let toks = tokens::tokenize(name);
    match toks.as_slice() {
        [t] if t.is_name() && t.start == 0 && t.end == name.len() => Some(name),
        _ => None,
    }
}

/// One symbol per statement, named by its first table (`statement N` when it has
/// none yet), its tables as children.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
pub fn document_symbols(text: &str, index: &LineIndex) -> Vec<DocumentSymbol> {
    let toks = tokens::tokenize(text);
    let mut out = Vec::new();
    let mut from = 0;
    let mut n = 0;
    while from < toks.len() {
        let to = (from..toks.len())
            .find(|&i| toks[i].kind == Kind::Punct(b';'))
            .unwrap_or(toks.len());
        let code: Vec<usize> = (from..to).filter(|&i| !toks[i].is_comment()).collect();
        if let (Some(&first), Some(&last)) = (code.first(), code.last()) {
            n += 1;
            let span = Span::new(toks[first].start, toks[last].end);
            let tables = tables(text, &toks, from, to);
            let verb = &text[toks[first].start..toks[first].end];
            let name = tables
                .first()
                .map_or_else(|| format!("statement {n}"), |t| t.name.clone());
            let children = tables
                .iter()
                .map(|t| DocumentSymbol {
                    name: t.name.clone(),
                    detail: t.alias.as_ref().map(|(a, _)| format!("alias {a}")),
                    kind: SymbolKind::CLASS,
                    tags: None,
                    deprecated: None,
                    range: index.range(
                        text,
                        t.alias.as_ref().map_or(t.span, |(_, a)| t.span.union(*a)),
                    ),
                    selection_range: index.range(text, t.span),
                    children: None,
                })
                .collect();
            out.push(DocumentSymbol {
                name,
                detail: Some(verb.to_uppercase()),
                kind: SymbolKind::OBJECT,
                tags: None,
                deprecated: None,
                range: index.range(text, span),
                selection_range: index.range(text, tables.first().map_or(span, |t| t.span)),
                children: Some(children),
            });
        }
        from = to + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_is_found_from_its_definition_and_its_uses_in_scope() {
        let text = "SELECT c.ClientID FROM cmClient c WHERE c.ClientID IN (SELECT c.ClientID FROM Enrollment AS c) AND c.x = 1";
        let def = text.find("cmClient c").unwrap() + 9;
        let a = alias_at(text, def).expect("the alias");
        assert_eq!((a.definition.start, a.definition.end), (def, def + 1));
        // The outer uses only: the subquery's `c` is Enrollment's alias.
        let outer: Vec<usize> = a.uses.iter().map(|s| s.start).collect();
        assert_eq!(
            outer,
            [
                7,
                text.find("c.ClientID IN").unwrap(),
                text.find("c.x").unwrap()
            ]
        );
        let inner = text.find("SELECT c.ClientID FROM Enrollment").unwrap() + 7;
        let b = alias_at(text, inner).expect("the inner alias");
        assert_eq!(b.definition.start, text.find("AS c").unwrap() + 3);
        assert_eq!(b.uses.len(), 1);
        assert_eq!(alias_at(text, text.find("ClientID").unwrap()), None);
    }

    #[test]
    fn statements_are_named_by_their_table_even_half_typed() {
        let text = "SELECT TOP 5 ClientID FROM cmClient c;\n-- next\nSELECT TOP 5 FROM Enrollment e INNER JOIN cmClient x ON x.ClientID = e.ClientID;\nSELECT";
        let s = document_symbols(text, &LineIndex::new(text));
        let names: Vec<&str> = s.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["cmClient", "Enrollment", "statement 3"]);
        assert_eq!(s[1].children.as_ref().unwrap().len(), 2);
        assert_eq!(valid_alias("cc"), Some("cc"));
        assert_eq!(valid_alias("from"), None);
        assert_eq!(valid_alias("a b"), None);
    }
}
