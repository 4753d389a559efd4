//! When to try again and how long to wait.
//!
//! Only what the vendor calls a service interruption is retried: connection errors,
//! timeouts, 429, 500, 502, 503, 504. A 400, 401 or 404 will not change by asking
//! again, and retrying a 401 burns the subscription's rate limit.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::time::Duration;

use super::transport::{Response, TransportError};

/// How to sleep between attempts. Injectable so tests do not sleep.
#[derive(Clone)]
pub struct Sleeper(Arc<dyn Fn(Duration) + Send + Sync>);

impl Sleeper {
    /// Sleeps with [`std::thread::sleep`].
    pub fn thread() -> Self {
        Sleeper(Arc::new(std::thread::sleep))
    }

    /// Calls `f` instead of sleeping (record the delays in a test, say).
    pub fn from_fn(f: impl Fn(Duration) + Send + Sync + 'static) -> Self {
        Sleeper(Arc::new(f))
    }

    pub(crate) fn sleep(&self, d: Duration) {
        (self.0)(d)
    }
}

impl fmt::Debug for Sleeper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sleeper")
    }
}

/// Bounded attempts with exponential backoff and jitter, honouring `Retry-After`.
///
/// Attempt `n` (1-based) that fails retryably waits `base * 2^(n-1)`, capped at
/// `max_delay`, with "equal jitter" (half fixed, half random) so that many clients
/// hit by the same outage do not come back in lockstep. A `Retry-After` in seconds
/// replaces the computed delay; one longer than `max_retry_after` ends the retries.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Total attempts, the first included; 1 means no retry.
    pub max_attempts: u32,
    /// The first delay.
    pub base_delay: Duration,
    /// The largest computed delay.
    pub max_delay: Duration,
    /// The longest `Retry-After` the client will wait.
    pub max_retry_after: Duration,
    /// Retry stored procedure calls on 5xx and timeouts too. Off by default: the
    /// endpoint runs whatever is named, writes included, and a 502 after the
    /// procedure ran would run it twice. A 429 (not run) is always retried.
    pub retry_procedures: bool,
    /// How to wait.
    pub sleeper: Sleeper,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            retry_procedures: false,
            sleeper: Sleeper::thread(),
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The same policy with another sleeper.
    pub fn with_sleeper(mut self, sleeper: Sleeper) -> Self {
        self.sleeper = sleeper;
        self
    }

    /// The delay before attempt `failed + 1`, after `failed` attempts.
    pub(crate) fn backoff(&self, failed: u32) -> Duration {
        let exp = failed.saturating_sub(1).min(20);
        let full = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        let half = full / 2;
        half + half.mul_f64(random_unit())
    }
}

/// A uniform number in `[0, 1)`, from the standard library's per-process random keys.
fn random_unit() -> f64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(0x9e37_79b9_7f4a_7c15);
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// What kind of failure, as far as retrying goes.
pub(crate) enum Verdict {
    /// Give up: the answer will not change.
    Final,
    /// Try again, after the server's `Retry-After` when it gave one.
    Retry(Option<Duration>),
}

pub(crate) fn status_verdict(response: &Response, idempotent: bool) -> Verdict {
    match response.status {
        429 => Verdict::Retry(retry_after(response)),
        500 | 502 | 503 | 504 if idempotent => Verdict::Retry(retry_after(response)),
        _ => Verdict::Final,
    }
}

pub(crate) fn transport_verdict(error: &TransportError, idempotent: bool) -> Verdict {
    match error {
        TransportError::Connect(_) | TransportError::Timeout(_) if idempotent => {
            Verdict::Retry(None)
        }
        _ => Verdict::Final,
    }
}

/// `Retry-After: <seconds>`. The HTTP-date form is not parsed (CTAPI and Azure API
/// Management send seconds); it falls back to the computed backoff.
fn retry_after(response: &Response) -> Option<Duration> {
    let v = response.header("retry-after")?.trim();
    v.parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            let d1 = p.backoff(1);
            assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100));
            let d3 = p.backoff(3);
            assert!(d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400));
            let d9 = p.backoff(9);
            assert!(d9 >= Duration::from_millis(500) && d9 <= Duration::from_millis(1000));
        }
    }

    #[test]
    fn jitter_varies() {
        let p = RetryPolicy::default();
        let ds: std::collections::HashSet<Duration> = (0..20).map(|_| p.backoff(2)).collect();
        assert!(ds.len() > 1);
    }

    #[test]
    fn which_statuses_retry() {
        let r = |status| Response {
            status,
            headers: vec![("Retry-After".into(), "7".into())],
            body: vec![],
        };
        for s in [429, 500, 502, 503, 504] {
            assert!(
                matches!(status_verdict(&r(s), true), Verdict::Retry(Some(d)) if d.as_secs() == 7)
            );
        }
        for s in [400, 401, 403, 404, 501] {
            assert!(matches!(status_verdict(&r(s), true), Verdict::Final), "{s}");
        }
        assert!(matches!(status_verdict(&r(502), false), Verdict::Final));
        assert!(matches!(status_verdict(&r(429), false), Verdict::Retry(_)));
    }
}
