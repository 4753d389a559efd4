//! "Did you mean": the closest known name to a misspelt one.

/// The candidate closest to `name` by edit distance (case-insensitive, adjacent
/// transpositions count as one edit), if it is close enough to be a plausible
/// misspelling: at most a third of the name's length, and at least one edit allowed.
/// When none is, the shortest candidate that `name` begins (case-insensitive, for a
/// name of 4 characters or more): a server's `BirthDateQuality` for a `BirthDate`
/// it lacks, the column the user most likely meant or should look at.
///
/// ```
/// let cols = ["ClientID", "FirstName", "LastName", "BirthDateQuality"];
/// assert_eq!(crql::schema::did_you_mean("FristName", cols), Some("FirstName"));
/// assert_eq!(crql::schema::did_you_mean("BirthDate", cols), Some("BirthDateQuality"));
/// assert_eq!(crql::schema::did_you_mean("Zebra", cols), None);
/// ```
pub fn did_you_mean<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let len = name.chars().count();
    let limit = (len / 3).max(1);
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let mut extended: Option<&str> = None;
    for c in candidates {
        let d = distance(name, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
        if len >= 4
            && c.to_lowercase().starts_with(&lower)
            && extended.is_none_or(|e| c.chars().count() < e.chars().count())
        {
            extended = Some(c);
        }
    }
    best.map(|(_, c)| c).or(extended)
}

/// Optimal string alignment distance over lower-cased chars.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (i, row) in d.chunks_mut(w).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("ClientID", "clientid"), 0);
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn suggestions_pick_the_closest_plausible_name() {
        let tables = [
            "cmClient",
            "Enrollment",
            "cmCaseAssign",
            "osUsers",
            "VISPDAT",
        ];
        assert_eq!(did_you_mean("cmClients", tables), Some("cmClient"));
        assert_eq!(did_you_mean("Enrolment", tables), Some("Enrollment"));
        assert_eq!(did_you_mean("VISPDTA", tables), Some("VISPDAT"));
        assert_eq!(did_you_mean("Invoices", tables), None);
        assert_eq!(did_you_mean("x", tables), None);
    }

    #[test]
    fn a_name_the_candidates_extend_is_the_last_resort() {
        let cols = [
            "ClientID",
            "BirthDateQuality",
            "BirthDateVerifiedQuality",
            "NameQuality",
        ];
        assert_eq!(did_you_mean("birthdate", cols), Some("BirthDateQuality"));
        // A close misspelling still wins over a longer name it begins.
        assert_eq!(did_you_mean("ClientI", cols), Some("ClientID"));
        // Too short to say.
        assert_eq!(did_you_mean("Nam", ["NameQuality"]), None);
        assert_eq!(did_you_mean("Race", ["HUDRace"]), None);
    }
}
