// A user's own table, declared as `crql codegen` writes it (keyword-like and
// bracket-needing names included), is usable with the typed builder.
crql::table! {
    /// The `my table` table.
    pub my_table = "my table" as MyTable {
        type_ = "type": Text,
        row_id = "Row ID": Integer,
        amount = "Amount": Decimal,
        flag = "Flag": Boolean,
        born = "BirthDate": Date,
        extra = "Extra": Unknown,
    }
}

fn main() {
    let q = crql::build::select((my_table::row_id, my_table::type_))
        .top(5)
        .from(MyTable)
        .filter(
            my_table::amount
                .gt(crql::build::Dec::try_from(2.5).unwrap())
                .and(my_table::flag.eq(true))
                .and(my_table::born.lt(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()))
                .and(my_table::extra.eq("anything").or(my_table::extra.eq(3))),
        )
        .build();
    let text = q.to_string();
    assert_eq!(
        text,
        "SELECT TOP 5 [Row ID], type FROM [my table] WHERE Amount > 2.5 AND Flag = 1 \
         AND BirthDate < '2000-01-01' AND (Extra = 'anything' OR Extra = 3)"
    );
    assert_eq!(crql::parse(&text).unwrap(), q);
}
