//! `shouldCache` snapshots under a memory budget: a total, a share per access scope
//! (so one key cannot take the whole budget), least recently used evicted first, and
//! each snapshot gone when it expires, as CTAPI's `cacheExpirationDate` says.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::data::Value;
use super::db::QueryError;
use super::translate::{OutColumn, Scope};

/// How much the snapshot cache may hold; each a flag of `crql serve`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheBudget {
    /// Bytes of every snapshot together (counted as [`super::result_bytes`] does).
    pub total_bytes: usize,
    /// Bytes the snapshots of one access scope (an admin key, or one set of
    /// organisations) may hold; a snapshot larger than this is served but not kept.
    pub scope_bytes: usize,
    /// How long a snapshot lives after it is taken (CTAPI: 10 minutes).
    pub ttl: Duration,
}

impl Default for CacheBudget {
    fn default() -> Self {
        CacheBudget {
            total_bytes: 512 * 1024 * 1024,
            scope_bytes: 128 * 1024 * 1024,
            ttl: Duration::from_secs(600),
        }
    }
}

/// A result set kept for `shouldCache=true`, so that every page of a pull comes from
/// the same rows in the same order.
pub(crate) struct Snapshot {
    pub(crate) columns: Vec<OutColumn>,
    pub(crate) rows: Vec<Vec<Value>>,
    pub(crate) expires: Instant,
    pub(crate) expires_text: String,
    pub(crate) bytes: usize,
}

/// A snapshot is shared by the same query text seen by the same scope.
pub(crate) type CacheKey = (String, Scope);
/// Filled once by the first pull; later pulls wait for it, then share it.
type Cell = Arc<OnceLock<Result<Arc<Snapshot>, QueryError>>>;

/// What an entry costs besides its rows and query text: an empty result is not free,
/// so distinct queries cannot grow the map without bound.
const ENTRY_OVERHEAD: usize = 256;

struct Entry {
    cell: Cell,
    last_used: u64,
    // Counted against the budget once the snapshot is in.
    bytes: Option<usize>,
}

#[derive(Default)]
struct Inner {
    map: HashMap<CacheKey, Entry>,
    clock: u64,
    total: usize,
}

/// The cache of one emulator.
pub(crate) struct SnapshotCache {
    budget: CacheBudget,
    inner: Mutex<Inner>,
}

impl SnapshotCache {
    pub(crate) fn new(budget: CacheBudget) -> Self {
        SnapshotCache {
            budget,
            inner: Mutex::new(Inner::default()),
        }
    }

    pub(crate) fn budget(&self) -> CacheBudget {
        self.budget
    }

    /// Bytes held now (for tests and the closing figures).
    pub(crate) fn held_bytes(&self) -> usize {
        self.inner.lock().map_or(0, |i| i.total)
    }

    /// The snapshot of `key`, from `run` only when there is none. Pulls that arrive
    /// together wait for the one run (a cell per key), so they all page through the
    /// same rows and the database runs the query once.
    pub(crate) fn get_or_run(
        &self,
        key: CacheKey,
        run: impl FnOnce() -> Result<Snapshot, QueryError>,
    ) -> Result<Arc<Snapshot>, QueryError> {
        let cell = {
            let mut inner = self.lock()?;
            inner.expire(Instant::now());
            inner.clock += 1;
            let now = inner.clock;
            let entry = inner.map.entry(key.clone()).or_insert_with(|| Entry {
                cell: Cell::default(),
                last_used: now,
                bytes: None,
            });
            entry.last_used = now;
            entry.cell.clone()
        };
        let result = cell.get_or_init(|| run().map(Arc::new)).clone();
        let mut inner = self.lock()?;
        let ours = inner
            .map
            .get(&key)
            .is_some_and(|e| Arc::ptr_eq(&e.cell, &cell) && e.bytes.is_none());
        if ours {
            match &result {
                // A failure is not cached: the next pull tries again.
                Err(_) => {
                    inner.map.remove(&key);
                }
                Ok(s) => {
                    let charge = s.bytes + key.0.len() + ENTRY_OVERHEAD;
                    inner.admit(&key, charge, self.budget)
                }
            }
        }
        result
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Inner>, QueryError> {
        self.inner
            .lock()
            .map_err(|_| QueryError::Db(super::DbError("snapshot cache poisoned".into())))
    }
}

impl Inner {
    fn remove(&mut self, key: &CacheKey) {
        if let Some(e) = self.map.remove(key) {
            self.total -= e.bytes.unwrap_or(0);
        }
    }

    fn expire(&mut self, now: Instant) {
        let gone: Vec<CacheKey> = self
            .map
            .iter()
            .filter(|(_, e)| match e.cell.get() {
                Some(Ok(s)) => s.expires <= now,
                Some(Err(_)) => true,
                None => false,
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in gone {
            self.remove(&k);
        }
    }

    /// Counts `key`'s new snapshot of `bytes`, evicting the least recently used
    /// snapshots of its scope, then of any scope, until it fits; one that cannot fit
    /// even alone is dropped (its pull was served; the next one runs again).
    fn admit(&mut self, key: &CacheKey, bytes: usize, budget: CacheBudget) {
        if bytes > budget.scope_bytes || bytes > budget.total_bytes {
            self.map.remove(key);
            return;
        }
        let scope_held = |inner: &Inner| -> usize {
            inner
                .map
                .iter()
                .filter(|(k, _)| k.1 == key.1)
                .map(|(_, e)| e.bytes.unwrap_or(0))
                .sum()
        };
        while scope_held(self) + bytes > budget.scope_bytes {
            match self.least_recent(key, true) {
                Some(k) => self.remove(&k),
                None => break,
            }
        }
        while self.total + bytes > budget.total_bytes {
            match self.least_recent(key, false) {
                Some(k) => self.remove(&k),
                None => break,
            }
        }
        if let Some(e) = self.map.get_mut(key) {
            e.bytes = Some(bytes);
            self.total += bytes;
        }
    }

    /// The least recently used counted snapshot other than `key`'s (of its scope only
    /// when `same_scope`).
    fn least_recent(&self, key: &CacheKey, same_scope: bool) -> Option<CacheKey> {
        self.map
            .iter()
            .filter(|(k, e)| *k != key && e.bytes.is_some() && (!same_scope || k.1 == key.1))
            .min_by_key(|(_, e)| e.last_used)
            .map(|(k, _)| k.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(bytes: usize) -> Snapshot {
        Snapshot {
            columns: Vec::new(),
            rows: Vec::new(),
            expires: Instant::now() + Duration::from_secs(60),
            expires_text: String::new(),
            bytes,
        }
    }

    fn key(q: &str, scope: &Scope) -> CacheKey {
        (q.to_owned(), scope.clone())
    }

    fn cached(cache: &SnapshotCache, k: &CacheKey) -> bool {
        cache
            .inner
            .lock()
            .unwrap()
            .map
            .get(k)
            .is_some_and(|e| e.bytes.is_some())
    }

    #[test]
    fn one_scope_cannot_take_more_than_its_share_and_lru_goes_first() {
        let cache = SnapshotCache::new(CacheBudget {
            total_bytes: 10_000,
            scope_bytes: 3_000,
            ttl: Duration::from_secs(60),
        });
        let (a, b) = (Scope::All, Scope::Orgs(vec![2]));
        let run = |n| move || Ok(snapshot(n));
        for q in ["q1", "q2"] {
            cache.get_or_run(key(q, &a), run(1_000)).unwrap();
        }
        // q1 used again: q2 is now the least recently used of scope a.
        cache.get_or_run(key("q1", &a), run(1_000)).unwrap();
        cache.get_or_run(key("q3", &a), run(1_000)).unwrap();
        assert!(cached(&cache, &key("q1", &a)));
        assert!(
            !cached(&cache, &key("q2", &a)),
            "the LRU of the scope is evicted"
        );
        assert!(cached(&cache, &key("q3", &a)));
        // Another scope is untouched by a's share.
        cache.get_or_run(key("q1", &b), run(1_000)).unwrap();
        assert!(cached(&cache, &key("q1", &b)));
        assert!(cache.held_bytes() <= 10_000);
        // Larger than a share: served, not kept.
        let big = cache.get_or_run(key("big", &b), run(5_000)).unwrap();
        assert_eq!(big.bytes, 5_000);
        assert!(!cached(&cache, &key("big", &b)));
    }

    #[test]
    fn the_total_holds_across_scopes_and_failures_are_not_kept() {
        let cache = SnapshotCache::new(CacheBudget {
            total_bytes: 4_000,
            scope_bytes: 4_000,
            ttl: Duration::from_secs(60),
        });
        for org in 0..10 {
            let k = key("q", &Scope::Orgs(vec![org]));
            cache.get_or_run(k, || Ok(snapshot(1_000))).unwrap();
            assert!(cache.held_bytes() <= 4_000, "{}", cache.held_bytes());
        }
        // The most recent ones stay.
        assert!(cached(&cache, &key("q", &Scope::Orgs(vec![9]))));
        assert!(!cached(&cache, &key("q", &Scope::Orgs(vec![0]))));
        let k = key("bad", &Scope::All);
        assert!(
            cache
                .get_or_run(k.clone(), || Err(QueryError::Cancelled))
                .is_err()
        );
        assert!(!cache.inner.lock().unwrap().map.contains_key(&k));
    }

    #[test]
    fn expired_snapshots_are_dropped() {
        let cache = SnapshotCache::new(CacheBudget {
            ttl: Duration::ZERO,
            ..CacheBudget::default()
        });
        let k = key("q", &Scope::All);
        let mut s = snapshot(100);
        s.expires = Instant::now();
        cache.get_or_run(k.clone(), || Ok(s)).unwrap();
        // The next request finds it expired, drops it and runs again.
        let mut ran = false;
        cache
            .get_or_run(k, || {
                ran = true;
                Ok(snapshot(100))
            })
            .unwrap();
        assert!(ran);
    }
}
