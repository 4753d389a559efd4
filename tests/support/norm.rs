//! A small normalised form of one `SELECT` that both crql's AST and sqlparser-rs's
//! AST map onto, for differential testing (`tests/differential.rs` and the
//! `differential` fuzz target, which includes this file by path).
//!
//! It keeps what decides what a query *means* to the server: the tables and their
//! aliases, the selected columns, `DISTINCT`/`TOP`, the join kind and condition, the
//! predicate tree (operator structure after precedence, literals with their values)
//! and the ordering. It drops what is presentation only: spans, keyword case,
//! brackets around names, redundant parentheses, `INNER`/`OUTER` noise words.
//!
//! Both mappings are total over their input but refuse (with `Err`) anything outside
//! the CRQL subset, so a refusal on either side is itself a reported difference.

#![allow(dead_code)]

use sqlparser::ast as sp;
use sqlparser::dialect::MsSqlDialect;

/// True when crql accepts `q` as valid CRQL — no error-level finding — against the
/// built-in schema declared complete. The differential checks compare only such
/// queries: the built-in schema itself is partial, so an unknown table or column is
/// only a warning (W0101/W0102) and every misspelt name would otherwise count as
/// valid CRQL, with nothing left for sqlparser-rs to agree on. Warnings such as
/// "ORDER BY is slow" do not make a query invalid.
pub fn lint_clean(q: &crql::ast::Query<'_>) -> bool {
    static COMPLETE: std::sync::OnceLock<crql::Schema> = std::sync::OnceLock::new();
    let schema = COMPLETE.get_or_init(|| crql::Schema::builtin().clone().all_complete());
    crql::lint(q, schema)
        .iter()
        .all(|d| d.severity != crql::Severity::Error)
}

/// One `SELECT`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NQuery {
    pub distinct: bool,
    pub top: Option<NTop>,
    pub items: Vec<NItem>,
    pub from: NTable,
    pub joins: Vec<NJoin>,
    pub selection: Option<NExpr>,
    pub order_by: Vec<NOrder>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NTop {
    pub quantity: NExpr,
    pub percent: bool,
    pub with_ties: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NItem {
    pub expr: NExpr,
    pub alias: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NTable {
    /// `[schema, name]` or `[name]`.
    pub name: Vec<String>,
    pub alias: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NJoin {
    /// `INNER`, `LEFT`, `RIGHT`, `FULL`, `CROSS`.
    pub kind: &'static str,
    pub table: NTable,
    pub on: Option<NExpr>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NOrder {
    pub expr: NExpr,
    /// `None` when no direction was written.
    pub desc: Option<bool>,
}

/// An expression with parentheses dropped: the tree shape alone carries grouping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NExpr {
    /// `[qualifier, name]` or `[name]`.
    Column(Vec<String>),
    /// The unescaped value, and whether it had the `N` prefix.
    Str(String, bool),
    /// A number as written, leading zeros of an integer dropped.
    Number(String),
    Null,
    /// `:name`, without the colon.
    Param(String),
    Binary(Box<NExpr>, &'static str, Box<NExpr>),
    Unary(&'static str, Box<NExpr>),
    InList {
        expr: Box<NExpr>,
        list: Vec<NExpr>,
        negated: bool,
    },
    Between {
        expr: Box<NExpr>,
        negated: bool,
        low: Box<NExpr>,
        high: Box<NExpr>,
    },
    Like {
        expr: Box<NExpr>,
        negated: bool,
        pattern: Box<NExpr>,
        escape: Option<Box<NExpr>>,
    },
    IsNull {
        expr: Box<NExpr>,
        negated: bool,
    },
}

fn number(text: &str) -> NExpr {
    // `007` and `7` are the same value; sqlparser keeps `TOP 007` as the integer 7.
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = text.trim_start_matches('0');
        return NExpr::Number(if trimmed.is_empty() { "0" } else { trimmed }.to_string());
    }
    NExpr::Number(text.to_string())
}

fn bx(e: NExpr) -> Box<NExpr> {
    Box::new(e)
}

// ---------------------------------------------------------------------------
// crql

/// The normalised form of a crql query, or why it is outside the compared subset.
pub fn from_crql(q: &crql::ast::Query<'_>) -> Result<NQuery, String> {
    use crql::ast::*;
    if !q.set_ops.is_empty() {
        return Err("set operation".into());
    }
    if q.limit.is_some() || q.offset.is_some() || q.fetch.is_some() {
        return Err("LIMIT/OFFSET/FETCH".into());
    }
    if !q.options.is_empty() || q.select.into.is_some() {
        return Err("FOR/OPTION/INTO".into());
    }
    let s = &q.select;
    if !s.group_by.is_empty() || s.having.is_some() {
        return Err("GROUP BY/HAVING".into());
    }
    let top = match &s.top {
        None => None,
        Some(t) => Some(NTop {
            quantity: crql_expr(&t.quantity)?,
            percent: t.percent,
            with_ties: t.with_ties,
        }),
    };
    let mut items = Vec::new();
    for item in &s.items {
        match item {
            SelectItem::Expr { expr, alias, .. } => items.push(NItem {
                expr: crql_expr(expr)?,
                alias: alias.as_ref().map(|a| a.value.to_string()),
            }),
            SelectItem::Wildcard { .. } | SelectItem::QualifiedWildcard { .. } => {
                return Err("wildcard".into());
            }
        }
    }
    let mut joins = Vec::new();
    for j in &s.joins {
        if j.hint.is_some() {
            return Err("join hint".into());
        }
        joins.push(NJoin {
            kind: match j.kind {
                JoinKind::Inner => "INNER",
                JoinKind::Left => "LEFT",
                JoinKind::Right => "RIGHT",
                JoinKind::Full => "FULL",
                JoinKind::Cross => "CROSS",
                JoinKind::Comma | JoinKind::CrossApply | JoinKind::OuterApply => {
                    return Err("comma join or APPLY".into());
                }
            },
            table: crql_table(&j.table)?,
            on: j.on.as_ref().map(crql_expr).transpose()?,
        });
    }
    let mut order_by = Vec::new();
    for o in &q.order_by {
        order_by.push(NOrder {
            expr: crql_expr(&o.expr)?,
            desc: o.direction.map(|d| d == SortDirection::Desc),
        });
    }
    Ok(NQuery {
        distinct: s.distinct.is_some(),
        top,
        items,
        from: crql_table(&s.from)?,
        joins,
        selection: s.selection.as_ref().map(crql_expr).transpose()?,
        order_by,
    })
}

fn crql_table(t: &crql::ast::TableRef<'_>) -> Result<NTable, String> {
    match t {
        crql::ast::TableRef::Table { hints: Some(_), .. } => Err("table hints".into()),
        crql::ast::TableRef::Table { name, alias, .. } => {
            let mut parts = Vec::new();
            if let Some(db) = &name.database {
                if name.schema.is_none() {
                    return Err("db..table".into());
                }
                parts.push(db.value.to_string());
            }
            if let Some(schema) = &name.schema {
                parts.push(schema.value.to_string());
            }
            parts.push(name.name.value.to_string());
            Ok(NTable {
                name: parts,
                alias: alias.as_ref().map(|a| a.value.to_string()),
            })
        }
        crql::ast::TableRef::Derived { .. } => Err("derived table".into()),
        crql::ast::TableRef::Function { .. } => Err("table-valued function".into()),
    }
}

fn crql_expr(e: &crql::ast::Expr<'_>) -> Result<NExpr, String> {
    use crql::ast::{Expr, Literal, UnaryOp};
    Ok(match e {
        Expr::Column(c) => {
            let mut parts = Vec::new();
            if let Some(p) = &c.prefix {
                parts.extend(p.database.iter().map(|d| d.value.to_string()));
                parts.push(p.schema.value.to_string());
            }
            if let Some(q) = &c.qualifier {
                parts.push(q.value.to_string());
            }
            parts.push(c.name.value.to_string());
            NExpr::Column(parts)
        }
        Expr::Literal(Literal::String {
            value, national, ..
        }) => NExpr::Str(value.to_string(), *national),
        Expr::Literal(Literal::Integer { text, .. } | Literal::Decimal { text, .. }) => {
            number(text)
        }
        Expr::Literal(Literal::Null { .. }) => NExpr::Null,
        Expr::Param(p) => NExpr::Param(p.name.to_string()),
        Expr::Binary {
            left, op, right, ..
        } => NExpr::Binary(bx(crql_expr(left)?), op.as_str(), bx(crql_expr(right)?)),
        Expr::Unary { op, expr, .. } => NExpr::Unary(
            match op {
                UnaryOp::Not => "NOT",
                UnaryOp::Minus => "-",
                UnaryOp::Plus => "+",
            },
            bx(crql_expr(expr)?),
        ),
        Expr::Nested { expr, .. } => crql_expr(expr)?,
        Expr::InList {
            expr,
            list,
            negated,
            ..
        } => NExpr::InList {
            expr: bx(crql_expr(expr)?),
            list: list.iter().map(crql_expr).collect::<Result<_, _>>()?,
            negated: *negated,
        },
        Expr::Between {
            expr,
            negated,
            low,
            high,
            ..
        } => NExpr::Between {
            expr: bx(crql_expr(expr)?),
            negated: *negated,
            low: bx(crql_expr(low)?),
            high: bx(crql_expr(high)?),
        },
        Expr::Like {
            expr,
            negated,
            pattern,
            escape,
            ..
        } => NExpr::Like {
            expr: bx(crql_expr(expr)?),
            negated: *negated,
            pattern: bx(crql_expr(pattern)?),
            escape: escape.as_deref().map(crql_expr).transpose()?.map(bx),
        },
        Expr::IsNull { expr, negated, .. } => NExpr::IsNull {
            expr: bx(crql_expr(expr)?),
            negated: *negated,
        },
        Expr::InSubquery { .. } | Expr::Subquery { .. } | Expr::Exists { .. } => {
            return Err("subquery".into());
        }
        Expr::Function { .. } => return Err("function call".into()),
        Expr::Variable(_) | Expr::Case { .. } | Expr::Window { .. } | Expr::Collate { .. } => {
            return Err("T-SQL expression".into());
        }
    })
}

// ---------------------------------------------------------------------------
// sqlparser-rs

/// How deep sqlparser may recurse. Its default (50) is a guard, not grammar: crql
/// accepts nesting to [`crql::parser::MAX_DEPTH`], so sqlparser gets room for that
/// many levels of its own (it spends several frames per level of nesting).
pub const SQLPARSER_RECURSION_LIMIT: usize = 1024;

/// Parses `text` with sqlparser-rs (`MsSqlDialect`) and normalises its only statement.
pub fn from_sqlparser_text(text: &str) -> Result<NQuery, String> {
    let dialect = MsSqlDialect {};
    let statements = sqlparser::parser::Parser::new(&dialect)
        .with_recursion_limit(SQLPARSER_RECURSION_LIMIT)
        .try_with_sql(text)
        .and_then(|mut p| p.parse_statements())
        .map_err(|e| format!("sqlparser rejects it: {e}"))?;
    match statements.as_slice() {
        [sp::Statement::Query(q)] => from_sqlparser(q),
        other => Err(format!("sqlparser sees {} statements", other.len())),
    }
}

/// The normalised form of a sqlparser query, or why it is outside the compared subset.
pub fn from_sqlparser(q: &sp::Query) -> Result<NQuery, String> {
    if q.with.is_some() || q.limit_clause.is_some() || q.fetch.is_some() {
        return Err("WITH/LIMIT/OFFSET/FETCH".into());
    }
    let sp::SetExpr::Select(s) = q.body.as_ref() else {
        return Err(format!("not a plain SELECT: {}", q.body));
    };
    let distinct = match &s.distinct {
        None => false,
        Some(sp::Distinct::Distinct) => true,
        Some(other) => return Err(format!("distinct {other:?}")),
    };
    let top = match &s.top {
        None => None,
        Some(t) => Some(NTop {
            quantity: match &t.quantity {
                Some(sp::TopQuantity::Constant(n)) => NExpr::Number(n.to_string()),
                Some(sp::TopQuantity::Expr(e)) => sql_expr(e)?,
                None => return Err("TOP without a quantity".into()),
            },
            percent: t.percent,
            with_ties: t.with_ties,
        }),
    };
    let mut items = Vec::new();
    for item in &s.projection {
        items.push(match item {
            sp::SelectItem::UnnamedExpr(e) => NItem {
                expr: sql_expr(e)?,
                alias: None,
            },
            sp::SelectItem::ExprWithAlias { expr, alias } => NItem {
                expr: sql_expr(expr)?,
                alias: Some(alias.value.clone()),
            },
            other => return Err(format!("select item {other}")),
        });
    }
    let [from] = s.from.as_slice() else {
        return Err(format!("{} FROM items", s.from.len()));
    };
    let mut joins = Vec::new();
    for j in &from.joins {
        use sp::JoinOperator as J;
        let (kind, constraint) = match &j.join_operator {
            J::Join(c) | J::Inner(c) => ("INNER", Some(c)),
            J::Left(c) | J::LeftOuter(c) => ("LEFT", Some(c)),
            J::Right(c) | J::RightOuter(c) => ("RIGHT", Some(c)),
            J::FullOuter(c) => ("FULL", Some(c)),
            J::CrossJoin(c) => ("CROSS", Some(c)),
            other => return Err(format!("join {other:?}")),
        };
        let on = match constraint {
            Some(sp::JoinConstraint::On(e)) => Some(sql_expr(e)?),
            Some(sp::JoinConstraint::None) | None => None,
            Some(other) => return Err(format!("join constraint {other:?}")),
        };
        joins.push(NJoin {
            kind,
            table: sql_table(&j.relation)?,
            on,
        });
    }
    let mut order_by = Vec::new();
    if let Some(ob) = &q.order_by {
        let sp::OrderByKind::Expressions(exprs) = &ob.kind else {
            return Err("ORDER BY ALL".into());
        };
        for o in exprs {
            order_by.push(NOrder {
                expr: sql_expr(&o.expr)?,
                desc: match &o.options.sort {
                    None => None,
                    Some(sp::OrderBySort::Asc) => Some(false),
                    Some(sp::OrderBySort::Desc) => Some(true),
                    Some(other) => return Err(format!("sort {other:?}")),
                },
            });
        }
    }
    if !matches!(s.group_by, sp::GroupByExpr::Expressions(ref v, _) if v.is_empty())
        || s.having.is_some()
    {
        return Err("GROUP BY/HAVING".into());
    }
    Ok(NQuery {
        distinct,
        top,
        items,
        from: sql_table(&from.relation)?,
        joins,
        selection: s.selection.as_ref().map(sql_expr).transpose()?,
        order_by,
    })
}

fn idents(name: &sp::ObjectName) -> Result<Vec<String>, String> {
    name.0
        .iter()
        .map(|p| match p {
            sp::ObjectNamePart::Identifier(i) => Ok(i.value.clone()),
            other => Err(format!("name part {other}")),
        })
        .collect()
}

fn sql_table(t: &sp::TableFactor) -> Result<NTable, String> {
    match t {
        sp::TableFactor::Table {
            name,
            alias,
            args: None,
            with_hints,
            ..
        } if with_hints.is_empty() => Ok(NTable {
            name: idents(name)?,
            alias: match alias {
                None => None,
                Some(a) if a.columns.is_empty() => Some(a.name.value.clone()),
                Some(a) => return Err(format!("alias with columns {a}")),
            },
        }),
        other => Err(format!("table factor {other}")),
    }
}

fn value(v: &sp::Value) -> Result<NExpr, String> {
    Ok(match v {
        sp::Value::Number(n, _) => number(&n.to_string()),
        sp::Value::SingleQuotedString(s) => NExpr::Str(s.clone(), false),
        sp::Value::NationalStringLiteral(s) => NExpr::Str(s.clone(), true),
        sp::Value::Null => NExpr::Null,
        sp::Value::Placeholder(p) => match p.strip_prefix(':') {
            Some(name) => NExpr::Param(name.to_string()),
            None => return Err(format!("placeholder {p}")),
        },
        other => return Err(format!("value {other:?}")),
    })
}

fn sql_expr(e: &sp::Expr) -> Result<NExpr, String> {
    use sp::BinaryOperator as B;
    use sp::Expr as X;
    Ok(match e {
        X::Identifier(i) => NExpr::Column(vec![i.value.clone()]),
        X::CompoundIdentifier(parts) => {
            NExpr::Column(parts.iter().map(|i| i.value.clone()).collect())
        }
        X::Value(v) => value(&v.value)?,
        X::Nested(inner) => sql_expr(inner)?,
        X::BinaryOp { left, op, right } => {
            let op = match op {
                B::Or => "OR",
                B::And => "AND",
                B::Eq => "=",
                B::NotEq => "<>",
                B::Lt => "<",
                B::LtEq => "<=",
                B::Gt => ">",
                B::GtEq => ">=",
                B::Plus => "+",
                B::Minus => "-",
                B::Multiply => "*",
                B::Divide => "/",
                B::Modulo => "%",
                other => return Err(format!("operator {other}")),
            };
            NExpr::Binary(bx(sql_expr(left)?), op, bx(sql_expr(right)?))
        }
        X::UnaryOp { op, expr } => NExpr::Unary(
            match op {
                sp::UnaryOperator::Not => "NOT",
                sp::UnaryOperator::Minus => "-",
                sp::UnaryOperator::Plus => "+",
                other => return Err(format!("unary operator {other}")),
            },
            bx(sql_expr(expr)?),
        ),
        X::In {
            expr,
            target: sp::InTarget::List(list),
            negated,
            global: false,
        } => NExpr::InList {
            expr: bx(sql_expr(expr)?),
            list: list.iter().map(sql_expr).collect::<Result<_, _>>()?,
            negated: *negated,
        },
        X::Between {
            expr,
            negated,
            low,
            high,
        } => NExpr::Between {
            expr: bx(sql_expr(expr)?),
            negated: *negated,
            low: bx(sql_expr(low)?),
            high: bx(sql_expr(high)?),
        },
        X::Like {
            negated,
            any: false,
            expr,
            pattern,
            escape_char,
        } => NExpr::Like {
            expr: bx(sql_expr(expr)?),
            negated: *negated,
            pattern: bx(sql_expr(pattern)?),
            escape: escape_char.as_deref().map(sql_expr).transpose()?.map(bx),
        },
        X::IsNull(inner) => NExpr::IsNull {
            expr: bx(sql_expr(inner)?),
            negated: false,
        },
        X::IsNotNull(inner) => NExpr::IsNull {
            expr: bx(sql_expr(inner)?),
            negated: true,
        },
        other => return Err(format!("expression {other}")),
    })
}

// ---------------------------------------------------------------------------
// Disagreements that are sqlparser-rs's fault

/// Why sqlparser-rs misreads `text`, when it is a known sqlparser-rs fault rather
/// than a crql one; each is pinned by a test in `tests/differential.rs`.
pub fn known_sqlparser_fault(text: &str) -> Option<&'static str> {
    use sqlparser::tokenizer::{Token, Tokenizer, Whitespace};
    let dialect = MsSqlDialect {};
    let tokens = Tokenizer::new(&dialect, text).tokenize().ok()?;
    if tokens.iter().any(|t| matches!(t, Token::Number(_, true))) {
        // The tokenizer eats an `L` right after any number as a Hive-style "long"
        // suffix, in every dialect; T-SQL has no such suffix and reads `5Lx` as the
        // number 5 with the alias `Lx`.
        return Some("`L` after a number read as a long suffix");
    }
    let cr_in_line_comment = |t: &Token| {
        matches!(t, Token::Whitespace(Whitespace::SingleLineComment { comment, .. })
            if comment.trim_end_matches('\r').contains('\r'))
    };
    if at_alias(&tokens) {
        // T-SQL does not reserve `AT` (only `AT TIME ZONE` gives it a meaning), so
        // `FROM cmClient AT` names an alias; sqlparser-rs reads `AT` after a table
        // name as Snowflake's `AT (...)` time travel, in every dialect.
        return Some("alias `AT` read as time travel");
    }
    if tokens.iter().any(cr_in_line_comment) {
        // A `--` comment ends at a line break; sqlparser-rs takes a lone CR for one
        // in PostgreSqlDialect only and runs MsSqlDialect comments on to the next LF.
        return Some("`--` comment not ended by a carriage return");
    }
    None
}

/// True when `AT` stands right after a `FROM` or `JOIN` table name (`FROM s.t AT`).
fn at_alias(tokens: &[sqlparser::tokenizer::Token]) -> bool {
    use sqlparser::tokenizer::Token;
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect();
    let word = |t: &Token, w: &str| matches!(t, Token::Word(x) if x.quote_style.is_none() && x.value.eq_ignore_ascii_case(w));
    words.iter().enumerate().any(|(i, t)| {
        if !word(t, "AT") {
            return false;
        }
        // Back over `name(.name)*` to what stands before the table name.
        let mut j = i;
        while j >= 1 && matches!(words[j - 1], Token::Word(_)) {
            j -= 1;
            if j >= 1 && matches!(words[j - 1], Token::Period) {
                j -= 1;
            } else {
                break;
            }
        }
        j != i && j >= 1 && (word(words[j - 1], "FROM") || word(words[j - 1], "JOIN"))
    })
}
