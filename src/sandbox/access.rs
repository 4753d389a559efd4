//! Who may call the emulator and which organisations' rows they see: subscription
//! keys (Azure API Management's gate) and ApiKeys (ClientTrack's), admin or user.
//! Keys never print: `Debug` redacts them, and comparisons take constant time.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use serde::Deserialize;

use super::translate::Scope;

/// A key that never prints.
#[derive(Clone, PartialEq, Eq)]
pub struct Key(String);

impl Key {
    /// Wraps a key's text.
    pub fn new(value: impl Into<String>) -> Self {
        Key(value.into())
    }

    /// The key itself: only for sending it, or for showing a generated demo key.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Constant-time comparison, so that response timing does not leak the key.
    fn matches(&self, given: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), given.as_bytes());
        let mut diff = a.len() ^ b.len();
        for i in 0..a.len().max(b.len()) {
            diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0xff));
        }
        diff == 0
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

/// A user key and the organisations its user can log into.
#[derive(Clone, Debug)]
pub struct UserKey {
    /// The ApiKey sent as `Authorization: ApiKey {key}`.
    pub key: Key,
    /// The `OrgID`s whose rows this key sees.
    pub orgs: Vec<i64>,
}

/// The keys the emulator accepts.
#[derive(Clone, Debug, Default)]
pub struct Access {
    /// Accepted `Ocp-Apim-Subscription-Key` values (API Management's gate).
    pub subscription_keys: Vec<Key>,
    /// ApiKeys that see every organisation.
    pub admin_keys: Vec<Key>,
    /// ApiKeys that see only their own organisations.
    pub user_keys: Vec<UserKey>,
    /// No credentials checked: every request acts as an admin. The in-process
    /// transport uses this; the HTTP server never does unless asked.
    pub open: bool,
}

/// The keys of a `--config FILE` (JSON).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccessFile {
    /// `subscriptionKeys`: see [`Access::subscription_keys`].
    #[serde(default)]
    pub subscription_keys: Vec<String>,
    /// `adminKeys`: see [`Access::admin_keys`].
    #[serde(default)]
    pub admin_keys: Vec<String>,
    /// `userKeys`: see [`Access::user_keys`].
    #[serde(default)]
    pub user_keys: Vec<UserKeyFile>,
}

/// One user key of a config file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserKeyFile {
    /// See [`UserKey::key`].
    pub key: String,
    /// See [`UserKey::orgs`].
    pub orgs: Vec<i64>,
}

/// Who a request authenticated as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Caller {
    Admin,
    User { orgs: Vec<i64> },
}

/// Why a request was refused, in the body CTAPI (or API Management before it) sends.
#[derive(Clone, Debug, PartialEq, Eq)]
// Each variant names the key at fault, as the refusals themselves do.
#[allow(clippy::enum_variant_names)]
pub(crate) enum Denied {
    MissingSubscriptionKey,
    InvalidSubscriptionKey,
    MissingApiKey,
    IncorrectApiKey,
}

impl Denied {
    /// The 401 body.
    pub(crate) fn body(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            // Azure API Management's own wording and shape.
            Denied::MissingSubscriptionKey => json!({
                "statusCode": 401,
                "message": "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API."
            }),
            Denied::InvalidSubscriptionKey => json!({
                "statusCode": 401,
                "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."
            }),
            Denied::MissingApiKey => json!({
                "errors": ["Authorization is missing: send the header 'Authorization: ApiKey {your API key}'."]
            }),
            Denied::IncorrectApiKey => json!({
                "errors": ["The ApiKey is incorrect."]
            }),
        }
    }
}

impl Access {
    /// Open access: what `crql run` uses in-process.
    pub fn open() -> Self {
        Access {
            open: true,
            ..Access::default()
        }
    }

    /// Adds the keys of a config file.
    pub fn extend_from(&mut self, file: AccessFile) {
        self.subscription_keys
            .extend(file.subscription_keys.into_iter().map(Key::new));
        self.admin_keys
            .extend(file.admin_keys.into_iter().map(Key::new));
        self.user_keys
            .extend(file.user_keys.into_iter().map(|u| UserKey {
                key: Key::new(u.key),
                orgs: u.orgs,
            }));
    }

    /// True when no key at all is configured (the server then makes demo keys).
    pub fn is_empty(&self) -> bool {
        self.subscription_keys.is_empty() && self.admin_keys.is_empty() && self.user_keys.is_empty()
    }

    /// Demo keys: one subscription key, one admin key, and a user key for
    /// organisations 1 and 2. Random per process (not for real secrets).
    pub fn demo() -> Self {
        Access {
            subscription_keys: vec![Key::new(random_key("sub"))],
            admin_keys: vec![Key::new(random_key("admin"))],
            user_keys: vec![UserKey {
                key: Key::new(random_key("user")),
                orgs: vec![1, 2],
            }],
            open: false,
        }
    }

    /// Checks the credentials of a request: `subscription` from the header or the
    /// query parameter, `authorization` the `Authorization` header.
    pub(crate) fn authenticate(
        &self,
        subscription: Option<&str>,
        authorization: Option<&str>,
    ) -> Result<Caller, Denied> {
        if self.open {
            return Ok(Caller::Admin);
        }
        let sub = subscription.map(str::trim).filter(|s| !s.is_empty());
        let Some(sub) = sub else {
            return Err(Denied::MissingSubscriptionKey);
        };
        if !self.subscription_keys.iter().any(|k| k.matches(sub)) {
            return Err(Denied::InvalidSubscriptionKey);
        }
        let Some(auth) = authorization.map(str::trim).filter(|s| !s.is_empty()) else {
            return Err(Denied::MissingApiKey);
        };
        // The scheme is the literal word `ApiKey` (not `Bearer`).
        let Some((scheme, key)) = auth.split_once(' ') else {
            return Err(Denied::IncorrectApiKey);
        };
        if !scheme.eq_ignore_ascii_case("ApiKey") {
            return Err(Denied::IncorrectApiKey);
        }
        let key = key.trim();
        if self.admin_keys.iter().any(|k| k.matches(key)) {
            return Ok(Caller::Admin);
        }
        match self.user_keys.iter().find(|u| u.key.matches(key)) {
            Some(u) => Ok(Caller::User {
                orgs: u.orgs.clone(),
            }),
            None => Err(Denied::IncorrectApiKey),
        }
    }
}

impl Caller {
    /// The rows this caller sees, given the `OrgId` header. An admin key sees every
    /// organisation whatever the header says; a user key sees its own
    /// organisations, or only the one named (nothing when it is not theirs).
    pub(crate) fn scope(&self, org_header: Option<i64>) -> Scope {
        match (self, org_header) {
            (Caller::Admin, _) => Scope::All,
            (Caller::User { orgs }, None) => Scope::Orgs(orgs.clone()),
            (Caller::User { orgs }, Some(o)) => {
                Scope::Orgs(orgs.iter().copied().filter(|&x| x == o).collect())
            }
        }
    }
}

fn random_key(prefix: &str) -> String {
    // RandomState is seeded from the OS per process: enough for loopback demo keys.
    let mut out = String::from(prefix);
    out.push('-');
    for i in 0..2u64 {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access() -> Access {
        Access {
            subscription_keys: vec![Key::new("sub")],
            admin_keys: vec![Key::new("adm")],
            user_keys: vec![UserKey {
                key: Key::new("usr"),
                orgs: vec![2, 3],
            }],
            open: false,
        }
    }

    #[test]
    fn each_credential_failure_is_told_apart() {
        let a = access();
        assert_eq!(
            a.authenticate(None, Some("ApiKey adm")),
            Err(Denied::MissingSubscriptionKey)
        );
        assert_eq!(
            a.authenticate(Some("nope"), Some("ApiKey adm")),
            Err(Denied::InvalidSubscriptionKey)
        );
        assert_eq!(
            a.authenticate(Some("sub"), None),
            Err(Denied::MissingApiKey)
        );
        assert_eq!(
            a.authenticate(Some("sub"), Some("Bearer adm")),
            Err(Denied::IncorrectApiKey)
        );
        assert_eq!(
            a.authenticate(Some("sub"), Some("ApiKey ad")),
            Err(Denied::IncorrectApiKey)
        );
        assert_eq!(
            a.authenticate(Some("sub"), Some("ApiKey adm")),
            Ok(Caller::Admin)
        );
        assert_eq!(
            a.authenticate(Some("sub"), Some("ApiKey usr"))
                .map(|c| c.scope(Some(3))),
            Ok(Scope::Orgs(vec![3]))
        );
        assert_eq!(
            Caller::User { orgs: vec![2, 3] }.scope(Some(1)),
            Scope::Orgs(vec![])
        );
    }

    #[test]
    fn keys_never_print() {
        let a = access();
        let shown = format!("{a:?}");
        for secret in ["\"adm\"", "\"usr\"", "\"sub\""] {
            assert!(!shown.contains(secret), "{shown}");
        }
        let d = Access::demo();
        assert_ne!(d.admin_keys[0].expose(), d.user_keys[0].key.expose());
    }
}
