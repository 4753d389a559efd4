//! A credential that never prints.

use std::fmt;

/// An API or subscription key. `Debug` and `Display` print `<redacted>`; the value
/// leaves only through [`Secret::expose`], which the client calls when it builds
/// a request header.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a key.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The key itself. Only for putting it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Replaces every occurrence of the client's secrets in text bound for an error
/// or a log line: a server or a transport may echo a key back (in a URL, say).
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    secrets: Vec<Secret>,
}

impl Redactor {
    pub(crate) fn new(secrets: impl IntoIterator<Item = Secret>) -> Self {
        Redactor {
            // A one-character key would redact half of every message; keys are long.
            secrets: secrets.into_iter().filter(|s| s.0.len() >= 4).collect(),
        }
    }

    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for s in &self.secrets {
            if out.contains(&s.0) {
                out = out.replace(&s.0, "<redacted>");
            }
            let encoded = crate::ctapi::encode_component(&s.0);
            if encoded != s.0 && out.contains(&encoded) {
                out = out.replace(&encoded, "<redacted>");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints() {
        let s = Secret::new("hunter22");
        assert_eq!(format!("{s} {s:?}"), "<redacted> <redacted>");
        assert_eq!(s.expose(), "hunter22");
    }

    #[test]
    fn scrubs_plain_and_encoded() {
        let r = Redactor::new([Secret::new("k+y/123")]);
        assert_eq!(
            r.scrub("url ?subscription-key=k%2By%2F123 and k+y/123"),
            "url ?subscription-key=<redacted> and <redacted>"
        );
    }
}
