//! Tables as Rust items: the [`Table`] trait and the [`table!`](crate::table) macro
//! that declares a table and its typed columns.

use crate::schema::ColumnType;

/// A table the typed builder can read. Declare one with [`table!`](crate::table).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a CRQL table",
    label = "expected a table declared with `crql::table!`",
    note = "the built-in ClientTrack tables are in `crql::build::clienttrack`"
)]
pub trait Table: Copy {
    /// The name as CTAPI spells it (`cmClient`).
    const NAME: &'static str;
    /// Every column, in declaration order.
    const COLUMNS: &'static [ColumnInfo];
}

/// What a typed table knows about one of its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ColumnInfo {
    /// The Rust name (`usr_pgm_mgr_id`).
    pub rust_name: &'static str,
    /// The name as CTAPI spells it (`usrPgmMgrId`).
    pub name: &'static str,
    /// The value type.
    pub kind: ColumnType,
}

/// Declares a typed table: a module holding a unit struct for the table and one
/// constant per column, with the column's value type.
///
/// The Rust names are yours; the quoted names are what gets printed.
///
/// ```
/// crql::table! {
///     /// Our own table.
///     pub my_table = "MyTable" as MyTable {
///         /// The key.
///         row_id = "RowID": Integer,
///         display_name = "displayName": Text,
///         created_at = "CreatedDate": DateTime,
///     }
/// }
///
/// let q = crql::build::select((my_table::row_id, my_table::display_name))
///     .top(10)
///     .from(MyTable)
///     .filter(my_table::display_name.like("A%"))
///     .build();
/// assert_eq!(
///     q.to_string(),
///     "SELECT TOP 10 RowID, displayName FROM MyTable WHERE displayName LIKE 'A%'"
/// );
/// ```
///
/// Column types are the markers of [`crql::build::types`](crate::build::types):
/// `Integer`, `Decimal`, `Text`, `Date`, `DateTime`, `Boolean`, `Unknown`.
#[macro_export]
macro_rules! table {
    ($(
        $(#[$meta:meta])*
        $vis:vis $module:ident = $name:literal as $table:ident {
            $(
                $(#[$cmeta:meta])*
                $column:ident = $cname:literal : $ctype:ident
            ),* $(,)?
        }
    )*) => {$(
        $(#[$meta])*
        #[allow(non_upper_case_globals)]
        $vis mod $module {
            #[doc = concat!("The `", $name, "` table.")]
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct $table;

            impl $crate::build::Table for $table {
                const NAME: &'static str = $name;
                const COLUMNS: &'static [$crate::build::ColumnInfo] = &[$(
                    $crate::build::ColumnInfo {
                        rust_name: stringify!($column),
                        name: $cname,
                        kind: <$crate::build::types::$ctype as $crate::build::value::SqlType>::KIND,
                    },
                )*];
            }

            $(
                $(#[$cmeta])*
                #[doc = concat!("`", $name, ".", $cname, "` (", stringify!($ctype), ")")]
                pub const $column: $crate::build::Col<$table, $crate::build::types::$ctype> =
                    $crate::build::Col::new($cname);
            )*
        }
        $vis use $module::$table;
    )*};
}
