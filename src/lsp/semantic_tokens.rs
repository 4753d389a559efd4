//! Semantic tokens: what each token of the text is, so that editors colour CRQL by
//! meaning — keywords, tables, columns, aliases, functions, literals, parameters,
//! comments — from the tokens and the statement's tables, on text that does not
//! parse too.

use lsp_types::{SemanticToken, SemanticTokenType, SemanticTokensLegend};

use super::position::LineIndex;
use super::symbols::{self, prev_significant};
use super::tokens::{self, Kind, Token};
use crate::keyword::Keyword;
use crate::schema::Schema;

/// The token types, in legend order.
const TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::KEYWORD,
    SemanticTokenType::CLASS,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::PARAMETER,
    SemanticTokenType::COMMENT,
    SemanticTokenType::OPERATOR,
];

const KEYWORD: u32 = 0;
const TABLE: u32 = 1;
const COLUMN: u32 = 2;
const ALIAS: u32 = 3;
const FUNCTION: u32 = 4;
const STRING: u32 = 5;
const NUMBER: u32 = 6;
const PARAMETER: u32 = 7;
const COMMENT: u32 = 8;
const OPERATOR: u32 = 9;

/// The legend the server announces.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: Vec::new(),
    }
}

/// The type index (into [`legend`]) of the token at index `i`, or `None` for
/// punctuation that needs no colour.
fn classify(
    text: &str,
    toks: &[Token],
    i: usize,
    tables: &[symbols::TableUse],
    schema: &Schema,
) -> Option<u32> {
    let t = &toks[i];
    Some(match t.kind {
        Kind::Keyword(_) => KEYWORD,
        Kind::String | Kind::Date => STRING,
        Kind::Number => NUMBER,
        Kind::Param => PARAMETER,
        Kind::Comment => COMMENT,
        Kind::Punct(b'=' | b'<' | b'>' | b'!' | b'+' | b'-' | b'*' | b'/' | b'%') => OPERATOR,
        Kind::Punct(_) | Kind::QuotedIdent | Kind::Unknown | Kind::Whitespace => return None,
        Kind::Ident | Kind::BracketedIdent => {
            let span = crate::Span::new(t.start, t.end);
            if tables.iter().any(|u| u.span.same_as(&span)) {
                TABLE
            } else if tables
                .iter()
                .any(|u| u.alias.as_ref().is_some_and(|(_, a)| a.same_as(&span)))
            {
                ALIAS
            } else {
                let next = toks[i + 1..].iter().find(|n| !n.is_comment());
                match next.map(|n| n.kind) {
                    Some(Kind::Punct(b'.')) => {
                        let name = tokens::name_text(text, t);
                        match symbols::resolve_qualifier(tables, &name, t.start) {
                            Some(u) if u.alias.is_some() => ALIAS,
                            _ if schema.table(&name).is_some() => TABLE,
                            _ => ALIAS,
                        }
                    }
                    Some(Kind::Punct(b'(')) => FUNCTION,
                    _ => {
                        // After `FROM x, ` or an unknown position: a table when the
                        // schema has one by that name and a FROM/JOIN precedes.
                        let after_from = prev_significant(toks, i).is_some_and(|p| {
                            matches!(toks[p].kind, Kind::Keyword(Keyword::From | Keyword::Join))
                        });
                        if after_from { TABLE } else { COLUMN }
                    }
                }
            }
        }
    })
}

/// The semantic tokens of `text`, encoded relative to each other as the protocol
/// says; a token over several lines (a block comment) is one token per line.
pub fn full(text: &str, index: &LineIndex, schema: &Schema) -> Vec<SemanticToken> {
    let toks = tokens::tokenize(text);
    let mut out = Vec::with_capacity(toks.len());
    let (mut last_line, mut last_col) = (0u32, 0u32);
    let mut from = 0;
    while from < toks.len() {
        let to = (from..toks.len())
            .find(|&i| toks[i].kind == Kind::Punct(b';'))
            .unwrap_or(toks.len());
        let tables = symbols::tables(text, &toks, from, to);
        for i in from..to {
            let Some(ty) = classify(text, &toks, i, &tables, schema) else {
                continue;
            };
            let t = &toks[i];
            let first = index.line_of(t.start);
            let last = index.line_of(t.end.saturating_sub(1).max(t.start));
            for line in first..=last {
                let (ls, le) = index.line_range(text, line);
                let s = t.start.max(ls);
                let e = t.end.min(le);
                if e <= s {
                    continue;
                }
                let start = index.position(text, s);
                let length: usize = text[s..e].chars().map(char::len_utf16).sum();
                let delta_line = start.line - last_line;
                let delta_start = if delta_line == 0 {
                    start.character - last_col
                } else {
                    start.character
                };
                out.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length: length as u32,
                    token_type: ty,
                    token_modifiers_bitset: 0,
                });
                (last_line, last_col) = (start.line, start.character);
            }
        }
        from = to + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, column, length, type) of each token, decoded.
    fn decoded(text: &str) -> Vec<(u32, u32, u32, &'static str)> {
        let data = full(text, &LineIndex::new(text), Schema::builtin());
        let (mut line, mut col) = (0, 0);
        data.iter()
            .map(|t| {
                line += t.delta_line;
                col = if t.delta_line == 0 {
                    col + t.delta_start
                } else {
                    t.delta_start
                };
                (line, col, t.length, TYPES[t.token_type as usize].as_str())
            })
            .collect()
    }

    #[test]
    fn tokens_are_classified_and_positioned_in_utf16() {
        let text = "SELECT c.FirstName, UPPER(x) FROM cmClient c WHERE c.LastName = 'Müller' AND y = :p /* a\nb */ AND z = 1";
        let got = decoded(text);
        let find = |s: &str| {
            got.iter()
                .find(|t| t.1 == text.find(s).unwrap() as u32 && t.0 == 0)
                .map(|t| t.3)
        };
        assert_eq!(find("SELECT"), Some("keyword"));
        assert_eq!(find("c.First"), Some("variable"));
        assert_eq!(find("FirstName"), Some("property"));
        assert_eq!(find("UPPER"), Some("function"));
        assert_eq!(find("cmClient"), Some("class"));
        assert_eq!(find("'Müller'"), Some("string"));
        // After 'Müller' (one unit less than its bytes), `:p` is one column earlier.
        let p = got.iter().find(|t| t.3 == "parameter").unwrap();
        assert_eq!(p.1, text.find(":p").unwrap() as u32 - 1);
        // The block comment is one token per line.
        let comments: Vec<_> = got.iter().filter(|t| t.3 == "comment").collect();
        assert_eq!(comments.len(), 2);
        assert_eq!((comments[1].0, comments[1].1, comments[1].2), (1, 0, 4));
        assert_eq!(got.last().unwrap().3, "number");
    }
}
