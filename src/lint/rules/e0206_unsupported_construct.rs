//! E0206: GROUP BY, HAVING, aggregates, UNION, or any statement but SELECT.

use crate::ast::{
    Expr, JoinKind, Query, QueryOptionKind, Select, SetOperator, Statement, TableRef,
};
use crate::diagnostic::Code;
use crate::lint::rules::head;
use crate::lint::rules::tick;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

const HELP: &str = "CRQL cannot do this: aggregate client-side, or call a stored procedure (POST /crql/storedprocedures/{name})";

/// Aggregate functions of T-SQL.
const AGGREGATES: &[&str] = &[
    "COUNT",
    "COUNT_BIG",
    "SUM",
    "AVG",
    "MIN",
    "MAX",
    "STDEV",
    "STDEVP",
    "VAR",
    "VARP",
    "STRING_AGG",
    "GROUPING",
    "GROUPING_ID",
    "CHECKSUM_AGG",
    "APPROX_COUNT_DISTINCT",
];

/// True when `name` is an aggregate function (case-insensitive).
pub(crate) fn is_aggregate(name: &str) -> bool {
    AGGREGATES.iter().any(|a| a.eq_ignore_ascii_case(name))
}

pub struct UnsupportedConstruct;

impl Rule for UnsupportedConstruct {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0206]
    }

    fn hooks(&self) -> Hooks {
        Hooks::STATEMENT | Hooks::QUERY | Hooks::SELECT | Hooks::TABLE | Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::FUNCTION | ExprKinds::WINDOW | ExprKinds::COLLATE
    }

    fn check_statement<'q>(&self, stmt: &'q Statement<'q>, cx: &mut Context<'_, 'q>) {
        if let Statement::Unsupported { verb, span } = stmt {
            let verb = verb.value.to_ascii_uppercase();
            // SET and USE write nothing: the write advice would be wrong for them.
            let help = match verb.as_str() {
                "SET" => "remove it: CRQL sends one SELECT, with no session settings",
                "USE" => "remove it: CRQL reads the one ClientTrack database its endpoint serves",
                _ => {
                    "CRQL only reads; write through CTObjects or a stored procedure (POST /crql/storedprocedures/{name})"
                }
            };
            cx.report(
                Code::E0206
                    .diag(
                        *span,
                        format!("{verb} is not allowed: CRQL only runs SELECT"),
                    )
                    .with_label(format!("{verb} statement"))
                    .with_help(help),
            );
        }
    }

    fn check_query<'q>(&self, query: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
        for o in &query.options {
            let (what, help) = match o.kind {
                QueryOptionKind::ForXml | QueryOptionKind::ForJson => (
                    "shapes the rows into one XML or JSON value",
                    "remove it: CTAPI already returns the rows as JSON",
                ),
                QueryOptionKind::ForBrowse => ("is for updatable cursors", "remove it"),
                QueryOptionKind::Option => {
                    ("sets query hints", "remove it: CRQL has no query hints")
                }
            };
            let name = o.kind.as_str();
            cx.report(
                Code::E0206
                    .diag(o.span, format!("{name} is not allowed in CRQL: it {what}"))
                    .with_label(name)
                    .with_help(help),
            );
        }
        for op in &query.set_ops {
            let name = match op.op {
                SetOperator::Union if op.all => "UNION ALL",
                SetOperator::Union => "UNION",
                SetOperator::Except => "EXCEPT",
                SetOperator::Intersect => "INTERSECT",
            };
            cx.report(
                Code::E0206
                    .diag(
                        op.span,
                        format!("{name} is not allowed: CRQL runs one SELECT"),
                    )
                    .with_label(name)
                    .with_help(
                        "send each SELECT as its own query and combine the rows client-side",
                    ),
            );
        }
    }

    fn check_table<'q>(&self, table: &'q TableRef<'q>, cx: &mut Context<'_, 'q>) {
        let TableRef::Function { call, span, .. } = table else {
            return;
        };
        let Expr::Function { name, .. } = &**call else {
            return;
        };
        let name = name.value.to_ascii_uppercase();
        cx.report(
            Code::E0206
                .diag(
                    *span,
                    format!("the table-valued function {name} is not allowed: CRQL reads tables"),
                )
                .with_label("table-valued function")
                .with_help(
                    "read the table the values come from, and split or parse them client-side",
                ),
        );
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        if let Some(into) = &select.into {
            cx.report(
                Code::E0206
                    .diag(
                        into.span,
                        "SELECT ... INTO creates a table: CRQL only reads",
                    )
                    .with_label("INTO")
                    .with_help(
                        "remove `INTO`; keep the rows client-side, or write them through CTObjects",
                    ),
            );
        }
        for j in &select.joins {
            let name = match j.kind {
                JoinKind::CrossApply => "CROSS APPLY",
                JoinKind::OuterApply => "OUTER APPLY",
                _ => continue,
            };
            cx.report(
                Code::E0206
                    .diag(
                        head(j.span, name.len()),
                        format!("{name} is not allowed: CRQL joins one table, with JOIN ... ON"),
                    )
                    .with_label(name)
                    .with_help(
                        "write `JOIN t ON t.Key = u.Key`, or run the per-row query client-side",
                    ),
            );
        }
        if let Some(first) = select.group_by.first() {
            let span = select
                .group_by
                .iter()
                .fold(first.span(), |s, e| s.union(e.span()));
            cx.report(
                Code::E0206
                    .diag(span, "GROUP BY is not allowed in CRQL")
                    .with_label("GROUP BY")
                    .with_help(HELP),
            );
        }
        if let Some(h) = &select.having {
            cx.report(
                Code::E0206
                    .diag(h.span(), "HAVING is not allowed in CRQL")
                    .with_label("HAVING")
                    .with_help(HELP),
            );
        }
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        match expr {
            Expr::Window { span, .. } => {
                cx.report(
                    Code::E0206
                        .diag(*span, "window function (OVER) is not allowed in CRQL")
                        .with_label("window function")
                        .with_help("number, rank or total the rows client-side"),
                );
                return;
            }
            Expr::Collate {
                collation, span, ..
            } => {
                cx.report(
                    Code::E0206
                        .diag(
                            *span,
                            format!("COLLATE {} is not allowed in CRQL", tick(&collation.value)),
                        )
                        .with_label("COLLATE")
                        .with_help("remove it: the column's own collation applies (SQL Server's default ignores case)"),
                );
                return;
            }
            _ => {}
        }
        // An aggregate used as a window function is reported as the window.
        if let Expr::Function { name, span, .. } = expr
            && is_aggregate(&name.value)
            && !matches!(cx.parent(), Some(Expr::Window { .. }))
        {
            let upper = name.value.to_ascii_uppercase();
            cx.report(
                Code::E0206
                    .diag(
                        *span,
                        format!("aggregate {} is not allowed in CRQL", tick(&upper)),
                    )
                    .with_label("aggregate")
                    .with_help(HELP),
            );
        }
    }
}
