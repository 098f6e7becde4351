//! PDF export of the large plan (SPEC section 8 target: < 2 s), and its workbook.

#![allow(clippy::expect_used, clippy::print_stderr)] // set-up failures stop the benchmark loudly

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use integrity_planner::export::{self, Profile};
use integrity_planner::scale::{Scale, large_plan};

fn bench(c: &mut Criterion) {
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).expect("date");
    let plan = large_plan(Scale::SPEC, poll).expect("large plan");
    let bytes = export::plan_pdf(&plan, Profile::Full).expect("export");
    eprintln!("large plan PDF: {} bytes", bytes.len());
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("large plan, full", |b| {
        b.iter(|| black_box(export::plan_pdf(black_box(&plan), Profile::Full).expect("export")))
    });
    group.bench_function("large plan, custody sheets", |b| {
        b.iter(|| {
            black_box(
                export::custody_sheets_pdf(black_box(&plan), export::Profile::Full)
                    .expect("sheets"),
            )
        })
    });
    group.bench_function("large plan, workbook", |b| {
        b.iter(|| {
            black_box(
                export::workbook::workbook(black_box(&plan), Profile::Full).expect("workbook"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
