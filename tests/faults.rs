//! Fault injection: a process saving a plan is killed (SIGKILL, as a power cut or a crash would stop it)
//! at seeded random moments. Whatever the moment, the plan is the old complete version or the new one,
//! every backup is a complete plan, and the next save tidies what the killed one left behind.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)] // fail loudly; report counts

mod common;

use std::path::Path;
use std::time::Instant;

use common::*;
use integrity_planner::storage;

/// A small, seeded pseudo-random sequence (xorshift64*), so a failure can be replayed.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// A CSV adding `rows` handovers, each with its own id so the new plan is always the same.
fn rows_csv(path: &Path, rows: usize) {
    let plan = storage::load(Path::new(EXAMPLE)).unwrap();
    let boxes: Vec<&str> = plan
        .custody
        .items
        .iter()
        .filter(|i| i.kind == integrity_planner::model::ItemKind::BallotBox)
        .map(|i| i.label.as_str())
        .collect();
    let mut text = String::from("event_id,item_label,at,stage,from,to\n");
    for i in 0..rows {
        text.push_str(&format!(
            "00000000-0000-4000-8000-{i:012},{},2027-05-07 {:02}:{:02},count,Olu Adeyemi,Table {}\n",
            boxes[i % boxes.len()],
            12 + i / 60,
            i % 60,
            i % 10 + 1
        ));
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_plan_or_the_new_one() {
    let seed = 0x5eed_2026_u64;
    let mut random = Seeded(seed);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("rows.csv");
    rows_csv(&csv, 200);
    let plan = dir.path().join("p.plan.ron");
    let old = std::fs::read(EXAMPLE).unwrap();
    let old_events = storage::load(Path::new(EXAMPLE))
        .unwrap()
        .custody
        .events
        .len();
    let import = |plan: &Path| {
        program()
            .args([
                "custody",
                "import",
                plan.to_str().unwrap(),
                csv.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // One whole run, to know how long a save takes here and what the new plan is.
    std::fs::write(&plan, &old).unwrap();
    let started = Instant::now();
    assert!(import(&plan).wait().unwrap().success());
    let whole = started.elapsed();
    let new = storage::load(&plan).unwrap();
    let new_events = new.custody.events.len();
    assert_eq!(new_events, old_events + 200);

    let (mut saw_old, mut saw_new) = (0, 0);
    for round in 0..24 {
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path != csv {
                std::fs::remove_file(path).unwrap();
            }
        }
        std::fs::write(&plan, &old).unwrap();
        let wait = whole.mul_f64((random.next() % 1200) as f64 / 1000.0);
        let mut child = import(&plan);
        std::thread::sleep(wait);
        let _ = child.kill();
        child.wait().unwrap();
        let loaded = storage::load(&plan)
            .unwrap_or_else(|e| panic!("seed {seed:#x}, round {round}: the plan is damaged: {e}"));
        let events = loaded.custody.events.len();
        assert!(
            events == old_events || events == new_events,
            "seed {seed:#x}, round {round}: {events} events, neither old nor new"
        );
        if events == old_events {
            saw_old += 1;
            assert_eq!(std::fs::read(&plan).unwrap(), old, "round {round}");
        } else {
            saw_new += 1;
            // The import also records the minute it ran; everything else is the new plan exactly.
            let mut same = loaded.clone();
            same.custody.imports.clone_from(&new.custody.imports);
            assert_eq!(same, new, "seed {seed:#x}, round {round}");
        }
        for backup in storage::backups::list(&plan).unwrap() {
            assert!(
                storage::load(&backup.path).is_ok(),
                "seed {seed:#x}, round {round}: backup {} is damaged",
                backup.path.display()
            );
        }
    }
    // Which outcome each kill gives depends on the machine's load, so it is reported, not asserted.
    eprintln!("killed saves: {saw_old} left the old plan, {saw_new} the new one");

    // A save after a killed one tidies its temporary file.
    std::fs::write(&plan, &old).unwrap();
    let tmp = dir.path().join(".p.plan.ron.tmp-99999-abcdefabcdef");
    std::fs::write(&tmp, &old[..old.len() / 2]).unwrap();
    assert!(import(&plan).wait().unwrap().success());
    assert!(!tmp.exists());
}
