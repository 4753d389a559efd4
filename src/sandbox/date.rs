//! Calendar arithmetic without a date crate: the dataset stores datetimes as
//! `YYYY-MM-DD HH:MM:SS` text (which sorts like time), and CRQL date literals are
//! normalised to that form so that text comparison in SQLite is time comparison.
//! Which literals are dates at all is [`crate::ctapi::parse_date`]'s to say.

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

/// Reads a date literal with CRQL's one date grammar ([`crate::ctapi::parse_date`],
/// which the linter's E0302 uses too) and returns it in the stored form,
/// `YYYY-MM-DD HH:MM:SS[.fffffff]`. `None` for what that grammar refuses, which the
/// sandbox answers as SQL Server's failed conversion.
pub fn normalize_literal(text: &str) -> Option<String> {
    crate::ctapi::parse_date(text).map(|d| d.to_string())
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
    fn literals_normalise_to_the_stored_form() {
        let n = |s| normalize_literal(s);
        assert_eq!(n("2024-01-01").as_deref(), Some("2024-01-01 00:00:00"));
        assert_eq!(n("20240131").as_deref(), Some("2024-01-31 00:00:00"));
        assert_eq!(
            n("2024-01-05 07:05").as_deref(),
            Some("2024-01-05 07:05:00")
        );
        assert_eq!(
            n("2024-01-01T10:00:00.500").as_deref(),
            Some("2024-01-01 10:00:00.5")
        );
        assert_eq!(
            n("2024-02-29 23:59:59").as_deref(),
            Some("2024-02-29 23:59:59")
        );
        // Forms whose reading depends on SQL Server's DATEFORMAT are refused, as
        // the linter refuses them (E0302): see `ctapi::parse_date`.
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "yesterday",
            "",
            "2024-01-01 24:00",
            "1600-01-01",
            "2024-1-5 7:05",
            "2024/01/05",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }
}
