// LIKE is for text columns.
use crql::build::prelude::*;

fn main() {
    let _ = select(cm_client::client_id)
        .from(CmClient)
        .filter(cm_client::client_id.like("1%"))
        .build();
}
