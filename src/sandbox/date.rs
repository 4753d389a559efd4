//! Calendar arithmetic without a date crate: the dataset stores datetimes as
//! `YYYY-MM-DD HH:MM:SS` text (which sorts like time), and CRQL date literals are
//! normalised to that form so that text comparison in SQLite is time comparison.

use std::time::{SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number from [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// Seconds since the epoch as `YYYY-MM-DD HH:MM:SS`.
pub fn format_sql(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// The stored `YYYY-MM-DD HH:MM:SS[.fff]` as JSON shows it, `YYYY-MM-DDTHH:MM:SS[.fff]`
/// (the form .NET serialises a `DateTime` in).
pub fn sql_to_json(stored: &str) -> String {
    stored.replacen(' ', "T", 1)
}

/// The current UTC time as JSON shows it, `seconds` from now.
pub fn json_now_plus(seconds: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    format!("{}Z", sql_to_json(&format_sql(now + seconds)))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Reads a date literal the way SQL Server converts a string to `datetime` (the forms
/// people write: `YYYY-MM-DD`, `YYYYMMDD`, with an optional ` HH:MM[:SS[.fff]]` or
/// `THH:MM:SS[.fff]`), and returns it in the stored form. `None` when SQL Server would
/// fail the conversion.
pub fn normalize_literal(text: &str) -> Option<String> {
    let t = text.trim();
    let (date, time) = match t.find([' ', 'T']) {
        Some(i) => (&t[..i], Some(t[i + 1..].trim_start())),
        None => (t, None),
    };
    let (y, m, d) = if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        (
            digits(&date[..4], 4)?,
            digits(&date[4..6], 2)?,
            digits(&date[6..], 2)?,
        )
    } else {
        let mut parts = date.split(['-', '/']);
        let y = digits(parts.next()?, 4)?;
        let m = parts.next()?;
        let d = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        let m: u32 = (1..=2)
            .contains(&m.len())
            .then(|| m.parse().ok())
            .flatten()?;
        let d: u32 = (1..=2)
            .contains(&d.len())
            .then(|| d.parse().ok())
            .flatten()?;
        (y, m, d)
    };
    if !(1753..=9999).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    if d < 1 || d > days_in_month(i64::from(y), m) {
        return None;
    }
    let (mut hh, mut mm, mut ss, mut frac) = (0, 0, 0, String::new());
    if let Some(time) = time {
        let (hms, f) = match time.split_once('.') {
            Some((hms, f)) => (hms, Some(f)),
            None => (time, None),
        };
        let mut parts = hms.split(':');
        hh = parts
            .next()
            .and_then(|p| (1..=2).contains(&p.len()).then(|| p.parse().ok()))??;
        mm = digits(parts.next()?, 2)?;
        if let Some(s) = parts.next() {
            ss = digits(s, 2)?;
        }
        if parts.next().is_some() || hh > 23 || mm > 59 || ss > 59 {
            return None;
        }
        if let Some(f) = f {
            if f.is_empty() || f.len() > 7 || !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if f.bytes().any(|b| b != b'0') {
                frac = format!(".{}", f.trim_end_matches('0'));
            }
        }
    }
    Some(format!(
        "{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}{frac}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in [-800_000, -1, 0, 1, 11_016, 19_723, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(2024, 1, 1), 19_723);
        assert_eq!(format_sql(19_723 * 86_400 + 3661), "2024-01-01 01:01:01");
    }

    #[test]
    fn literals_normalise_like_sql_server_conversions() {
        let n = |s| normalize_literal(s);
        assert_eq!(n("2024-01-01").as_deref(), Some("2024-01-01 00:00:00"));
        assert_eq!(n("20240131").as_deref(), Some("2024-01-31 00:00:00"));
        assert_eq!(n("2024-1-5 7:05").as_deref(), Some("2024-01-05 07:05:00"));
        assert_eq!(
            n("2024-01-01T10:00:00.500").as_deref(),
            Some("2024-01-01 10:00:00.5")
        );
        assert_eq!(
            n("2024-02-29 23:59:59").as_deref(),
            Some("2024-02-29 23:59:59")
        );
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "yesterday",
            "",
            "2024-01-01 24:00",
            "1600-01-01",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }
}
