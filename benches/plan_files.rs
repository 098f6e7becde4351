//! Load, validate and save of the large plan at N = 1, 2 and 4 times the scale of SPEC section 8
//! (targets at N = 4: load + validate < 1 s, save < 0.8 s), and the whole-plan copy a background
//! save takes as its snapshot.

#![allow(clippy::expect_used)] // set-up failures should stop the benchmark loudly

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use integrity_planner::scale::{Scale, bench_scales, large_plan};
use integrity_planner::storage;
use integrity_planner::validate::{Context, validate};

fn bench(c: &mut Criterion) {
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).expect("date");
    let context = Context::on(poll);
    for n in bench_scales() {
        let mut plan = large_plan(Scale::SPEC.times(n), poll).expect("large plan");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("large.plan.ron");
        storage::save(&mut plan, &path).expect("save");
        let mut group = c.benchmark_group(format!("large plan, N = {n}"));
        group.sample_size(10);
        group.bench_function("load + validate", |b| {
            b.iter(|| {
                let plan = storage::load(black_box(&path)).expect("load");
                black_box(validate(&plan, &context))
            });
        });
        group.bench_function("load", |b| {
            b.iter(|| black_box(storage::load(black_box(&path)).expect("load")));
        });
        group.bench_function("validate", |b| {
            b.iter(|| black_box(validate(black_box(&plan), &context)));
        });
        group.bench_function("snapshot (the copy a background save writes)", |b| {
            b.iter(|| black_box(black_box(&plan).clone()));
        });
        // Each save changes the plan, so each one writes, keeps a backup and prunes old ones, as in
        // use.
        let mut k = 0_u64;
        group.bench_function("save", |b| {
            b.iter(|| {
                k += 1;
                plan.overview.version = format!("1.{k}");
                storage::save(black_box(&mut plan), &path).expect("save")
            });
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
