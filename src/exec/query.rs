//! Running a [`Query`]: lint, print, plan the pages, pull.

use serde::de::DeserializeOwned;

use crate::ast::{Expr, Literal, Query};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::schema::Schema;

use super::client::Client;
use super::envelope::Row;
use super::error::Error;
use super::paging::{Plan, QueryOptions, Rows, TypedRows, page_request};
use crate::ctapi::{MAX_ENCODED_QUERY_LEN, encoded_len};

impl Client {
    /// The query's rows, fetched lazily page after page (see [`Rows`]).
    ///
    /// The query is linted first; an error-level finding stops it here with
    /// [`Error::Lint`], and nothing is sent.
    pub fn query(&self, query: &Query<'_>) -> Result<Rows, Error> {
        self.query_with(query, QueryOptions::default())
    }

    /// [`Client::query`] with per-query options (row cap, page size, start page).
    pub fn query_with(&self, query: &Query<'_>, options: QueryOptions) -> Result<Rows, Error> {
        let (text, plan) = self.prepare(query, &options)?;
        Ok(Rows::new(self.clone(), text, plan))
    }

    /// Every row of the query, in one `Vec`.
    pub fn fetch_all(&self, query: &Query<'_>) -> Result<Vec<Row>, Error> {
        self.query(query)?.collect()
    }

    /// The rows deserialised into `T` (a struct whose fields are the columns).
    pub fn query_as<T: DeserializeOwned>(&self, query: &Query<'_>) -> Result<TypedRows<T>, Error> {
        Ok(self.query(query)?.typed())
    }

    /// Every row as a `T`.
    pub fn fetch_all_as<T: DeserializeOwned>(&self, query: &Query<'_>) -> Result<Vec<T>, Error> {
        self.query_as(query)?.collect()
    }

    /// The exact URL of the query's first page, as it would be sent (a subscription
    /// key passed as query parameter shows as `<redacted>`). Linted like a query.
    pub fn url(&self, query: &Query<'_>, options: QueryOptions) -> Result<String, Error> {
        let (text, plan) = self.prepare(query, &options)?;
        let request = page_request(self, &text, &plan, plan.start_page);
        let base = self
            .endpoint()
            .unwrap_or(super::config::PRODUCTION_ENDPOINT)
            .to_owned();
        Ok(self
            .display_url(&request)
            .unwrap_or_else(|| super::url::request_url(&base, &request)))
    }

    fn prepare(&self, query: &Query<'_>, options: &QueryOptions) -> Result<(String, Plan), Error> {
        let mut errors = self.lint_errors(query);
        let text = query.to_string();
        // The linter measures this too (E0207); checked again here because this is the
        // exact text that goes on the wire.
        let len = encoded_len(&text);
        if len > MAX_ENCODED_QUERY_LEN && !errors.iter().any(|d| d.code == Code::E0207) {
            errors.push(too_long(query, len));
        }
        if !errors.is_empty() {
            return Err(Error::Lint {
                diagnostics: errors,
            });
        }
        Ok((text, Plan::new(self, top_of(query), options)))
    }

    /// Error-level findings of the linter, against the client's schema or the
    /// built-in one. Warnings (a missing TOP, say) do not stop a query.
    fn lint_errors(&self, query: &Query<'_>) -> Vec<Diagnostic> {
        let schema = self.inner.schema.as_deref().unwrap_or(Schema::builtin());
        crate::lint::lint(query, schema)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect()
    }
}

/// E0207, as the linter words it: the query, URL-encoded, is over CTAPI's cap.
pub(crate) fn too_long(query: &Query<'_>, len: usize) -> Diagnostic {
    Diagnostic::error(
        Code::E0207,
        query.span,
        format!(
            "query is {len} characters once URL-encoded; CTAPI accepts at most {MAX_ENCODED_QUERY_LEN}"
        ),
    )
    .with_help("split it (fewer IN values per query) or narrow the field list")
}

/// `TOP n` as a row count, when the query has a plain one (not PERCENT, not a
/// parameter).
pub(crate) fn top_of(query: &Query<'_>) -> Option<u64> {
    let top = query.select.top.as_ref()?;
    if top.percent {
        return None;
    }
    let mut e = &top.quantity;
    while let Expr::Nested { expr, .. } = e {
        e = expr;
    }
    match e {
        Expr::Literal(l @ Literal::Integer { .. }) => {
            l.as_i64().and_then(|n| u64::try_from(n).ok())
        }
        _ => None,
    }
}
