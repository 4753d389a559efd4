//! The visitor (`crql::ast::visit`): every node of a tree holding every kind of
//! node is visited exactly once, a `VisitMut` rewrite round-trips through the
//! printer, `Break` stops the traversal and not walking skips the children.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use crql::ast::visit::*;
use crql::ast::*;
use crql::{parse, parse_script};

const GO: Flow = ControlFlow::Continue(());

/// A script using every node type and every `Expr`, `SelectItem`, `TableRef`,
/// `FunctionArgs`, `Literal` and `Statement` variant.
const EVERYTHING: &str = "SELECT DISTINCT TOP (:n) PERCENT WITH TIES c.ClientID AS id, *, c.*, \
COUNT(*), f(DISTINCT x, 2.5), -y, \
@v, CASE x WHEN 1 THEN y ELSE z END, ROW_NUMBER() OVER (PARTITION BY pa ORDER BY ob), \
nm COLLATE cl, CAST(u AS int) \
FROM dbo.cmClient c \
LEFT JOIN (SELECT ClientID FROM Enrollment) AS e ON e.ClientID = c.ClientID \
WHERE NOT (a IN (1, NULL)) AND b NOT IN (SELECT z FROM t) AND d BETWEEN 'x' AND N'y' \
AND g LIKE 'a%' ESCAPE '!' AND h IS NOT NULL AND EXISTS (SELECT 1 FROM w) AND k = (SELECT m FROM u) \
GROUP BY p HAVING q > 1 \
UNION ALL SELECT r FROM s \
ORDER BY id DESC LIMIT 3 OFFSET 5 ROWS FETCH NEXT 10 ROWS ONLY; \
DELETE FROM x -- line\n/* block */";

/// Counts the visits of each node type, and of each `Expr` variant.
#[derive(Default)]
struct Census(BTreeMap<&'static str, usize>);

impl Census {
    fn saw(&mut self, kind: &'static str) -> Flow {
        *self.0.entry(kind).or_default() += 1;
        GO
    }
}

/// The name of an expression's variant; exhaustive so that a new variant must be
/// added to [`EVERYTHING`] and to the expected counts.
fn variant(e: &Expr<'_>) -> &'static str {
    match e {
        Expr::Column(_) => "Expr::Column",
        Expr::Literal(_) => "Expr::Literal",
        Expr::Param(_) => "Expr::Param",
        Expr::Binary { .. } => "Expr::Binary",
        Expr::Unary { .. } => "Expr::Unary",
        Expr::Nested { .. } => "Expr::Nested",
        Expr::InList { .. } => "Expr::InList",
        Expr::InSubquery { .. } => "Expr::InSubquery",
        Expr::Between { .. } => "Expr::Between",
        Expr::Like { .. } => "Expr::Like",
        Expr::IsNull { .. } => "Expr::IsNull",
        Expr::Function { .. } => "Expr::Function",
        Expr::Subquery { .. } => "Expr::Subquery",
        Expr::Exists { .. } => "Expr::Exists",
        Expr::Variable(_) => "Expr::Variable",
        Expr::Case { .. } => "Expr::Case",
        Expr::Window { .. } => "Expr::Window",
        Expr::Collate { .. } => "Expr::Collate",
    }
}

impl<'a> Visit<'a> for Census {
    fn visit_script(&mut self, n: &'a Script<'a>) -> Flow {
        self.saw("script")?;
        walk_script(self, n)
    }
    fn visit_statement(&mut self, n: &'a Statement<'a>) -> Flow {
        self.saw("statement")?;
        walk_statement(self, n)
    }
    fn visit_comment(&mut self, n: &'a Comment<'a>) -> Flow {
        self.saw("comment")?;
        walk_comment(self, n)
    }
    fn visit_query(&mut self, n: &'a Query<'a>) -> Flow {
        self.saw("query")?;
        walk_query(self, n)
    }
    fn visit_select(&mut self, n: &'a Select<'a>) -> Flow {
        self.saw("select")?;
        walk_select(self, n)
    }
    fn visit_top(&mut self, n: &'a Top<'a>) -> Flow {
        self.saw("top")?;
        walk_top(self, n)
    }
    fn visit_select_item(&mut self, n: &'a SelectItem<'a>) -> Flow {
        self.saw("select_item")?;
        walk_select_item(self, n)
    }
    fn visit_table_ref(&mut self, n: &'a TableRef<'a>) -> Flow {
        self.saw("table_ref")?;
        walk_table_ref(self, n)
    }
    fn visit_table_name(&mut self, n: &'a TableName<'a>) -> Flow {
        self.saw("table_name")?;
        walk_table_name(self, n)
    }
    fn visit_join(&mut self, n: &'a Join<'a>) -> Flow {
        self.saw("join")?;
        walk_join(self, n)
    }
    fn visit_set_operation(&mut self, n: &'a SetOperation<'a>) -> Flow {
        self.saw("set_operation")?;
        walk_set_operation(self, n)
    }
    fn visit_order_by_expr(&mut self, n: &'a OrderByExpr<'a>) -> Flow {
        self.saw("order_by_expr")?;
        walk_order_by_expr(self, n)
    }
    fn visit_limit(&mut self, n: &'a Limit<'a>) -> Flow {
        self.saw("limit")?;
        walk_limit(self, n)
    }
    fn visit_offset(&mut self, n: &'a Offset<'a>) -> Flow {
        self.saw("offset")?;
        walk_offset(self, n)
    }
    fn visit_fetch(&mut self, n: &'a Fetch<'a>) -> Flow {
        self.saw("fetch")?;
        walk_fetch(self, n)
    }
    fn visit_expr(&mut self, n: &'a Expr<'a>) -> Flow {
        self.saw("expr")?;
        self.saw(variant(n))?;
        walk_expr(self, n)
    }
    fn visit_function_args(&mut self, n: &'a FunctionArgs<'a>) -> Flow {
        self.saw("function_args")?;
        walk_function_args(self, n)
    }
    fn visit_ident(&mut self, n: &'a Ident<'a>) -> Flow {
        self.saw("ident")?;
        walk_ident(self, n)
    }
    fn visit_column_ref(&mut self, n: &'a ColumnRef<'a>) -> Flow {
        self.saw("column_ref")?;
        walk_column_ref(self, n)
    }
    fn visit_literal(&mut self, n: &'a Literal<'a>) -> Flow {
        self.saw("literal")?;
        walk_literal(self, n)
    }
    fn visit_param(&mut self, n: &'a Param<'a>) -> Flow {
        self.saw("param")?;
        walk_param(self, n)
    }
}

/// The counts below are read off [`EVERYTHING`] by hand: 5 queries (the top one
/// and four subqueries), 6 selects (those plus the UNION's), 25 column
/// references, 13 literals, 45 identifiers (28 in columns, 3 aliases, 1 wildcard
/// qualifier, 4 function names, a collation, 6 table names and a schema, the
/// DELETE verb).
#[test]
fn visits_every_node_of_a_tree_with_every_variant() {
    let script = parse_script(EVERYTHING).unwrap();
    let mut census = Census::default();
    assert_eq!(census.visit_script(&script), GO);
    let expected: BTreeMap<&str, usize> = [
        ("script", 1),
        ("statement", 2),
        ("comment", 2),
        ("query", 5),
        ("select", 6),
        ("set_operation", 1),
        ("top", 1),
        ("select_item", 16),
        ("table_ref", 7),
        ("table_name", 6),
        ("join", 1),
        ("order_by_expr", 2),
        ("limit", 1),
        ("offset", 1),
        ("fetch", 1),
        ("function_args", 4),
        ("ident", 45),
        ("column_ref", 25),
        ("literal", 13),
        ("param", 1),
        ("expr", 66),
        ("Expr::Column", 25),
        ("Expr::Literal", 13),
        ("Expr::Param", 1),
        ("Expr::Binary", 9),
        ("Expr::Unary", 2),
        ("Expr::Nested", 1),
        ("Expr::InList", 1),
        ("Expr::InSubquery", 1),
        ("Expr::Between", 1),
        ("Expr::Like", 1),
        ("Expr::IsNull", 1),
        ("Expr::Function", 4),
        ("Expr::Subquery", 1),
        ("Expr::Exists", 1),
        ("Expr::Variable", 1),
        ("Expr::Case", 1),
        ("Expr::Window", 1),
        ("Expr::Collate", 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(census.0, expected);
}

/// Prefixes every column's name (not its qualifier, not aliases or tables).
struct Rename;

impl<'a> VisitMut<'a> for Rename {
    fn visit_column_ref(&mut self, c: &mut ColumnRef<'a>) -> Flow {
        c.name.value = format!("x_{}", c.name.value).into();
        walk_column_ref_mut(self, c)
    }
}

#[test]
fn visit_mut_renames_every_column_and_the_result_round_trips() {
    let mut q = parse(
        "SELECT TOP 5 c.ClientID, LastName AS n FROM cmClient c \
         JOIN Enrollment e ON e.ClientID = c.ClientID \
         WHERE ExitDate IS NULL AND ClientID IN (SELECT ClientID FROM t WHERE f(Amount) > 1) \
         ORDER BY LastName",
    )
    .unwrap();
    assert_eq!(Rename.visit_query(&mut q), GO);
    let printed = q.to_string();
    assert_eq!(
        printed,
        "SELECT TOP 5 c.x_ClientID, x_LastName AS n FROM cmClient c \
         INNER JOIN Enrollment e ON e.x_ClientID = c.x_ClientID \
         WHERE x_ExitDate IS NULL AND x_ClientID IN (SELECT x_ClientID FROM t WHERE f(x_Amount) > 1) \
         ORDER BY x_LastName"
    );
    assert_eq!(parse(&printed).unwrap(), q);
}

/// Records the columns it sees and stops at the first parameter.
#[derive(Default)]
struct UntilParam<'a> {
    columns: Vec<&'a str>,
    param: Option<&'a str>,
}

impl<'a> Visit<'a> for UntilParam<'a> {
    fn visit_column_ref(&mut self, c: &'a ColumnRef<'a>) -> Flow {
        self.columns.push(&c.name.value);
        GO
    }
    fn visit_param(&mut self, p: &'a Param<'a>) -> Flow {
        self.param = Some(&p.name);
        ControlFlow::Break(())
    }
}

#[test]
fn break_stops_the_whole_traversal() {
    let q = parse(
        "SELECT TOP 5 a FROM t WHERE b IN (SELECT c FROM u WHERE d = :p AND e = :q) AND f = 1 \
         ORDER BY g",
    )
    .unwrap();
    let mut v = UntilParam::default();
    assert_eq!(v.visit_query(&q), ControlFlow::Break(()));
    assert_eq!(v.param, Some("p"));
    assert_eq!(v.columns, ["a", "b", "c", "d"]);
}

#[test]
fn not_walking_skips_the_children() {
    let q = parse(
        "SELECT TOP 5 a, (SELECT b FROM u) FROM t WHERE EXISTS (SELECT c, d FROM v) AND e = 1",
    )
    .unwrap();
    struct Outer {
        depth: usize,
        columns: usize,
    }
    impl<'a> Visit<'a> for Outer {
        fn visit_query(&mut self, q: &'a Query<'a>) -> Flow {
            if self.depth > 0 {
                return GO;
            }
            self.depth += 1;
            walk_query(self, q)?;
            self.depth -= 1;
            GO
        }
        fn visit_column_ref(&mut self, _: &'a ColumnRef<'a>) -> Flow {
            self.columns += 1;
            GO
        }
    }
    let mut v = Outer {
        depth: 0,
        columns: 0,
    };
    assert_eq!(v.visit_query(&q), GO);
    assert_eq!(v.columns, 2, "a and e; b, c and d are in subqueries");
}
