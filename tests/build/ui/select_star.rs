// CRQL has no `*` in the field list.
use crql::build::prelude::*;

fn main() {
    let _ = select("*").from(CmClient).build();
}
