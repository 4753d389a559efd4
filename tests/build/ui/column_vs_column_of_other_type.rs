// Two columns of different value types.
use crql::build::prelude::*;

fn main() {
    let _ = select(cm_client::client_id)
        .from(CmClient)
        .filter(cm_client::client_id.eq(cm_client::last_name))
        .build();
}
