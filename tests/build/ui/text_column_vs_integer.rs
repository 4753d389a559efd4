// A text column compared with an integer.
use crql::build::prelude::*;

fn main() {
    let _ = select(cm_client::client_id)
        .from(CmClient)
        .filter(cm_client::first_name.eq(5))
        .build();
}
