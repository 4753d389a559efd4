//! The project's configuration: `crql.toml`, and the schema cache beside it.
//!
//! [`Config::discover`] looks for `crql.toml` in a directory and its parents (as
//! ruff finds `ruff.toml`), starting from the file being checked or the working
//! directory. Every front end reads it through this one loader — `crql check`,
//! `fmt`, `run`, `url`, and a program using the library — and flags override it.
//!
//! ```toml
//! [lint]
//! select = ["E", "W"]          # code prefixes, as --select
//! ignore = ["W0402"]           # as --ignore
//! schema = ["schema"]          # files or directories, relative to this file, as --schema
//! per-file-ignores = { "legacy/*.crql" = ["W0401"] }
//! [format]
//! width = 100
//! keyword-case = "upper"       # or "lower"
//! [run]
//! endpoint = "https://api.clienttrack.net"   # never keys: those stay in the environment
//! describe = true              # describe unknown tables before sending (default true)
//! ```
//!
//! An unknown key or a bad value is a [`ConfigError`] naming the file, the line
//! and the key. Keys are refused in the file on purpose: credentials belong in the
//! environment, not in a file that is committed with the queries.
//!
//! The schema cache is the directory `.crql/schema/` beside `crql.toml` (or in the
//! directory searched from, when there is none): `crql schema pull` writes one
//! complete table per file there, and [`Config::schema`] reads it.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let config = crql::config::Config::discover(std::path::Path::new("."))?;
//! let schema = config.schema()?; // built-in + [lint] schema + the cache
//! let q = crql::parse("SELECT TOP 5 ClientID, BirthDate FROM cmClient")?;
//! let findings = config.linter(&schema, None).lint(&q);
//! # let _ = findings; Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::lint::{Linter, code_matches};
use crate::print::{FormatOptions, KeywordCase};
use crate::schema::{Schema, SchemaError};

/// The configuration file's name.
pub const FILE_NAME: &str = "crql.toml";

/// The schema cache, relative to the project root.
pub const CACHE_DIR: &str = ".crql/schema";

/// A `crql.toml` that could not be read or is wrong, with where and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// The 1-based line of the offending key or value; 0 when not known (an
    /// unreadable file).
    pub line: usize,
    /// The dotted key (`lint.select`), when the error is about one.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if let Some(k) = &self.key {
            write!(f, ": `{k}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// `[lint]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LintConfig {
    /// Codes or prefixes to report, as `--select` (empty: all).
    pub select: Vec<String>,
    /// Codes or prefixes to skip, as `--ignore`.
    pub ignore: Vec<String>,
    /// Schema sources, resolved against the file's directory, as `--schema`.
    pub schema: Vec<PathBuf>,
    /// Glob (relative to the file's directory) → codes skipped in matching files.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
}

/// `[format]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormatConfig {
    /// The line width, as `crql fmt --width`.
    pub width: Option<usize>,
    /// The keyword case, as `crql fmt --lowercase`.
    pub keyword_case: Option<KeywordCase>,
}

/// `[run]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunConfig {
    /// The CTAPI base URL, used when neither `--endpoint` nor `$CRQL_ENDPOINT` gives
    /// one (the environment is the user's; the file is the project's default).
    pub endpoint: Option<String>,
    /// Whether `crql run` describes tables it has no complete schema for before
    /// sending; `None` means the default (yes).
    pub describe: Option<bool>,
}

/// A project's configuration: what `crql.toml` says, and where the project is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// The file read; `None` when none was found (every setting is a default).
    pub file: Option<PathBuf>,
    /// The project root: the file's directory, or the directory searched from.
    pub root: PathBuf,
    /// `[lint]`.
    pub lint: LintConfig,
    /// `[format]`.
    pub format: FormatConfig,
    /// `[run]`.
    pub run: RunConfig,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    lint: RawLint,
    #[serde(default)]
    format: RawFormat,
    #[serde(default)]
    run: RawRun,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLint {
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    schema: Vec<Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<Spanned<String>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFormat {
    width: Option<Spanned<i64>>,
    keyword_case: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRun {
    endpoint: Option<Spanned<String>>,
    describe: Option<bool>,
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Config {
    /// The defaults, for a project rooted at `root` with no `crql.toml`.
    pub fn defaults(root: impl Into<PathBuf>) -> Config {
        Config {
            root: root.into(),
            ..Config::default()
        }
    }

    /// The `crql.toml` that governs `start` (a file or a directory): the first found
    /// in its directory or a parent. None found: the defaults, rooted at `start`'s
    /// directory. A relative `start` is taken from the working directory.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        let start = if start.is_absolute() {
            start.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(start))
                .unwrap_or_else(|_| start.to_path_buf())
        };
        // `dir/.` and `dir/` name dir: drop the `.` so messages show a clean path.
        let start: PathBuf = start
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        let dir = if start.is_dir() {
            start.as_path()
        } else {
            start.parent().unwrap_or(Path::new("."))
        };
        for d in dir.ancestors() {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
        }
        Ok(Config::defaults(dir))
    }

    /// Reads `path` (a `crql.toml`); the project root is its directory.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: path.to_path_buf(),
            line: 0,
            key: None,
            message: e.to_string(),
        })?;
        Config::from_toml(path, &text)
    }

    /// Parses `text` as the `crql.toml` at `path` (used for messages and as the
    /// base of relative schema paths).
    pub fn from_toml(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let root = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let fail = |offset: Option<usize>, key: Option<String>, message: String| ConfigError {
            file: path.to_path_buf(),
            line: offset.map_or(0, |o| line_of(text, o)),
            key,
            message,
        };
        let de = toml::Deserializer::parse(text)
            .map_err(|e| fail(e.span().map(|s| s.start), None, e.message().to_owned()))?;
        let raw: RawConfig = serde_path_to_error::deserialize(de).map_err(|e| {
            // toml's spans show in the path as a private field: not the user's key.
            let key = e
                .path()
                .to_string()
                .split('.')
                .filter(|part| !part.starts_with("$__"))
                .collect::<Vec<_>>()
                .join(".");
            let inner = e.into_inner();
            fail(
                inner.span().map(|s| s.start),
                (key != ".").then_some(key),
                inner.message().to_owned(),
            )
        })?;

        let codes = |key: &str, list: Vec<Spanned<String>>| -> Result<Vec<String>, ConfigError> {
            list.into_iter()
                .map(|s| {
                    let span = s.span();
                    let v = s.into_inner();
                    if crate::lint::codes()
                        .any(|c| code_matches(c.as_str(), std::slice::from_ref(&v)))
                    {
                        Ok(v)
                    } else {
                        Err(fail(
                            Some(span.start),
                            Some(key.to_owned()),
                            format!(
                                "{v:?} is not a code or prefix of a lint rule (see `crql rules`)"
                            ),
                        ))
                    }
                })
                .collect()
        };
        let lint = LintConfig {
            select: codes("lint.select", raw.lint.select)?,
            ignore: codes("lint.ignore", raw.lint.ignore)?,
            schema: raw
                .lint
                .schema
                .into_iter()
                .map(|s| {
                    if s.get_ref().is_empty() {
                        Err(fail(
                            Some(s.span().start),
                            Some("lint.schema".into()),
                            "an empty path".into(),
                        ))
                    } else {
                        Ok(root.join(s.into_inner()))
                    }
                })
                .collect::<Result<_, _>>()?,
            per_file_ignores: raw
                .lint
                .per_file_ignores
                .into_iter()
                .map(|(glob, list)| {
                    let key = format!("lint.per-file-ignores.{glob}");
                    Ok((glob, codes(&key, list)?))
                })
                .collect::<Result<_, _>>()?,
        };
        let width = match raw.format.width {
            None => None,
            Some(w) => {
                let span = w.span();
                match usize::try_from(*w.get_ref()) {
                    Ok(n) if (20..=1000).contains(&n) => Some(n),
                    _ => {
                        return Err(fail(
                            Some(span.start),
                            Some("format.width".into()),
                            format!("{} is not a line width from 20 to 1000", w.get_ref()),
                        ));
                    }
                }
            }
        };
        let keyword_case = match raw.format.keyword_case {
            None => None,
            Some(k) => Some(match k.get_ref().as_str() {
                "upper" => KeywordCase::Upper,
                "lower" => KeywordCase::Lower,
                other => {
                    return Err(fail(
                        Some(k.span().start),
                        Some("format.keyword-case".into()),
                        format!("{other:?} is not \"upper\" or \"lower\""),
                    ));
                }
            }),
        };
        let endpoint = match raw.run.endpoint {
            None => None,
            Some(e) => {
                let v = e.get_ref().trim();
                if !(v.starts_with("https://") || v.starts_with("http://")) {
                    return Err(fail(
                        Some(e.span().start),
                        Some("run.endpoint".into()),
                        format!("{v:?} is not an http(s):// URL"),
                    ));
                }
                Some(v.to_owned())
            }
        };
        Ok(Config {
            file: Some(path.to_path_buf()),
            root,
            lint,
            format: FormatConfig {
                width,
                keyword_case,
            },
            run: RunConfig {
                endpoint,
                describe: raw.run.describe,
            },
        })
    }

    /// The schema cache directory: `.crql/schema/` under the project root.
    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(CACHE_DIR)
    }

    /// The schema the project lints against: the built-in one, then the
    /// `[lint] schema` sources, then `extra` (the `--schema` flags), then the cache
    /// (complete tables, which win over partial ones wherever they overlap).
    pub fn schema_with(&self, extra: &[PathBuf]) -> Result<Schema, SchemaError> {
        let mut schema = Schema::builtin().clone();
        for p in self.lint.schema.iter().chain(extra) {
            schema.load_path(p)?;
        }
        let cache = self.cache_dir();
        if cache.is_dir() {
            schema.load_path(&cache)?;
        }
        Ok(schema)
    }

    /// [`Config::schema_with`] and no extra sources.
    pub fn schema(&self) -> Result<Schema, SchemaError> {
        self.schema_with(&[])
    }

    /// The codes to skip in `file`: `[lint] ignore` plus every `per-file-ignores`
    /// entry whose glob matches the file's path relative to the project root (a
    /// glob without `/` matches the file name alone).
    pub fn ignores_for(&self, file: Option<&Path>) -> Vec<String> {
        let mut out = self.lint.ignore.clone();
        if let Some(file) = file {
            let rel = file.strip_prefix(&self.root).unwrap_or(file);
            let rel = rel.to_string_lossy().replace('\\', "/");
            let rel = rel.trim_start_matches("./");
            let name = rel.rsplit('/').next().unwrap_or(rel);
            for (glob, codes) in &self.lint.per_file_ignores {
                let target = if glob.contains('/') { rel } else { name };
                if glob_matches(glob.trim_start_matches("./"), target) {
                    out.extend(codes.iter().cloned());
                }
            }
        }
        out
    }

    /// A linter over `schema` with the project's selection for `file`.
    pub fn linter<'s>(&self, schema: &'s Schema, file: Option<&Path>) -> Linter<'s> {
        let mut linter = Linter::new(schema);
        if !self.lint.select.is_empty() {
            linter = linter.select(&self.lint.select);
        }
        linter.ignore(&self.ignores_for(file))
    }

    /// The formatting options `[format]` gives (defaults for what it does not).
    pub fn format_options(&self) -> FormatOptions {
        let d = FormatOptions::default();
        FormatOptions {
            width: self.format.width.unwrap_or(d.width),
            keyword_case: self.format.keyword_case.unwrap_or(d.keyword_case),
            ..d
        }
    }

    /// Whether `crql run` describes tables before sending (default yes).
    pub fn describe(&self) -> bool {
        self.run.describe.unwrap_or(true)
    }
}

/// `*` matches any run of characters but `/`, `**` any run including `/`, `?` one
/// character but `/`; everything else matches itself.
fn glob_matches(glob: &str, text: &str) -> bool {
    fn go(g: &[char], t: &[char]) -> bool {
        match g {
            [] => t.is_empty(),
            ['*', '*', rest @ ..] => {
                let rest = rest.strip_prefix(&['/']).unwrap_or(rest);
                (0..=t.len()).any(|i| go(rest, &t[i..]))
            }
            ['*', rest @ ..] => {
                let stop = t.iter().position(|&c| c == '/').unwrap_or(t.len());
                (0..=stop).any(|i| go(rest, &t[i..]))
            }
            ['?', rest @ ..] => t.first().is_some_and(|&c| c != '/') && go(rest, &t[1..]),
            [c, rest @ ..] => t.first() == Some(c) && go(rest, &t[1..]),
        }
    }
    let g: Vec<char> = glob.chars().collect();
    let t: Vec<char> = text.chars().collect();
    go(&g, &t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_matches("legacy/*.crql", "legacy/a.crql"));
        assert!(!glob_matches("legacy/*.crql", "legacy/sub/a.crql"));
        assert!(glob_matches("legacy/**/*.crql", "legacy/sub/a.crql"));
        assert!(glob_matches("legacy/**/*.crql", "legacy/a.crql"));
        assert!(glob_matches("?.crql", "a.crql"));
        assert!(!glob_matches("*.crql", "a.sql"));
    }

    #[test]
    fn errors_name_the_line_and_key() {
        let p = Path::new("/p/crql.toml");
        let e = Config::from_toml(p, "[lint]\nselect = [\"E\"]\nignor = [\"W\"]\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (3, Some("lint.ignor")), "{e}");
        assert!(e.message.contains("unknown field `ignor`"), "{e}");
        let e = Config::from_toml(p, "[format]\n\nwidth = \"wide\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (3, Some("format.width")), "{e}");
        let e = Config::from_toml(p, "[lint]\nignore = [\"W0402\", \"X9\"]\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (2, Some("lint.ignore")), "{e}");
        let e = Config::from_toml(p, "[run]\nkey = \"secret\"\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("run.key"), "{e}");
        let e = Config::from_toml(p, "[lint\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        assert_eq!(e.to_string().split(':').next(), Some("/p/crql.toml"), "{e}");
    }
}
