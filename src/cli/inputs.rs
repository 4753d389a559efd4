//! Which inputs a command reads: the one file selection of `check`, `fmt` and
//! `parse`, so that a directory one accepts is one they all accept.

use std::path::{Path, PathBuf};

/// One input of a command.
pub enum Input {
    /// Standard input (`-`, or no path at all).
    Stdin,
    /// A file named, or found under a directory named.
    File(PathBuf),
}

/// Every `*.crql` file under `dir`, in name order.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "crql") {
            out.push(p);
        }
    }
    Ok(())
}

/// The inputs `paths` name: `-` is stdin, a directory is every `*.crql` file under
/// it (name order), nothing at all is stdin; a missing path is an error.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files).map_err(|e| format!("{}: {e}", p.display()))?;
            out.extend(files.into_iter().map(Input::File));
        } else if p.exists() {
            out.push(Input::File(p.clone()));
        } else {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    Ok(out)
}
