//! The server's settings: each document's project (its `crql.toml`, found upward
//! from the file as `crql check` finds it, and the schema it names), with the
//! editor's settings — `initializationOptions`, then `workspace/didChangeConfiguration`
//! — over it, as the command line's flags are over the file.
//!
//! The editor's settings, all optional (under a `crql` key or at the top level):
//!
//! ```json
//! { "schema": ["schema/extra.json"], "select": ["E", "W04"], "ignore": ["W0402"],
//!   "format": { "width": 100, "keywordCase": "lower" }, "maxDocumentBytes": 1048576 }
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::config::Config;
use crate::lint::Linter;
use crate::print::{FormatOptions, KeywordCase};
use crate::schema::Schema;

/// The most directories whose project is kept; past that the cache starts over (a
/// peer opening files in ever new directories must not grow it without end).
const MAX_PROJECT_DIRS: usize = 64;

/// The largest document checked by default: the parser's own input limit (E0002).
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 1 << 20;

/// What the editor sets.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Schema sources merged over the project's (files or directories), as
    /// `crql check --schema`; relative paths are taken from the project root.
    pub schema: Vec<PathBuf>,
    /// Codes or prefixes to report; replaces `[lint] select` when not empty.
    pub select: Vec<String>,
    /// Codes or prefixes to skip; replaces `[lint] ignore` when not empty.
    pub ignore: Vec<String>,
    /// Formatting over `[format]`.
    pub format: FormatSettings,
    /// Documents larger than this are not checked (default 1 MiB).
    pub max_document_bytes: Option<usize>,
}

/// `format` of [`Settings`].
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct FormatSettings {
    /// The line width.
    pub width: Option<usize>,
    /// `"upper"` or `"lower"`.
    pub keyword_case: Option<String>,
}

impl Settings {
    /// The settings in `value`: the object under `crql` if there is one, else
    /// `value` itself. `null` is the defaults; anything unreadable is an error.
    pub fn from_value(value: &serde_json::Value) -> Result<Settings, String> {
        let v = value.get("crql").unwrap_or(value);
        if v.is_null() {
            return Ok(Settings::default());
        }
        let s: Settings = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
        if let Some(w) = s.format.width
            && !(20..=1000).contains(&w)
        {
            return Err(format!(
                "format.width: {w} is not a line width from 20 to 1000"
            ));
        }
        for (key, list) in [("select", &s.select), ("ignore", &s.ignore)] {
            if let Some(bad) = list.iter().find(|x| {
                !crate::lint::codes()
                    .any(|c| crate::lint::code_matches(c.as_str(), std::slice::from_ref(x)))
            }) {
                return Err(format!(
                    "{key}: {bad:?} is not a code or prefix of a lint rule (see `crql rules`)"
                ));
            }
        }
        match s.format.keyword_case.as_deref() {
            None | Some("upper" | "lower") => {}
            Some(other) => {
                return Err(format!(
                    "format.keywordCase: {other:?} is not \"upper\" or \"lower\""
                ));
            }
        }
        Ok(s)
    }
}

/// A project: its configuration and the schema it lints against.
#[derive(Debug)]
pub struct Project {
    /// The configuration (defaults when there is no crql.toml).
    pub config: Config,
    /// The schema: built-in, `[lint] schema`, the editor's `schema`, the cache.
    pub schema: Schema,
    /// What went wrong reading the configuration or the schema, if anything (the
    /// project then falls back to the defaults and the built-in schema).
    pub error: Option<String>,
}

/// The projects met so far, by the directory their crql.toml was searched from,
/// each loaded once until the settings or a watched file change.
#[derive(Debug, Default)]
pub struct Projects {
    by_dir: HashMap<PathBuf, Arc<Project>>,
    /// Where documents that are not files (untitled) look for a crql.toml.
    pub root: Option<PathBuf>,
}

impl Projects {
    /// Forgets every project, so that the next use reads crql.toml and the schema
    /// again.
    pub fn clear(&mut self) {
        self.by_dir.clear();
    }

    /// The project governing `path` (a file; `None`: the workspace root).
    pub fn for_path(&mut self, path: Option<&Path>, settings: &Settings) -> Arc<Project> {
        let dir = match path.and_then(Path::parent) {
            Some(d) => d.to_path_buf(),
            None => self
                .root
                .clone()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_else(|| PathBuf::from(".")),
        };
        if let Some(p) = self.by_dir.get(&dir) {
            return p.clone();
        }
        if self.by_dir.len() >= MAX_PROJECT_DIRS {
            self.by_dir.clear();
        }
        let project = Arc::new(load(&dir, settings));
        self.by_dir.insert(dir, project.clone());
        project
    }
}

fn load(dir: &Path, settings: &Settings) -> Project {
    let (config, mut error) = match Config::discover(dir) {
        Ok(c) => (c, None),
        Err(e) => (Config::defaults(dir), Some(e.to_string())),
    };
    let extra: Vec<PathBuf> = settings
        .schema
        .iter()
        .map(|p| {
            if p.is_absolute() {
                p.clone()
            } else {
                config.root.join(p)
            }
        })
        .collect();
    let schema = match config.schema_with(&extra) {
        Ok(s) => s,
        Err(e) => {
            error.get_or_insert(e.to_string());
            Schema::builtin().clone()
        }
    };
    Project {
        config,
        schema,
        error,
    }
}

impl Project {
    /// The linter for the document at `path`: the editor's selection over the
    /// project's, as `crql check --select/--ignore` over crql.toml.
    pub fn linter(&self, path: Option<&Path>, settings: &Settings) -> Linter<'_> {
        let mut config = self.config.clone();
        if !settings.select.is_empty() {
            config.lint.select = settings.select.clone();
        }
        if !settings.ignore.is_empty() {
            config.lint.ignore = settings.ignore.clone();
        }
        config.linter(&self.schema, path)
    }

    /// The formatting options: the editor's over `[format]`.
    pub fn format_options(&self, settings: &Settings) -> FormatOptions {
        let mut o = self.config.format_options();
        if let Some(w) = settings.format.width {
            o.width = w;
        }
        match settings.format.keyword_case.as_deref() {
            Some("lower") => o.keyword_case = KeywordCase::Lower,
            Some("upper") => o.keyword_case = KeywordCase::Upper,
            _ => {}
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_project_cache_is_bounded() {
        let mut p = Projects::default();
        let root = std::env::temp_dir().join("crql-lsp-no-such-dir");
        for i in 0..MAX_PROJECT_DIRS + 6 {
            let project = p.for_path(
                Some(&root.join(i.to_string()).join("q.crql")),
                &Settings::default(),
            );
            assert!(project.error.is_none());
            assert!(p.by_dir.len() <= MAX_PROJECT_DIRS);
        }
        assert_eq!(p.by_dir.len(), 6);
    }

    #[test]
    fn settings_are_read_under_crql_or_at_the_top() {
        let a =
            Settings::from_value(&json!({"crql": {"select": ["W04"], "format": {"width": 60}}}))
                .unwrap();
        assert_eq!(a.select, ["W04"]);
        assert_eq!(a.format.width, Some(60));
        let b = Settings::from_value(&json!({"ignore": ["W0402"], "maxDocumentBytes": 5})).unwrap();
        assert_eq!(
            (b.ignore.as_slice(), b.max_document_bytes),
            (&["W0402".to_string()][..], Some(5))
        );
        assert_eq!(
            Settings::from_value(&json!(null)).unwrap(),
            Settings::default()
        );
        assert!(Settings::from_value(&json!({"format": {"width": 5}})).is_err());
        assert!(Settings::from_value(&json!({"format": {"keywordCase": "title"}})).is_err());
        assert!(Settings::from_value(&json!({"select": 3})).is_err());
        assert!(Settings::from_value(&json!({"ignore": ["X9"]})).is_err());
    }
}
