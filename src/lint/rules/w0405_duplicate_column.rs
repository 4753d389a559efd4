//! W0405: the same column twice in the field list.

use crate::ast::{Expr, Ident, Select, SelectItem};
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
use crate::lint::rules::tick;
use crate::lint::{Context, Hooks, Resolved, Rule};
use crate::schema::cmp_ci;

pub struct DuplicateColumn;

/// What identifies a field: the resolved source and column, or the written name.
#[derive(PartialEq)]
enum Key<'a> {
    Resolved(usize, *const crate::schema::Column),
    Written(Option<&'a str>, &'a str),
}

fn same_alias(a: Option<&Ident<'_>>, b: Option<&Ident<'_>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => cmp_ci(&a.value, &b.value).is_eq(),
        _ => false,
    }
}

impl Rule for DuplicateColumn {
    fn codes(&self) -> &'static [Code] {
        &[Code::W0405]
    }
    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // Removing the repetition drops a result column: readers by position change.
        Some(Fixable::ALWAYS_UNSAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        let key = |e: &'q Expr<'q>, cx: &Context<'_, 'q>| -> Option<Key<'q>> {
            let Expr::Column(c) = e else { return None };
            Some(match cx.resolve(c) {
                Resolved::Column { source, column, .. } => Key::Resolved(source, column),
                _ => Key::Written(
                    c.qualifier.as_ref().map(|q| q.value.as_ref()),
                    &c.name.value,
                ),
            })
        };
        // Field lists are short: comparing pairs costs less than collecting keys.
        for (j, item) in select.items.iter().enumerate().skip(1) {
            let SelectItem::Expr {
                expr,
                alias: aj,
                span,
            } = item
            else {
                continue;
            };
            // Same name first: it rules out almost every pair without resolving.
            let repeated = select.items[..j].iter().any(|earlier| match earlier {
                SelectItem::Expr {
                    expr: ei,
                    alias: ai,
                    ..
                } => {
                    same_name(ei, expr)
                        && same_alias(ai.as_ref(), aj.as_ref())
                        && match (key(ei, cx), key(expr, cx)) {
                            (Some(ki), Some(kj)) => same_key(&ki, &kj),
                            _ => false,
                        }
                }
                _ => false,
            });
            if !repeated {
                continue;
            }
            let name = match expr {
                Expr::Column(c) => c.name.value.as_ref(),
                _ => "",
            };
            let mut d = Code::W0405
                .diag(
                    *span,
                    format!("column {} is already in the field list", tick(name)),
                )
                .with_label("repeated")
                .with_help("remove the repetition");
            let prev_end = select.items[j - 1].span().end;
            if !span.is_empty() && prev_end <= span.start {
                d = d.with_fix(Fix::unsafe_edits(vec![Edit {
                    start: prev_end,
                    end: span.end,
                    replacement: String::new(),
                }]));
            }
            cx.report(d);
        }
    }
}

fn same_name(a: &Expr<'_>, b: &Expr<'_>) -> bool {
    match (a, b) {
        (Expr::Column(a), Expr::Column(b)) => cmp_ci(&a.name.value, &b.name.value).is_eq(),
        _ => false,
    }
}

fn same_key(a: &Key<'_>, b: &Key<'_>) -> bool {
    match (a, b) {
        (Key::Written(qa, na), Key::Written(qb, nb)) => {
            cmp_ci(na, nb).is_eq()
                && match (qa, qb) {
                    (None, None) => true,
                    (Some(x), Some(y)) => cmp_ci(x, y).is_eq(),
                    _ => false,
                }
        }
        (a, b) => a == b,
    }
}
