//! T-SQL `LIKE`, registered into SQLite as `crql_like(value, pattern, escape)`:
//! `%`, `_`, `[abc]`, `[a-f]`, `[^abc]`, an optional escape character, and the
//! case-insensitivity of SQL Server's default collation. SQLite's own `LIKE` has no
//! bracket classes, so `LastName LIKE '[A-C]%'` would silently match nothing there.

/// Whether `value` matches the T-SQL `pattern`, case-insensitively.
pub fn like(value: &str, pattern: &str, escape: Option<char>) -> bool {
    let v: Vec<char> = value.chars().flat_map(char::to_lowercase).collect();
    let p: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    matches(&v, &p, escape)
}

/// Iterative matcher with one backtrack point per `%`: linear memory, and time
/// bounded by `len(value) * len(pattern)`, so no pattern can blow the stack.
fn matches(v: &[char], p: &[char], escape: Option<char>) -> bool {
    let (mut vi, mut pi) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while vi < v.len() {
        match step(v[vi], p, pi, escape) {
            Step::Percent => {
                star = Some((pi + 1, vi));
                pi += 1;
                continue;
            }
            Step::Match(next) => {
                vi += 1;
                pi = next;
                continue;
            }
            Step::NoMatch => {}
        }
        match star {
            Some((sp, sv)) => {
                pi = sp;
                vi = sv + 1;
                star = Some((sp, sv + 1));
            }
            None => return false,
        }
    }
    // Only `%` may remain.
    while pi < p.len() && p[pi] == '%' && escape != Some('%') {
        pi += 1;
    }
    pi == p.len()
}

enum Step {
    Percent,
    Match(usize),
    NoMatch,
}

fn step(c: char, p: &[char], pi: usize, escape: Option<char>) -> Step {
    let Some(&pc) = p.get(pi) else {
        return Step::NoMatch;
    };
    if Some(pc) == escape {
        return match p.get(pi + 1) {
            Some(&lit) if lit == c => Step::Match(pi + 2),
            _ => Step::NoMatch,
        };
    }
    match pc {
        '%' => Step::Percent,
        '_' => Step::Match(pi + 1),
        '[' => match class(p, pi) {
            Some((set_end, negated)) => {
                let inside = in_class(c, &p[pi + 1 + usize::from(negated)..set_end]);
                if inside != negated {
                    Step::Match(set_end + 1)
                } else {
                    Step::NoMatch
                }
            }
            // An unclosed `[` is an ordinary character.
            None if c == '[' => Step::Match(pi + 1),
            None => Step::NoMatch,
        },
        _ if pc == c => Step::Match(pi + 1),
        _ => Step::NoMatch,
    }
}

/// The index of the `]` closing the class opened at `pi`, and whether it is `[^`.
fn class(p: &[char], pi: usize) -> Option<(usize, bool)> {
    let negated = p.get(pi + 1) == Some(&'^');
    let start = pi + 1 + usize::from(negated);
    // A `]` right after the opening is a member, as in T-SQL `[]]`.
    let from = if p.get(start) == Some(&']') {
        start + 1
    } else {
        start
    };
    p[from.min(p.len())..]
        .iter()
        .position(|&c| c == ']')
        .map(|i| (from + i, negated))
}

fn in_class(c: char, set: &[char]) -> bool {
    let mut i = 0;
    while i < set.len() {
        if i + 2 < set.len() && set[i + 1] == '-' {
            if set[i] <= c && c <= set[i + 2] {
                return true;
            }
            i += 3;
        } else {
            if set[i] == c {
                return true;
            }
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::like;

    #[test]
    fn tsql_like() {
        let yes = [
            ("Smith", "sm%"),
            ("Smith", "%ITH"),
            ("Smith", "S_ith"),
            ("Smith", "%"),
            ("", "%"),
            ("Smith", "[r-t]mith"),
            ("Smith", "[^a-c]%"),
            ("O'Brien", "o'%"),
            ("50%", "50!%"),
            ("a]b", "a[]]b"),
            ("[x", "[x"),
            ("aaa", "%a%a%a%"),
        ];
        for (v, p) in yes {
            let esc = p.contains('!').then_some('!');
            assert!(like(v, p, esc), "{v} LIKE {p}");
        }
        let no = [
            ("Smith", "sm"),
            ("Smith", "S_th"),
            ("Smith", "[a-c]%"),
            ("Smith", "[^s]%"),
            ("500", "50!%"),
            ("aa", "%a%a%a%"),
            ("", "_"),
        ];
        for (v, p) in no {
            let esc = p.contains('!').then_some('!');
            assert!(!like(v, p, esc), "{v} NOT LIKE {p}");
        }
    }

    #[test]
    fn pathological_patterns_finish() {
        let v = "a".repeat(5000);
        let p = format!("{}b", "%a".repeat(500));
        assert!(!like(&v, &p, None));
    }
}
