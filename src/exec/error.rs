//! The executor's one error type.

use std::time::Duration;

use crate::diagnostic::Diagnostic;

use super::transport::TransportError;

/// Everything that can go wrong between a query and its rows.
///
/// No variant ever holds a key: messages from the server or the transport pass
/// through the client's redactor before they land here.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum Error {
    /// The query did not pass the linter; nothing was sent.
    #[error("the query was not sent: {}", first_message(.diagnostics))]
    #[diagnostic(
        code(crql::exec::lint),
        help("fix the query (run `crql check` for every finding)")
    )]
    Lint {
        /// Every error-level finding (at least one).
        #[related]
        diagnostics: Vec<Diagnostic>,
    },

    /// The client was configured wrongly (endpoint, page size, missing variable).
    #[error("invalid client configuration: {0}")]
    #[diagnostic(code(crql::exec::config))]
    Config(String),

    /// A stored procedure or table name that cannot safely go into a URL path.
    #[error("invalid name `{name}`: {reason}")]
    #[diagnostic(
        code(crql::exec::name),
        help("procedure names are `[schema.]name` of letters, digits and `_`")
    )]
    InvalidName {
        /// The name as given.
        name: String,
        /// What makes it unsafe.
        reason: &'static str,
    },

    /// Could not connect, the connection dropped, or the exchange failed below HTTP.
    #[error(transparent)]
    #[diagnostic(
        code(crql::exec::transport),
        help("check the endpoint and the network; connection errors are retried")
    )]
    Transport(TransportError),

    /// No complete answer in time.
    #[error("no answer within {0:?}")]
    #[diagnostic(
        code(crql::exec::timeout),
        help("CTAPI aborts queries that run past ~30 s: add TOP or narrow the WHERE")
    )]
    Timeout(Duration),

    /// 401 whose body blames the subscription key (`Ocp-Apim-Subscription-Key`).
    #[error("401 Unauthorized: missing or invalid subscription key ({message})")]
    #[diagnostic(
        code(crql::exec::subscription_key),
        help("set CRQL_SUBSCRIPTION_KEY (or ClientBuilder::subscription_key)")
    )]
    SubscriptionKey {
        /// The server's message, keys redacted.
        message: String,
    },

    /// 401 whose body blames the `Authorization: ApiKey` header.
    #[error("401 Unauthorized: missing or incorrect API key ({message})")]
    #[diagnostic(
        code(crql::exec::api_key),
        help("set CRQL_API_KEY (or ClientBuilder::api_key)")
    )]
    ApiKey {
        /// The server's message, keys redacted.
        message: String,
    },

    /// 401 saying the stored procedure "is not available at this time" for this
    /// subscription: not a credential problem.
    #[error("401: the procedure is not available to this subscription ({message})")]
    #[diagnostic(
        code(crql::exec::procedure_unavailable),
        help("ask the ClientTrack administrator to enable the procedure for the subscription")
    )]
    ProcedureUnavailable {
        /// The server's message, keys redacted.
        message: String,
    },

    /// 401 with a body that matches none of the three known kinds.
    #[error("401 Unauthorized: {message}")]
    #[diagnostic(code(crql::exec::unauthorized))]
    Unauthorized {
        /// The server's message, keys redacted.
        message: String,
    },

    /// 404: unknown path or CTObject.
    #[error("404 Not Found: {path}")]
    #[diagnostic(code(crql::exec::not_found))]
    NotFound {
        /// The request path (no query string, so no key).
        path: String,
    },

    /// Any other non-success status, with the server's message (`{"errors":[...]}`).
    #[error("HTTP {status}: {message}")]
    #[diagnostic(code(crql::exec::http))]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The server's message, keys redacted.
        message: String,
    },

    /// A success status with a body that is not the envelope it should be.
    #[error("malformed response: {reason}; body starts: {excerpt}")]
    #[diagnostic(code(crql::exec::envelope))]
    Envelope {
        /// What the body lacks or has wrong.
        reason: String,
        /// The start of the body, keys redacted.
        excerpt: String,
    },

    /// A retryable failure that persisted through every attempt.
    #[error("gave up after {attempts} attempts: {last}")]
    #[diagnostic(code(crql::exec::retries_exhausted))]
    RetriesExhausted {
        /// How many attempts were made, the first included.
        attempts: u32,
        /// The last attempt's error.
        last: Box<Error>,
    },

    /// A page after the first failed; `delivered` rows were already handed out.
    /// Call [`crate::exec::Rows::resume`] to try the page again, or start a new pull
    /// at `page` with [`crate::exec::QueryOptions::start_page`].
    #[error("page {page} failed after {delivered} rows were delivered: {source}")]
    #[diagnostic(
        code(crql::exec::paging),
        help("resume from this page: no row before it is lost or repeated")
    )]
    Paging {
        /// The 1-based page that failed.
        page: u32,
        /// Rows handed out before it, over every earlier page.
        delivered: u64,
        /// Why the page failed.
        source: Box<Error>,
    },

    /// The pull fetched [`QueryOptions::max_pages`](crate::exec::QueryOptions::max_pages)
    /// pages and the server still had not sent a short (last) page.
    #[error(
        "stopped after {pages} pages: the server sent no last page (a page shorter than pageSize)"
    )]
    #[diagnostic(
        code(crql::exec::page_limit),
        help(
            "a server that always sends full pages never ends a pull; if the data really is this large, raise the page cap (QueryOptions::max_pages, `crql run --max-pages`)"
        )
    )]
    PageLimit {
        /// Pages fetched in this pull.
        pages: u32,
    },

    /// Consecutive pages came back identical, row for row, for longer than real
    /// data plausibly repeats ([`crate::exec::REPEATED_ROWS_LIMIT`] rows): the
    /// server ignores `pageNo`.
    #[error("pages {first} to {last} repeat page {} row for row: the server ignores pageNo ({delivered_copies} repeated rows were already delivered)", .first.saturating_sub(1))]
    #[diagnostic(
        code(crql::exec::repeated_pages),
        help(
            "the server does not page; ask it for fewer rows (TOP n) or use an endpoint that honours pageNo"
        )
    )]
    RepeatedPages {
        /// The first page that repeated its predecessor.
        first: u32,
        /// The page the pull stopped on (its rows were not delivered).
        last: u32,
        /// Rows of the copies before `last` that were delivered.
        delivered_copies: u64,
    },

    /// A row did not fit the caller's type.
    #[error("row {index}{}: {message}", column.as_deref().map(|c| format!(", column `{c}`")).unwrap_or_default())]
    #[diagnostic(code(crql::exec::row))]
    Row {
        /// 0-based index of the row in the pull.
        index: u64,
        /// The column that did not fit, when serde could tell.
        column: Option<String>,
        /// serde's message.
        message: String,
    },
}

fn first_message(diagnostics: &[Diagnostic]) -> String {
    match diagnostics {
        [] => "lint failed".into(),
        [d] => format!("{} [{}]", d.message, d.code),
        [d, rest @ ..] => format!("{} [{}] (and {} more)", d.message, d.code, rest.len()),
    }
}

impl Error {
    /// The underlying failure, past [`Error::Paging`] and [`Error::RetriesExhausted`].
    pub fn root(&self) -> &Error {
        match self {
            Error::Paging { source, .. } => source.root(),
            Error::RetriesExhausted { last, .. } => last.root(),
            e => e,
        }
    }

    /// The HTTP status behind the error, if one came back.
    pub fn status(&self) -> Option<u16> {
        match self.root() {
            Error::SubscriptionKey { .. }
            | Error::ApiKey { .. }
            | Error::ProcedureUnavailable { .. }
            | Error::Unauthorized { .. } => Some(401),
            Error::NotFound { .. } => Some(404),
            Error::Http { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        match e {
            TransportError::Timeout(d) => Error::Timeout(d),
            e => Error::Transport(e),
        }
    }
}

/// Shorthand for the executor's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;
