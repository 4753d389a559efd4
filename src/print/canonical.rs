//! Canonical one-line CRQL: the `Display` of every AST node.
//!
//! Upper-case keywords, single spaces, `, ` between list items, strings re-quoted
//! with `'` doubled, names bracketed only when they must be. The printer is correct
//! on any tree, including builder-made ones without [`Expr::Nested`]: it inserts the
//! parentheses that precedence and left-associativity require, so that parsing the
//! output gives back the same operator structure.
//!
//! `{:#}` (the alternate flag) on [`Query`], [`Statement`] and [`Script`] is routed
//! to the pretty formatter ([`crate::print::pretty()`], default options).

use std::fmt::{self, Display, Formatter, Write};

use crate::ast::precedence::{ADDITIVE, ATOM, COMPARISON};
use crate::ast::*;
use crate::keyword::{Keyword, is_reserved, needs_brackets};

/// Writes `expr`, in parentheses when it binds looser than `min` requires.
fn operand(f: &mut Formatter<'_>, expr: &Expr<'_>, min: u8) -> fmt::Result {
    if expr.needs_parens(min) {
        f.write_char('(')?;
        write_expr(f, expr)?;
        f.write_char(')')
    } else {
        write_expr(f, expr)
    }
}

/// True when `expr` prints starting with a `-`, so that a preceding `-` needs a
/// space to not become a `--` comment. Only a prefix minus does: anything looser is
/// parenthesised first.
fn starts_with_minus(expr: &Expr<'_>) -> bool {
    matches!(
        expr,
        Expr::Unary {
            op: UnaryOp::Minus,
            ..
        }
    )
}

/// Writes an expression in canonical form (no surrounding parentheses).
pub fn write_expr(f: &mut Formatter<'_>, expr: &Expr<'_>) -> fmt::Result {
    match expr {
        // Direct calls, not `write!`: each `write!` builds a new formatter, a cost
        // paid per node by everything that prints (E0207 prints every long query).
        // None of these nodes reads the formatter's flags.
        Expr::Column(c) => c.fmt(f),
        Expr::Literal(l) => l.fmt(f),
        Expr::Param(p) => p.fmt(f),
        Expr::Binary {
            left, op, right, ..
        } => {
            let (left_min, right_min) = op.operand_min();
            operand(f, left, left_min)?;
            write!(f, " {} ", op.as_str())?;
            operand(f, right, right_min)
        }
        Expr::Unary { op, expr, .. } => match op {
            UnaryOp::Not => {
                f.write_str("NOT ")?;
                operand(f, expr, op.precedence())
            }
            UnaryOp::Minus | UnaryOp::Plus => {
                f.write_str(op.as_str())?;
                if *op == UnaryOp::Minus && starts_with_minus(expr) {
                    f.write_char(' ')?;
                }
                operand(f, expr, op.precedence())
            }
        },
        Expr::Nested { expr, .. } => {
            f.write_char('(')?;
            write_expr(f, expr)?;
            f.write_char(')')
        }
        Expr::InList {
            expr,
            list,
            negated,
            ..
        } => {
            operand(f, expr, COMPARISON)?;
            f.write_str(if *negated { " NOT IN (" } else { " IN (" })?;
            comma_list(f, list)?;
            f.write_char(')')
        }
        Expr::InSubquery {
            expr,
            subquery,
            negated,
            ..
        } => {
            operand(f, expr, COMPARISON)?;
            f.write_str(if *negated { " NOT IN (" } else { " IN (" })?;
            write_query(f, subquery)?;
            f.write_char(')')
        }
        Expr::Between {
            expr,
            negated,
            low,
            high,
            ..
        } => {
            operand(f, expr, COMPARISON)?;
            f.write_str(if *negated {
                " NOT BETWEEN "
            } else {
                " BETWEEN "
            })?;
            // The bounds are read at additive level, so that the AND is BETWEEN's.
            operand(f, low, ADDITIVE)?;
            f.write_str(" AND ")?;
            operand(f, high, ADDITIVE)
        }
        Expr::Like {
            expr,
            negated,
            pattern,
            escape,
            ..
        } => {
            operand(f, expr, COMPARISON)?;
            f.write_str(if *negated { " NOT LIKE " } else { " LIKE " })?;
            operand(f, pattern, ADDITIVE)?;
            if let Some(e) = escape {
                f.write_str(" ESCAPE ")?;
                operand(f, e, ADDITIVE)?;
            }
            Ok(())
        }
        Expr::IsNull { expr, negated, .. } => {
            operand(f, expr, COMPARISON)?;
            f.write_str(if *negated { " IS NOT NULL" } else { " IS NULL" })
        }
        Expr::Function {
            name,
            args,
            distinct,
            ..
        } => {
            write_function_name(f, name)?;
            f.write_char('(')?;
            if *distinct {
                f.write_str("DISTINCT ")?;
            }
            args.fmt(f)?;
            f.write_char(')')
        }
        Expr::Subquery { query, .. } => {
            f.write_char('(')?;
            write_query(f, query)?;
            f.write_char(')')
        }
        Expr::Exists { query, negated, .. } => {
            f.write_str(if *negated { "NOT EXISTS (" } else { "EXISTS (" })?;
            write_query(f, query)?;
            f.write_char(')')
        }
        Expr::Variable(_) | Expr::Case { .. } | Expr::Window { .. } | Expr::Collate { .. } => {
            write_tsql(f, expr)
        }
    }
}

/// The T-SQL-only expressions, apart from [`write_expr`] so that its frame, paid
/// per level of nesting, stays small.
#[inline(never)]
fn write_tsql(f: &mut Formatter<'_>, expr: &Expr<'_>) -> fmt::Result {
    match expr {
        Expr::Variable(v) => v.fmt(f),
        Expr::Case {
            operand,
            branches,
            else_result,
            ..
        } => {
            f.write_str("CASE")?;
            if let Some(o) = operand {
                f.write_char(' ')?;
                write_expr(f, o)?;
            }
            for b in branches {
                f.write_str(" WHEN ")?;
                write_expr(f, &b.condition)?;
                f.write_str(" THEN ")?;
                write_expr(f, &b.result)?;
            }
            if let Some(e) = else_result {
                f.write_str(" ELSE ")?;
                write_expr(f, e)?;
            }
            f.write_str(" END")
        }
        Expr::Window { function, spec, .. } => {
            operand(f, function, ATOM)?;
            f.write_str(" OVER (")?;
            spec.fmt(f)?;
            f.write_char(')')
        }
        Expr::Collate {
            expr, collation, ..
        } => {
            operand(f, expr, ATOM)?;
            f.write_str(" COLLATE ")?;
            collation.fmt(f)
        }
        other => write_expr(f, other),
    }
}

impl Display for WindowSpec<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if !self.partition_by.is_empty() {
            f.write_str("PARTITION BY ")?;
            comma_list(f, &self.partition_by)?;
            sep = " ";
        }
        if !self.order_by.is_empty() {
            f.write_str(sep)?;
            f.write_str("ORDER BY ")?;
            comma_list(f, &self.order_by)?;
            sep = " ";
        }
        if let Some(frame) = &self.frame {
            f.write_str(sep)?;
            f.write_str(frame)?;
        }
        Ok(())
    }
}

impl Display for Variable<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.system { "@@" } else { "@" })?;
        f.write_str(&self.name)
    }
}

impl Display for TableHints<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.with { "WITH (" } else { "(" })?;
        for (i, h) in self.hints.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(h)?;
        }
        f.write_char(')')
    }
}

impl Display for QueryOption<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.as_str())?;
        if !self.text.is_empty() {
            f.write_char(' ')?;
            f.write_str(&self.text)?;
        }
        Ok(())
    }
}

/// Items are expressions, select items and ORDER BY items, which do not read the
/// formatter's flags, so they are written directly (see [`write_expr`]).
fn comma_list<T: Display>(f: &mut Formatter<'_>, items: &[T]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        item.fmt(f)?;
    }
    Ok(())
}

/// True for a name that can be written without brackets: a plain word
/// `[A-Za-z_][A-Za-z0-9_]*` that neither this crate's grammar nor SQL Server
/// reserves (`User` is read back by the parser, but SQL Server reads the keyword).
pub fn is_plain_name(name: &str) -> bool {
    is_plain_word(name) && !needs_brackets(name)
}

fn is_plain_word(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Writes `[name]` with `]` doubled.
fn write_bracketed(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    f.write_char('[')?;
    for (i, part) in name.split(']').enumerate() {
        if i > 0 {
            f.write_str("]]")?;
        }
        f.write_str(part)?;
    }
    f.write_char(']')
}

/// Function names print bare when the parser reads them back as a call: a plain
/// word that is not a keyword of the grammar, or `LEFT`/`RIGHT`, which a `(` makes
/// a call. T-SQL's reserved words stay bare here: `COALESCE(`, `NULLIF(` and
/// `CONVERT(` are calls to SQL Server too, and a bracketed name is not a built-in.
fn write_function_name(f: &mut Formatter<'_>, name: &Ident<'_>) -> fmt::Result {
    let bare = is_plain_word(&name.value) && !is_reserved(&name.value);
    if !name.bracketed && (bare || is_call_keyword(&name.value)) {
        f.write_str(&name.value)
    } else {
        write_bracketed(f, &name.value)
    }
}

/// The reserved words that, followed by `(`, are read as a call (`LEFT(a, 1)`).
pub fn is_call_keyword(name: &str) -> bool {
    matches!(Keyword::lookup(name), Some(Keyword::Left | Keyword::Right))
}

impl Display for Ident<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if !self.bracketed && is_plain_name(&self.value) {
            f.write_str(&self.value)
        } else {
            write_bracketed(f, &self.value)
        }
    }
}

impl Display for ColumnRef<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.prefix {
            if let Some(d) = &p.database {
                write!(f, "{d}.")?;
            }
            write!(f, "{}.", p.schema)?;
        }
        if let Some(q) = &self.qualifier {
            q.fmt(f)?;
            f.write_char('.')?;
        }
        self.name.fmt(f)
    }
}

impl Display for Param<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, ":{}", self.name)
    }
}

/// Writes `'value'` with `'` doubled.
pub fn write_string_literal(f: &mut impl Write, value: &str, national: bool) -> fmt::Result {
    if national {
        f.write_char('N')?;
    }
    f.write_char('\'')?;
    for (i, part) in value.split('\'').enumerate() {
        if i > 0 {
            f.write_str("''")?;
        }
        f.write_str(part)?;
    }
    f.write_char('\'')
}

impl Display for Literal<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::String {
                value, national, ..
            } => write_string_literal(f, value, *national),
            Literal::Integer { text, .. } | Literal::Decimal { text, .. } => f.write_str(text),
            Literal::Null { .. } => f.write_str("NULL"),
        }
    }
}

impl Display for Expr<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_expr(f, self)
    }
}

impl Display for FunctionArgs<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FunctionArgs::Star { .. } => f.write_char('*'),
            FunctionArgs::List(list) => comma_list(f, list),
            FunctionArgs::Cast { expr, data_type } => {
                write_expr(f, expr)?;
                f.write_str(" AS ")?;
                f.write_str(&data_type.text)
            }
        }
    }
}

impl Display for BinaryOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Display for UnaryOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Display for SelectItem<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SelectItem::Expr { expr, alias, .. } => {
                if reads_as_alias(expr) {
                    // `x = a = b` (the field `a = b` named x) reads back only in
                    // the alias form: `(a = b) AS x` would add parentheses to the tree.
                    if let Some(a) = alias {
                        write!(f, "{a} = ")?;
                        return write_expr(f, expr);
                    }
                    operand(f, expr, u8::MAX)?;
                } else {
                    write_expr(f, expr)?;
                }
                if let Some(a) = alias {
                    write!(f, " AS {a}")?;
                }
                Ok(())
            }
            SelectItem::Wildcard { .. } => f.write_char('*'),
            SelectItem::QualifiedWildcard { qualifier, .. } => write!(f, "{qualifier}.*"),
        }
    }
}

/// True for a field `name = value` (an unqualified column on the left), which SQL
/// Server and the parser read as `value AS name`: printed as a field, the
/// comparison must keep parentheses.
///
/// Not only a comparison at the top: whatever prints starting with `name =` does,
/// so the leftmost operand is followed for as long as the printer writes it without
/// parentheses (`x = a < b`, `x = a AND b`, `x = a IS NULL`).
pub(crate) fn reads_as_alias(e: &Expr<'_>) -> bool {
    let (left, min) = match e {
        Expr::Binary {
            left,
            op: BinaryOp::Eq,
            ..
        } if matches!(&**left, Expr::Column(c) if c.qualifier.is_none() && c.prefix.is_none()) => {
            return true;
        }
        Expr::Binary { left, op, .. } => (left, op.operand_min().0),
        Expr::InList { expr, .. }
        | Expr::InSubquery { expr, .. }
        | Expr::Between { expr, .. }
        | Expr::Like { expr, .. }
        | Expr::IsNull { expr, .. } => (expr, COMPARISON),
        Expr::Window { function: expr, .. } | Expr::Collate { expr, .. } => (expr, ATOM),
        _ => return false,
    };
    !left.needs_parens(min) && reads_as_alias(left)
}

impl Display for TableName<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(s) = &self.server {
            write!(f, "{s}.")?;
        }
        if let Some(d) = &self.database {
            write!(f, "{d}.")?;
            // `db..t`: the database's default schema.
            if self.schema.is_none() {
                f.write_char('.')?;
            }
        }
        if let Some(s) = &self.schema {
            write!(f, "{s}.")?;
        }
        write!(f, "{}", self.name)
    }
}

impl Display for TableRef<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            TableRef::Table { name, .. } => write!(f, "{name}")?,
            TableRef::Derived { subquery, .. } => {
                f.write_char('(')?;
                write_query(f, subquery)?;
                f.write_char(')')?;
            }
            TableRef::Function { call, .. } => write_expr(f, call)?,
        }
        // Table aliases print without AS, the usual T-SQL style (`cmClient c`).
        if let Some(a) = self.alias() {
            write!(f, " {a}")?;
        }
        if let TableRef::Table { hints: Some(h), .. } = self {
            write!(f, " {h}")?;
        }
        if let TableRef::Derived { columns, .. } = self
            && !columns.is_empty()
        {
            f.write_str(" (")?;
            for (i, c) in columns.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{c}")?;
            }
            f.write_char(')')?;
        }
        Ok(())
    }
}

impl Display for JoinKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JoinKind::Inner => "INNER JOIN",
            JoinKind::Left => "LEFT JOIN",
            JoinKind::Right => "RIGHT JOIN",
            JoinKind::Full => "FULL JOIN",
            JoinKind::Cross => "CROSS JOIN",
            JoinKind::Comma => ",",
            JoinKind::CrossApply => "CROSS APPLY",
            JoinKind::OuterApply => "OUTER APPLY",
        })
    }
}

impl Display for Join<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        // A comma join prints `, t`: the `SELECT` writes it right after the
        // previous table (`FROM a, b`).
        match self.hint {
            // The hint stands between the kind and `JOIN`: `INNER HASH JOIN`.
            Some(h) => {
                let kind = self.kind.to_string();
                let head = kind.strip_suffix(" JOIN").unwrap_or(&kind);
                write!(f, "{head} {} JOIN {}", h.kind.as_str(), self.table)?;
            }
            None => write!(f, "{} {}", self.kind, self.table)?,
        }
        if let Some(on) = &self.on {
            f.write_str(" ON ")?;
            write_expr(f, on)?;
        }
        Ok(())
    }
}

impl Display for Top<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.quantity {
            Expr::Literal(Literal::Integer { text, .. }) => write!(f, "TOP {text}")?,
            q => {
                f.write_str("TOP (")?;
                write_expr(f, q)?;
                f.write_char(')')?;
            }
        }
        if self.percent {
            f.write_str(" PERCENT")?;
        }
        if self.with_ties {
            f.write_str(" WITH TIES")?;
        }
        Ok(())
    }
}

impl Display for Select<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("SELECT ")?;
        if self.distinct.is_some() {
            f.write_str("DISTINCT ")?;
        }
        if let Some(top) = &self.top {
            write!(f, "{top} ")?;
        }
        comma_list(f, &self.items)?;
        if let Some(into) = &self.into {
            write!(f, " INTO {into}")?;
        }
        write!(f, " FROM {}", self.from)?;
        for j in &self.joins {
            // A comma join follows its table directly: `FROM a, b`.
            if j.kind != JoinKind::Comma {
                f.write_char(' ')?;
            }
            write!(f, "{j}")?;
        }
        if let Some(w) = &self.selection {
            f.write_str(" WHERE ")?;
            write_expr(f, w)?;
        }
        if !self.group_by.is_empty() {
            f.write_str(" GROUP BY ")?;
            comma_list(f, &self.group_by)?;
        }
        if let Some(h) = &self.having {
            f.write_str(" HAVING ")?;
            write_expr(f, h)?;
        }
        Ok(())
    }
}

impl Display for SetOperator {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SetOperator::Union => "UNION",
            SetOperator::Except => "EXCEPT",
            SetOperator::Intersect => "INTERSECT",
        })
    }
}

impl Display for SetOperation<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.op)?;
        if self.all {
            f.write_str(" ALL")?;
        }
        write!(f, " {}", self.select)
    }
}

impl Display for SortDirection {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SortDirection::Asc => "ASC",
            SortDirection::Desc => "DESC",
        })
    }
}

impl Display for OrderByExpr<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_expr(f, &self.expr)?;
        if let Some(d) = self.direction {
            write!(f, " {d}")?;
        }
        Ok(())
    }
}

impl Display for Limit<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "LIMIT {}", self.quantity)
    }
}

impl Display for Offset<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "OFFSET {} ROWS", self.value)
    }
}

impl Display for Fetch<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "FETCH NEXT {} ROWS ONLY", self.quantity)
    }
}

/// Writes a query in canonical one-line form, whatever the formatter's flags.
pub fn write_query(f: &mut Formatter<'_>, q: &Query<'_>) -> fmt::Result {
    write!(f, "{}", q.select)?;
    for op in &q.set_ops {
        write!(f, " {op}")?;
    }
    if !q.order_by.is_empty() {
        f.write_str(" ORDER BY ")?;
        comma_list(f, &q.order_by)?;
    }
    if let Some(l) = &q.limit {
        write!(f, " {l}")?;
    }
    if let Some(o) = &q.offset {
        write!(f, " {o}")?;
    }
    if let Some(x) = &q.fetch {
        write!(f, " {x}")?;
    }
    for o in &q.options {
        write!(f, " {o}")?;
    }
    Ok(())
}

impl Display for Query<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return crate::print::pretty::hook::query(f, self);
        }
        write_query(f, self)
    }
}

/// Writes a statement in canonical form. An unsupported statement keeps only its
/// verb in the tree, so only the verb is printed.
pub fn write_statement(f: &mut Formatter<'_>, s: &Statement<'_>) -> fmt::Result {
    match s {
        Statement::Query(q) => write_query(f, q),
        Statement::Unsupported { verb, .. } => f.write_str(&verb.value.to_ascii_uppercase()),
    }
}

impl Display for Statement<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return crate::print::pretty::hook::statement(f, self);
        }
        write_statement(f, self)
    }
}

/// Writes a script canonically: one statement per line, each ended by `;`.
/// Comments are not part of the canonical form (the pretty formatter keeps them).
pub fn write_script(f: &mut Formatter<'_>, s: &Script<'_>) -> fmt::Result {
    for (i, st) in s.statements.iter().enumerate() {
        if i > 0 {
            f.write_char('\n')?;
        }
        write_statement(f, st)?;
        f.write_char(';')?;
    }
    Ok(())
}

impl Display for Script<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return crate::print::pretty::hook::script(f, self);
        }
        write_script(f, self)
    }
}

impl Display for Comment<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn int(n: i64) -> Expr<'static> {
        Expr::integer(n)
    }

    #[test]
    fn idents_bracket_only_when_needed() {
        assert_eq!(Ident::new("ClientID").to_string(), "ClientID");
        assert_eq!(Ident::new("Exit Date").to_string(), "[Exit Date]");
        assert_eq!(Ident::new("a]b").to_string(), "[a]]b]");
        assert_eq!(Ident::new("order").to_string(), "[order]");
        assert_eq!(Ident::new("1st").to_string(), "[1st]");
        assert_eq!(Ident::new("").to_string(), "[]");
        assert_eq!(Ident::new("Rows").to_string(), "Rows");
        // SQL Server reserves these although this crate's grammar does not.
        assert_eq!(Ident::new("User").to_string(), "[User]");
        assert_eq!(Ident::new("key").to_string(), "[key]");
        let b = Ident {
            value: Cow::Borrowed("x"),
            bracketed: true,
            span: Span::empty(),
        };
        assert_eq!(b.to_string(), "[x]");
    }

    #[test]
    fn a_comparison_field_keeps_its_parentheses_and_the_alias_form_prints_with_as() {
        // `a = 1` as a field would read back as T-SQL's alias form `1 AS a`.
        let item = SelectItem::Expr {
            expr: Expr::column("a").binary(BinaryOp::Eq, int(1)),
            alias: None,
            span: Span::empty(),
        };
        assert_eq!(item.to_string(), "(a = 1)");
        let q = crate::parse("SELECT [Client Id] = ClientID, t.a = 1 FROM t").expect("parses");
        assert_eq!(
            q.to_string(),
            "SELECT ClientID AS [Client Id], t.a = 1 FROM t"
        );
        assert_eq!(format!("{q:#}"), q.to_string());
    }

    #[test]
    fn strings_double_quotes() {
        assert_eq!(Expr::string("O'Brien").to_string(), "'O''Brien'");
        let n = Expr::Literal(Literal::String {
            value: Cow::Borrowed("x"),
            national: true,
            span: Span::empty(),
        });
        assert_eq!(n.to_string(), "N'x'");
    }

    #[test]
    fn parentheses_follow_precedence() {
        let a = || Expr::column("a");
        let b = || Expr::column("b");
        let c = || Expr::column("c");
        // (a OR b) AND c
        let e = a().binary(BinaryOp::Or, b()).binary(BinaryOp::And, c());
        assert_eq!(e.to_string(), "(a OR b) AND c");
        // a - (b - c): right operand of equal precedence
        let e = a().binary(BinaryOp::Minus, b().binary(BinaryOp::Minus, c()));
        assert_eq!(e.to_string(), "a - (b - c)");
        // (a - b) - c needs none
        let e = a()
            .binary(BinaryOp::Minus, b())
            .binary(BinaryOp::Minus, c());
        assert_eq!(e.to_string(), "a - b - c");
        // a * -1
        let e = a().binary(BinaryOp::Multiply, int(-1));
        assert_eq!(e.to_string(), "a * -1");
        // NOT (a AND b)
        let e = Expr::Unary {
            op: UnaryOp::Not,
            expr: Box::new(a().binary(BinaryOp::And, b())),
            span: Span::empty(),
        };
        assert_eq!(e.to_string(), "NOT (a AND b)");
        // -(a + b), and - -1 never becomes a comment
        let neg = |e| Expr::Unary {
            op: UnaryOp::Minus,
            expr: Box::new(e),
            span: Span::empty(),
        };
        assert_eq!(neg(a().binary(BinaryOp::Plus, b())).to_string(), "-(a + b)");
        assert_eq!(neg(int(-1)).to_string(), "- -1");
        // BETWEEN bounds containing AND
        let e = Expr::Between {
            expr: Box::new(a()),
            negated: true,
            low: Box::new(b().binary(BinaryOp::And, c())),
            high: Box::new(int(2)),
            span: Span::empty(),
        };
        assert_eq!(e.to_string(), "a NOT BETWEEN (b AND c) AND 2");
        // comparison inside a comparison's right operand
        let e = a().binary(
            BinaryOp::Eq,
            Expr::IsNull {
                expr: Box::new(b()),
                negated: false,
                span: Span::empty(),
            },
        );
        assert_eq!(e.to_string(), "a = (b IS NULL)");
        // Nested prints its own parentheses, once
        let e = a()
            .binary(BinaryOp::Or, b())
            .nested()
            .binary(BinaryOp::And, c());
        assert_eq!(e.to_string(), "(a OR b) AND c");
    }
}
