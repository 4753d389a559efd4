//! Hover: on a table, its columns; on a column, its table, its type and where the
//! type comes from; on an alias, its table; on a finding, the rule's what and why
//! (the text of `crql explain`).

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::position::LineIndex;
use super::symbols::{self, prev_significant};
use super::tokens::{self, Kind, name_text};
use crate::Span;
use crate::diagnostic::Diagnostic;
use crate::keyword::Keyword;
use crate::schema::{Column, Schema, Table};

/// At most this many columns are listed in a table's hover.
const MAX_COLUMNS: usize = 60;

fn column_line(t: &Table, c: &Column) -> String {
    let source = if c.extra.get("standard").and_then(|v| v.as_bool()) == Some(true) {
        "a standard record column, assumed present"
    } else if c.inferred {
        "type inferred from the name"
    } else if t.is_complete() {
        "from the table's description"
    } else {
        "as the schema lists it"
    };
    format!(
        "column `{}.{}`: `{}` ({source})",
        t.name(),
        c.name,
        c.ty.as_str()
    )
}

fn table_text(t: &Table) -> String {
    let mut s = format!(
        "table `{}`: {} columns ({})\n",
        t.name(),
        t.columns().len(),
        if t.is_complete() {
            "every column, from its description"
        } else {
            "some columns: the server may have more"
        }
    );
    for c in t.columns().iter().take(MAX_COLUMNS) {
        s.push_str(&format!(
            "\n- `{}` `{}`{}",
            c.name,
            c.ty.as_str(),
            if c.inferred { " (inferred)" } else { "" }
        ));
    }
    if t.columns().len() > MAX_COLUMNS {
        s.push_str(&format!(
            "\n- ... and {} more",
            t.columns().len() - MAX_COLUMNS
        ));
    }
    s
}

/// The hover at byte `offset`, given the document's findings.
pub fn hover(
    text: &str,
    index: &LineIndex,
    offset: usize,
    schema: &Schema,
    findings: &[Diagnostic],
) -> Option<Hover> {
    let mut parts = Vec::new();
    let mut range: Option<Span> = None;
    let toks = tokens::tokenize(text);
    if let Some(i) = toks
        .iter()
        .position(|t| t.start <= offset && offset < t.end.max(t.start + 1) && t.is_name())
    {
        let t = toks[i];
        let span = Span::new(t.start, t.end);
        let (from, to) = symbols::statement_at(&toks, t.start);
        let tables = symbols::tables(text, &toks, from, to);
        let name = name_text(text, &t);
        let next = toks[i + 1..to.max(i + 1)].iter().find(|n| !n.is_comment());
        let qualifier = prev_significant(&toks, i)
            .filter(|&d| d >= from && toks[d].kind == Kind::Punct(b'.'))
            .and_then(|d| prev_significant(&toks, d))
            .filter(|&q| toks[q].is_name());
        if let Some(u) = tables.iter().find(|u| u.span.same_as(&span)) {
            match schema.table(&u.name) {
                Some(tb) => parts.push(table_text(tb)),
                None => parts.push(format!("table `{}`: not in the schema", u.name)),
            }
        } else if let Some(u) = tables
            .iter()
            .find(|u| u.alias.as_ref().is_some_and(|(_, a)| a.same_as(&span)))
            .or_else(|| {
                next.filter(|n| n.kind == Kind::Punct(b'.'))
                    .and_then(|_| symbols::resolve_qualifier(&tables, &name, t.start))
            })
        {
            parts.push(format!("alias of table `{}`", u.name));
        } else if !matches!(
            prev_significant(&toks, i).map(|p| toks[p].kind),
            Some(Kind::Keyword(Keyword::As))
        ) {
            // A column: of the qualifier's table, else of the first table that has it.
            let candidates: Vec<&symbols::TableUse> = match qualifier {
                Some(q) => symbols::resolve_qualifier(&tables, &name_text(text, &toks[q]), t.start)
                    .into_iter()
                    .collect(),
                None => tables
                    .iter()
                    .filter(|u| u.scope.start <= t.start && t.start <= u.scope.end)
                    .collect(),
            };
            let found = candidates.iter().find_map(|u| {
                let tb = schema.table(&u.name)?;
                Some((tb, tb.column(&name)?))
            });
            if let Some((tb, c)) = found {
                parts.push(column_line(tb, c));
            }
        }
        if !parts.is_empty() {
            range = Some(span);
        }
    }
    for d in findings
        .iter()
        .filter(|d| d.span.start <= offset && offset <= d.span.end)
    {
        let info = d.code.info();
        parts.push(format!(
            "**{}** `{}`: {}\n\n{}",
            info.code, info.name, info.what, info.why
        ));
        range.get_or_insert(d.span);
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: range.map(|s| index.range(text, s)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hover_text(text: &str, at: &str) -> String {
        let offset = text.find(at).unwrap();
        let found = crate::lint::lint_text(text, Schema::builtin());
        match hover(
            text,
            &LineIndex::new(text),
            offset,
            Schema::builtin(),
            &found,
        ) {
            Some(Hover {
                contents: HoverContents::Markup(m),
                ..
            }) => m.value,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tables_columns_aliases_and_findings() {
        let text = "SELECT TOP 5 c.FirstName FROM cmClient c WHERE ClientID = NULL";
        assert!(hover_text(text, "cmClient").starts_with("table `cmClient`"));
        let col = hover_text(text, "FirstName");
        assert!(col.starts_with("column `cmClient.FirstName`"), "{col}");
        assert!(hover_text(text, "c.First").starts_with("alias of table `cmClient`"));
        let finding = hover_text(text, "NULL");
        assert!(finding.contains("W0403"), "{finding}");
    }
}
