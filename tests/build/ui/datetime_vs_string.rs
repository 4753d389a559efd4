// A datetime column takes chrono values, not strings that may be malformed.
use crql::build::prelude::*;

fn main() {
    let _ = select(cm_client::client_id)
        .from(CmClient)
        .filter(cm_client::updated_date.gt("2024-13-45"))
        .build();
}
