//! E0301, E0302 and W0407: how each literal compared with a column fits the
//! column's type. One check classifies every pair once ([`fit`]) and reports the
//! code of its class: a literal the type cannot hold (E0301), a malformed or
//! impossible date (E0302), a quoted number against a numeric column (W0407).

use crate::ast::Expr;
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
use crate::lint::literal::{Lit, is_decimal_text, is_integer_text};
use crate::lint::{Context, ExprKinds, Hooks, Rule};
use crate::schema::{Column, ColumnType, Table};

pub struct LiteralType;

impl Rule for LiteralType {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0301, Code::E0302, Code::W0407]
    }
    fn fixable(&self, code: Code) -> Option<Fixable> {
        // Unquoting a number SQL Server would convert anyway keeps the meaning.
        (code == Code::W0407).then_some(Fixable::ALWAYS_SAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::BINARY | ExprKinds::IN_LIST | ExprKinds::BETWEEN
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        // An IN list compares one column with every item: resolve it once.
        type Resolved<'s> = Option<(&'s Table, &'s Column)>;
        let mut last: Option<(&'q Expr<'q>, Resolved<'_>)> = None;
        for_each_compared(expr, |col, value| {
            let Some(lit) = Lit::of(value) else {
                return;
            };
            let resolved = match last {
                Some((seen, r)) if std::ptr::eq(seen, col) => r,
                _ => {
                    let r = cx.column_of(col);
                    last = Some((col, r));
                    r
                }
            };
            let Some((table, column)) = resolved else {
                return;
            };
            let fit = fit(column.ty, lit);
            let code = match fit {
                Fit::Ok => return,
                Fit::Mismatch => Code::E0301,
                Fit::MalformedDate => Code::E0302,
                Fit::QuotedNumber => Code::W0407,
            };
            // With only some of the three codes selected, the others' messages
            // are not worth formatting.
            if !cx.is_active(code) {
                return;
            }
            let d = match fit {
                Fit::Ok => return,
                Fit::Mismatch => mismatch(table, column, value, lit),
                Fit::MalformedDate => Code::E0302
                    .diag(
                        value.span(),
                        format!("{lit} is not a valid date for {}", describe(table, column)),
                    )
                    .with_label("malformed or impossible date")
                    .with_help("write dates as 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS', e.g. '2024-01-31 00:00:00'"),
                Fit::QuotedNumber => quoted_number(table, column, value, lit),
            };
            cx.report(d);
        });
    }
}

/// E0301: `lit` cannot be a value of `column`'s type.
fn mismatch(table: &Table, column: &Column, value: &Expr<'_>, lit: Lit<'_>) -> crate::Diagnostic {
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
        // `fit` never calls a literal a mismatch for a column of unknown type.
        ColumnType::Unknown => String::new(),
    };
    let note = if column.inferred {
        " (the type is inferred from the name; a live description loaded with --schema overrides it)"
    } else {
        ""
    };
    Code::E0301
        .diag(
            value.span(),
            format!("{lit} cannot be a value of {}", describe(table, column)),
        )
        .with_label(format!("not a {} value", column.ty))
        .with_help(format!("{help}{note}"))
}

/// W0407: a quoted number against a numeric column, with the fix that unquotes it.
fn quoted_number(
    table: &Table,
    column: &Column,
    value: &Expr<'_>,
    lit: Lit<'_>,
) -> crate::Diagnostic {
    let text = match lit {
        Lit::Str(text) => text,
        _ => "",
    };
    let bare = text.trim_matches(' ').trim_start_matches('+');
    let span = value.span();
    let d = Code::W0407
        .diag(
            span,
            format!(
                "quoted number {lit} compared with numeric column {}",
                describe(table, column)
            ),
        )
        .with_label("a string, converted implicitly")
        .with_help(format!("drop the quotes: {bare}"));
    if span.is_empty() {
        return d;
    }
    d.with_fix(Fix::safe_edits(vec![Edit {
        start: span.start,
        end: span.end,
        replacement: bare.to_string(),
    }]))
}

/// True when `text` is a date (and time) literal CRQL accepts, by CTAPI's one
/// date grammar.
fn is_valid_date(text: &str) -> bool {
    crate::ctapi::parse_date(text).is_some()
}

/// How a literal fits a column type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fit {
    /// Fine (or nothing to say: unknown type, `NULL`).
    Ok,
    /// It cannot be a value of the type (E0301).
    Mismatch,
    /// A string that should be a date but is not a valid one (E0302).
    MalformedDate,
    /// A quoted number against a numeric column (W0407).
    QuotedNumber,
}

/// How `lit` fits a column of type `ty`.
fn fit(ty: ColumnType, lit: Lit<'_>) -> Fit {
    match (ty, lit) {
        (ColumnType::Unknown, _) | (_, Lit::Null) => Fit::Ok,
        (ColumnType::Integer, Lit::Number { .. }) | (ColumnType::Decimal, Lit::Number { .. }) => {
            Fit::Ok
        }
        (ColumnType::Integer, Lit::Str(s)) if is_integer_text(s) => Fit::QuotedNumber,
        (ColumnType::Decimal, Lit::Str(s)) if is_decimal_text(s) => Fit::QuotedNumber,
        (ColumnType::Integer | ColumnType::Decimal, Lit::Str(_)) => Fit::Mismatch,
        (ColumnType::Text, Lit::Str(_)) => Fit::Ok,
        (ColumnType::Text, Lit::Number { .. }) => Fit::Mismatch,
        (ColumnType::Date | ColumnType::DateTime, Lit::Str(s)) => {
            if is_valid_date(s) {
                Fit::Ok
            } else {
                Fit::MalformedDate
            }
        }
        (ColumnType::Date | ColumnType::DateTime, Lit::Number { .. }) => Fit::Mismatch,
        (ColumnType::Boolean, Lit::Number { negative, text, .. }) => {
            if !negative && (text == "0" || text == "1") {
                Fit::Ok
            } else {
                Fit::Mismatch
            }
        }
        (ColumnType::Boolean, Lit::Str(s)) => {
            let s = s.trim_matches(' ');
            if ["0", "1", "true", "false"]
                .iter()
                .any(|b| b.eq_ignore_ascii_case(s))
            {
                Fit::Ok
            } else {
                Fit::Mismatch
            }
        }
    }
}

/// Calls `f(column_side, literal_side)` for each value compared with a column in
/// `e`'s own node: both sides of a comparison, each `IN` list item, both `BETWEEN`
/// bounds. Children are not visited (the walk reaches them itself).
fn for_each_compared<'q>(e: &'q Expr<'q>, mut f: impl FnMut(&'q Expr<'q>, &'q Expr<'q>)) {
    match e {
        Expr::Binary {
            left, op, right, ..
        } if op.is_comparison() => {
            f(left, right);
            f(right, left);
        }
        Expr::InList { expr, list, .. } => {
            for item in list {
                f(expr, item);
            }
        }
        Expr::Between {
            expr, low, high, ..
        } => {
            f(expr, low);
            f(expr, high);
        }
        _ => {}
    }
}

/// `cmClient.ClientID (integer, inferred)`, for messages: a `Display` rather than a
/// `String`, so that a message is formatted in one allocation.
fn describe<'a>(table: &'a Table, column: &'a Column) -> Described<'a> {
    Described { table, column }
}

struct Described<'a> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits() {
        use ColumnType::*;
        assert_eq!(fit(Integer, Lit::Str("101")), Fit::QuotedNumber);
        assert_eq!(fit(Integer, Lit::Str("1.5")), Fit::Mismatch);
        assert_eq!(fit(Integer, Lit::Str("abc")), Fit::Mismatch);
        assert_eq!(fit(Decimal, Lit::Str("1.5")), Fit::QuotedNumber);
        assert_eq!(fit(DateTime, Lit::Str("2024-01-01")), Fit::Ok);
        assert_eq!(fit(DateTime, Lit::Str("2024-31-01")), Fit::MalformedDate);
        assert_eq!(
            fit(
                Date,
                Lit::Number {
                    negative: false,
                    text: "20240101",
                    integer: true
                }
            ),
            Fit::Mismatch
        );
        assert_eq!(fit(Text, Lit::Str("5")), Fit::Ok);
        assert_eq!(fit(Unknown, Lit::Str("x")), Fit::Ok);
        assert_eq!(fit(Integer, Lit::Null), Fit::Ok);
    }
}
