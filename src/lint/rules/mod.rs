//! The rule registry: one file per check, named after its (first) code. A check's
//! documentation is its codes' entries in the code table
//! ([`Code::info`]); the file holds the check and names its codes.

use super::Rule;
use crate::diagnostic::Code;

mod e0101_unknown_table;
mod e0102_unknown_column;
mod e0103_ambiguous_column;
mod e0104_unknown_qualifier;
mod e0201_wildcard;
mod e0202_subquery;
mod e0203_multiple_joins;
mod e0204_calculated_expression;
mod e0205_paging_clause;
mod e0206_unsupported_construct;
mod e0207_query_too_long;
mod e0208_constant_field;
mod e0209_condition_as_value;
mod e0210_value_as_condition;
mod e0211_join_condition;
mod e0212_reserved_alias;
mod e0213_distinct_order_by;
mod e0214_reserved_word;
mod e0217_variable;
mod e0218_table_hint;
mod e0219_database_name;
mod e0220_column_schema;
mod e0301_literal_type;
mod e0303_unbound_parameter;
mod e0307_top_quantity;
mod e0308_escape_character;
mod e0309_number_range;
mod e0310_datepart;
mod w0401_missing_top;
mod w0402_order_by;
mod w0403_null_comparison;
mod w0404_leading_wildcard;
mod w0405_duplicate_column;
mod w0406_empty_between;
mod w0408_null_in_list;
mod w0410_quoted_alias;

/// Every lint check, in code order. Parse errors (E0001, E0002) come from the
/// parser, and the builder's codes from the builder: no check reports them.
pub static RULES: &[&dyn Rule] = &[
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
    &e0210_value_as_condition::ValueAsCondition,
    &e0211_join_condition::JoinCondition,
    &e0212_reserved_alias::ReservedAlias,
    &e0213_distinct_order_by::DistinctOrderBy,
    &e0214_reserved_word::ReservedWord,
    &e0217_variable::TsqlVariable,
    &e0218_table_hint::TableHint,
    &e0219_database_name::DatabaseName,
    &e0220_column_schema::ColumnSchema,
    &e0301_literal_type::LiteralType,
    &e0303_unbound_parameter::UnboundParameter,
    &e0307_top_quantity::TopQuantity,
    &e0308_escape_character::EscapeCharacter,
    &e0309_number_range::NumberRange,
    &e0310_datepart::Datepart,
    &w0401_missing_top::MissingTop,
    &w0402_order_by::OrderBy,
    &w0403_null_comparison::NullComparison,
    &w0404_leading_wildcard::LeadingWildcard,
    &w0405_duplicate_column::DuplicateColumn,
    &w0406_empty_between::EmptyBetween,
    &w0408_null_in_list::NullInList,
    &w0410_quoted_alias::QuotedAlias,
];

/// The check that reports `code`, when a lint check does.
pub fn rule(code: Code) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.codes().contains(&code))
}

/// `text` in backticks, for messages.
pub(crate) fn tick(text: &str) -> String {
    format!("`{text}`")
}

/// The span of the first `len` bytes of `span` (a leading keyword), clamped.
pub(crate) fn head(span: crate::Span, len: usize) -> crate::Span {
    crate::Span::new(span.start, span.end.min(span.start + len))
}
