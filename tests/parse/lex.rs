//! The lexical scanner (`crql::parser::tokens`): its tokens cover any input exactly
//! (in order, each non-empty, nothing left out or repeated), and on every script
//! the parser accepts they agree with what the parser read — each name, literal,
//! parameter and comment of the tree is exactly one token of the matching kind.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use crql::ast::visit::{Flow, Visit, walk_script};
use crql::ast::{Comment, Ident, Literal, Param};
use crql::keyword::Keyword;
use crql::parser::{Token, TokenKind, tokens};
use proptest::prelude::*;

use crate::support::arb;

const CORPUS: &str = include_str!("../../benches/corpus/queries.crql");

/// The tokens of `text`, after checking that they tile it.
fn tiled(text: &str) -> Vec<Token> {
    let toks: Vec<Token> = tokens(text).collect();
    let mut at = 0;
    for t in &toks {
        assert_eq!(t.span.start, at, "gap or overlap before {t:?} in {text:?}");
        assert!(t.span.end > t.span.start, "empty token {t:?} in {text:?}");
        at = t.span.end;
    }
    assert_eq!(at, text.len(), "tokens stop short in {text:?}");
    let joined: String = toks.iter().map(|t| &text[t.span.clone()]).collect();
    assert_eq!(joined, text);
    for t in &toks {
        let s = &text[t.span.clone()];
        match t.kind {
            TokenKind::Keyword(k) => assert_eq!(Keyword::lookup(s), Some(k), "{s:?}"),
            TokenKind::Ident => assert_eq!(Keyword::lookup(s), None, "{s:?}"),
            TokenKind::Whitespace => assert!(s.chars().all(char::is_whitespace), "{s:?}"),
            _ => {}
        }
    }
    toks
}

/// What the parser read, by span: each name, literal, parameter and comment.
#[derive(Default)]
struct Read {
    /// Span to the token kinds that may spell it there.
    nodes: BTreeMap<(usize, usize), Vec<TokenKind>>,
}

impl<'a> Visit<'a> for Read {
    fn visit_ident(&mut self, ident: &'a Ident<'a>) -> Flow {
        let kinds = if ident.bracketed {
            vec![TokenKind::BracketedIdent]
        } else {
            // A function name or a verb may be a keyword (`LEFT(`, `DELETE`).
            match Keyword::lookup(&ident.value) {
                Some(k) => vec![TokenKind::Keyword(k)],
                None => vec![TokenKind::Ident],
            }
        };
        self.nodes.insert((ident.span.start, ident.span.end), kinds);
        ControlFlow::Continue(())
    }
    fn visit_literal(&mut self, literal: &'a Literal<'a>) -> Flow {
        let kinds = match literal {
            Literal::String { .. } => vec![TokenKind::String, TokenKind::Date],
            Literal::Integer { .. } | Literal::Decimal { .. } => vec![TokenKind::Number],
            Literal::Null { .. } => vec![TokenKind::Keyword(Keyword::Null)],
        };
        let span = literal.span();
        self.nodes.insert((span.start, span.end), kinds);
        ControlFlow::Continue(())
    }
    fn visit_param(&mut self, param: &'a Param<'a>) -> Flow {
        self.nodes
            .insert((param.span.start, param.span.end), vec![TokenKind::Param]);
        ControlFlow::Continue(())
    }
    fn visit_comment(&mut self, comment: &'a Comment<'a>) -> Flow {
        self.nodes.insert(
            (comment.span.start, comment.span.end),
            vec![TokenKind::Comment],
        );
        ControlFlow::Continue(())
    }
}

/// When the parser accepts `text`, every node it read is one token of a kind that
/// spells it, and every comment token is a comment of the script. Returns how
/// many nodes were compared (0 when the parser refuses the text).
fn agrees_with_parser(text: &str) -> usize {
    let toks = tiled(text);
    let Ok(script) = crql::parse_script(text) else {
        return 0;
    };
    let mut read = Read::default();
    let _ = walk_script(&mut read, &script);
    let by_span: BTreeMap<(usize, usize), TokenKind> = toks
        .iter()
        .map(|t| ((t.span.start, t.span.end), t.kind))
        .collect();
    for (span, kinds) in &read.nodes {
        let found = by_span.get(span);
        assert!(
            found.is_some_and(|k| kinds.contains(k)),
            "the parser read {:?} at {span:?} as one of {kinds:?}; the scanner gave {found:?} \
             in {text:?}",
            &text[span.0..span.1],
        );
    }
    let comments = toks.iter().filter(|t| t.kind == TokenKind::Comment).count();
    assert_eq!(comments, script.comments.len(), "{text:?}");
    read.nodes.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn tokens_tile_arbitrary_strings(text in any::<String>()) {
        agrees_with_parser(&text);
    }

    #[test]
    fn tokens_tile_crql_shaped_strings(text in crate::no_panic::pieces()) {
        agrees_with_parser(&text);
    }

    #[test]
    fn tokens_agree_with_the_parser_on_generated_queries(q in arb::query()) {
        for text in [q.to_string(), format!("{q:#}")] {
            prop_assert!(agrees_with_parser(&text) > 0, "{} did not parse", text);
        }
    }
}

/// The whole bench corpus as one script, and each of its queries alone.
#[test]
fn tokens_agree_with_the_parser_on_the_corpus() {
    assert!(agrees_with_parser(CORPUS) > 10_000);
    let mut queries = 0;
    for text in CORPUS.split(';').map(str::trim).filter(|t| !t.is_empty()) {
        assert!(
            agrees_with_parser(text) > 0,
            "corpus query {text:?} did not parse"
        );
        queries += 1;
    }
    assert!(queries >= 1000, "{queries}");
}

/// Edge cases where a scanner written apart from the parser would part from it.
#[test]
fn tokens_agree_with_the_parser_on_boundaries() {
    for text in [
        "SELECT 1e-3, 1e, .5, 5abc, N'x', n'2024-01-05', '2024-01-05' FROM t",
        "SELECT [a]]b] AS [x y], 'it''s' FROM [t]]] -- c\n/* a /* b */ c */",
        "SELECT a FROM t WHERE b = :p AND c <> 'd' ORDER BY a DESC;\u{a0}",
        "\u{FEFF}SELECT a FROM t",
        "DELETE FROM t WHERE a = ';'; SELECT LEFT(a, 2) FROM t",
        "DELETE FROM \"a;--b\"\"c\"; SELECT a FROM t",
    ] {
        assert!(agrees_with_parser(text) > 0, "{text:?} did not parse");
    }
}
