//! E0101 and W0101: unknown table — an error when the schema lists every table,
//! a warning otherwise.

use crate::ast::TableRef;
use crate::diagnostic::Code;
use crate::lint::rules::tick;
use crate::lint::{Context, Hooks, Rule};
use crate::schema::did_you_mean;

pub struct UnknownTable;

impl Rule for UnknownTable {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0101, Code::W0101]
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
        // Only a schema that lists every table can say a table does not exist.
        let code = if schema.lists_every_table() {
            Code::E0101
        } else {
            Code::W0101
        };
        if !cx.is_active(code) {
            return;
        }
        let names = || schema.tables().iter().map(|t| t.name());
        let pull = format!("`crql schema pull {written}` fetches its description from your server");
        let help = match did_you_mean(written, names()) {
            Some(s) if code == Code::W0101 => {
                format!("did you mean {}? If not, {pull}", tick(s))
            }
            Some(s) => format!("did you mean {}?", tick(s)),
            None if code == Code::W0101 => {
                format!("the schema does not list every table; {pull}")
            }
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
        let (message, label) = if code == Code::E0101 {
            (
                format!("unknown table {}", tick(written)),
                "not a table in the schema",
            )
        } else {
            (
                format!("table {} is not in the schema", tick(written)),
                "not a table the schema lists",
            )
        };
        cx.report(
            code.diag(name.name.span, message)
                .with_label(label)
                .with_help(help),
        );
    }
}
