//! E0301: a literal that cannot be the column's type.

use crate::ast::Expr;
use crate::diagnostic::Severity;
use crate::lint::values::{Compared, Fit, for_each_literal_compared};
use crate::lint::{Context, ExprKinds, Hooks, Rule, RuleInfo};
use crate::schema::{Column, ColumnType, Table};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0301",
    severity: Severity::Error,
    name: "literal-type",
    summary: "A literal compared with a column whose type it cannot have (`ClientID = 'abc'`).",
    what: "Checks the literals compared with a column (`=`, `<`, ..., IN lists, BETWEEN bounds) against the column's type in the schema: text that is not a number against a numeric column, a number against a text or date column, anything but 0/1/true/false against a boolean column. Columns of unknown type are not checked; built-in types are inferred from the column names.",
    why: "SQL Server converts the literal (or every row's value) to the column's type and fails with a conversion error, so CTAPI answers 400 — or, for a number against a text column, fails only on the rows that are not numbers.",
    bad: "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = 'abc'",
    good: "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = 101",
};

pub struct LiteralType;

/// `cmClient.ClientID (integer, inferred)`, for messages: a `Display` rather than a
/// `String`, so that a message is formatted in one allocation.
pub(crate) fn describe<'a>(table: &'a Table, column: &'a Column) -> Described<'a> {
    Described { table, column }
}

pub(crate) struct Described<'a> {
    table: &'a Table,
    column: &'a Column,
}

impl std::fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}.{}` ({}{})",
            self.table.name(),
            self.column.name,
            self.column.ty,
            if self.column.inferred {
                ", inferred"
            } else {
                ""
            }
        )
    }
}

impl Rule for LiteralType {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::BINARY | ExprKinds::IN_LIST | ExprKinds::BETWEEN
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        for_each_literal_compared(expr, cx, |cx, pair| {
            let Compared {
                table,
                column,
                value,
                lit,
                fit,
            } = pair;
            if fit != Fit::Mismatch {
                return;
            }
            let help = match column.ty {
                ColumnType::Integer => format!(
                    "{} holds whole numbers: write a bare number, e.g. {} = 101",
                    column.name, column.name
                ),
                ColumnType::Decimal => format!(
                    "{} holds numbers: write a bare number, e.g. {} = 10.5",
                    column.name, column.name
                ),
                ColumnType::Text => format!(
                    "{} holds text: quote the value, e.g. '{}'",
                    column.name, lit
                ),
                ColumnType::Date | ColumnType::DateTime => {
                    "write dates quoted, as 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'".to_string()
                }
                ColumnType::Boolean => "write 1 or 0".to_string(),
                ColumnType::Unknown => return,
            };
            let note = if column.inferred {
                " (the type is inferred from the name; a live description loaded with --schema overrides it)"
            } else {
                ""
            };
            cx.report(
                INFO.diag(
                    value.span(),
                    format!("{lit} cannot be a value of {}", describe(table, column)),
                )
                .with_label(format!("not a {} value", column.ty))
                .with_help(format!("{help}{note}")),
            );
        });
    }
}
