//! The keyword table: every word the grammar gives a meaning to, and which of them
//! are reserved. One table for the parser (which reads a word once and classifies
//! it, instead of trying dozens of `tag_no_case` alternatives at every position)
//! and the printer (which brackets a name spelt like a reserved word), so that what
//! one writes the other reads back.

/// Packs an upper-case word of at most 16 bytes into an integer, so that
/// classifying a word is one integer `match` rather than string comparisons.
const fn pack(word: &[u8]) -> u128 {
    let mut v = 0u128;
    let mut i = 0;
    while i < word.len() {
        v = (v << 8) | word[i] as u128;
        i += 1;
    }
    v
}

macro_rules! keywords {
    ($($name:ident = $text:literal,)*) => {
        /// Every word the grammar gives a meaning to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Keyword {
            $(#[doc = concat!("`", $text, "`")] $name,)*
        }

        /// Each keyword's packed upper-case spelling, for [`Keyword::lookup`].
        #[allow(non_upper_case_globals)]
        mod packed {
            $(pub const $name: u128 = super::pack($text.as_bytes());)*
        }

        impl Keyword {
            /// Every keyword.
            pub const ALL: &'static [Keyword] = &[$(Keyword::$name,)*];

            fn from_packed(v: u128) -> Option<Keyword> {
                match v {
                    $(packed::$name => Some(Keyword::$name),)*
                    _ => None,
                }
            }

            /// The keyword in upper case, as the canonical printer writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Keyword::$name => $text,)*
                }
            }
        }
    };
}

keywords! {
    Select = "SELECT",
    Distinct = "DISTINCT",
    Top = "TOP",
    Percent = "PERCENT",
    With = "WITH",
    Ties = "TIES",
    From = "FROM",
    As = "AS",
    Join = "JOIN",
    Inner = "INNER",
    Left = "LEFT",
    Right = "RIGHT",
    Full = "FULL",
    Outer = "OUTER",
    Cross = "CROSS",
    On = "ON",
    Where = "WHERE",
    Group = "GROUP",
    By = "BY",
    Having = "HAVING",
    Order = "ORDER",
    Asc = "ASC",
    Desc = "DESC",
    Union = "UNION",
    All = "ALL",
    Except = "EXCEPT",
    Intersect = "INTERSECT",
    Limit = "LIMIT",
    Offset = "OFFSET",
    Row = "ROW",
    Rows = "ROWS",
    Fetch = "FETCH",
    First = "FIRST",
    Next = "NEXT",
    Only = "ONLY",
    And = "AND",
    Or = "OR",
    Not = "NOT",
    In = "IN",
    Is = "IS",
    Null = "NULL",
    Like = "LIKE",
    Between = "BETWEEN",
    Escape = "ESCAPE",
    Exists = "EXISTS",
    Case = "CASE",
    When = "WHEN",
    Then = "THEN",
    Else = "ELSE",
    End = "END",
    Update = "UPDATE",
    Delete = "DELETE",
    Insert = "INSERT",
    Exec = "EXEC",
    Execute = "EXECUTE",
    Merge = "MERGE",
    Drop = "DROP",
    Create = "CREATE",
    Alter = "ALTER",
    Truncate = "TRUNCATE",
    Declare = "DECLARE",
    Grant = "GRANT",
    Revoke = "REVOKE",
    Into = "INTO",
    Values = "VALUES",
}

/// The longest keyword (`INTERSECT`) has 9 letters.
const MAX_KEYWORD_LEN: usize = 9;

impl Keyword {
    /// Classifies a word, ignoring ASCII case. `None` for an ordinary name.
    pub fn lookup(word: &str) -> Option<Keyword> {
        let bytes = word.as_bytes();
        if bytes.len() < 2 || bytes.len() > MAX_KEYWORD_LEN {
            return None;
        }
        let mut v = 0u128;
        for b in bytes {
            v = (v << 8) | u128::from(b.to_ascii_uppercase());
        }
        Keyword::from_packed(v)
    }

    /// Reserved words cannot be bare names: `FROM t WHERE` must not read `WHERE` as
    /// an alias. The few words that only ever appear right after another keyword
    /// (`ROWS`, `NEXT`, `TIES`, ...) stay usable as names.
    pub const fn is_reserved(self) -> bool {
        use Keyword::*;
        !matches!(self, Ties | Row | Rows | First | Next | Only)
    }

    /// True for the first word of a statement other than a query (`DELETE`, `EXEC`),
    /// which the parser keeps unparsed in a script (`Statement::Unsupported`).
    pub const fn is_statement_verb(self) -> bool {
        use Keyword::*;
        matches!(
            self,
            Update
                | Delete
                | Insert
                | Exec
                | Execute
                | Merge
                | Drop
                | Create
                | Alter
                | Truncate
                | Declare
                | Grant
                | Revoke
                | With
        )
    }
}

/// True when `word` is a reserved keyword (any case), so that a name spelt like it
/// must be written `[in brackets]`.
///
/// ```ebnf
/// reserved_word ::= 'SELECT' | 'DISTINCT' | 'TOP' | 'PERCENT' | 'WITH' | 'FROM' | 'AS'
///                 | 'JOIN' | 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'OUTER' | 'CROSS' | 'ON'
///                 | 'WHERE' | 'GROUP' | 'BY' | 'HAVING' | 'ORDER' | 'ASC' | 'DESC'
///                 | 'UNION' | 'ALL' | 'EXCEPT' | 'INTERSECT' | 'LIMIT' | 'OFFSET' | 'FETCH'
///                 | 'AND' | 'OR' | 'NOT' | 'IN' | 'IS' | 'NULL' | 'LIKE' | 'BETWEEN'
///                 | 'ESCAPE' | 'EXISTS' | 'CASE' | 'WHEN' | 'THEN' | 'ELSE' | 'END'
///                 | 'INTO' | 'VALUES' | statement_verb
/// ```
pub fn is_reserved(word: &str) -> bool {
    Keyword::lookup(word).is_some_and(Keyword::is_reserved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_rejects_names() {
        assert_eq!(Keyword::lookup("select"), Some(Keyword::Select));
        assert_eq!(Keyword::lookup("InterSect"), Some(Keyword::Intersect));
        assert_eq!(Keyword::lookup("ClientID"), None);
        assert_eq!(Keyword::lookup("selects"), None);
        assert_eq!(Keyword::lookup("a"), None);
        assert_eq!(Keyword::lookup("é"), None);
    }

    #[test]
    fn as_str_round_trips_through_lookup() {
        for &k in Keyword::ALL {
            assert_eq!(Keyword::lookup(k.as_str()), Some(k));
            assert_eq!(Keyword::lookup(&k.as_str().to_ascii_lowercase()), Some(k));
            assert!(k.as_str().len() <= MAX_KEYWORD_LEN);
        }
        assert_eq!(Keyword::ALL.len(), 65);
    }
}
