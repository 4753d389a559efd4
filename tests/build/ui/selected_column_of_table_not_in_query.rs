// A selected column of a table the query does not read.
use crql::build::prelude::*;

fn main() {
    let _ = select((cm_client::client_id, enrollment::enroll_id))
        .from(CmClient)
        .build();
}
