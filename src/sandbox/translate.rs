//! CRQL AST → SQLite SQL.
//!
//! Names are matched case-insensitively and written as the schema spells them, in
//! double quotes; every value from the query is bound as a parameter (`?N`), never
//! pasted into the text. String literals compared with a column take the column's
//! type, as SQL Server's implicit conversion does: `'2024-01-01'` against a datetime
//! becomes `2024-01-01 00:00:00` (the stored form), `'101'` against an integer becomes
//! `101`, and a string that cannot convert is the error SQL Server gives.
//!
//! The translation expects a lint-clean query; what the linter rejects (wildcards,
//! functions, subqueries, several joins, paging clauses ...) is still refused here
//! with an error rather than translated approximately.

use crate::ast::{
    BinaryOp, ColumnRef, Expr, JoinKind, Literal, Query, SelectItem, SortDirection, Span, TableRef,
    UnaryOp,
};

use super::catalog::{ColType, Table, catalog};
use super::data::Value;
use super::date::normalize_literal;
use super::db::quote;

/// Which organisations' rows a request may see.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every organisation (an admin key).
    All,
    /// Only these `OrgID`s (a user key, perhaps narrowed by the `OrgId` header).
    Orgs(Vec<i64>),
}

/// One column of the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutColumn {
    /// The name in the JSON rows: the alias, or the column as the schema spells it.
    pub name: String,
    /// The stored column's type, which decides how a value becomes JSON.
    pub ty: ColType,
}

/// A translated query: SQL text, its bound values, and its result columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Sql {
    /// SQLite SQL, values as `?N` placeholders.
    pub text: String,
    /// The values bound to `?1`, `?2`, ... in order.
    pub params: Vec<Value>,
    /// The result's columns, in `SELECT` order.
    pub columns: Vec<OutColumn>,
}

/// Why a query cannot run, in the words SQL Server would use where it has them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TranslateError {
    /// What is wrong, as SQL Server would say it where it has words for it.
    pub message: String,
    /// The part of the query it is about.
    pub span: Span,
}

fn err<T>(span: Span, message: impl Into<String>) -> Result<T, TranslateError> {
    Err(TranslateError {
        message: message.into(),
        span,
    })
}

/// The table or alias a column names; a schema before it (`dbo.t.c`) is refused,
/// as CTAPI names a column by its table alone.
fn qualifier_of<'c>(c: &'c ColumnRef<'_>) -> Result<Option<&'c str>, TranslateError> {
    if c.prefix.is_some() {
        return err(c.span, "CRQL names a column by its table or alias alone.");
    }
    Ok(c.qualifier.as_ref().map(|q| &*q.value))
}

struct Binding {
    /// The name the query refers to it by: the alias, or the table name.
    name: String,
    table: &'static Table,
    sql_alias: String,
}

struct Translator {
    bindings: Vec<Binding>,
    params: Vec<Value>,
}

/// Translates `query`, restricted to the rows `scope` may see.
pub fn translate(query: &Query<'_>, scope: &Scope) -> Result<Sql, TranslateError> {
    let s = &query.select;
    let refused = |span, what: &str| err(span, format!("{what} is not supported by CRQL."));
    if let Some(op) = query.set_ops.first() {
        return refused(op.span, "A set operator (UNION, EXCEPT, INTERSECT)");
    }
    if let Some(l) = &query.limit {
        return refused(l.span, "LIMIT");
    }
    if let Some(o) = &query.offset {
        return refused(o.span, "OFFSET (paging belongs to pageNo and pageSize)");
    }
    if let Some(f) = &query.fetch {
        return refused(f.span, "FETCH");
    }
    if let Some(g) = s.group_by.first() {
        return refused(g.span(), "GROUP BY");
    }
    if let Some(h) = &s.having {
        return refused(h.span(), "HAVING");
    }
    if s.joins.len() > 1 {
        return refused(s.joins[1].span, "More than one JOIN");
    }

    let mut t = Translator {
        bindings: Vec::new(),
        params: Vec::new(),
    };
    t.bind(&s.from)?;
    for j in &s.joins {
        t.bind(&j.table)?;
    }

    let mut from = t.source(0, scope);
    for (i, j) in s.joins.iter().enumerate() {
        if let Some(h) = j.hint {
            return err(h.span, "CRQL does not allow join hints.");
        }
        let kind = match j.kind {
            JoinKind::Inner => "JOIN",
            JoinKind::Left => "LEFT JOIN",
            JoinKind::Right => "RIGHT JOIN",
            JoinKind::Full => "FULL JOIN",
            JoinKind::Cross => "CROSS JOIN",
            JoinKind::Comma | JoinKind::CrossApply | JoinKind::OuterApply => {
                return err(j.span, "CRQL joins one table, with JOIN ... ON.");
            }
        };
        from.push_str(&format!(" {kind} {}", t.source(i + 1, scope)));
        match (&j.on, j.kind) {
            (Some(on), _) => {
                from.push_str(" ON ");
                t.expr(on, &mut from)?;
            }
            (None, JoinKind::Cross) => {}
            (None, _) => return err(j.span, "A JOIN needs an ON condition."),
        }
    }

    let mut items = Vec::new();
    let mut columns: Vec<OutColumn> = Vec::new();
    for item in &s.items {
        match item {
            SelectItem::Expr { expr, alias, span } => {
                let Expr::Column(c) = expr.as_ref_column() else {
                    return err(
                        *span,
                        "CRQL selects columns only; calculated fields are not supported.",
                    );
                };
                let (sql, col) = t.column(qualifier_of(c)?, &c.name.value, c.span)?;
                items.push(sql);
                let base = alias
                    .as_ref()
                    .map_or(col.name.to_owned(), |a| a.value.to_string());
                // Duplicate names get a number, as a .NET DataTable names them.
                let mut name = base.clone();
                let mut n = 0;
                while columns.iter().any(|o| o.name.eq_ignore_ascii_case(&name)) {
                    n += 1;
                    name = format!("{base}{n}");
                }
                columns.push(OutColumn { name, ty: col.ty });
            }
            SelectItem::Wildcard { span } | SelectItem::QualifiedWildcard { span, .. } => {
                return err(
                    *span,
                    "CRQL does not allow * in the field list; name the columns.",
                );
            }
        }
    }

    let mut where_sql = String::new();
    if let Some(cond) = &s.selection {
        where_sql.push_str(" WHERE ");
        t.expr(cond, &mut where_sql)?;
    }

    let mut order_sql = String::new();
    for (i, o) in query.order_by.iter().enumerate() {
        order_sql.push_str(if i == 0 { " ORDER BY " } else { ", " });
        match &o.expr {
            Expr::Literal(l @ Literal::Integer { .. }) => match l.as_i64() {
                Some(n) if n >= 1 && n as usize <= columns.len() => {
                    order_sql.push_str(&n.to_string())
                }
                _ => {
                    return err(
                        o.span,
                        "The ORDER BY position number is out of range of the number of items in the select list.",
                    );
                }
            },
            Expr::Column(c) if c.qualifier.is_none() => {
                // SQL Server resolves an ORDER BY name against the select list's aliases first.
                let by_alias = s.items.iter().position(|it| {
                    matches!(it, SelectItem::Expr { alias: Some(a), .. } if a.value.eq_ignore_ascii_case(&c.name.value))
                });
                match by_alias {
                    Some(pos) => order_sql.push_str(&(pos + 1).to_string()),
                    None => {
                        let (sql, _) = t.column(None, &c.name.value, c.span)?;
                        order_sql.push_str(&sql);
                    }
                }
            }
            Expr::Column(c) => {
                let (sql, _) = t.column(qualifier_of(c)?, &c.name.value, c.span)?;
                order_sql.push_str(&sql);
            }
            other => return err(other.span(), "ORDER BY takes column names only in CRQL."),
        }
        if o.direction == Some(SortDirection::Desc) {
            order_sql.push_str(" DESC");
        }
    }

    let mut limit_sql = String::new();
    if let Some(top) = &s.top {
        if top.percent || top.with_ties {
            return err(
                top.span,
                "TOP ... PERCENT and WITH TIES are not supported by the sandbox.",
            );
        }
        let mut q = &top.quantity;
        while let Expr::Nested { expr, .. } = q {
            q = expr;
        }
        let n = match q {
            Expr::Literal(l) => l.as_i64(),
            _ => None,
        };
        match n {
            Some(n) => limit_sql = format!(" LIMIT {}", t.push(Value::Int(n))),
            None => return err(top.span, "TOP takes a whole number of rows."),
        }
    }

    let distinct = if s.distinct.is_some() {
        "DISTINCT "
    } else {
        ""
    };
    Ok(Sql {
        text: format!(
            "SELECT {distinct}{} FROM {from}{where_sql}{order_sql}{limit_sql}",
            items.join(", ")
        ),
        params: t.params,
        columns,
    })
}

trait AsRefColumn<'a> {
    fn as_ref_column(&self) -> &Expr<'a>;
}

impl<'a> AsRefColumn<'a> for Expr<'a> {
    /// `(c)` selects `c`.
    fn as_ref_column(&self) -> &Expr<'a> {
        match self {
            Expr::Nested { expr, .. } => expr.as_ref_column(),
            e => e,
        }
    }
}

impl Translator {
    fn bind(&mut self, table: &TableRef<'_>) -> Result<(), TranslateError> {
        let TableRef::Table {
            name,
            alias,
            hints,
            span,
        } = table
        else {
            if let TableRef::Function { span, .. } = table {
                return err(*span, "CRQL reads tables, not table-valued functions.");
            }
            return err(table.span(), "CRQL does not allow subqueries.");
        };
        if let Some(h) = hints {
            return err(h.span, "CRQL does not allow table hints.");
        }
        if let Some(db) = &name.database {
            return err(
                name.span,
                format!(
                    "Database '{}' does not exist. CRQL reads its own database.",
                    db.value
                ),
            );
        }
        if let Some(schema) = &name.schema
            && !schema.value.eq_ignore_ascii_case("dbo")
        {
            return err(
                *span,
                format!(
                    "Invalid object name '{}.{}'.",
                    schema.value, name.name.value
                ),
            );
        }
        let Some(t) = catalog().table(&name.name.value) else {
            return err(
                name.span,
                format!("Invalid object name '{}'.", name.name.value),
            );
        };
        let refname = alias
            .as_ref()
            .map_or(t.name.to_owned(), |a| a.value.to_string());
        if self
            .bindings
            .iter()
            .any(|b| b.name.eq_ignore_ascii_case(&refname))
        {
            return err(
                *span,
                format!(
                    "The correlation name '{refname}' is specified multiple times in the FROM clause."
                ),
            );
        }
        let sql_alias = format!("t{}", self.bindings.len());
        self.bindings.push(Binding {
            name: refname,
            table: t,
            sql_alias,
        });
        Ok(())
    }

    /// The SQL of the `i`th table, restricted to the scope.
    fn source(&mut self, i: usize, scope: &Scope) -> String {
        let (table, alias) = (
            self.bindings[i].table.name,
            self.bindings[i].sql_alias.clone(),
        );
        scoped_source(table, &alias, scope, &mut self.params)
    }

    fn push(&mut self, v: Value) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }

    /// Resolves a column reference to its SQL and its schema column.
    fn column(
        &self,
        qualifier: Option<&str>,
        name: &str,
        span: Span,
    ) -> Result<(String, super::catalog::Column), TranslateError> {
        let candidates: Vec<&Binding> = match qualifier {
            Some(q) => {
                let found: Vec<&Binding> = self
                    .bindings
                    .iter()
                    .filter(|b| b.name.eq_ignore_ascii_case(q))
                    .collect();
                if found.is_empty() {
                    return err(
                        span,
                        format!("The multi-part identifier \"{q}.{name}\" could not be bound."),
                    );
                }
                found
            }
            None => self.bindings.iter().collect(),
        };
        let hits: Vec<(&Binding, &super::catalog::Column)> = candidates
            .into_iter()
            .filter_map(|b| b.table.column(name).map(|c| (b, c)))
            .collect();
        match hits.as_slice() {
            [(b, c)] => Ok((format!("{}.{}", quote(&b.sql_alias), quote(c.name)), **c)),
            [] => err(span, format!("Invalid column name '{name}'.")),
            _ => err(span, format!("Ambiguous column name '{name}'.")),
        }
    }

    /// The schema type of an expression that is (a parenthesised) column.
    fn type_of(&self, e: &Expr<'_>) -> Option<ColType> {
        match e {
            Expr::Column(c) => self
                .column(qualifier_of(c).ok()?, &c.name.value, c.span)
                .ok()
                .map(|(_, c)| c.ty),
            Expr::Nested { expr, .. } => self.type_of(expr),
            _ => None,
        }
    }

    fn expr(&mut self, e: &Expr<'_>, out: &mut String) -> Result<(), TranslateError> {
        match e {
            Expr::Column(c) => {
                let (sql, _) = self.column(qualifier_of(c)?, &c.name.value, c.span)?;
                out.push_str(&sql);
            }
            Expr::Literal(_)
            | Expr::Unary {
                op: UnaryOp::Minus | UnaryOp::Plus,
                ..
            } => self.value(e, None, out)?,
            Expr::Param(p) => {
                return err(
                    p.span,
                    format!(
                        "The parameter :{} has no value; bind it before running.",
                        p.name
                    ),
                );
            }
            Expr::Binary {
                left,
                op,
                right,
                span,
            } => match op {
                BinaryOp::And | BinaryOp::Or => {
                    out.push('(');
                    self.expr(left, out)?;
                    out.push_str(if *op == BinaryOp::And {
                        " AND "
                    } else {
                        " OR "
                    });
                    self.expr(right, out)?;
                    out.push(')');
                }
                op if op.is_comparison() => {
                    let (lt, rt) = (self.type_of(left), self.type_of(right));
                    out.push('(');
                    self.value(left, rt, out)?;
                    out.push_str(&format!(" {} ", op.as_str()));
                    self.value(right, lt, out)?;
                    out.push(')');
                }
                _ => return err(*span, "CRQL does not allow calculated expressions."),
            },
            Expr::Unary {
                op: UnaryOp::Not,
                expr,
                ..
            } => {
                out.push_str("(NOT ");
                self.expr(expr, out)?;
                out.push(')');
            }
            Expr::Nested { expr, .. } => {
                out.push('(');
                self.expr(expr, out)?;
                out.push(')');
            }
            Expr::InList {
                expr,
                list,
                negated,
                span,
            } => {
                if list.is_empty() {
                    return err(*span, "IN needs at least one value.");
                }
                let ty = self.type_of(expr);
                out.push('(');
                self.expr(expr, out)?;
                out.push_str(if *negated { " NOT IN (" } else { " IN (" });
                for (i, v) in list.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.value(v, ty, out)?;
                }
                out.push_str("))");
            }
            Expr::Between {
                expr,
                negated,
                low,
                high,
                ..
            } => {
                let ty = self.type_of(expr);
                out.push('(');
                self.expr(expr, out)?;
                out.push_str(if *negated {
                    " NOT BETWEEN "
                } else {
                    " BETWEEN "
                });
                self.value(low, ty, out)?;
                out.push_str(" AND ");
                self.value(high, ty, out)?;
                out.push(')');
            }
            Expr::Like {
                expr,
                negated,
                pattern,
                escape,
                ..
            } => {
                out.push_str(if *negated {
                    "(NOT crql_like("
                } else {
                    "(crql_like("
                });
                self.expr(expr, out)?;
                out.push_str(", ");
                self.value(pattern, Some(ColType::Text), out)?;
                if let Some(esc) = escape {
                    if let Expr::Literal(Literal::String { value, span, .. }) = esc.as_ref()
                        && value.chars().count() != 1
                    {
                        return err(*span, "The ESCAPE clause must be a single character.");
                    }
                    out.push_str(", ");
                    self.value(esc, Some(ColType::Text), out)?;
                }
                out.push_str("))");
            }
            Expr::IsNull { expr, negated, .. } => {
                out.push('(');
                self.expr(expr, out)?;
                out.push_str(if *negated {
                    " IS NOT NULL)"
                } else {
                    " IS NULL)"
                });
            }
            Expr::Function { span, .. } | Expr::Window { span, .. } => {
                return err(*span, "CRQL does not allow function calls.");
            }
            Expr::Case { span, .. } | Expr::Collate { span, .. } => {
                return err(*span, "CRQL does not allow calculated expressions.");
            }
            Expr::Variable(v) => {
                return err(v.span, format!("Must declare the scalar variable \"{v}\"."));
            }
            Expr::InSubquery { span, .. }
            | Expr::Subquery { span, .. }
            | Expr::Exists { span, .. } => {
                return err(*span, "CRQL does not allow subqueries.");
            }
        }
        Ok(())
    }

    /// An operand compared with something of type `ty`: a literal is converted to that
    /// type and bound; anything else is translated as an expression.
    fn value(
        &mut self,
        e: &Expr<'_>,
        ty: Option<ColType>,
        out: &mut String,
    ) -> Result<(), TranslateError> {
        let (negative, lit) = match e {
            Expr::Literal(l) => (false, l),
            Expr::Unary { op, expr, span } if *op != UnaryOp::Not => match expr.as_ref() {
                Expr::Literal(l @ (Literal::Integer { .. } | Literal::Decimal { .. })) => {
                    (*op == UnaryOp::Minus, l)
                }
                _ => return err(*span, "CRQL does not allow calculated expressions."),
            },
            Expr::Nested { expr, .. }
                if matches!(expr.as_ref(), Expr::Literal(_) | Expr::Unary { .. }) =>
            {
                out.push('(');
                self.value(expr, ty, out)?;
                out.push(')');
                return Ok(());
            }
            _ => return self.expr(e, out),
        };
        let v = literal_value(lit, negative, ty)?;
        if v == Value::Null {
            out.push_str("NULL");
        } else {
            let mark = self.push(v);
            out.push_str(&mark);
        }
        Ok(())
    }
}

/// `table AS alias`, or only the rows of the scope's organisations. Filtering each
/// table before it is joined keeps outer joins right. Values go to `params`.
pub(crate) fn scoped_source(
    table: &str,
    alias: &str,
    scope: &Scope,
    params: &mut Vec<Value>,
) -> String {
    match scope {
        Scope::All => format!("{} AS {}", quote(table), quote(alias)),
        Scope::Orgs(orgs) => {
            let marks: Vec<String> = orgs
                .iter()
                .map(|&o| {
                    params.push(Value::Int(o));
                    format!("?{}", params.len())
                })
                .collect();
            let cond = if marks.is_empty() {
                "0".to_owned()
            } else {
                format!("{} IN ({})", quote("OrgID"), marks.join(", "))
            };
            format!(
                "(SELECT * FROM {} WHERE {cond}) AS {}",
                quote(table),
                quote(alias)
            )
        }
    }
}

/// A literal as a value of type `ty`, converting as SQL Server does implicitly.
fn literal_value(
    lit: &Literal<'_>,
    negative: bool,
    ty: Option<ColType>,
) -> Result<Value, TranslateError> {
    let span = lit.span();
    match lit {
        Literal::Null { .. } => Ok(Value::Null),
        Literal::Integer { text, .. } => {
            let digits = if negative {
                format!("-{text}")
            } else {
                text.to_string()
            };
            match (digits.parse::<i64>(), ty) {
                (_, Some(ColType::DateTime)) => err(
                    span,
                    "The sandbox compares datetimes with date strings only ('YYYY-MM-DD').",
                ),
                (Ok(n), _) => Ok(Value::Int(n)),
                (Err(_), _) => err(
                    span,
                    format!(
                        "Arithmetic overflow error converting expression to data type int: {digits}."
                    ),
                ),
            }
        }
        Literal::Decimal { text, .. } => match text.parse::<f64>() {
            Ok(f) if ty != Some(ColType::DateTime) => {
                Ok(Value::Real(if negative { -f } else { f }))
            }
            _ => err(
                span,
                format!("Error converting data type varchar to numeric: {text}."),
            ),
        },
        Literal::String { value, .. } => match ty {
            Some(ColType::DateTime) => match normalize_literal(value) {
                Some(v) => Ok(Value::Text(v)),
                None => err(
                    span,
                    "Conversion failed when converting date and/or time from character string.",
                ),
            },
            Some(ColType::Int) => match value.trim().parse::<i64>() {
                Ok(n) => Ok(Value::Int(n)),
                Err(_) => err(
                    span,
                    format!(
                        "Conversion failed when converting the varchar value '{value}' to data type int."
                    ),
                ),
            },
            Some(ColType::Decimal) => match value.trim().parse::<f64>() {
                Ok(f) => Ok(Value::Real(f)),
                Err(_) => err(span, "Error converting data type varchar to numeric."),
            },
            Some(ColType::Text) | None => Ok(Value::Text(value.to_string())),
        },
    }
}
