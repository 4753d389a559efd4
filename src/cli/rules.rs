//! `crql rules`: every code the crate reports, one per line, with who reports it.

use crql::diagnostic::Code;
use crql::lint::fix::fixable;

use super::EXIT_OK;

/// Arguments of `crql rules`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the subcommand; returns the exit status.
pub fn run(_args: Args) -> i32 {
    print!("{}", table());
    EXIT_OK
}

/// The listing: a header, then a line per code of the code table. The `by` column
/// names who reports the code; `lint` marks a lint rule, which `crql check
/// --select`/`--ignore` and `crql:allow` act on. The `fix` column says whether
/// `crql check --fix` can fix its findings (`sometimes` or `always`, as ruff's
/// listing) and whether the fix is `unsafe`, needing `--unsafe-fixes`.
pub(crate) fn table() -> String {
    let mut out = format!(
        "{:<6}  {:<8}  {:<22}  {:<17}  {:<18}  summary\n",
        "code", "severity", "name", "by", "fix"
    );
    for &c in Code::ALL {
        let i = c.info();
        let by: Vec<&str> = i.reported_by.iter().map(|r| r.short_name()).collect();
        let fix = fixable(c).map_or(String::new(), |f| {
            format!("{} ({})", f.availability, f.applicability)
        });
        out.push_str(&format!(
            "{:<6}  {:<8}  {:<22}  {:<17}  {:<18}  {}\n",
            c.as_str(),
            i.severity.to_string(),
            i.name,
            by.join(","),
            fix,
            i.summary
        ));
    }
    out.push_str(&format!(
        "\n{} codes, {} of them lint rules, {} with fixes; `crql explain CODE` documents one.\n",
        Code::ALL.len(),
        Code::ALL.iter().filter(|c| c.info().is_lint_rule()).count(),
        Code::ALL.iter().filter(|&&c| fixable(c).is_some()).count()
    ));
    out
}
