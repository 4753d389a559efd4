//! Detaching a tree from the text it was parsed from: [`IntoOwned`].

use std::borrow::Cow;

use super::*;

fn own(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

fn own_opt<T: IntoOwned>(o: Option<T>) -> Option<T::Owned> {
    o.map(IntoOwned::into_owned)
}

fn own_vec<T: IntoOwned>(v: Vec<T>) -> Vec<T::Owned> {
    v.into_iter().map(IntoOwned::into_owned).collect()
}

#[allow(clippy::boxed_local)] // takes the tree's own Box, so call sites stay short
fn own_box<T: IntoOwned>(b: Box<T>) -> Box<T::Owned> {
    Box::new((*b).into_owned())
}

/// Conversion of a borrowed tree into one that owns its text (`'static`).
pub trait IntoOwned {
    /// The same type with `'static` lifetime.
    type Owned;
    /// Copy every borrowed string so the tree no longer borrows the source.
    fn into_owned(self) -> Self::Owned;
}

impl IntoOwned for Ident<'_> {
    type Owned = Ident<'static>;
    fn into_owned(self) -> Ident<'static> {
        Ident {
            value: own(self.value),
            bracketed: self.bracketed,
            span: self.span,
        }
    }
}

impl IntoOwned for Comment<'_> {
    type Owned = Comment<'static>;
    fn into_owned(self) -> Comment<'static> {
        Comment {
            text: own(self.text),
            kind: self.kind,
            span: self.span,
        }
    }
}

impl IntoOwned for Script<'_> {
    type Owned = Script<'static>;
    fn into_owned(self) -> Script<'static> {
        Script {
            statements: own_vec(self.statements),
            comments: own_vec(self.comments),
            span: self.span,
        }
    }
}

impl IntoOwned for Statement<'_> {
    type Owned = Statement<'static>;
    fn into_owned(self) -> Statement<'static> {
        match self {
            Statement::Query(q) => Statement::Query(q.into_owned()),
            Statement::Unsupported { verb, span } => Statement::Unsupported {
                verb: verb.into_owned(),
                span,
            },
        }
    }
}

impl IntoOwned for Query<'_> {
    type Owned = Query<'static>;
    fn into_owned(self) -> Query<'static> {
        Query {
            select: self.select.into_owned(),
            set_ops: own_vec(self.set_ops),
            order_by: own_vec(self.order_by),
            limit: own_opt(self.limit),
            offset: own_opt(self.offset),
            fetch: own_opt(self.fetch),
            options: own_vec(self.options),
            span: self.span,
        }
    }
}

impl IntoOwned for Select<'_> {
    type Owned = Select<'static>;
    fn into_owned(self) -> Select<'static> {
        Select {
            distinct: self.distinct,
            top: own_opt(self.top),
            items: own_vec(self.items),
            into: own_opt(self.into),
            from: self.from.into_owned(),
            joins: own_vec(self.joins),
            selection: own_opt(self.selection),
            group_by: own_vec(self.group_by),
            having: own_opt(self.having),
            span: self.span,
        }
    }
}

impl IntoOwned for Top<'_> {
    type Owned = Top<'static>;
    fn into_owned(self) -> Top<'static> {
        Top {
            quantity: self.quantity.into_owned(),
            percent: self.percent,
            with_ties: self.with_ties,
            span: self.span,
        }
    }
}

impl IntoOwned for SelectItem<'_> {
    type Owned = SelectItem<'static>;
    fn into_owned(self) -> SelectItem<'static> {
        match self {
            SelectItem::Expr { expr, alias, span } => SelectItem::Expr {
                expr: expr.into_owned(),
                alias: own_opt(alias),
                span,
            },
            SelectItem::Wildcard { span } => SelectItem::Wildcard { span },
            SelectItem::QualifiedWildcard { qualifier, span } => SelectItem::QualifiedWildcard {
                qualifier: qualifier.into_owned(),
                span,
            },
        }
    }
}

impl IntoOwned for TableRef<'_> {
    type Owned = TableRef<'static>;
    fn into_owned(self) -> TableRef<'static> {
        match self {
            TableRef::Table {
                name,
                alias,
                hints,
                span,
            } => TableRef::Table {
                name: name.into_owned(),
                alias: own_opt(alias),
                hints: own_opt(hints),
                span,
            },
            TableRef::Derived {
                subquery,
                alias,
                columns,
                span,
            } => TableRef::Derived {
                subquery: own_box(subquery),
                alias: own_opt(alias),
                columns: own_vec(columns),
                span,
            },
            TableRef::Function { call, alias, span } => TableRef::Function {
                call: own_box(call),
                alias: own_opt(alias),
                span,
            },
        }
    }
}

impl IntoOwned for TableName<'_> {
    type Owned = TableName<'static>;
    fn into_owned(self) -> TableName<'static> {
        TableName {
            server: self.server.map(|s| Box::new(s.into_owned())),
            database: own_opt(self.database),
            schema: own_opt(self.schema),
            name: self.name.into_owned(),
            span: self.span,
        }
    }
}

impl IntoOwned for Join<'_> {
    type Owned = Join<'static>;
    fn into_owned(self) -> Join<'static> {
        Join {
            kind: self.kind,
            table: self.table.into_owned(),
            on: own_opt(self.on),
            hint: self.hint,
            span: self.span,
        }
    }
}

impl IntoOwned for SetOperation<'_> {
    type Owned = SetOperation<'static>;
    fn into_owned(self) -> SetOperation<'static> {
        SetOperation {
            op: self.op,
            all: self.all,
            select: self.select.into_owned(),
            span: self.span,
        }
    }
}

impl IntoOwned for OrderByExpr<'_> {
    type Owned = OrderByExpr<'static>;
    fn into_owned(self) -> OrderByExpr<'static> {
        OrderByExpr {
            expr: self.expr.into_owned(),
            direction: self.direction,
            span: self.span,
        }
    }
}

impl IntoOwned for Limit<'_> {
    type Owned = Limit<'static>;
    fn into_owned(self) -> Limit<'static> {
        Limit {
            quantity: self.quantity.into_owned(),
            span: self.span,
        }
    }
}

impl IntoOwned for Offset<'_> {
    type Owned = Offset<'static>;
    fn into_owned(self) -> Offset<'static> {
        Offset {
            value: self.value.into_owned(),
            span: self.span,
        }
    }
}

impl IntoOwned for Fetch<'_> {
    type Owned = Fetch<'static>;
    fn into_owned(self) -> Fetch<'static> {
        Fetch {
            quantity: self.quantity.into_owned(),
            span: self.span,
        }
    }
}

impl IntoOwned for ColumnRef<'_> {
    type Owned = ColumnRef<'static>;
    fn into_owned(self) -> ColumnRef<'static> {
        ColumnRef {
            prefix: self.prefix.map(|p| {
                let ColumnPrefix { database, schema } = *p;
                Box::new(ColumnPrefix {
                    database: own_opt(database),
                    schema: schema.into_owned(),
                })
            }),
            qualifier: self.qualifier.map(|q| Box::new(q.into_owned())),
            name: self.name.into_owned(),
            span: self.span,
        }
    }
}

impl IntoOwned for Literal<'_> {
    type Owned = Literal<'static>;
    fn into_owned(self) -> Literal<'static> {
        match self {
            Literal::String {
                value,
                national,
                span,
            } => Literal::String {
                value: own(value),
                national,
                span,
            },
            Literal::Integer { text, span } => Literal::Integer {
                text: own(text),
                span,
            },
            Literal::Decimal { text, span } => Literal::Decimal {
                text: own(text),
                span,
            },
            Literal::Null { span } => Literal::Null { span },
        }
    }
}

impl IntoOwned for Param<'_> {
    type Owned = Param<'static>;
    fn into_owned(self) -> Param<'static> {
        Param {
            name: own(self.name),
            span: self.span,
        }
    }
}

impl IntoOwned for FunctionArgs<'_> {
    type Owned = FunctionArgs<'static>;
    fn into_owned(self) -> FunctionArgs<'static> {
        match self {
            FunctionArgs::Star { span } => FunctionArgs::Star { span },
            FunctionArgs::List(v) => FunctionArgs::List(own_vec(v)),
            FunctionArgs::Cast { expr, data_type } => FunctionArgs::Cast {
                expr: own_box(expr),
                data_type: own_box(data_type),
            },
        }
    }
}

impl IntoOwned for DataType<'_> {
    type Owned = DataType<'static>;
    fn into_owned(self) -> DataType<'static> {
        DataType {
            text: own(self.text),
            span: self.span,
        }
    }
}

impl IntoOwned for TableHints<'_> {
    type Owned = TableHints<'static>;
    fn into_owned(self) -> TableHints<'static> {
        TableHints {
            with: self.with,
            hints: self.hints.into_iter().map(own).collect(),
            span: self.span,
        }
    }
}

impl IntoOwned for QueryOption<'_> {
    type Owned = QueryOption<'static>;
    fn into_owned(self) -> QueryOption<'static> {
        QueryOption {
            kind: self.kind,
            text: own(self.text),
            span: self.span,
        }
    }
}

impl IntoOwned for CaseWhen<'_> {
    type Owned = CaseWhen<'static>;
    fn into_owned(self) -> CaseWhen<'static> {
        CaseWhen {
            condition: self.condition.into_owned(),
            result: self.result.into_owned(),
            span: self.span,
        }
    }
}

impl IntoOwned for WindowSpec<'_> {
    type Owned = WindowSpec<'static>;
    fn into_owned(self) -> WindowSpec<'static> {
        WindowSpec {
            partition_by: own_vec(self.partition_by),
            order_by: own_vec(self.order_by),
            frame: self.frame.map(own),
        }
    }
}

impl IntoOwned for Expr<'_> {
    type Owned = Expr<'static>;
    fn into_owned(self) -> Expr<'static> {
        match self {
            Expr::Column(c) => Expr::Column(c.into_owned()),
            Expr::Literal(l) => Expr::Literal(l.into_owned()),
            Expr::Param(p) => Expr::Param(p.into_owned()),
            Expr::Binary {
                left,
                op,
                right,
                span,
            } => Expr::Binary {
                left: own_box(left),
                op,
                right: own_box(right),
                span,
            },
            Expr::Unary { op, expr, span } => Expr::Unary {
                op,
                expr: own_box(expr),
                span,
            },
            Expr::Nested { expr, span } => Expr::Nested {
                expr: own_box(expr),
                span,
            },
            Expr::InList {
                expr,
                list,
                negated,
                span,
            } => Expr::InList {
                expr: own_box(expr),
                list: own_vec(list),
                negated,
                span,
            },
            Expr::InSubquery {
                expr,
                subquery,
                negated,
                span,
            } => Expr::InSubquery {
                expr: own_box(expr),
                subquery: own_box(subquery),
                negated,
                span,
            },
            Expr::Between {
                expr,
                negated,
                low,
                high,
                span,
            } => Expr::Between {
                expr: own_box(expr),
                negated,
                low: own_box(low),
                high: own_box(high),
                span,
            },
            Expr::Like {
                expr,
                negated,
                pattern,
                escape,
                span,
            } => Expr::Like {
                expr: own_box(expr),
                negated,
                pattern: own_box(pattern),
                escape: escape.map(own_box),
                span,
            },
            Expr::IsNull {
                expr,
                negated,
                span,
            } => Expr::IsNull {
                expr: own_box(expr),
                negated,
                span,
            },
            Expr::Function {
                name,
                args,
                distinct,
                span,
            } => Expr::Function {
                name: name.into_owned(),
                args: args.into_owned(),
                distinct,
                span,
            },
            Expr::Subquery { query, span } => Expr::Subquery {
                query: own_box(query),
                span,
            },
            Expr::Exists {
                query,
                negated,
                span,
            } => Expr::Exists {
                query: own_box(query),
                negated,
                span,
            },
            Expr::Variable(v) => Expr::Variable(Variable {
                name: own(v.name),
                system: v.system,
                span: v.span,
            }),
            Expr::Case {
                operand,
                branches,
                else_result,
                span,
            } => Expr::Case {
                operand: operand.map(own_box),
                branches: own_vec(branches),
                else_result: else_result.map(own_box),
                span,
            },
            Expr::Window {
                function,
                spec,
                span,
            } => Expr::Window {
                function: own_box(function),
                spec: own_box(spec),
                span,
            },
            Expr::Collate {
                expr,
                collation,
                span,
            } => Expr::Collate {
                expr: own_box(expr),
                collation: collation.into_owned(),
                span,
            },
        }
    }
}

impl<'a> Query<'a> {
    /// This query with every string copied, so that it outlives its source text.
    pub fn into_owned(self) -> Query<'static> {
        IntoOwned::into_owned(self)
    }
}
