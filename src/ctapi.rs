//! Facts of the ClientTrack REST API (CTAPI) that several layers need, defined once.
//!
//! The linter (E0207, E0302), the builder's `IN`-list splitter, the executor and the
//! sandbox all call this module, so that a query one of them accepts is one the
//! others accept: they agree because they run the same code, not because four
//! copies happen to match.
//!
//! - **Length.** CTAPI caps a query at [`MAX_ENCODED_QUERY_LEN`] characters once
//!   URL-encoded. The encoding is the one the executor sends, [`encode_component`]:
//!   RFC 3986 unreserved bytes stay, every other byte becomes `%XX` — a space costs
//!   3 (`%20`), not 1 (form encoding's `+`), because a `+` in CRQL text would be read
//!   back as a space by a form decoder. [`encoded_len`] and [`EncodedLen`] count that
//!   encoding without building it.
//! - **Pages.** [`DEFAULT_PAGE_SIZE`] rows when `pageSize` is not given, at most
//!   [`MAX_PAGE_SIZE`].
//! - **Date literals.** One grammar, [`parse_date`]; see there for the forms and why.

use std::fmt;

/// The longest query CTAPI accepts, counted once URL-encoded by
/// [`encode_component`] (observed).
pub const MAX_ENCODED_QUERY_LEN: usize = 2048;

/// Rows per page when a request gives no `pageSize` (CTAPI's own default).
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// The largest page CTAPI serves (observed). A larger request comes back short,
/// and a short page reads as "last page": a client must never ask for more.
pub const MAX_PAGE_SIZE: u32 = 500;

/// The per-response row number CTAPI adds to every row it returns (not a record
/// id, not data): the executor drops it, the sandbox adds it, and the linter
/// refuses a field named like it (E0212), which would be lost.
pub const ROW_ID_COLUMN: &str = "__crql_rid";

/// RFC 3986 unreserved: the bytes [`encode_component`] leaves as they are.
const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The width of each byte once encoded by [`encode_component`].
const WIDTH: [u8; 256] = {
    let mut width = [3; 256];
    let mut b = 0;
    while b < 256 {
        if is_unreserved(b as u8) {
            width[b] = 1;
        }
        b += 1;
    }
    width
};

/// Percent-encodes everything but RFC 3986 unreserved characters (`A-Z a-z 0-9
/// - . _ ~`), byte by byte of the UTF-8: what the executor puts in a URL.
///
/// ```
/// assert_eq!(crql::ctapi::encode_component("a b+é"), "a%20b%2B%C3%A9");
/// ```
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

/// How many characters byte `b` becomes once encoded by [`encode_component`]: 1
/// when kept, 3 when escaped (`%XX`).
pub fn encoded_width(b: u8) -> usize {
    usize::from(WIDTH[usize::from(b)])
}

/// Length of `text` once encoded by [`encode_component`], without allocating.
///
/// ```
/// assert_eq!(crql::ctapi::encoded_len("a b"), 5);
/// assert_eq!(crql::ctapi::encoded_len("é"), 6);
/// ```
pub fn encoded_len(text: &str) -> usize {
    // Each byte is kept (1) or escaped (3): counting the escaped ones is a loop
    // the compiler vectorises, and the linter measures every long query with it.
    let escaped = text.bytes().filter(|&b| !is_unreserved(b)).count();
    text.len() + 2 * escaped
}

/// True when `text`, encoded, is within [`MAX_ENCODED_QUERY_LEN`].
pub fn fits(text: &str) -> bool {
    encoded_len(text) <= MAX_ENCODED_QUERY_LEN
}

/// A [`fmt::Write`] that keeps nothing and counts the [`encoded_len`] of what is
/// written: `write!(counter, "{query}")` measures a query as sent without building
/// its text.
///
/// ```
/// use std::fmt::Write;
/// let mut n = crql::ctapi::EncodedLen::default();
/// write!(n, "{}", "SELECT 1").unwrap();
/// assert_eq!(n.0, crql::ctapi::encoded_len("SELECT 1"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EncodedLen(pub usize);

impl fmt::Write for EncodedLen {
    // The printer writes short pieces (a name, `, `, a quote): a byte-wise table
    // lookup beats `encoded_len`'s vectorised count, which pays off on long text.
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.bytes().map(encoded_width).sum::<usize>();
        Ok(())
    }

    // Quotes, brackets and parentheses come one char at a time; the default would
    // encode each into a buffer first. Every byte of a non-ASCII char is escaped.
    fn write_char(&mut self, c: char) -> fmt::Result {
        self.0 += match u8::try_from(c) {
            Ok(b) if b.is_ascii() => encoded_width(b),
            _ => 3 * c.len_utf8(),
        };
        Ok(())
    }
}

/// A date and time of day read from a date literal by [`parse_date`]; ordered by
/// time. `Display` writes the sandbox's stored form, `YYYY-MM-DD HH:MM:SS` with the
/// fraction, if any, without trailing zeros.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateLiteral {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
}

impl fmt::Display for DateLiteral {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        if self.nanos != 0 {
            let frac = format!("{:09}", self.nanos);
            write!(f, ".{}", frac.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// Reads a CRQL date literal (the text between the quotes): THE date grammar of
/// this crate. The linter reports what it refuses (E0302) and the sandbox refuses
/// it as SQL Server's conversion would.
///
/// ```ebnf
/// date_literal ::= ' '* date ( ( ' ' | 'T' ) time )? ' '*
/// date         ::= YYYY '-' MM '-' DD | YYYYMMDD
/// time         ::= HH ':' MM ( ':' SS ( '.' digit{1,7} )? )?
/// ```
///
/// Every field has exactly its number of digits; the date must exist in the
/// Gregorian calendar, the year lie in SQL Server `datetime`'s 1753–9999, the time
/// be at most `23:59:59.9999999`.
///
/// **Why these forms and no others.** The reference writes dates `'YYYY-MM-DD'` and
/// `'YYYY-MM-DD HH:MM:SS'`; `YYYYMMDD` and the ISO `T` are the forms SQL Server reads
/// the same under every language setting. SQL Server also converts `'2024-1-5 7:05'`
/// or `'2024/01/05'`, but how it reads such text depends on the session's
/// `DATEFORMAT`, so a query using them may mean another day on CTAPI than in a test.
/// The sandbox once accepted them while the linter refused them; now both refuse.
///
/// ```
/// use crql::ctapi::parse_date;
/// assert!(parse_date("2024-01-05").is_some());
/// assert!(parse_date("2024-01-05 07:05:00").is_some());
/// assert!(parse_date("2024-1-5 7:05").is_none());
/// assert!(parse_date("2023-02-29").is_none());
/// assert!(parse_date("2024-01-02") > parse_date("2024-01-01 23:59:59"));
/// ```
pub fn parse_date(text: &str) -> Option<DateLiteral> {
    let s = text.trim_matches(' ');
    // Every accepted form is ASCII; checking first keeps the byte slicing below on
    // character boundaries.
    if !s.is_ascii() {
        return None;
    }
    let (date, time) = match s.find([' ', 'T']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (year, month, day) = if date.len() == 8 {
        (
            digits(&date[..4], 4)?,
            digits(&date[4..6], 2)?,
            digits(&date[6..], 2)?,
        )
    } else {
        let mut parts = date.split('-');
        let y = digits(parts.next()?, 4)?;
        let m = digits(parts.next()?, 2)?;
        let d = digits(parts.next()?, 2)?;
        if parts.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    if year < 1753 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let (mut hour, mut minute, mut second, mut nanos) = (0, 0, 0, 0);
    if let Some(time) = time {
        let (hms, frac) = match time.split_once('.') {
            Some((hms, frac)) => (hms, Some(frac)),
            None => (time, None),
        };
        let mut parts = hms.split(':');
        hour = digits(parts.next()?, 2)?;
        minute = digits(parts.next()?, 2)?;
        match parts.next() {
            Some(sec) => second = digits(sec, 2)?,
            // A fraction needs seconds: `10:30.5` is no time.
            None if frac.is_some() => return None,
            None => {}
        }
        if parts.next().is_some() || hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        if let Some(frac) = frac {
            if frac.is_empty() || frac.len() > 7 || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            nanos = format!("{frac:0<9}").parse().ok()?;
        }
    }
    Some(DateLiteral {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
    })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;

    #[test]
    fn widths_follow_rfc_3986() {
        assert_eq!(encode_component("a b+c'd=é"), "a%20b%2Bc%27d%3D%C3%A9");
        for b in 0..=255u8 {
            let kept = b.is_ascii_alphanumeric() || b"-._~".contains(&b);
            assert_eq!(encoded_width(b), if kept { 1 } else { 3 }, "{b}");
        }
        for text in ["", "a b", "é ü\u{1F600}", "x'y''z", "[Exit Date] <> -1"] {
            let sent = encode_component(text);
            assert_eq!(encoded_len(text), sent.len(), "{text}");
            let mut counted = EncodedLen::default();
            for c in text.chars() {
                counted.write_char(c).unwrap();
            }
            assert_eq!(counted.0, sent.len(), "{text}");
        }
    }

    /// The boundary, spaces included: 2,048 encoded characters fit, 2,049 do not.
    #[test]
    fn the_limit_counts_a_space_as_three() {
        // "SELECT x" is 10 encoded characters: the space costs 3.
        assert_eq!(encoded_len("SELECT x"), 10);
        let at = format!("{}{}", " ".repeat(682), "ab");
        assert_eq!(encoded_len(&at), 2048);
        assert!(fits(&at));
        let over = format!("{at}c");
        assert_eq!(encoded_len(&over), 2049);
        assert!(!fits(&over));
    }

    #[test]
    fn date_forms() {
        let ok = |s: &str| parse_date(s).map(|d| d.to_string());
        assert_eq!(ok("2024-01-01").as_deref(), Some("2024-01-01 00:00:00"));
        assert_eq!(ok("20240131").as_deref(), Some("2024-01-31 00:00:00"));
        assert_eq!(
            ok(" 2024-01-01 10:30 ").as_deref(),
            Some("2024-01-01 10:30:00")
        );
        assert_eq!(
            ok("2024-02-29T23:59:59.1234567").as_deref(),
            Some("2024-02-29 23:59:59.1234567")
        );
        assert_eq!(
            ok("2024-01-01 10:00:00.500").as_deref(),
            Some("2024-01-01 10:00:00.5")
        );
        assert_eq!(ok("9999-12-31").as_deref(), Some("9999-12-31 00:00:00"));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-1",
            "2024-1-5 7:05",
            "2024/01/05",
            "01/02/2024",
            "2024-01-01 24:00:00",
            "2024-01-01 24:00",
            "2024-01-01 10:60",
            "2024-01-01 10:00.5",
            "2024-01-01 10:00:00.",
            "2024-01-01 10:00:00.12345678",
            "2024-01-01  10:00",
            "2024-01-01-01",
            "1752-12-31",
            "yesterday",
            "",
            "２０２４-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert!(parse_date("2024-01-02") > parse_date("2024-01-01 23:59:59.9"));
        assert!(parse_date("2024-01-01 00:00:00.0000001") > parse_date("2024-01-01"));
    }
}
