//! Completion from the text before the cursor and the schema: a scan of the
//! statement's tokens, which works on the half-typed text an editor has while
//! someone types (`SELECT TOP 5  FROM cmClient` with the cursor in the field list,
//! `SELECT c. FROM cmClient c`), where the parser sees only a syntax error.
//!
//! - after `FROM` / `JOIN`: the schema's tables;
//! - after `alias.` (or `Table.`): that table's columns only;
//! - in the field list, `WHERE`, `ON`, `ORDER BY`: the columns of the statement's
//!   tables (table and type in `detail`), and the keywords that may come next;
//! - inside a `crql:allow(` comment: the rule codes.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionItemLabelDetails, Documentation};

use super::symbols::{self, TableUse, prev_significant};
use super::tokens::{self, Kind, Token, name_text};
use crate::keyword::Keyword;
use crate::schema::{Schema, Table};

/// Where in a statement the cursor is, as far as completion cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Clause {
    /// Nothing typed yet in the statement.
    Start,
    /// Right after `SELECT`.
    AfterSelect,
    /// In the field list (after `SELECT`, `TOP n` or a `,`).
    Fields,
    /// After a complete field (`SELECT a`, before a `,` or `FROM`).
    AfterField,
    /// Right after `FROM` or `JOIN`: a table comes next.
    TableName,
    /// After a table (and its alias).
    AfterTable,
    /// In a condition (`WHERE`, `ON`, `AND`, an operator).
    Condition,
    /// After a complete operand in a condition.
    AfterOperand,
    /// In `ORDER BY`.
    OrderBy,
    /// After an `ORDER BY` column.
    AfterOrderColumn,
}

/// The completion items at byte `offset` of `text`.
pub fn complete(text: &str, offset: usize, schema: &Schema) -> Vec<CompletionItem> {
    let offset = offset.min(text.len());
    let toks = tokens::tokenize(text);
    // The token the cursor is in or right after (a word being typed).
    let at = toks
        .iter()
        .position(|t| t.start < offset && offset <= t.end);
    if let Some(i) = at {
        let t = &toks[i];
        match t.kind {
            Kind::Comment => return allow_codes(&text[t.start..offset]),
            // Inside a string (or right after its closing quote, still in it when unclosed).
            Kind::String | Kind::Date
                if offset < t.end
                    || !text[t.start..t.end].ends_with('\'')
                    || t.end - t.start == 1 =>
            {
                return Vec::new();
            }
            _ => {}
        }
    }
    // Tokens before the word being typed (a word, or a `.` just typed, is context).
    let typing = at.filter(|&i| {
        matches!(
            toks[i].kind,
            Kind::Ident | Kind::Keyword(_) | Kind::BracketedIdent
        )
    });
    let before_end = match typing {
        Some(i) => i,
        None => toks.partition_point(|t| t.end <= offset),
    };
    let (from, to) = symbols::statement_at(&toks, offset);
    let from = from.min(before_end);
    let tables = symbols::tables(text, &toks, from, to);

    // `q.` (or `q.Col` being typed): the columns of q's table.
    let last = prev_significant(&toks, before_end).filter(|&j| j >= from);
    if let Some(dot) = last
        && toks[dot].kind == Kind::Punct(b'.')
    {
        let Some(q) = prev_significant(&toks, dot).filter(|&j| toks[j].is_name()) else {
            return Vec::new();
        };
        let q_name = name_text(text, &toks[q]);
        let table = symbols::resolve_qualifier(&tables, &q_name, toks[q].start)
            .and_then(|u| schema.table(&u.name))
            .or_else(|| schema.table(&q_name));
        return table.map_or_else(Vec::new, |t| columns_of(t, None));
    }

    let clause = clause(&toks[from..before_end]);
    let mut items = Vec::new();
    let keywords: &[&str] = match clause {
        Clause::Start => &["SELECT"],
        Clause::AfterSelect => &["TOP", "DISTINCT"],
        Clause::Fields => &[],
        Clause::AfterField => &["FROM", "AS"],
        Clause::TableName => &[],
        Clause::AfterTable => &[
            "WHERE",
            "INNER JOIN",
            "LEFT JOIN",
            "LEFT OUTER JOIN",
            "JOIN",
            "ON",
            "ORDER BY",
            "AS",
        ],
        Clause::Condition => &["NOT", "EXISTS", "NULL"],
        Clause::AfterOperand => &[
            "AND",
            "OR",
            "IN",
            "NOT IN",
            "IS NULL",
            "IS NOT NULL",
            "LIKE",
            "BETWEEN",
            "ORDER BY",
            "INNER JOIN",
            "LEFT JOIN",
        ],
        Clause::OrderBy => &[],
        Clause::AfterOrderColumn => &["ASC", "DESC"],
    };
    if clause == Clause::TableName {
        items.extend(schema.tables().iter().map(table_item));
    }
    if matches!(
        clause,
        Clause::AfterSelect | Clause::Fields | Clause::Condition | Clause::OrderBy
    ) {
        let scope_at = offset;
        for u in tables
            .iter()
            .filter(|u| u.scope.start <= scope_at && scope_at <= u.scope.end)
        {
            if let Some(t) = schema.table(&u.name) {
                items.extend(columns_of(t, Some(u)));
            }
        }
    }
    items.extend(keywords.iter().map(|k| CompletionItem {
        label: (*k).to_string(),
        kind: Some(CompletionItemKind::KEYWORD),
        sort_text: Some(format!("9{k}")),
        ..CompletionItem::default()
    }));
    items
}

/// The clause the statement `toks` (up to the cursor) leaves the cursor in.
fn clause(toks: &[Token]) -> Clause {
    let code: Vec<&Token> = toks.iter().filter(|t| !t.is_comment()).collect();
    let Some(last) = code.last() else {
        return Clause::Start;
    };
    // The last clause keyword at the cursor's parenthesis depth.
    let mut depth = 0i32;
    let mut clause_kw = None;
    for (i, t) in code.iter().enumerate().rev() {
        match t.kind {
            Kind::Punct(b')') => depth += 1,
            Kind::Punct(b'(') if depth == 0 => break,
            Kind::Punct(b'(') => depth -= 1,
            Kind::Keyword(
                k @ (Keyword::Select
                | Keyword::From
                | Keyword::Join
                | Keyword::Where
                | Keyword::On
                | Keyword::Order
                | Keyword::By),
            ) if depth == 0 => {
                clause_kw = Some((i, k));
                break;
            }
            _ => {}
        }
    }
    let operand_end = |t: &Token| {
        matches!(
            t.kind,
            Kind::Ident
                | Kind::BracketedIdent
                | Kind::String
                | Kind::Date
                | Kind::Number
                | Kind::Param
                | Kind::Punct(b')')
                | Kind::Punct(b'*')
                | Kind::Keyword(Keyword::Null)
        )
    };
    match clause_kw {
        None => match last.kind {
            Kind::Punct(b'(') => Clause::Condition,
            _ => Clause::Start,
        },
        Some((i, Keyword::Select)) => {
            if i + 1 == code.len() {
                return Clause::AfterSelect;
            }
            match last.kind {
                Kind::Punct(b',') => Clause::Fields,
                // `SELECT TOP 5`, `SELECT DISTINCT`: fields next.
                Kind::Number
                | Kind::Keyword(Keyword::Distinct | Keyword::Percent | Keyword::Ties) => {
                    Clause::Fields
                }
                Kind::Keyword(Keyword::Top) => Clause::Fields,
                _ if operand_end(last) => Clause::AfterField,
                _ => Clause::Fields,
            }
        }
        Some((i, Keyword::From | Keyword::Join)) => {
            if i + 1 == code.len() {
                Clause::TableName
            } else {
                Clause::AfterTable
            }
        }
        Some((i, Keyword::Where | Keyword::On)) => {
            if i + 1 == code.len() || !operand_end(last) {
                Clause::Condition
            } else {
                Clause::AfterOperand
            }
        }
        Some((i, _order_or_by)) => {
            if i + 1 == code.len() || last.kind == Kind::Punct(b',') {
                Clause::OrderBy
            } else {
                Clause::AfterOrderColumn
            }
        }
    }
}

fn table_item(t: &Table) -> CompletionItem {
    let detail = format!(
        "table, {} columns ({})",
        t.columns().len(),
        if t.is_complete() {
            "complete"
        } else {
            "partial"
        }
    );
    CompletionItem {
        label: t.name().to_string(),
        kind: Some(CompletionItemKind::CLASS),
        detail: Some(detail),
        sort_text: Some(format!("1{}", t.name())),
        ..CompletionItem::default()
    }
}

/// The columns of `t` as items; `used` is how the statement names the table.
fn columns_of(t: &Table, used: Option<&TableUse>) -> Vec<CompletionItem> {
    let via = used.and_then(|u| u.alias.as_ref().map(|(a, _)| a.clone()));
    t.columns()
        .iter()
        .map(|c| {
            let how = if c.inferred { ", inferred" } else { "" };
            let detail = format!("{}.{}: {}{how}", t.name(), c.name, c.ty.as_str());
            CompletionItem {
                label: c.name.clone(),
                kind: Some(CompletionItemKind::FIELD),
                label_details: Some(CompletionItemLabelDetails {
                    detail: None,
                    description: Some(match &via {
                        Some(a) => format!("{} ({a})", t.name()),
                        None => t.name().to_string(),
                    }),
                }),
                detail: Some(detail),
                sort_text: Some(format!("0{}", c.name)),
                ..CompletionItem::default()
            }
        })
        .collect()
}

/// The rule codes, when `comment` (up to the cursor) is inside `crql:allow(`.
fn allow_codes(comment: &str) -> Vec<CompletionItem> {
    let Some(m) = comment.rfind("crql:allow(") else {
        return Vec::new();
    };
    if comment[m..].contains(')') {
        return Vec::new();
    }
    crate::lint::codes()
        .map(|c| {
            let info = c.info();
            CompletionItem {
                label: c.as_str().to_string(),
                kind: Some(CompletionItemKind::VALUE),
                detail: Some(info.name.to_string()),
                documentation: Some(Documentation::String(info.summary.to_string())),
                ..CompletionItem::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text_with_cursor: &str) -> Vec<String> {
        let offset = text_with_cursor.find('|').unwrap();
        let text = text_with_cursor.replace('|', "");
        complete(&text, offset, Schema::builtin())
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn incomplete_field_lists_get_the_tables_columns() {
        let l = labels("SELECT TOP 5 | FROM cmClient");
        assert!(l.contains(&"FirstName".to_string()), "{l:?}");
        assert!(!l.contains(&"cmClient".to_string()));
        let l = labels("SELECT c.| FROM cmClient c");
        assert!(l.contains(&"ClientID".to_string()), "{l:?}");
        assert!(l.iter().all(|x| x != "SELECT" && x != "EnrollID"), "{l:?}");
        let l = labels(
            "SELECT TOP 5 e.| FROM cmClient c INNER JOIN Enrollment e ON e.ClientID = c.ClientID",
        );
        assert!(l.contains(&"EnrollID".to_string()), "{l:?}");
        assert!(!l.contains(&"FirstName".to_string()), "{l:?}");
    }

    #[test]
    fn tables_keywords_and_codes_by_position() {
        assert!(labels("SELECT TOP 5 ClientID FROM |").contains(&"cmClient".to_string()));
        assert!(labels("SELECT TOP 5 ClientID FROM cm|").contains(&"cmClient".to_string()));
        assert!(labels("SELECT TOP 5 ClientID FROM cmClient |").contains(&"WHERE".to_string()));
        assert!(
            labels("SELECT TOP 5 ClientID FROM cmClient WHERE |").contains(&"LastName".to_string())
        );
        assert!(
            labels("SELECT TOP 5 ClientID FROM cmClient WHERE ClientID |")
                .contains(&"IS NULL".to_string())
        );
        assert!(
            labels("SELECT TOP 5 ClientID FROM cmClient ORDER BY |")
                .contains(&"ClientID".to_string())
        );
        assert!(
            labels("SELECT TOP 5 ClientID FROM cmClient ORDER BY ClientID |")
                .contains(&"DESC".to_string())
        );
        assert!(labels("|").contains(&"SELECT".to_string()));
        assert!(
            labels("SELECT 1; SELECT TOP 5 ClientID FROM cmClient -- crql:allow(W04|")
                .contains(&"W0403".to_string())
        );
        assert!(labels("SELECT TOP 5 ClientID FROM cmClient WHERE LastName = 'ab|").is_empty());
    }
}
