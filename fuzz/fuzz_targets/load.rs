//! Any bytes given as a plan file: loading returns a plan or an error, never panics, and a plan that
//! loads writes out and loads back the same.
#![no_main]

use std::path::Path;

use integrity_planner::storage;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(plan) = storage::parse_bytes(bytes, Path::new("fuzz.plan.ron")) {
        let text = storage::to_ron(&plan).expect("a loaded plan writes out");
        let again = storage::parse(&text, Path::new("again.plan.ron")).expect("and loads back");
        assert_eq!(again, plan);
        let _ = integrity_planner::validate::validate(
            &plan,
            &integrity_planner::validate::Context::on(plan.overview.poll_date),
        );
    }
});
