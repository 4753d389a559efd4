//! The `{:#}` (alternate `Display`) entry points of the pretty formatter.
//!
//! `format!("{query:#}")` lands here. Until the pretty formatter exists these write the
//! canonical form; the formatter replaces the three bodies with calls into
//! `crate::print::pretty` using its default options.

use std::fmt::{self, Formatter};

use crate::ast::{Query, Script, Statement};
use crate::print::canonical;

/// `{:#}` on a [`Query`].
pub fn query(f: &mut Formatter<'_>, q: &Query<'_>) -> fmt::Result {
    canonical::write_query(f, q)
}

/// `{:#}` on a [`Statement`].
pub fn statement(f: &mut Formatter<'_>, s: &Statement<'_>) -> fmt::Result {
    canonical::write_statement(f, s)
}

/// `{:#}` on a [`Script`].
pub fn script(f: &mut Formatter<'_>, s: &Script<'_>) -> fmt::Result {
    canonical::write_script(f, s)
}
