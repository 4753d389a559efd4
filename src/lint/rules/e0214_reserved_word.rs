//! E0214: a T-SQL reserved word written as a bare name.

use crate::ast::{Expr, Ident, Select, SelectItem, TableRef};
use crate::diagnostic::{Code, Edit, Fix};
use crate::keyword::is_tsql_reserved;
use crate::lint::fix::Fixable;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct ReservedWord;

/// The reserved words SQL Server reads, where a value belongs, as a function of
/// no arguments: the query runs, and returns the function's value in every row.
fn niladic_function(word: &str) -> Option<&'static str> {
    const FUNCTIONS: &[(&str, &str)] = &[
        ("USER", "the name of the current database user"),
        ("CURRENT_USER", "the name of the current database user"),
        ("SESSION_USER", "the name of the current database user"),
        ("SYSTEM_USER", "the login of the current connection"),
        ("CURRENT_TIMESTAMP", "the current date and time"),
    ];
    FUNCTIONS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|(_, what)| *what)
}

/// Reports `name` when it is written bare and SQL Server reserves it; `what` says
/// what the name is (`column`, `alias`...), `as_value` whether it stands where
/// SQL Server would read a value.
fn check(name: &Ident<'_>, what: &str, as_value: bool, cx: &mut Context<'_, '_>) {
    if name.bracketed || !is_tsql_reserved(&name.value) {
        return;
    }
    let word = &name.value;
    let niladic = niladic_function(word).filter(|_| as_value);
    let reading = match niladic {
        Some(f) => format!(
            "SQL Server reads it as {}, {f}, not as a {what}",
            word.to_ascii_uppercase()
        ),
        None => format!("SQL Server reads it as a keyword, not as a {what} name"),
    };
    let bracketed = format!("[{word}]");
    let mut d = Code::E0214
        .diag(
            name.span,
            format!("`{word}` is a reserved word in T-SQL: {reading}"),
        )
        .with_label("reserved word")
        .with_help(format!("write it `{bracketed}`"));
    // A bare name is its own text, so the brackets are all the edit: the same name.
    // Where SQL Server reads a function (`USER`), the query ran and returned its
    // value: bracketing changes what comes back, so that fix is unsafe.
    if !name.span.is_empty() {
        let edits = vec![Edit {
            start: name.span.start,
            end: name.span.end,
            replacement: bracketed,
        }];
        d = d.with_fix(if niladic.is_some() {
            Fix::unsafe_edits(edits)
        } else {
            Fix::safe_edits(edits)
        });
    }
    cx.report(d);
}

impl Rule for ReservedWord {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0214]
    }

    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // Unsafe at worst: `USER` as a value is a function call SQL Server runs.
        // A hand-built tree without positions gets no fix, hence "sometimes".
        Some(Fixable::SOMETIMES_UNSAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT | Hooks::TABLE | Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::COLUMN
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for item in &select.items {
            match item {
                SelectItem::Expr { alias: Some(a), .. } => check(a, "column alias", false, cx),
                SelectItem::QualifiedWildcard { qualifier, .. } => {
                    check(qualifier, "table", false, cx)
                }
                _ => {}
            }
        }
    }

    fn check_table<'q>(&self, table: &'q TableRef<'q>, cx: &mut Context<'_, 'q>) {
        let alias = match table {
            TableRef::Table { name, alias, .. } => {
                if let Some(s) = &name.schema {
                    check(s, "schema", false, cx);
                }
                check(&name.name, "table", false, cx);
                alias
            }
            TableRef::Derived { alias, .. } | TableRef::Function { alias, .. } => alias,
        };
        if let Some(a) = alias {
            check(a, "table alias", false, cx);
        }
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        if let Expr::Column(c) = expr {
            if let Some(q) = &c.qualifier {
                check(q, "table", false, cx);
            }
            check(&c.name, "column", c.qualifier.is_none(), cx);
        }
    }
}
