// A WHERE on a column of a table the query does not read.
use crql::build::prelude::*;

fn main() {
    let _ = select(cm_client::client_id)
        .from(CmClient)
        .filter(enrollment::exit_date.is_null())
        .build();
}
