// CRQL allows at most one JOIN.
use crql::build::prelude::*;

fn main() {
    let _ = select(cm_client::client_id)
        .from(CmClient)
        .join(Enrollment)
        .on(enrollment::client_id.eq(cm_client::client_id))
        .join(CmCaseAssign)
        .on(cm_case_assign::enroll_id.eq(enrollment::enroll_id))
        .build();
}
