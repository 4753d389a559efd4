//! E0219: a table named through its database, `ClientTrack.dbo.cmClient`.

use crate::ast::TableRef;
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
use crate::lint::rules::tick;
use crate::lint::{Context, Hooks, Rule};

pub struct DatabaseName;

impl Rule for DatabaseName {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0219]
    }

    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // The named database may not be the one CTAPI reads: the table may differ.
        Some(Fixable::SOMETIMES_UNSAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::TABLE
    }

    fn check_table<'q>(&self, table: &'q TableRef<'q>, cx: &mut Context<'_, 'q>) {
        let TableRef::Table { name, .. } = table else {
            return;
        };
        let Some(db) = &name.database else {
            return;
        };
        let written = name.to_string();
        // A linked server is named first: it is further from CTAPI's one database.
        let (what, named) = match &name.server {
            Some(s) => ("linked server", &s.value),
            None => ("database", &db.value),
        };
        let bare = name.name.to_string();
        let known = cx.schema().table(&name.name.value);
        let (message, help) = match known {
            Some(t) => (
                format!(
                    "{} names the {what} {}: CRQL reads one database, where this is {}",
                    tick(&written),
                    tick(named),
                    tick(t.name())
                ),
                format!("write {}", tick(&bare)),
            ),
            None => (
                format!(
                    "{} names the {what} {}: CRQL reads one database, and its schema has no table {}",
                    tick(&written),
                    tick(named),
                    tick(&name.name.value)
                ),
                "name the table alone, as CTAPI's database knows it".to_string(),
            ),
        };
        let mut d = Code::E0219
            .diag(name.span, message)
            .with_label(format!("{what} name"))
            .with_help(help);
        // Dropping the database and schema keeps the table; offered only when the
        // schema knows it, so that the fix names a table that exists.
        if known.is_some() && !name.span.is_empty() && name.span.start <= name.name.span.start {
            d = d.with_fix(Fix::unsafe_edits(vec![Edit {
                start: name.span.start,
                end: name.name.span.start,
                replacement: String::new(),
            }]));
        }
        cx.report(d);
    }
}
