//! Which codes a lint run reports: `--select`/`--ignore` selectors and the set of
//! codes they leave.

use crate::diagnostic::Code;

/// True when `code` is named by one of `selectors`: a full code (`W0402`) or a
/// prefix (`W04`, `E02`, `W`), case-insensitively.
pub fn code_matches(code: &str, selectors: &[impl AsRef<str>]) -> bool {
    selectors.iter().any(|s| {
        let s = s.as_ref();
        !s.is_empty()
            && code.len() >= s.len()
            && code.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
    })
}

/// A set of codes, one bit per [`Code`] (by its position in [`Code::ALL`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CodeSet(u64);

// One bit per code.
const _: () = assert!(Code::ALL.len() <= 64);

impl CodeSet {
    /// Every code.
    pub(crate) const ALL: CodeSet = CodeSet(u64::MAX >> (64 - Code::ALL.len()));

    /// The codes that are always reported: a query that does not parse, or is over
    /// the parser's limits, cannot be checked at all.
    const ALWAYS: CodeSet = CodeSet((1 << Code::E0001 as usize) | (1 << Code::E0002 as usize));

    /// True when `code` is in the set.
    pub(crate) const fn contains(self, code: Code) -> bool {
        self.0 & (1 << code as usize) != 0
    }

    /// The codes of the set for which `keep` holds, and the codes always reported.
    pub(crate) fn filter(self, mut keep: impl FnMut(Code) -> bool) -> CodeSet {
        let mut out = CodeSet::ALWAYS.0 & self.0;
        for &c in Code::ALL {
            if self.contains(c) && keep(c) {
                out |= 1 << c as usize;
            }
        }
        CodeSet(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filtering_keeps_the_parse_errors() {
        let none = CodeSet::ALL.filter(|_| false);
        assert!(none.contains(Code::E0001) && none.contains(Code::E0002));
        assert!(!none.contains(Code::E0102));
        let w = CodeSet::ALL.filter(|c| code_matches(c.as_str(), &["w04"]));
        assert!(w.contains(Code::W0407) && !w.contains(Code::E0301));
        assert!(Code::ALL.iter().all(|&c| CodeSet::ALL.contains(c)));
    }
}
