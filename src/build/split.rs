//! Splitting a query with a huge `IN` list into queries that each fit CTAPI's limit
//! of 2048 characters once URL-encoded ([`crate::ctapi`]).
//!
//! Integrations batch ids by hand today (`ids.each_slice(200)`), guessing a batch
//! size that is either wasteful or, with long values, too big. This measures.

use crate::ast::{BinaryOp, Expr, Query, Span};
use crate::diagnostic::{Code, Diagnostic};

use super::error::Error;

/// CTAPI's cap on the query text, in characters once URL-encoded:
/// [`crate::ctapi::MAX_ENCODED_QUERY_LEN`], the executor's, the linter's (E0207)
/// and the sandbox's figure.
pub const MAX_ENCODED_LEN: usize = crate::ctapi::MAX_ENCODED_QUERY_LEN;

/// Length of `text` once percent-encoded as the executor sends it (a space is
/// `%20`): [`crate::ctapi::encoded_len`], re-exported beside the splitter that
/// measures with it, so that a piece this module calls short enough is one the
/// executor, the linter and the sandbox accept.
///
/// ```
/// assert_eq!(crql::build::encoded_len("a b"), 5);
/// assert_eq!(crql::build::encoded_len("é"), 6);
/// ```
pub use crate::ctapi::encoded_len;

/// Which child to step into on the way from the `WHERE` root to an `IN` list.
#[derive(Clone, Copy)]
enum Step {
    Left,
    Right,
    Inner,
}

/// Paths to the `IN` lists that may be split: not negated, and reached from the
/// `WHERE` root through `AND` and parentheses only. Only there does splitting keep
/// the meaning: a row satisfies `… AND x IN (A ∪ B)` exactly when it satisfies the
/// query with `A` or the one with `B`, and never both (it has one `x`), so the
/// pieces' rows are the original rows with no duplicate. Under `OR` a row could come
/// back twice; under `NOT` (or `NOT IN`) the union would be wrong.
fn splittable(e: &Expr<'_>, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match e {
        Expr::Binary {
            left,
            op: BinaryOp::And,
            right,
            ..
        } => {
            path.push(Step::Left);
            splittable(left, path, out);
            path.pop();
            path.push(Step::Right);
            splittable(right, path, out);
            path.pop();
        }
        Expr::Nested { expr, .. } => {
            path.push(Step::Inner);
            splittable(expr, path, out);
            path.pop();
        }
        Expr::InList {
            negated: false,
            list,
            ..
        } if list.len() > 1 => out.push(path.clone()),
        _ => {}
    }
}

fn at<'e, 'a>(mut e: &'e mut Expr<'a>, path: &[Step]) -> Option<&'e mut Expr<'a>> {
    for step in path {
        e = match (step, e) {
            (Step::Left, Expr::Binary { left, .. }) => left,
            (Step::Right, Expr::Binary { right, .. }) => right,
            (Step::Inner, Expr::Nested { expr, .. }) => expr,
            _ => return None,
        };
    }
    Some(e)
}

fn list_at<'e>(q: &'e mut Query<'static>, path: &[Step]) -> Option<&'e mut Vec<Expr<'static>>> {
    match at(q.select.selection.as_mut()?, path)? {
        Expr::InList { list, .. } => Some(list),
        _ => None,
    }
}

trait HelpBoxed {
    fn with_help_boxed(self, help: &str) -> Self;
}

impl HelpBoxed for Box<Diagnostic> {
    fn with_help_boxed(self, help: &str) -> Self {
        Box::new(self.with_help(help))
    }
}

fn too_long(message: String) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(Code::E0207, Span::empty(), message))
}

/// Splits `query` into the fewest queries that each stay within
/// [`MAX_ENCODED_LEN`], by spreading its longest splittable `IN` list over them.
/// See [`split_in_list_with_limit`].
///
/// ```
/// use crql::build::prelude::*;
/// let ids: Vec<i64> = (1_000_000..1_001_000).collect();
/// let q = select((enrollment::client_id, enrollment::enroll_id)).top(500).from(Enrollment)
///     .filter(enrollment::enroll_id.in_list(ids.iter().copied()))
///     .build();
/// let parts = crql::build::split_in_list(&q).unwrap();
/// assert_eq!(parts.len(), 7);
/// for p in &parts {
///     assert!(crql::build::encoded_len(&p.to_string()) <= 2048);
/// }
/// assert!(parts[0].to_string().starts_with(
///     "SELECT TOP 500 ClientID, EnrollID FROM Enrollment WHERE EnrollID IN (1000000, 1000001,"
/// ));
/// ```
pub fn split_in_list(query: &Query<'_>) -> Result<Vec<Query<'static>>, Error> {
    split_in_list_with_limit(query, MAX_ENCODED_LEN)
}

/// Splits `query` into the fewest queries whose canonical text, URL-encoded
/// ([`encoded_len`]), is at most `limit` characters each.
///
/// A query that already fits comes back alone. Otherwise the longest `IN` list that
/// may be split (not negated, under `AND`s only — see below) is cut into runs; every
/// other part of the query is repeated unchanged, `TOP` included (so each piece
/// returns up to `TOP` rows). Fails with E0207 when the query has no such list, or
/// when one value alone does not fit; the [`Error`] holds no text, since its
/// diagnostic is about the whole query, not a span of it.
///
/// **Why greedy, and how good it is.** Everything but the list is fixed, so a piece
/// holding values `S` is `base + Σ_{i∈S} c_i + (|S|-1)·sep` characters long, where
/// `c_i` is value *i*'s encoded length and `sep` the encoded `", "`. With weights
/// `w_i = c_i + sep` and capacity `W = limit - base + sep`, a piece fits iff
/// `Σ w_i ≤ W`: pure packing, the fixed part plays no role. Greedy fills a piece
/// with the next values while they fit.
/// - Among splits that keep the values in order, greedy is optimal: by induction,
///   greedy's k-th piece ends at or after the k-th piece of any valid split (it took
///   every value that fit), so it never needs more pieces.
/// - When all values have the same length (ids of one width, the common case) it is
///   optimal among *all* splits: no piece holds more than `⌊W / w⌋` values, and
///   greedy fills every piece but the last to exactly that.
/// - In general (values of different lengths) finding the minimum is bin packing,
///   NP-hard; greedy closes a piece only when the next value does not fit, so each
///   piece but the last holds more than `W - max w`, and the count is below
///   `OPT · W / (W - max w) + 1` — for ids (`w ≈ 10`, `W ≈ 1900`) within half a
///   percent of optimal, plus at most one.
///
/// ```
/// let q = crql::parse("SELECT ClientID FROM cmClient WHERE ClientID IN (1, 2, 3, 4, 5)").unwrap();
/// // Limit 80: "SELECT%20ClientID%20FROM%20cmClient%20WHERE%20ClientID%20IN%20%281%2C%202%29" is 76.
/// let parts = crql::build::split_in_list_with_limit(&q, 80).unwrap();
/// let texts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
/// assert_eq!(texts, [
///     "SELECT ClientID FROM cmClient WHERE ClientID IN (1, 2)",
///     "SELECT ClientID FROM cmClient WHERE ClientID IN (3, 4)",
///     "SELECT ClientID FROM cmClient WHERE ClientID IN (5)",
/// ]);
/// ```
pub fn split_in_list_with_limit(
    query: &Query<'_>,
    limit: usize,
) -> Result<Vec<Query<'static>>, Error> {
    split(query, limit).map_err(|d| Error::new("cannot split the query", vec![*d], None))
}

fn split(query: &Query<'_>, limit: usize) -> Result<Vec<Query<'static>>, Box<Diagnostic>> {
    let query = query.clone().into_owned();
    let total = encoded_len(&query.to_string());
    if total <= limit {
        return Ok(vec![query]);
    }
    let mut paths = Vec::new();
    if let Some(w) = &query.select.selection {
        splittable(w, &mut Vec::new(), &mut paths);
    }
    let mut template = query;
    // The longest list (by encoded length) gains most from splitting.
    let best = paths.into_iter().max_by_key(|p| {
        let mut t = template.clone();
        list_at(&mut t, p).map_or(0, |l| {
            l.iter().map(|e| encoded_len(&e.to_string())).sum::<usize>()
        })
    });
    let Some(path) = best else {
        return Err(too_long(format!(
            "the query is {total} characters URL-encoded, over the limit of {limit}, and has no IN list that can be split"
        ))
        .with_help_boxed("only an IN list joined to the rest of the WHERE clause by AND, not negated, can be split"));
    };
    let Some(list) = list_at(&mut template, &path) else {
        return Err(too_long("internal: IN list not found".into()));
    };
    let values = std::mem::take(list);
    let costs: Vec<usize> = values.iter().map(|v| encoded_len(&v.to_string())).collect();

    // Measure the fixed part and the separator on the printed text itself, so the
    // arithmetic matches whatever the printer writes around a list.
    let measure = |t: &mut Query<'static>, items: Vec<Expr<'static>>| -> usize {
        if let Some(l) = list_at(t, &path) {
            *l = items;
        }
        encoded_len(&t.to_string())
    };
    let one = measure(&mut template, vec![values[0].clone()]);
    let two = measure(&mut template, vec![values[0].clone(), values[0].clone()]);
    let base = one - costs[0];
    let sep = two - one - costs[0];

    let mut pieces: Vec<Vec<Expr<'static>>> = Vec::new();
    let mut current: Vec<Expr<'static>> = Vec::new();
    let mut len = 0;
    for (value, cost) in values.into_iter().zip(costs) {
        if base + cost > limit {
            return Err(too_long(format!(
                "the IN list value {value} alone makes the query {} characters URL-encoded, over the limit of {limit}",
                base + cost
            ))
            .with_help_boxed("shorten the rest of the query (fewer fields, shorter conditions)"));
        }
        if !current.is_empty() && len + sep + cost > limit {
            pieces.push(std::mem::take(&mut current));
        }
        len = if current.is_empty() {
            base + cost
        } else {
            len + sep + cost
        };
        current.push(value);
    }
    pieces.push(current);

    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let mut q = template.clone();
        let n = measure(&mut q, piece);
        if n > limit {
            return Err(too_long(format!(
                "internal: a piece measured {n} characters, over the limit of {limit}"
            )));
        }
        out.push(q);
    }
    Ok(out)
}
