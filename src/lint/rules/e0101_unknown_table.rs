//! E0101: unknown table.

use crate::ast::TableRef;
use crate::diagnostic::Code;
use crate::lint::rules::tick;
use crate::lint::{Context, Hooks, Rule};
use crate::schema::did_you_mean;

pub struct UnknownTable;

impl Rule for UnknownTable {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0101]
    }

    fn hooks(&self) -> Hooks {
        Hooks::TABLE
    }

    fn check_table<'q>(&self, table: &'q TableRef<'q>, cx: &mut Context<'_, 'q>) {
        let TableRef::Table { name, .. } = table else {
            return;
        };
        let schema = cx.schema();
        let written: &str = &name.name.value;
        // The walk looked the table up when it brought it into scope: reuse that
        // rather than look it up again (a fallback covers a table not in scope).
        let known = match cx
            .sources()
            .iter()
            .find(|s| s.name.is_some_and(|n| std::ptr::eq(n, &name.name)))
        {
            Some(source) => source.table.is_some(),
            None => schema.table(written).is_some(),
        };
        if known {
            return;
        }
        let names = || schema.tables().iter().map(|t| t.name());
        let help = match did_you_mean(written, names()) {
            Some(s) => format!("did you mean {}?", tick(s)),
            None if schema.tables().is_empty() => {
                "the schema has no tables; load one with --schema".to_string()
            }
            None => {
                let mut known: Vec<&str> = names().take(8).collect();
                if schema.tables().len() > 8 {
                    known.push("…");
                }
                format!(
                    "known tables: {}; load more with --schema",
                    known.join(", ")
                )
            }
        };
        cx.report(
            Code::E0101
                .diag(name.name.span, format!("unknown table {}", tick(written)))
                .with_label("not a table in the schema")
                .with_help(help),
        );
    }
}
