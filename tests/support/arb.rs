//! proptest strategies for CRQL syntax trees, shared by the round-trip tests, the
//! linter's tests and later fuzz and bench code.
//!
//! Two families:
//! - [`query`] and [`expr`]: arbitrary trees over the whole *permissive* AST (every
//!   `Expr` variant, joins of every kind, set operations, paging, `TOP`, `DISTINCT`,
//!   aliases, bracketed names that need their brackets, strings with quotes and
//!   unicode, parameters). `Nested` is inserted wherever precedence requires it (see
//!   [`operand`]), so `parse(print(ast)) == ast` must hold for every tree generated.
//! - [`crql_valid_query`]: only what CTAPI accepts (TOP present, one optional JOIN,
//!   named columns of the built-in tables, no `*`, functions, arithmetic, subqueries,
//!   paging, grouping or ordering).
//!
//! Every tree is `'static` (owned strings) and has empty spans: spans are ignored by
//! equality, so a generated tree compares equal to its parsed print.

use std::borrow::Cow;

use crql::ast::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

type Q = Query<'static>;
type E = Expr<'static>;

const SP: Span = Span::empty();

// ---------------------------------------------------------------------------
// Leaves

/// Names that never need brackets (no keyword, no odd character).
const PLAIN_NAMES: &[&str] = &[
    "ClientID",
    "FirstName",
    "LastName",
    "EnrollID",
    "UpdatedDate",
    "c",
    "e",
    "t1",
    "_tmp",
    "Col9",
    "cmClient",
    "Enrollment",
    "dbo",
];

/// Names that only parse back as names when bracketed: keywords, spaces, `]`,
/// comment and string delimiters, unicode, a leading digit.
const BRACKET_NAMES: &[&str] = &[
    "Exit Date",
    "select",
    "FROM",
    "Order",
    "and",
    "null",
    "a]b",
    "]",
    "--x",
    "/*x*/",
    "it's",
    "Año",
    "名前",
    "1st",
    "a.b",
    "a b c",
];

fn plain(name: impl Into<Cow<'static, str>>) -> Ident<'static> {
    Ident {
        value: name.into(),
        bracketed: false,
        span: SP,
    }
}

fn bracketed(name: impl Into<Cow<'static, str>>) -> Ident<'static> {
    Ident {
        value: name.into(),
        bracketed: true,
        span: SP,
    }
}

/// An identifier: plain, bracketed although it need not be, or bracketed because it
/// must be.
pub fn ident() -> BoxedStrategy<Ident<'static>> {
    prop_oneof![
        4 => select(PLAIN_NAMES).prop_map(plain),
        // `q_` starts no keyword, so the rest can be anything word-like.
        2 => "q_[a-zA-Z0-9_]{0,6}".prop_map(plain),
        1 => select(PLAIN_NAMES).prop_map(bracketed),
        2 => select(BRACKET_NAMES).prop_map(bracketed),
        1 => "[a-zA-Z0-9 _.'\\]é中-]{1,8}".prop_map(bracketed),
    ]
    .boxed()
}

/// A column reference, qualified half the time.
pub fn column_ref() -> BoxedStrategy<ColumnRef<'static>> {
    let prefix = (option::of(ident()), ident())
        .prop_map(|(database, schema)| Box::new(ColumnPrefix { database, schema }));
    (option::weighted(0.05, prefix), option::of(ident()), ident())
        .prop_map(|(prefix, qualifier, name)| ColumnRef {
            // A schema stands only before a table: `dbo.t.c`, never `dbo..c`.
            prefix: prefix.filter(|_| qualifier.is_some()),
            qualifier: qualifier.map(Box::new),
            name,
            span: SP,
        })
        .boxed()
}

/// A literal: strings with quotes, comment look-alikes and unicode, integers
/// (including ones past `i64`), decimals and `NULL`.
pub fn literal() -> BoxedStrategy<Literal<'static>> {
    prop_oneof![
        4 => ("[a-zA-Z0-9 '%_.,:;/*\\[\\]-éü中😀]{0,12}", prop::bool::weighted(0.15)).prop_map(
            |(value, national)| Literal::String {
                value: value.into(),
                national,
                span: SP,
            }
        ),
        3 => "0|[1-9][0-9]{0,8}|99999999999999999999".prop_map(|t| Literal::Integer {
            text: t.into(),
            span: SP,
        }),
        1 => "(0|[1-9][0-9]{0,3})\\.[0-9]{1,3}".prop_map(|t| Literal::Decimal {
            text: t.into(),
            span: SP,
        }),
        1 => Just(Literal::Null { span: SP }),
    ]
    .boxed()
}

/// A named parameter `:name`.
pub fn param() -> BoxedStrategy<Param<'static>> {
    "[a-zA-Z_][a-zA-Z0-9_]{0,8}"
        .prop_map(|name| Param {
            name: name.into(),
            span: SP,
        })
        .boxed()
}

fn leaf_expr() -> BoxedStrategy<E> {
    prop_oneof![
        3 => column_ref().prop_map(Expr::Column),
        3 => literal().prop_map(Expr::Literal),
        1 => param().prop_map(Expr::Param),
        1 => ("[a-zA-Z_][a-zA-Z0-9_]{0,8}", prop::bool::weighted(0.2)).prop_map(|(name, system)| {
            Expr::Variable(Variable {
                name: name.into(),
                system,
                span: SP,
            })
        }),
    ]
    .boxed()
}

const DATA_TYPES: &[&str] = &[
    "int",
    "varchar(10)",
    "decimal(10, 2)",
    "nvarchar(max)",
    "[date]",
];

const FRAMES: &[&str] = &[
    "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
    "ROWS UNBOUNDED PRECEDING",
];

const FUNCTIONS: &[&str] = &[
    "COUNT", "UPPER", "lower", "LEN", "GETDATE", "ISNULL", "DATEADD", "SUM", "Coalesce",
];

// ---------------------------------------------------------------------------
// Precedence

/// How tightly an expression holds together as an operand; higher binds tighter.
/// Binary operators use [`BinaryOp::precedence`] (OR 1, AND 2, comparisons 4,
/// `+ -` 5, `* / %` 6); `NOT` is 3; the predicates (`IN`, `BETWEEN`, `LIKE`,
/// `IS NULL`, `EXISTS`) sit with the comparisons; a prefix sign is 7; everything
/// that is closed on both sides (names, literals, calls, parentheses) is 8.
pub fn level(e: &E) -> u8 {
    match e {
        Expr::Binary { op, .. } => op.precedence(),
        Expr::Unary {
            op: UnaryOp::Not, ..
        } => 3,
        Expr::Unary { .. } => 7,
        Expr::InList { .. }
        | Expr::InSubquery { .. }
        | Expr::Between { .. }
        | Expr::Like { .. }
        | Expr::IsNull { .. }
        | Expr::Exists { .. } => 4,
        Expr::Collate { .. } => 7,
        Expr::Column(_)
        | Expr::Literal(_)
        | Expr::Param(_)
        | Expr::Nested { .. }
        | Expr::Function { .. }
        | Expr::Subquery { .. }
        | Expr::Variable(_)
        | Expr::Case { .. }
        | Expr::Window { .. } => 8,
    }
}

/// `e` as an operand that must bind at least as tightly as `min`: wrapped in
/// parentheses (`Nested`) when it does not, exactly as a user would have to write it.
pub fn operand(e: E, min: u8) -> E {
    if level(&e) >= min { e } else { e.nested() }
}

/// Least binding level of a comparison or predicate operand: arithmetic and up.
/// (Comparisons do not chain: `a = b = c` is not SQL.)
const VALUE: u8 = 5;

/// Rebuilds `e` bottom-up with `Nested` wherever the printed text would otherwise
/// parse to a different tree.
pub fn fix(e: E) -> E {
    let bx = |e: E, min: u8| Box::new(operand(fix(e), min));
    match e {
        Expr::Binary {
            left, op, right, ..
        } => {
            let (lmin, rmin) = if op.is_comparison() {
                (VALUE, VALUE)
            } else {
                // Left-associative: an equal operator on the right needs parentheses.
                (op.precedence(), op.precedence() + 1)
            };
            Expr::Binary {
                left: bx(*left, lmin),
                op,
                right: bx(*right, rmin),
                span: SP,
            }
        }
        Expr::Unary { op, expr, .. } => {
            let inner = fix(*expr);
            let inner = match op {
                // `NOT EXISTS (...)` is the negated EXISTS, not NOT applied to it.
                UnaryOp::Not if matches!(inner, Expr::Exists { .. }) => inner.nested(),
                UnaryOp::Not => operand(inner, 3),
                // A sign applies to a closed operand only, and `- -x` is avoided
                // because `--` would start a comment.
                UnaryOp::Minus | UnaryOp::Plus => operand(inner, 8),
            };
            Expr::Unary {
                op,
                expr: Box::new(inner),
                span: SP,
            }
        }
        Expr::Nested { expr, .. } => fix(*expr).nested(),
        Expr::InList {
            expr,
            list,
            negated,
            ..
        } => Expr::InList {
            expr: bx(*expr, VALUE),
            list: list.into_iter().map(|e| operand(fix(e), VALUE)).collect(),
            negated,
            span: SP,
        },
        Expr::InSubquery {
            expr,
            subquery,
            negated,
            ..
        } => Expr::InSubquery {
            expr: bx(*expr, VALUE),
            subquery,
            negated,
            span: SP,
        },
        Expr::Between {
            expr,
            negated,
            low,
            high,
            ..
        } => Expr::Between {
            expr: bx(*expr, VALUE),
            negated,
            low: bx(*low, VALUE),
            high: bx(*high, VALUE),
            span: SP,
        },
        Expr::Like {
            expr,
            negated,
            pattern,
            escape,
            ..
        } => Expr::Like {
            expr: bx(*expr, VALUE),
            negated,
            pattern: bx(*pattern, VALUE),
            escape: escape.map(|e| bx(*e, VALUE)),
            span: SP,
        },
        Expr::IsNull { expr, negated, .. } => Expr::IsNull {
            expr: bx(*expr, VALUE),
            negated,
            span: SP,
        },
        Expr::Function {
            name,
            args,
            distinct,
            ..
        } => Expr::Function {
            name,
            args: match args {
                FunctionArgs::List(v) => {
                    FunctionArgs::List(v.into_iter().map(|e| operand(fix(e), VALUE)).collect())
                }
                star @ FunctionArgs::Star { .. } => star,
                FunctionArgs::Cast { expr, data_type } => FunctionArgs::Cast {
                    expr: Box::new(fix(*expr)),
                    data_type,
                },
            },
            distinct,
            span: SP,
        },
        // Keywords delimit every part of a CASE: nothing needs parentheses.
        Expr::Case {
            operand,
            branches,
            else_result,
            ..
        } => Expr::Case {
            operand: operand.map(|e| Box::new(fix(*e))),
            branches: branches
                .into_iter()
                .map(|w| CaseWhen {
                    condition: fix(w.condition),
                    result: fix(w.result),
                    span: SP,
                })
                .collect(),
            else_result: else_result.map(|e| Box::new(fix(*e))),
            span: SP,
        },
        Expr::Window { function, spec, .. } => Expr::Window {
            function: Box::new(fix(*function)),
            spec: Box::new(WindowSpec {
                partition_by: spec.partition_by.into_iter().map(fix).collect(),
                order_by: spec
                    .order_by
                    .into_iter()
                    .map(|o| OrderByExpr {
                        expr: fix(o.expr),
                        ..o
                    })
                    .collect(),
                frame: spec.frame,
            }),
            span: SP,
        },
        // COLLATE applies to the closed operand before it.
        Expr::Collate {
            expr, collation, ..
        } => Expr::Collate {
            expr: bx(*expr, 8),
            collation,
            span: SP,
        },
        // Nothing inside needs parentheses: a name, a value, or a whole query in its
        // own parentheses.
        leaf @ (Expr::Column(_)
        | Expr::Literal(_)
        | Expr::Param(_)
        | Expr::Subquery { .. }
        | Expr::Exists { .. }
        | Expr::Variable(_)) => leaf,
    }
}

// ---------------------------------------------------------------------------
// Expressions

/// An arbitrary expression (with subqueries one level deep).
pub fn expr() -> BoxedStrategy<E> {
    expr_at(1)
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    select(
        &[
            BinaryOp::Or,
            BinaryOp::And,
            BinaryOp::And,
            BinaryOp::Eq,
            BinaryOp::Eq,
            BinaryOp::NotEq,
            BinaryOp::Lt,
            BinaryOp::LtEq,
            BinaryOp::Gt,
            BinaryOp::GtEq,
            BinaryOp::Plus,
            BinaryOp::Minus,
            BinaryOp::Multiply,
            BinaryOp::Divide,
            BinaryOp::Modulo,
        ][..],
    )
}

fn unary_op() -> impl Strategy<Value = UnaryOp> {
    select(&[UnaryOp::Not, UnaryOp::Not, UnaryOp::Minus, UnaryOp::Plus][..])
}

/// Raw expression structure, before [`fix`]; `depth` bounds nested queries.
fn raw_expr_at(depth: u32) -> BoxedStrategy<E> {
    let sub = if depth > 0 {
        Some(query_at(depth - 1))
    } else {
        None
    };
    leaf_expr()
        .prop_recursive(3, 14, 3, move |inner| {
            let b = |e: E| Box::new(e);
            let mut arms: Vec<(u32, BoxedStrategy<E>)> = vec![
                (
                    6,
                    (inner.clone(), binary_op(), inner.clone())
                        .prop_map(move |(l, op, r)| Expr::Binary {
                            left: b(l),
                            op,
                            right: b(r),
                            span: SP,
                        })
                        .boxed(),
                ),
                (
                    2,
                    (unary_op(), inner.clone())
                        .prop_map(move |(op, e)| Expr::Unary {
                            op,
                            expr: b(e),
                            span: SP,
                        })
                        .boxed(),
                ),
                (1, inner.clone().prop_map(|e| e.nested()).boxed()),
                (
                    2,
                    (inner.clone(), vec(inner.clone(), 1..5), any::<bool>())
                        .prop_map(move |(e, list, negated)| Expr::InList {
                            expr: b(e),
                            list,
                            negated,
                            span: SP,
                        })
                        .boxed(),
                ),
                (
                    1,
                    (inner.clone(), any::<bool>(), inner.clone(), inner.clone())
                        .prop_map(move |(e, negated, low, high)| Expr::Between {
                            expr: b(e),
                            negated,
                            low: b(low),
                            high: b(high),
                            span: SP,
                        })
                        .boxed(),
                ),
                (
                    1,
                    (
                        inner.clone(),
                        any::<bool>(),
                        inner.clone(),
                        option::weighted(0.2, inner.clone()),
                    )
                        .prop_map(move |(e, negated, pattern, escape)| Expr::Like {
                            expr: b(e),
                            negated,
                            pattern: b(pattern),
                            escape: escape.map(b),
                            span: SP,
                        })
                        .boxed(),
                ),
                (
                    1,
                    (inner.clone(), any::<bool>())
                        .prop_map(move |(e, negated)| Expr::IsNull {
                            expr: b(e),
                            negated,
                            span: SP,
                        })
                        .boxed(),
                ),
                (
                    1,
                    (
                        select(FUNCTIONS),
                        prop_oneof![
                            1 => Just(None),
                            4 => vec(inner.clone(), 0..3).prop_map(Some),
                        ],
                        any::<bool>(),
                    )
                        .prop_map(|(name, args, distinct)| {
                            let (args, distinct) = match args {
                                None => (FunctionArgs::Star { span: SP }, false),
                                // DISTINCT needs an argument to apply to.
                                Some(v) => {
                                    let d = distinct && !v.is_empty();
                                    (FunctionArgs::List(v), d)
                                }
                            };
                            Expr::Function {
                                name: plain(name),
                                args,
                                distinct,
                                span: SP,
                            }
                        })
                        .boxed(),
                ),
            ];
            arms.push((
                1,
                (
                    option::weighted(0.4, inner.clone()),
                    vec((inner.clone(), inner.clone()), 1..3),
                    option::weighted(0.5, inner.clone()),
                )
                    .prop_map(move |(operand, whens, else_result)| Expr::Case {
                        operand: operand.map(b),
                        branches: whens
                            .into_iter()
                            .map(|(condition, result)| CaseWhen {
                                condition,
                                result,
                                span: SP,
                            })
                            .collect(),
                        else_result: else_result.map(b),
                        span: SP,
                    })
                    .boxed(),
            ));
            arms.push((
                1,
                (inner.clone(), select(DATA_TYPES), any::<bool>())
                    .prop_map(move |(e, ty, try_)| Expr::Function {
                        name: plain(if try_ { "TRY_CAST" } else { "CAST" }),
                        args: FunctionArgs::Cast {
                            expr: b(e),
                            data_type: Box::new(DataType {
                                text: ty.into(),
                                span: SP,
                            }),
                        },
                        distinct: false,
                        span: SP,
                    })
                    .boxed(),
            ));
            arms.push((
                1,
                (inner.clone(), select(PLAIN_NAMES))
                    .prop_map(move |(e, c)| Expr::Collate {
                        expr: b(e),
                        collation: plain(c),
                        span: SP,
                    })
                    .boxed(),
            ));
            arms.push((
                1,
                (
                    select(FUNCTIONS),
                    vec(inner.clone(), 0..2),
                    vec(inner.clone(), 0..2),
                    option::weighted(0.3, select(FRAMES)),
                )
                    .prop_map(move |(name, partition_by, order, frame)| Expr::Window {
                        function: b(Expr::Function {
                            name: plain(name),
                            args: FunctionArgs::List(Vec::new()),
                            distinct: false,
                            span: SP,
                        }),
                        spec: Box::new(WindowSpec {
                            partition_by,
                            order_by: order
                                .into_iter()
                                .map(|expr| OrderByExpr {
                                    expr,
                                    direction: None,
                                    span: SP,
                                })
                                .collect(),
                            frame: frame.map(Into::into),
                        }),
                        span: SP,
                    })
                    .boxed(),
            ));
            if let Some(q) = &sub {
                arms.push((
                    1,
                    (inner.clone(), q.clone(), any::<bool>())
                        .prop_map(move |(e, sq, negated)| Expr::InSubquery {
                            expr: b(e),
                            subquery: Box::new(sq),
                            negated,
                            span: SP,
                        })
                        .boxed(),
                ));
                arms.push((
                    1,
                    q.clone()
                        .prop_map(|sq| Expr::Subquery {
                            query: Box::new(sq),
                            span: SP,
                        })
                        .boxed(),
                ));
                arms.push((
                    1,
                    (q.clone(), any::<bool>())
                        .prop_map(|(sq, negated)| Expr::Exists {
                            query: Box::new(sq),
                            negated,
                            span: SP,
                        })
                        .boxed(),
                ));
            }
            proptest::strategy::Union::new_weighted(arms)
        })
        .boxed()
}

fn expr_at(depth: u32) -> BoxedStrategy<E> {
    raw_expr_at(depth).prop_map(fix).boxed()
}

/// An expression fit for a value position (select item, ORDER BY, GROUP BY, TOP):
/// parenthesised unless it is arithmetic or tighter.
fn value_at(depth: u32) -> BoxedStrategy<E> {
    expr_at(depth).prop_map(|e| operand(e, VALUE)).boxed()
}

// ---------------------------------------------------------------------------
// Queries

/// An arbitrary query over the whole permissive AST, with subqueries one level deep
/// (in `FROM`, `IN`, `EXISTS` and as values).
pub fn query() -> BoxedStrategy<Q> {
    query_at(1)
}

/// Like [`query`], with subqueries nested up to three deep: bigger trees, for fewer
/// cases.
pub fn deep_query() -> BoxedStrategy<Q> {
    query_at(3)
}

fn int_or_param() -> BoxedStrategy<E> {
    prop_oneof![
        4 => (0u32..1000).prop_map(|n| Expr::integer(n.into())),
        1 => param().prop_map(Expr::Param),
    ]
    .boxed()
}

fn top_at(depth: u32) -> BoxedStrategy<Top<'static>> {
    (
        prop_oneof![
            6 => int_or_param(),
            1 => value_at(depth),
        ],
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(quantity, percent, with_ties)| Top {
            quantity,
            percent,
            with_ties,
            span: SP,
        })
        .boxed()
}

/// A field `name = value` (an unqualified column on the left) reads back as the
/// alias form `value AS name`: as a comparison it keeps its parentheses.
fn field(e: E) -> E {
    match &e {
        Expr::Binary {
            left,
            op: BinaryOp::Eq,
            ..
        } if matches!(&**left, Expr::Column(c) if c.qualifier.is_none()) => Expr::Nested {
            expr: Box::new(e),
            span: SP,
        },
        _ => e,
    }
}

fn select_item_at(depth: u32) -> BoxedStrategy<SelectItem<'static>> {
    prop_oneof![
        8 => (value_at(depth), option::weighted(0.3, ident())).prop_map(|(expr, alias)| {
            SelectItem::Expr {
                expr: field(expr),
                alias,
                span: SP,
            }
        }),
        1 => Just(SelectItem::Wildcard { span: SP }),
        1 => ident().prop_map(|qualifier| SelectItem::QualifiedWildcard {
            qualifier,
            span: SP,
        }),
    ]
    .boxed()
}

fn table_name() -> BoxedStrategy<TableName<'static>> {
    (
        option::weighted(0.2, ident()),
        option::weighted(0.1, ident()),
        option::weighted(0.2, ident()),
        ident(),
    )
        .prop_map(|(server, database, schema, name)| TableName {
            // A linked server stands only before a database.
            server: server.filter(|_| database.is_some()).map(Box::new),
            database,
            schema,
            name,
            span: SP,
        })
        .boxed()
}

const HINTS: &[&[&str]] = &[
    &["NOLOCK"],
    &["NOLOCK", "INDEX(ix_client)"],
    &["READUNCOMMITTED"],
];

fn table_ref_at(depth: u32) -> BoxedStrategy<TableRef<'static>> {
    let hints = (select(HINTS), any::<bool>()).prop_map(|(hints, with)| TableHints {
        with,
        hints: hints.iter().map(|h| (*h).into()).collect(),
        span: SP,
    });
    let table = (
        table_name(),
        option::weighted(0.4, ident()),
        option::weighted(0.1, hints),
    )
        .prop_map(|(name, alias, hints)| TableRef::Table {
            name,
            alias,
            hints,
            span: SP,
        })
        .boxed();
    if depth == 0 {
        return table;
    }
    // A table-valued function: literal arguments, so that no hint word opens
    // its parenthesis (`t (NOLOCK)` is a table with a hint).
    let function = (
        ident(),
        vec(literal().prop_map(Expr::Literal), 0..3),
        option::weighted(0.8, ident()),
    )
        .prop_map(|(name, args, alias)| TableRef::Function {
            call: Box::new(Expr::Function {
                name,
                args: FunctionArgs::List(args),
                distinct: false,
                span: SP,
            }),
            alias,
            span: SP,
        });
    prop_oneof![
        12 => table,
        1 => function,
        2 => (
            query_at(depth - 1),
            option::weighted(0.8, ident()),
            prop_oneof![3 => Just(vec![]), 1 => vec(ident(), 1..3)],
        )
            .prop_map(|(q, alias, names)| {
            TableRef::Derived {
                subquery: Box::new(q),
                columns: match &alias {
                    Some(_) => names,
                    None => Vec::new(),
                },
                alias,
                span: SP,
            }
        }),
    ]
    .boxed()
}

fn join_at(depth: u32) -> BoxedStrategy<Join<'static>> {
    (
        select(
            &[
                JoinKind::Inner,
                JoinKind::Inner,
                JoinKind::Left,
                JoinKind::Right,
                JoinKind::Full,
                JoinKind::Cross,
                JoinKind::Comma,
                JoinKind::CrossApply,
                JoinKind::OuterApply,
            ][..],
        ),
        table_ref_at(depth),
        expr_at(depth),
        option::weighted(0.1, select(JoinHintKind::ALL.to_vec())),
    )
        .prop_map(|(kind, table, on, hint)| {
            let keyed = matches!(
                kind,
                JoinKind::Inner | JoinKind::Left | JoinKind::Right | JoinKind::Full
            );
            Join {
                kind,
                table,
                on: keyed.then_some(on),
                // T-SQL takes a hint only after a join kind that an ON follows.
                hint: hint
                    .filter(|_| keyed)
                    .map(|kind| JoinHint { kind, span: SP }),
                span: SP,
            }
        })
        .boxed()
}

fn select_at(depth: u32) -> BoxedStrategy<Select<'static>> {
    (
        prop::bool::weighted(0.15),
        option::weighted(0.6, top_at(depth)),
        vec(select_item_at(depth), 1..5),
        table_ref_at(depth),
        vec(join_at(depth), 0..3),
        option::weighted(0.7, expr_at(depth)),
        prop_oneof![4 => Just(vec![]), 1 => vec(value_at(depth), 1..3)],
        option::weighted(0.1, expr_at(depth)),
        option::weighted(0.05, table_name()),
    )
        .prop_map(
            |(distinct, top, items, from, joins, selection, group_by, having, into)| Select {
                distinct: distinct.then_some(SP),
                top,
                items,
                into,
                from,
                joins,
                selection,
                group_by,
                having,
                span: SP,
            },
        )
        .boxed()
}

/// Trailing T-SQL clauses, with their text in the form the parser keeps.
const OPTIONS: &[(QueryOptionKind, &str)] = &[
    (QueryOptionKind::ForJson, "PATH, ROOT('clients')"),
    (QueryOptionKind::ForXml, "PATH(''), TYPE"),
    (QueryOptionKind::ForBrowse, ""),
    (QueryOptionKind::Option, "(RECOMPILE, MAXDOP 1)"),
];

fn set_operation_at(depth: u32) -> BoxedStrategy<SetOperation<'static>> {
    (
        select(
            &[
                SetOperator::Union,
                SetOperator::Except,
                SetOperator::Intersect,
            ][..],
        ),
        any::<bool>(),
        select_at(depth),
    )
        .prop_map(|(op, all, select)| SetOperation {
            op,
            // ALL only exists for UNION.
            all: all && op == SetOperator::Union,
            select,
            span: SP,
        })
        .boxed()
}

/// Which paging clauses a query carries: none, `OFFSET`, `OFFSET .. FETCH`, `LIMIT`.
#[derive(Clone, Copy, Debug)]
enum Paging {
    None,
    Offset,
    OffsetFetch,
    Limit,
}

fn query_at(depth: u32) -> BoxedStrategy<Q> {
    (
        select_at(depth),
        prop_oneof![6 => Just(vec![]), 1 => vec(set_operation_at(depth), 1..3)],
        prop_oneof![3 => Just(vec![]), 1 => vec(order_by_at(depth), 1..4)],
        prop_oneof![
            8 => Just(Paging::None),
            1 => Just(Paging::Offset),
            1 => Just(Paging::OffsetFetch),
            1 => Just(Paging::Limit),
        ],
        int_or_param(),
        int_or_param(),
        vec(select(OPTIONS), 0..2),
    )
        .prop_map(|(select, set_ops, order_by, paging, n1, n2, options)| {
            let mut q = Query {
                select,
                set_ops,
                order_by,
                limit: None,
                offset: None,
                fetch: None,
                options: options
                    .into_iter()
                    .map(|(kind, text)| QueryOption {
                        kind,
                        text: text.into(),
                        span: SP,
                    })
                    .collect(),
                span: SP,
            };
            match paging {
                Paging::None => {}
                Paging::Offset => {
                    q.offset = Some(Offset {
                        value: n1,
                        span: SP,
                    })
                }
                Paging::OffsetFetch => {
                    q.offset = Some(Offset {
                        value: n1,
                        span: SP,
                    });
                    q.fetch = Some(Fetch {
                        quantity: n2,
                        span: SP,
                    });
                }
                Paging::Limit => {
                    q.limit = Some(Limit {
                        quantity: n1,
                        span: SP,
                    })
                }
            }
            q
        })
        .boxed()
}

fn order_by_at(depth: u32) -> BoxedStrategy<OrderByExpr<'static>> {
    (
        value_at(depth),
        select(&[None, Some(SortDirection::Asc), Some(SortDirection::Desc)][..]),
    )
        .prop_map(|(expr, direction)| OrderByExpr {
            expr,
            direction,
            span: SP,
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// What CTAPI accepts

/// The built-in tables of `crql-reference.md` and their columns.
pub const TABLES: &[(&str, &[&str])] = &[
    (
        "cmClient",
        &[
            "ClientID",
            "FirstName",
            "LastName",
            "ActiveStatus",
            "Address",
            "Address2",
            "City",
            "State",
            "ZipCode",
            "ZipCodeID",
            "HomePhone",
            "WorkPhone",
            "MsgPhone",
            "Email",
            "UpdatedDate",
            "HUDRace",
            "HUDEthnicity",
            "VeteranStatus",
            "DisablingCondition",
            "PriorLivingSituation",
            "SSNQuality",
            "NameQuality",
            "BirthDateQuality",
        ],
    ),
    (
        "Enrollment",
        &[
            "EnrollID",
            "ClientID",
            "CaseID",
            "ApplicationID",
            "EnrollDate",
            "EnrollAssessmentID",
            "ExitAssessmentID",
            "ExitDate",
            "ExitReason",
            "ExitReasonOther",
            "ExitDestination",
            "ExitDestinationOther",
            "ExitTenure",
            "ExitSubsidyType",
            "ExitNotes",
            "Relationship",
            "BudgetAmount",
            "BudgetDate",
            "Comments",
            "ClntCaseID",
            "HoldOpen",
            "RestrictOrg",
            "OrgID",
            "CreatedBy",
            "CreatedDate",
            "UpdatedBy",
            "UpdatedDate",
            "ActiveStatus",
            "EngagementDate",
            "PlannedExitDate",
            "PrimaryHousingID",
            "RegionID",
            "ParentEnrollID",
            "AutoExit1DateAdded",
        ],
    ),
    (
        "cmCaseAssign",
        &[
            "ClntCaseID",
            "ClientID",
            "UserID",
            "ProgID",
            "CaseMgrID",
            "usrPgmMgrId",
            "ClientName",
            "CaseMgrName",
            "EnrollID",
            "Status",
            "BeginDate",
            "EndDate",
            "language",
            "dsiSerNo",
            "RegionID",
            "caseMgrLang",
            "ProviderID",
            "RestrictOrg",
            "OrgID",
            "CreatedBy",
            "CreatedDate",
            "UpdatedBy",
            "UpdatedDate",
            "ActiveStatus",
            "RoleID",
        ],
    ),
    (
        "osUsers",
        &["UserID", "UserName", "Email", "OfficePhone", "CellPhone"],
    ),
    (
        "VulnerabilityIndex",
        &["VulnerabilityID", "ClientID", "CreatedBy", "UpdatedDate"],
    ),
    ("VISPDAT", &["VulnerabilityID", "ScoreTotal"]),
];

/// The joins that make sense between built-in tables: (left, right, key column).
pub const JOINS: &[(&str, &str, &str)] = &[
    ("cmClient", "Enrollment", "ClientID"),
    ("cmClient", "cmCaseAssign", "ClientID"),
    ("cmClient", "VulnerabilityIndex", "ClientID"),
    ("Enrollment", "cmCaseAssign", "EnrollID"),
    ("cmCaseAssign", "osUsers", "UserID"),
    ("VulnerabilityIndex", "VISPDAT", "VulnerabilityID"),
];

/// A column's type, as the generator writes values for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColType {
    Integer,
    Date,
    Text,
}

/// The column types of the sandbox (`src/sandbox/catalog.json`): the one list both
/// the sandbox and this generator read, so that every generated query is typed as
/// the sandbox stores and describes its columns. Read as a file rather than through
/// `crql::sandbox` so that test binaries built without that feature use it too.
fn sandbox_types() -> &'static crql::schema::Schema {
    static TYPES: std::sync::OnceLock<crql::schema::Schema> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| {
        crql::schema::Schema::from_json(include_str!("../../src/sandbox/catalog.json"))
            .expect("src/sandbox/catalog.json is schema JSON")
    })
}

/// The type of `table.column` in the sandbox; a name it lacks is a bug of this
/// generator (TABLES names only sandbox columns), so it panics.
pub fn col_type(table: &str, column: &str) -> ColType {
    use crql::schema::ColumnType as T;
    let ty = sandbox_types()
        .table(table)
        .and_then(|t| t.column(column))
        .unwrap_or_else(|| panic!("{table}.{column} is not a sandbox column"))
        .ty;
    match ty {
        // A decimal column: whole numbers are valid values of it.
        T::Integer | T::Decimal | T::Boolean => ColType::Integer,
        T::Date | T::DateTime => ColType::Date,
        T::Text | T::Unknown => ColType::Text,
    }
}

fn columns_of(table: &str) -> &'static [&'static str] {
    TABLES
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, c)| *c)
        .unwrap_or(&[])
}

const NAMES: &[&str] = &[
    "Smith", "O'Brien", "García", "Nguyen", "Lee", "Johnson", "D'Angelo", "Müller",
];
const DATES: &[&str] = &[
    "2024-01-01",
    "2024-01-01 00:00:00",
    "2023-07-15",
    "2024-12-31 23:59:59",
    "2025-03-01",
];

fn lit_for(ty: ColType, seed: u32) -> E {
    match ty {
        ColType::Integer => Expr::integer(i64::from(seed % 5000)),
        ColType::Date => Expr::string(DATES[seed as usize % DATES.len()]),
        ColType::Text => Expr::string(NAMES[seed as usize % NAMES.len()]),
    }
}

/// Raw choices behind one valid predicate.
type PredSeed = (u32, u8, u32, u32, u8);

fn valid_predicate(col: E, ty: ColType, (_, kind, a, b, n): PredSeed) -> E {
    let bx = Box::new;
    match (kind % 6, ty) {
        (0, _) | (5, ColType::Integer) => {
            let op = [
                BinaryOp::Eq,
                BinaryOp::NotEq,
                BinaryOp::Lt,
                BinaryOp::LtEq,
                BinaryOp::Gt,
                BinaryOp::GtEq,
            ][a as usize % 6];
            col.binary(op, lit_for(ty, b))
        }
        (1, _) => Expr::InList {
            expr: bx(col),
            list: (0..1 + u32::from(n % 6))
                .map(|i| lit_for(ty, b.wrapping_add(i * 7919)))
                .collect(),
            negated: a % 5 == 0,
            span: SP,
        },
        (2, ColType::Text) | (5, ColType::Text) => Expr::Like {
            expr: bx(col),
            negated: a % 7 == 0,
            pattern: bx(Expr::string(format!(
                "{}%",
                &NAMES[b as usize % NAMES.len()][..1]
            ))),
            escape: None,
            span: SP,
        },
        (2, _) | (5, _) => {
            let (lo, hi) = if b % 2 == 0 { (a, b) } else { (b, a) };
            Expr::Between {
                expr: bx(col),
                negated: false,
                low: bx(lit_for(ty, lo)),
                high: bx(lit_for(ty, hi)),
                span: SP,
            }
        }
        (3, _) => Expr::IsNull {
            expr: bx(col),
            negated: a % 2 == 0,
            span: SP,
        },
        _ => col.binary(BinaryOp::GtEq, lit_for(ty, b)),
    }
}

/// A query that CTAPI accepts: `SELECT [DISTINCT] TOP n` named columns of a built-in
/// table, at most one `JOIN` on a shared key, and an optional `WHERE` of comparisons,
/// `IN` lists, `BETWEEN`, `LIKE` and `IS [NOT] NULL` joined by `AND`, with the odd
/// parenthesised `OR`. No `*`, functions, arithmetic, subqueries, paging, grouping
/// or `ORDER BY` (which CTAPI accepts but warns about).
pub fn crql_valid_query() -> BoxedStrategy<Q> {
    (
        0..TABLES.len(),
        option::weighted(0.3, 0..JOINS.len()),
        vec((any::<u32>(), any::<bool>()), 1..7),
        1u32..=500,
        prop::bool::weighted(0.1),
        vec(
            (
                any::<u32>(),
                any::<u8>(),
                any::<u32>(),
                any::<u32>(),
                any::<u8>(),
            ),
            0..4,
        ),
        any::<u8>(),
    )
        .prop_map(|(t, join, items, top, distinct, preds, or_seed)| {
            build_valid(t, join, &items, top, distinct, &preds, or_seed)
        })
        .boxed()
}

fn build_valid(
    t: usize,
    join: Option<usize>,
    items: &[(u32, bool)],
    top: u32,
    distinct: bool,
    preds: &[PredSeed],
    or_seed: u8,
) -> Q {
    // (table, alias) pairs in scope; a join brings in its two tables, with aliases.
    let scope: Vec<(&str, Option<&str>)> = match join {
        Some(j) => vec![(JOINS[j].0, Some("a")), (JOINS[j].1, Some("b"))],
        None => vec![(TABLES[t].0, None)],
    };
    let col = |seed: u32, side: bool| -> (E, ColType) {
        let (table, alias) = scope[usize::from(side) % scope.len()];
        let cols = columns_of(table);
        let name = cols[seed as usize % cols.len()];
        let e = match alias {
            Some(a) => Expr::qualified(a, name),
            None => Expr::column(name),
        };
        (e, col_type(table, name))
    };
    let mut seen = Vec::new();
    let mut select_items = Vec::new();
    for &(seed, side) in items {
        let (e, _) = col(seed, side);
        if !seen.contains(&e) {
            seen.push(e.clone());
            select_items.push(SelectItem::Expr {
                expr: e,
                alias: None,
                span: SP,
            });
        }
    }
    let table_ref = |name: &'static str, alias: Option<&'static str>| TableRef::Table {
        name: TableName {
            server: None,
            database: None,
            schema: None,
            name: plain(name),
            span: SP,
        },
        alias: alias.map(plain),
        hints: None,
        span: SP,
    };
    let from = table_ref(scope[0].0, scope[0].1);
    let joins = match join {
        Some(j) => {
            let (_, _, key) = JOINS[j];
            vec![Join {
                kind: if or_seed.is_multiple_of(4) {
                    JoinKind::Left
                } else {
                    JoinKind::Inner
                },
                table: table_ref(scope[1].0, scope[1].1),
                on: Some(Expr::qualified("b", key).binary(BinaryOp::Eq, Expr::qualified("a", key))),
                hint: None,
                span: SP,
            }]
        }
        None => vec![],
    };
    let mut conds: Vec<E> = preds
        .iter()
        .map(|p| {
            let (c, ty) = col(p.0, p.2 % 2 == 0);
            valid_predicate(c, ty, *p)
        })
        .collect();
    // Now and then, the last two conditions become `(x OR y)`.
    if conds.len() >= 2 && or_seed.is_multiple_of(3) {
        let y = conds.pop().unwrap_or_else(Expr::null);
        let x = conds.pop().unwrap_or_else(Expr::null);
        conds.push(x.binary(BinaryOp::Or, y).nested());
    }
    let selection = conds
        .into_iter()
        .reduce(|acc, c| acc.binary(BinaryOp::And, c));
    Query {
        select: Select {
            distinct: distinct.then_some(SP),
            top: Some(Top {
                quantity: Expr::integer(top.into()),
                percent: false,
                with_ties: false,
                span: SP,
            }),
            items: select_items,
            into: None,
            from,
            joins,
            selection,
            group_by: vec![],
            having: None,
            span: SP,
        },
        set_ops: vec![],
        order_by: vec![],
        limit: None,
        offset: None,
        fetch: None,
        options: vec![],
        span: SP,
    }
}
