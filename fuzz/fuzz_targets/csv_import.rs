//! Any bytes given as a custody CSV, imported into the example plan: all or nothing, never a panic,
//! every chain whole afterwards.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use integrity_planner::custody::{self, csv};
use integrity_planner::model::Plan;
use integrity_planner::storage;
use libfuzzer_sys::fuzz_target;

static EXAMPLE: LazyLock<Plan> = LazyLock::new(|| {
    storage::parse(
        include_str!("../../examples/northmere.plan.ron"),
        Path::new("example"),
    )
    .expect("the example loads")
});

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let plan = &*EXAMPLE;
    let mut custody = plan.custody.clone();
    let options = csv::ImportOptions {
        default_log: "fuzz",
        device: "fuzzer",
        plan: plan.id,
        poll_date: plan.overview.poll_date,
        allow_other_plan: false,
    };
    match csv::import(&mut custody, text, &options) {
        Err(_) => assert_eq!(custody, plan.custody, "a refused file changes nothing"),
        Ok(report) => {
            assert_eq!(custody.events.len(), plan.custody.events.len() + report.added);
            assert!(custody::verify(&custody).is_empty());
        }
    }
});
