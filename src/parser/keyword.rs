//! Keywords: a word is read once and then classified, instead of trying dozens of
//! `tag_no_case` alternatives at every position.

/// Every word the grammar gives a meaning to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Keyword {
    Select,
    Distinct,
    Top,
    Percent,
    With,
    Ties,
    From,
    As,
    Join,
    Inner,
    Left,
    Right,
    Full,
    Outer,
    Cross,
    On,
    Where,
    Group,
    By,
    Having,
    Order,
    Asc,
    Desc,
    Union,
    All,
    Except,
    Intersect,
    Limit,
    Offset,
    Row,
    Rows,
    Fetch,
    First,
    Next,
    Only,
    And,
    Or,
    Not,
    In,
    Is,
    Null,
    Like,
    Between,
    Escape,
    Exists,
    Case,
    When,
    Then,
    Else,
    End,
    // Statement verbs: a script may hold these statements; CRQL only reads.
    Update,
    Delete,
    Insert,
    Exec,
    Execute,
    Merge,
    Drop,
    Create,
    Alter,
    Truncate,
    Declare,
    Grant,
    Revoke,
    Into,
    Values,
}

/// The longest keyword (`INTERSECT`, `TRUNCATE`) has 9 letters.
const MAX_KEYWORD_LEN: usize = 9;

impl Keyword {
    /// Classifies a word, ignoring ASCII case. `None` for an ordinary name.
    pub fn lookup(word: &str) -> Option<Keyword> {
        let bytes = word.as_bytes();
        if bytes.len() < 2 || bytes.len() > MAX_KEYWORD_LEN {
            return None;
        }
        let mut buf = [0u8; MAX_KEYWORD_LEN];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_uppercase();
        }
        use Keyword::*;
        Some(match &buf[..bytes.len()] {
            b"SELECT" => Select,
            b"DISTINCT" => Distinct,
            b"TOP" => Top,
            b"PERCENT" => Percent,
            b"WITH" => With,
            b"TIES" => Ties,
            b"FROM" => From,
            b"AS" => As,
            b"JOIN" => Join,
            b"INNER" => Inner,
            b"LEFT" => Left,
            b"RIGHT" => Right,
            b"FULL" => Full,
            b"OUTER" => Outer,
            b"CROSS" => Cross,
            b"ON" => On,
            b"WHERE" => Where,
            b"GROUP" => Group,
            b"BY" => By,
            b"HAVING" => Having,
            b"ORDER" => Order,
            b"ASC" => Asc,
            b"DESC" => Desc,
            b"UNION" => Union,
            b"ALL" => All,
            b"EXCEPT" => Except,
            b"INTERSECT" => Intersect,
            b"LIMIT" => Limit,
            b"OFFSET" => Offset,
            b"ROW" => Row,
            b"ROWS" => Rows,
            b"FETCH" => Fetch,
            b"FIRST" => First,
            b"NEXT" => Next,
            b"ONLY" => Only,
            b"AND" => And,
            b"OR" => Or,
            b"NOT" => Not,
            b"IN" => In,
            b"IS" => Is,
            b"NULL" => Null,
            b"LIKE" => Like,
            b"BETWEEN" => Between,
            b"ESCAPE" => Escape,
            b"EXISTS" => Exists,
            b"CASE" => Case,
            b"WHEN" => When,
            b"THEN" => Then,
            b"ELSE" => Else,
            b"END" => End,
            b"UPDATE" => Update,
            b"DELETE" => Delete,
            b"INSERT" => Insert,
            b"EXEC" => Exec,
            b"EXECUTE" => Execute,
            b"MERGE" => Merge,
            b"DROP" => Drop,
            b"CREATE" => Create,
            b"ALTER" => Alter,
            b"TRUNCATE" => Truncate,
            b"DECLARE" => Declare,
            b"GRANT" => Grant,
            b"REVOKE" => Revoke,
            b"INTO" => Into,
            b"VALUES" => Values,
            _ => return None,
        })
    }

    /// The keyword in upper case, as the canonical printer writes it.
    pub const fn as_str(self) -> &'static str {
        use Keyword::*;
        match self {
            Select => "SELECT",
            Distinct => "DISTINCT",
            Top => "TOP",
            Percent => "PERCENT",
            With => "WITH",
            Ties => "TIES",
            From => "FROM",
            As => "AS",
            Join => "JOIN",
            Inner => "INNER",
            Left => "LEFT",
            Right => "RIGHT",
            Full => "FULL",
            Outer => "OUTER",
            Cross => "CROSS",
            On => "ON",
            Where => "WHERE",
            Group => "GROUP",
            By => "BY",
            Having => "HAVING",
            Order => "ORDER",
            Asc => "ASC",
            Desc => "DESC",
            Union => "UNION",
            All => "ALL",
            Except => "EXCEPT",
            Intersect => "INTERSECT",
            Limit => "LIMIT",
            Offset => "OFFSET",
            Row => "ROW",
            Rows => "ROWS",
            Fetch => "FETCH",
            First => "FIRST",
            Next => "NEXT",
            Only => "ONLY",
            And => "AND",
            Or => "OR",
            Not => "NOT",
            In => "IN",
            Is => "IS",
            Null => "NULL",
            Like => "LIKE",
            Between => "BETWEEN",
            Escape => "ESCAPE",
            Exists => "EXISTS",
            Case => "CASE",
            When => "WHEN",
            Then => "THEN",
            Else => "ELSE",
            End => "END",
            Update => "UPDATE",
            Delete => "DELETE",
            Insert => "INSERT",
            Exec => "EXEC",
            Execute => "EXECUTE",
            Merge => "MERGE",
            Drop => "DROP",
            Create => "CREATE",
            Alter => "ALTER",
            Truncate => "TRUNCATE",
            Declare => "DECLARE",
            Grant => "GRANT",
            Revoke => "REVOKE",
            Into => "INTO",
            Values => "VALUES",
        }
    }

    /// Reserved words cannot be bare names: `FROM t WHERE` must not read `WHERE` as
    /// an alias. The few words that only ever appear right after another keyword
    /// (`ROWS`, `NEXT`, `TIES`, ...) stay usable as names.
    pub const fn is_reserved(self) -> bool {
        use Keyword::*;
        !matches!(self, Ties | Row | Rows | First | Next | Only)
    }

    /// True for the first word of a statement other than a query (`DELETE`, `EXEC`),
    /// which a script keeps as [`crate::ast::Statement::Unsupported`].
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
        for w in ["SELECT", "TRUNCATE", "ROWS", "ESCAPE", "VALUES", "WITH"] {
            let k = Keyword::lookup(w).expect("keyword");
            assert_eq!(k.as_str(), w);
        }
    }
}
