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
    Collate = "COLLATE",
    Option = "OPTION",
    For = "FOR",
    Over = "OVER",
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
///                 | 'INTO' | 'VALUES' | 'COLLATE' | 'OPTION' | 'FOR' | 'OVER'
///                 | statement_verb
/// ```
pub fn is_reserved(word: &str) -> bool {
    Keyword::lookup(word).is_some_and(Keyword::is_reserved)
}

/// SQL Server's reserved keywords, from Microsoft's "Reserved Keywords
/// (Transact-SQL)" list (the SQL Server column; ODBC's and the "future" keywords are
/// not reserved by the server), upper case and sorted by byte for a binary search.
/// `WITHIN GROUP`, the one entry of two words, cannot be a bare name and is left out.
///
/// SQL Server reads these words as the keyword wherever they appear, so a table,
/// column or alias spelt like one must be written `[in brackets]`: a bare one is a
/// syntax error, or worse (`SELECT User` returns the name of the database user).
/// The parser reads only the grammar's own [`Keyword`]s as keywords, so that the
/// linter can name the others (E0214); the printer and the builders bracket both.
pub const TSQL_RESERVED: &[&str] = &[
    "ADD",
    "ALL",
    "ALTER",
    "AND",
    "ANY",
    "AS",
    "ASC",
    "AUTHORIZATION",
    "BACKUP",
    "BEGIN",
    "BETWEEN",
    "BREAK",
    "BROWSE",
    "BULK",
    "BY",
    "CASCADE",
    "CASE",
    "CHECK",
    "CHECKPOINT",
    "CLOSE",
    "CLUSTERED",
    "COALESCE",
    "COLLATE",
    "COLUMN",
    "COMMIT",
    "COMPUTE",
    "CONSTRAINT",
    "CONTAINS",
    "CONTAINSTABLE",
    "CONTINUE",
    "CONVERT",
    "CREATE",
    "CROSS",
    "CURRENT",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "CURSOR",
    "DATABASE",
    "DBCC",
    "DEALLOCATE",
    "DECLARE",
    "DEFAULT",
    "DELETE",
    "DENY",
    "DESC",
    "DISK",
    "DISTINCT",
    "DISTRIBUTED",
    "DOUBLE",
    "DROP",
    "DUMP",
    "ELSE",
    "END",
    "ERRLVL",
    "ESCAPE",
    "EXCEPT",
    "EXEC",
    "EXECUTE",
    "EXISTS",
    "EXIT",
    "EXTERNAL",
    "FETCH",
    "FILE",
    "FILLFACTOR",
    "FOR",
    "FOREIGN",
    "FREETEXT",
    "FREETEXTTABLE",
    "FROM",
    "FULL",
    "FUNCTION",
    "GOTO",
    "GRANT",
    "GROUP",
    "HAVING",
    "HOLDLOCK",
    "IDENTITY",
    "IDENTITYCOL",
    "IDENTITY_INSERT",
    "IF",
    "IN",
    "INDEX",
    "INNER",
    "INSERT",
    "INTERSECT",
    "INTO",
    "IS",
    "JOIN",
    "KEY",
    "KILL",
    "LEFT",
    "LIKE",
    "LINENO",
    "LOAD",
    "MERGE",
    "NATIONAL",
    "NOCHECK",
    "NONCLUSTERED",
    "NOT",
    "NULL",
    "NULLIF",
    "OF",
    "OFF",
    "OFFSETS",
    "ON",
    "OPEN",
    "OPENDATASOURCE",
    "OPENQUERY",
    "OPENROWSET",
    "OPENXML",
    "OPTION",
    "OR",
    "ORDER",
    "OUTER",
    "OVER",
    "PERCENT",
    "PIVOT",
    "PLAN",
    "PRECISION",
    "PRIMARY",
    "PRINT",
    "PROC",
    "PROCEDURE",
    "PUBLIC",
    "RAISERROR",
    "READ",
    "READTEXT",
    "RECONFIGURE",
    "REFERENCES",
    "REPLICATION",
    "RESTORE",
    "RESTRICT",
    "RETURN",
    "REVERT",
    "REVOKE",
    "RIGHT",
    "ROLLBACK",
    "ROWCOUNT",
    "ROWGUIDCOL",
    "RULE",
    "SAVE",
    "SCHEMA",
    "SECURITYAUDIT",
    "SELECT",
    "SEMANTICKEYPHRASETABLE",
    "SEMANTICSIMILARITYDETAILSTABLE",
    "SEMANTICSIMILARITYTABLE",
    "SESSION_USER",
    "SET",
    "SETUSER",
    "SHUTDOWN",
    "SOME",
    "STATISTICS",
    "SYSTEM_USER",
    "TABLE",
    "TABLESAMPLE",
    "TEXTSIZE",
    "THEN",
    "TO",
    "TOP",
    "TRAN",
    "TRANSACTION",
    "TRIGGER",
    "TRUNCATE",
    "TRY_CONVERT",
    "TSEQUAL",
    "UNION",
    "UNIQUE",
    "UNPIVOT",
    "UPDATE",
    "UPDATETEXT",
    "USE",
    "USER",
    "VALUES",
    "VARYING",
    "VIEW",
    "WAITFOR",
    "WHEN",
    "WHERE",
    "WHILE",
    "WITH",
    "WRITETEXT",
];

/// True when SQL Server reserves `word` (any case): see [`TSQL_RESERVED`].
pub fn is_tsql_reserved(word: &str) -> bool {
    TSQL_RESERVED
        .binary_search_by(|k| k.bytes().cmp(word.bytes().map(|b| b.to_ascii_uppercase())))
        .is_ok()
}

/// True when a name spelt `word` must be written `[in brackets]` to be read back as
/// a name, by this crate's parser (a reserved [`Keyword`]) or by SQL Server
/// ([`TSQL_RESERVED`]).
pub fn needs_brackets(word: &str) -> bool {
    is_reserved(word) || is_tsql_reserved(word)
}

/// What the first argument of a T-SQL function is when it is a word the function
/// reads itself rather than an expression: `day` in `DATEADD(day, 1, x)`, `date`
/// in `CONVERT(date, x)`. Such a word names no column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeywordArgument {
    /// A datepart: `DATEADD`, `DATEDIFF`, `DATEDIFF_BIG`, `DATEPART`, `DATENAME`,
    /// `DATETRUNC`, `DATE_BUCKET`.
    Datepart,
    /// A data type, possibly with a length: `CONVERT`, `TRY_CONVERT`.
    DataType,
}

/// The kind of `function`'s first argument (any case), when it is a word the
/// function reads rather than an expression.
pub fn keyword_argument(function: &str) -> Option<KeywordArgument> {
    const DATEPART: &[&str] = &[
        "DATEADD",
        "DATEDIFF",
        "DATEDIFF_BIG",
        "DATEPART",
        "DATENAME",
        "DATETRUNC",
        "DATE_BUCKET",
    ];
    if DATEPART.iter().any(|f| f.eq_ignore_ascii_case(function)) {
        Some(KeywordArgument::Datepart)
    } else if ["CONVERT", "TRY_CONVERT"]
        .iter()
        .any(|f| f.eq_ignore_ascii_case(function))
    {
        Some(KeywordArgument::DataType)
    } else {
        None
    }
}

/// SQL Server's dateparts and their abbreviations, each datepart's full name
/// first: the union of what the date functions accept (`tzoffset` and `iso_week`
/// only some of them take).
pub const DATEPARTS: &[&[&str]] = &[
    &["year", "yy", "yyyy"],
    &["quarter", "qq", "q"],
    &["month", "mm", "m"],
    &["dayofyear", "dy", "y"],
    &["day", "dd", "d"],
    &["week", "wk", "ww"],
    &["weekday", "dw", "w"],
    &["hour", "hh"],
    &["minute", "mi", "n"],
    &["second", "ss", "s"],
    &["millisecond", "ms"],
    &["microsecond", "mcs"],
    &["nanosecond", "ns"],
    &["tzoffset", "tz"],
    &["iso_week", "isowk", "isoww"],
];

/// True when `word` (any case) is a datepart or an abbreviation of one.
pub fn is_datepart(word: &str) -> bool {
    DATEPARTS
        .iter()
        .any(|names| names.iter().any(|n| n.eq_ignore_ascii_case(word)))
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
        assert_eq!(Keyword::ALL.len(), 69);
    }

    #[test]
    fn keyword_arguments_and_dateparts() {
        assert_eq!(keyword_argument("dateadd"), Some(KeywordArgument::Datepart));
        assert_eq!(
            keyword_argument("Try_Convert"),
            Some(KeywordArgument::DataType)
        );
        assert_eq!(keyword_argument("DATEFROMPARTS"), None);
        for w in ["day", "DD", "yyyy", "ISO_WEEK", "mcs"] {
            assert!(is_datepart(w), "{w}");
        }
        for w in ["days", "date", "", "months"] {
            assert!(!is_datepart(w), "{w}");
        }
    }

    #[test]
    fn tsql_reserved_is_sorted_upper_case_and_found_in_any_case() {
        assert!(TSQL_RESERVED.windows(2).all(|w| w[0] < w[1]));
        assert!(
            TSQL_RESERVED
                .iter()
                .all(|w| w.bytes().all(|b| !b.is_ascii_lowercase()))
        );
        assert_eq!(TSQL_RESERVED.len(), 184);
        for w in [
            "user",
            "User",
            "KEY",
            "identity_insert",
            "IdentityCol",
            "ADD",
            "WRITETEXT",
        ] {
            assert!(is_tsql_reserved(w), "{w}");
        }
        for w in ["ClientID", "Users", "LIMIT", "OFFSET", "", "é", "WITHIN"] {
            assert!(!is_tsql_reserved(w), "{w}");
        }
    }

    #[test]
    fn every_reserved_keyword_of_the_grammar_but_limit_and_offset_is_tsql_reserved() {
        // Two ways to decide a bracket must agree where T-SQL has a say; LIMIT and
        // OFFSET are the grammar's own (MySQL's paging, T-SQL's unreserved OFFSET).
        for &k in Keyword::ALL {
            if k.is_reserved() && !matches!(k, Keyword::Limit | Keyword::Offset) {
                assert!(is_tsql_reserved(k.as_str()), "{k:?}");
            }
        }
        assert!(needs_brackets("limit") && needs_brackets("user"));
        assert!(!needs_brackets("ClientID"));
    }
}
