//! The `{:#}` (alternate `Display`) entry points of the pretty formatter.
//!
//! `format!("{query:#}")` lands here and prints the pretty form with the default
//! [`FormatOptions`].

use std::fmt::{self, Formatter};

use super::{FormatOptions, pretty};
use crate::ast::{Query, Script, Statement};
use crate::print::canonical;

/// `{:#}` on a [`Query`].
pub fn query(f: &mut Formatter<'_>, q: &Query<'_>) -> fmt::Result {
    f.write_str(&pretty(q, &FormatOptions::default()))
}

/// `{:#}` on a [`Statement`].
pub fn statement(f: &mut Formatter<'_>, s: &Statement<'_>) -> fmt::Result {
    match s {
        Statement::Query(q) => query(f, q),
        other => canonical::write_statement(f, other),
    }
}

/// `{:#}` on a [`Script`]: each statement pretty, `;` and a blank line between.
/// Without the source text the comments cannot be placed; `crql fmt` uses
/// [`crate::print::format_script`], which keeps them.
pub fn script(f: &mut Formatter<'_>, s: &Script<'_>) -> fmt::Result {
    for (i, st) in s.statements.iter().enumerate() {
        if i > 0 {
            f.write_str(";\n\n")?;
        }
        statement(f, st)?;
    }
    Ok(())
}
