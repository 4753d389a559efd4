//! Pulling a query's rows page by page.
//!
//! Pages are 1-based. A page shorter than the page size (or empty, the bare `{}`) is
//! the last one; `recordCount` is never consulted, because CTAPI was observed to get
//! it wrong. A page is only counted as fetched once it arrived whole, so a retried or
//! resumed page is requested again under the same number: no row is skipped or
//! delivered twice.
//!
//! The server is not trusted to end a pull. A server that never sends a short page
//! is stopped by the page cap ([`QueryOptions::max_pages`], default
//! [`DEFAULT_MAX_PAGES`]); one that ignores `pageNo` and sends the same page again
//! is stopped once the repeated pages hold [`REPEATED_ROWS_LIMIT`] rows
//! ([`Error::RepeatedPages`]).

use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::client::{Client, Event};
use super::config::CacheMode;
use super::envelope::{self, Row};
use super::error::Error;
use super::transport::{Method, Request};

/// How to pull one query; the parts the caller may choose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueryOptions {
    /// Stop after this many rows (the query's own `TOP` also bounds the pull).
    pub max_rows: Option<u64>,
    /// Rows per page for this query (default: the client's).
    pub page_size: Option<u32>,
    /// First page to fetch (1-based; default 1). To resume after
    /// [`Error::Paging`], pass its `page`.
    pub start_page: Option<u32>,
    /// Fetch at most this many pages, then stop with [`Error::PageLimit`] (default
    /// [`DEFAULT_MAX_PAGES`]): a server that always sends full pages cannot keep a
    /// pull going forever.
    pub max_pages: Option<u32>,
}

/// Pages a pull fetches at most unless [`QueryOptions::max_pages`] says otherwise:
/// 100,000 pages is 2.5 million rows at CTAPI's default page size and 50 million at
/// its largest, far past any pull CTAPI finishes in practice.
pub const DEFAULT_MAX_PAGES: u32 = 100_000;

/// Rows that consecutive identical pages may repeat before the pull stops with
/// [`Error::RepeatedPages`].
///
/// Identical consecutive pages are how a server that ignores `pageNo` looks, but
/// real data can repeat too (a narrow field list over a few values, small pages),
/// so one repeat is not proof. A page whose rows are not all the same matching its
/// predecessor row for row, again and again over 100 rows, is: it is caught on
/// the 2nd page at a page size of 100 or more, and on the 5th at the default 25.
/// Pages whose rows are all equal say nothing about their position and never
/// count; a server repeating such a page is stopped by the page cap.
pub const REPEATED_ROWS_LIMIT: u64 = 100;

/// The request parameters of a pull, fixed before the first page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    pub page_size: u32,
    /// At most this many rows (from `TOP` and `max_rows`).
    pub limit: Option<u64>,
    pub should_cache: bool,
    pub start_page: u32,
    pub max_pages: u32,
}

impl Plan {
    /// `top` is the query's `TOP n`, when it has a plain one.
    ///
    /// The reference advises keeping `TOP` equal to `pageSize` (TOP is what bounds the
    /// server's work): with `TOP n`, the page size becomes `n` (capped at 500), so a
    /// `TOP 200` query is one request for 200 rows. Without `TOP`, the client's page
    /// size applies and the pull runs to the last page.
    pub(crate) fn new(client: &Client, top: Option<u64>, options: &QueryOptions) -> Plan {
        let max = u64::from(super::config::MAX_PAGE_SIZE);
        let mut page_size = options.page_size.unwrap_or(client.page_size());
        if let Some(t) = top {
            page_size = t.clamp(1, max) as u32;
        }
        let limit = match (top, options.max_rows) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(l) = limit {
            // No point asking for more rows than will be delivered.
            page_size = page_size.min(l.clamp(1, max) as u32);
        }
        let should_cache = match client.inner.cache {
            CacheMode::Always => true,
            CacheMode::Never => false,
            CacheMode::Auto => limit.is_none_or(|l| l > u64::from(page_size)),
        };
        Plan {
            page_size,
            limit,
            should_cache,
            start_page: options.start_page.unwrap_or(1).max(1),
            max_pages: options.max_pages.unwrap_or(DEFAULT_MAX_PAGES),
        }
    }
}

pub(crate) fn page_request(client: &Client, query: &str, plan: &Plan, page: u32) -> Request {
    client.request(
        Method::Get,
        "/crql".into(),
        vec![
            ("q".into(), query.into()),
            ("pageNo".into(), page.to_string()),
            ("pageSize".into(), plan.page_size.to_string()),
            ("shouldCache".into(), plan.should_cache.to_string()),
        ],
        None,
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// More pages may follow.
    More,
    /// The buffered page was the last.
    LastPage,
    /// A page failed; [`Rows::resume`] re-arms.
    Failed,
}

/// The rows of a query, fetched lazily page after page.
///
/// Yields `Err` at most once per failure and then ends; [`Rows::resume`] retries the
/// failed page and carries on where the rows stopped.
pub struct Rows {
    client: Client,
    query: String,
    plan: Plan,
    next_page: u32,
    buffer: std::vec::IntoIter<Row>,
    delivered: u64,
    pages: u32,
    record_count: Option<u64>,
    state: State,
    repeats: Repeats,
}

/// The run of consecutive identical full pages seen so far.
#[derive(Clone, Copy, Debug, Default)]
struct Repeats {
    /// Digest of the last full page with at least two different rows.
    last: Option<u64>,
    /// The first page of the current run of copies of `last`.
    first_copy: u32,
    /// Rows on the copies so far.
    rows: u64,
}

/// A digest of a page's rows, in order: equal pages have equal digests. A collision
/// of the 64-bit hash between two different consecutive pages, a chance of one in
/// 2^64, would only ever count towards [`REPEATED_ROWS_LIMIT`].
fn digest(rows: &[Row]) -> u64 {
    struct W<'a>(&'a mut std::collections::hash_map::DefaultHasher);
    impl std::io::Write for W<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for row in rows {
        // Serialising a map of JSON values cannot fail.
        let _ = serde_json::to_writer(W(&mut h), row);
        0xffu8.hash(&mut h);
    }
    h.finish()
}

impl Rows {
    pub(crate) fn new(client: Client, query: String, plan: Plan) -> Rows {
        let state = if plan.limit == Some(0) {
            State::LastPage
        } else {
            State::More
        };
        Rows {
            client,
            query,
            next_page: plan.start_page,
            plan,
            buffer: Vec::new().into_iter(),
            delivered: 0,
            pages: 0,
            record_count: None,
            state,
            repeats: Repeats::default(),
        }
    }

    /// The CRQL text being sent.
    pub fn query_text(&self) -> &str {
        &self.query
    }

    /// Rows handed out so far.
    pub fn delivered(&self) -> u64 {
        self.delivered
    }

    /// Pages fetched so far.
    pub fn pages_fetched(&self) -> u32 {
        self.pages
    }

    /// The page the next fetch asks for.
    pub fn next_page(&self) -> u32 {
        self.next_page
    }

    /// The page size sent.
    pub fn page_size(&self) -> u32 {
        self.plan.page_size
    }

    /// The server's `recordCount` from the last page: a hint for progress bars only.
    pub fn record_count_hint(&self) -> Option<u64> {
        self.record_count
    }

    /// After an error, tries the failed page again on the next call to `next`.
    /// Returns false when there was no failure to resume.
    pub fn resume(&mut self) -> bool {
        if self.state == State::Failed {
            self.state = State::More;
            true
        } else {
            false
        }
    }

    /// Deserialises each row into `T`.
    pub fn typed<T: DeserializeOwned>(self) -> TypedRows<T> {
        TypedRows {
            rows: self,
            _t: PhantomData,
        }
    }

    /// Fetches the next page. Every error leaves through the client's scrubber, so
    /// that a key the server echoed into a body never reaches an error, whichever
    /// check below made it.
    fn fetch(&mut self) -> Result<(), Error> {
        let result = self.fetch_page();
        result.map_err(|e| self.client.scrub(e))
    }

    fn fetch_page(&mut self) -> Result<(), Error> {
        let page = self.next_page;
        if self.pages >= self.plan.max_pages {
            return Err(Error::PageLimit { pages: self.pages });
        }
        let request = page_request(&self.client, &self.query, &self.plan, page);
        let response = self.client.exchange(&request, true)?;
        let (rows, record_count) = envelope::crql_page(&response.body)?;
        if rows.len() > self.plan.page_size as usize {
            // Paging by counting rows only works if the server honours pageSize.
            return Err(Error::Envelope {
                reason: format!(
                    "page {page} has {} rows but pageSize was {}",
                    rows.len(),
                    self.plan.page_size
                ),
                excerpt: envelope::excerpt(&response.body),
            });
        }
        self.client.emit(Event::Page {
            page,
            rows: rows.len(),
            record_count,
        });
        self.pages += 1;
        self.check_repeats(page, &rows)?;
        self.next_page = page.saturating_add(1);
        self.record_count = record_count.or(self.record_count);
        if rows.len() < self.plan.page_size as usize {
            self.state = State::LastPage;
        }
        self.buffer = rows.into_iter();
        Ok(())
    }
}

impl Rows {
    /// Counts `rows` (page `page`) into the run of identical pages, and stops the
    /// pull once the run is long enough to be a server ignoring `pageNo`.
    fn check_repeats(&mut self, page: u32, rows: &[Row]) -> Result<(), Error> {
        let full = rows.len() == self.plan.page_size as usize;
        let varied = rows.windows(2).any(|w| w[0] != w[1]);
        if !(full && varied) {
            self.repeats = Repeats::default();
            return Ok(());
        }
        let d = digest(rows);
        if self.repeats.last == Some(d) {
            if self.repeats.rows == 0 {
                self.repeats.first_copy = page;
            }
            self.repeats.rows += rows.len() as u64;
        } else {
            self.repeats = Repeats {
                last: Some(d),
                first_copy: 0,
                rows: 0,
            };
        }
        if self.repeats.rows >= REPEATED_ROWS_LIMIT {
            // The copies already delivered are named in the error; this one is not.
            let first = self.repeats.first_copy;
            return Err(Error::RepeatedPages {
                first,
                last: page,
                delivered_copies: self.repeats.rows - rows.len() as u64,
            });
        }
        Ok(())
    }
}

impl Iterator for Rows {
    type Item = Result<Row, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.plan.limit.is_some_and(|l| self.delivered >= l) {
                self.state = State::LastPage;
                return None;
            }
            if let Some(row) = self.buffer.next() {
                self.delivered += 1;
                return Some(Ok(row));
            }
            if self.state != State::More {
                return None;
            }
            if let Err(e) = self.fetch() {
                self.state = State::Failed;
                let failed = self.next_page;
                // The first page failing is just the error; later pages say where.
                if failed == 1 && self.delivered == 0 {
                    return Some(Err(e));
                }
                return Some(Err(Error::Paging {
                    page: failed,
                    delivered: self.delivered,
                    source: Box::new(e),
                }));
            }
        }
    }
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rows")
            .field("query", &self.query)
            .field("plan", &self.plan)
            .field("next_page", &self.next_page)
            .field("delivered", &self.delivered)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// Rows deserialised into `T`; an error names the row (0-based) and the column.
pub struct TypedRows<T> {
    rows: Rows,
    _t: PhantomData<fn() -> T>,
}

impl<T> TypedRows<T> {
    /// The untyped pull underneath (progress, resume).
    pub fn rows(&mut self) -> &mut Rows {
        &mut self.rows
    }
}

impl<T: DeserializeOwned> Iterator for TypedRows<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = match self.rows.next()? {
            Ok(row) => row,
            Err(e) => return Some(Err(e)),
        };
        Some(deserialize_row(row, self.rows.delivered() - 1))
    }
}

/// `row` as a `T`, with an error naming `index` and the column that did not fit.
pub fn deserialize_row<T: DeserializeOwned>(row: Row, index: u64) -> Result<T, Error> {
    serde_path_to_error::deserialize(Value::Object(row)).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        let column = if path != "." {
            Some(path)
        } else {
            // serde reports a missing field at the root; its name is in the message.
            message
                .strip_prefix("missing field `")
                .and_then(|m| m.split('`').next())
                .map(str::to_owned)
        };
        // serde quotes the value that did not fit: server text, shown to a person.
        let shown = |t: &str| super::shown::cut(&super::shown::escape_controls(t), 200);
        Error::Row {
            index,
            column: column.as_deref().map(shown),
            message: shown(&message),
        }
    })
}
