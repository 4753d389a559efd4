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
///
/// Each key is looked for as sent, URL-encoded (`%2B`), and JSON-escaped (`\"`,
/// `\/`), each in any ASCII letter case (a server may upper-case a header it
/// echoes, or write `%2b`). Text is scrubbed whole before it is cut to size
/// ([`Redactor::shown`]), so a key across the cut is never printed in part.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    /// Every form of every key, longest first (a form that contains another is
    /// replaced whole).
    forms: Vec<String>,
}

impl Redactor {
    pub(crate) fn new(secrets: impl IntoIterator<Item = Secret>) -> Self {
        let mut forms = Vec::new();
        // A one-character key would redact half of every message; keys are long.
        for s in secrets.into_iter().filter(|s| s.0.len() >= 4) {
            let json = serde_json::to_string(&s.0).unwrap_or_default();
            let json = json.trim_matches('"').to_owned();
            let json_slash = json.replace('/', "\\/");
            forms.extend([
                s.0.clone(),
                crate::ctapi::encode_component(&s.0),
                json,
                json_slash,
            ]);
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        forms.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        Redactor { forms }
    }

    /// The longest form looked for, in bytes.
    fn longest(&self) -> usize {
        self.forms.first().map_or(0, String::len)
    }

    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for form in &self.forms {
            if let Some(replaced) = replace_ignoring_case(&out, form, "<redacted>") {
                out = replaced;
            }
        }
        out
    }

    /// `text` as a person may see it: keys scrubbed, controls escaped, then cut to
    /// `max` characters. Only the part that can reach the cut is scrubbed, so a
    /// huge body costs no more than a short one.
    pub(crate) fn shown(&self, text: &str, max: usize) -> String {
        // A key that starts within the first `max` characters ends within
        // `longest` bytes of them.
        let reach = text
            .char_indices()
            .nth(max)
            .map_or(text.len(), |(at, _)| at)
            .saturating_add(self.longest());
        let mut end = reach.min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let scrubbed = self.scrub(&text[..end]);
        let escaped = super::shown::escape_controls(&scrubbed);
        // Cutting the scanned prefix short of the text must still say it was cut.
        let mut shown = super::shown::cut(&escaped, max);
        if end < text.len() && !shown.ends_with('…') {
            shown.push('…');
        }
        shown
    }
}

/// `text` with every ASCII-case-insensitive occurrence of `needle` replaced, or
/// `None` when there is none. Matches start and end on character boundaries because
/// `needle` is valid UTF-8 and non-ASCII bytes compare exactly.
fn replace_ignoring_case(text: &str, needle: &str, with: &str) -> Option<String> {
    let (hay, pat) = (text.as_bytes(), needle.as_bytes());
    if pat.is_empty() || hay.len() < pat.len() {
        return None;
    }
    let mut out: Option<String> = None;
    let (mut i, mut copied) = (0, 0);
    while i + pat.len() <= hay.len() {
        if hay[i..i + pat.len()].eq_ignore_ascii_case(pat) {
            let o = out.get_or_insert_with(String::new);
            o.push_str(&text[copied..i]);
            o.push_str(with);
            i += pat.len();
            copied = i;
        } else {
            i += 1;
        }
    }
    let mut o = out?;
    o.push_str(&text[copied..]);
    Some(o)
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

    #[test]
    fn scrubs_any_case_and_json_escaped() {
        let r = Redactor::new([Secret::new("Ab\"c/Key9")]);
        assert_eq!(
            r.scrub(r#"AB"C/KEY9 ab%22c%2fkey9 {"k":"Ab\"c\/Key9","j":"ab\"c/key9"}"#),
            r#"<redacted> <redacted> {"k":"<redacted>","j":"<redacted>"}"#
        );
    }

    #[test]
    fn a_key_across_the_cut_is_never_shown_in_part() {
        let key = "sk-0123456789abcdef";
        let r = Redactor::new([Secret::new(key)]);
        for at in 100..125 {
            let text = format!("{}{}{}", "x".repeat(at), key.to_uppercase(), "y".repeat(50));
            let shown = r.shown(&text, 120);
            assert!(shown.chars().count() <= 121, "{shown}");
            // No run of 4 or more characters of the key survives.
            for w in key.as_bytes().windows(4) {
                let w = std::str::from_utf8(w).unwrap().to_uppercase();
                assert!(!shown.contains(&w), "at {at}: {shown}");
            }
        }
    }
}
