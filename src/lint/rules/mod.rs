//! The rule registry: one file per rule, named after its code.

use super::Rule;

pub mod e0001_syntax;
pub mod e0002_limits;
pub mod e0101_unknown_table;
pub mod e0102_unknown_column;
pub mod e0103_ambiguous_column;
pub mod e0104_unknown_qualifier;
pub mod e0201_wildcard;
pub mod e0202_subquery;
pub mod e0203_multiple_joins;
pub mod e0204_calculated_expression;
pub mod e0205_paging_clause;
pub mod e0206_unsupported_construct;
pub mod e0207_query_too_long;
pub mod e0208_constant_field;
pub mod e0209_condition_as_value;
pub mod e0301_literal_type;
pub mod e0302_malformed_date;
pub mod e0303_unbound_parameter;
pub mod e0307_top_quantity;
pub mod w0401_missing_top;
pub mod w0402_order_by;
pub mod w0403_null_comparison;
pub mod w0404_leading_wildcard;
pub mod w0405_duplicate_column;
pub mod w0406_empty_between;
pub mod w0407_quoted_number;

/// Every rule, in code order.
pub static RULES: &[&dyn Rule] = &[
    &e0001_syntax::Syntax,
    &e0002_limits::Limits,
    &e0101_unknown_table::UnknownTable,
    &e0102_unknown_column::UnknownColumn,
    &e0103_ambiguous_column::AmbiguousColumn,
    &e0104_unknown_qualifier::UnknownQualifier,
    &e0201_wildcard::Wildcard,
    &e0202_subquery::Subquery,
    &e0203_multiple_joins::MultipleJoins,
    &e0204_calculated_expression::CalculatedExpression,
    &e0205_paging_clause::PagingClause,
    &e0206_unsupported_construct::UnsupportedConstruct,
    &e0207_query_too_long::QueryTooLong,
    &e0208_constant_field::ConstantField,
    &e0209_condition_as_value::ConditionAsValue,
    &e0301_literal_type::LiteralType,
    &e0302_malformed_date::MalformedDate,
    &e0303_unbound_parameter::UnboundParameter,
    &e0307_top_quantity::TopQuantity,
    &w0401_missing_top::MissingTop,
    &w0402_order_by::OrderBy,
    &w0403_null_comparison::NullComparison,
    &w0404_leading_wildcard::LeadingWildcard,
    &w0405_duplicate_column::DuplicateColumn,
    &w0406_empty_between::EmptyBetween,
    &w0407_quoted_number::QuotedNumber,
];

/// The rule with `code` (case-insensitive).
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.info().code.eq_ignore_ascii_case(code))
}

/// `text` in backticks, for messages.
pub(crate) fn tick(text: &str) -> String {
    format!("`{text}`")
}

/// The span of the first `len` bytes of `span` (a leading keyword), clamped.
pub(crate) fn head(span: crate::Span, len: usize) -> crate::Span {
    crate::Span::new(span.start, span.end.min(span.start + len))
}
