// An integer column compared with a string (CTAPI would convert it implicitly, or fail).
use crql::build::prelude::*;

fn main() {
    let _ = select(enrollment::enroll_id)
        .from(Enrollment)
        .filter(enrollment::enroll_id.in_list(["101", "102"]))
        .build();
}
