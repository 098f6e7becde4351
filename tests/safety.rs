//! Nothing lost, nothing forged: the command line under the faults a real office meets — two writers at
//! once, outputs pointed at the plan, links and permissions, a closed pipe or a full disk, retried
//! imports, merges that conflict, logs cut short, spreadsheets and terminals that act on what they show.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed step should fail the test loudly

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::*;
use integrity_planner::custody::{self, NewEvent};
use integrity_planner::model::{CustodyItemId, CustodyStage, Plan};
use integrity_planner::storage;

/// A copy of the example at `dir/name`.
fn example_copy(dir: &Path, name: &str) -> PathBuf {
    temp_plan(dir, name, &std::fs::read(EXAMPLE).unwrap())
}

/// A CSV of one handover of box `label` at `at`.
fn one_row(dir: &Path, name: &str, label: &str, at: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            "item_label,at,stage,from,to,seals_seen,seals_intact\n{label},{at},count,Olu Adeyemi,Table 1,,\n"
        ),
    )
    .unwrap();
    path
}

/// A box received at the count at `at` by `to`.
fn receipt(item: CustodyItemId, at: chrono::NaiveDateTime, to: &str) -> NewEvent {
    NewEvent {
        item,
        at,
        stage: CustodyStage::ReceiptAtCount,
        location: String::new(),
        from: String::new(),
        to: to.to_owned(),
        seals_seen: Vec::new(),
        seals_intact: true,
        witness: String::new(),
        notes: String::new(),
        corrects: None,
    }
}

/// How many events an import said it recorded.
fn recorded(stdout: &str) -> usize {
    stdout
        .split("recorded ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {stdout:?}"))
}

fn events(path: &Path) -> usize {
    storage::load(path).unwrap().custody.events.len()
}

#[test]
fn two_importers_at_once_never_lose_one() {
    let dir = tempfile::tempdir().unwrap();
    let a = one_row(dir.path(), "a.csv", "AA/1", "2027-05-07 13:00");
    let b = one_row(dir.path(), "b.csv", "AB/1", "2027-05-07 13:05");
    let base = events(Path::new(EXAMPLE));
    for round in 0..10 {
        let plan = example_copy(dir.path(), &format!("p{round}.plan.ron"));
        let spawn = |csv: &Path, log: &str| {
            program()
                .args([
                    "custody",
                    "import",
                    plan.to_str().unwrap(),
                    csv.to_str().unwrap(),
                ])
                .args(["--log", log])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let first = spawn(&a, "table-1");
        let second = spawn(&b, "table-2");
        let mut added = 0;
        for child in [first, second] {
            let o = child.wait_with_output().unwrap();
            assert_eq!(code(&o), 0, "{}", stderr(&o));
            added += recorded(&stdout(&o));
        }
        assert_eq!(added, 2);
        assert_eq!(
            events(&plan),
            base + added,
            "round {round}: an import vanished"
        );
    }
}

#[test]
fn a_writer_that_waits_too_long_names_the_holder_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_copy(dir.path(), "p.plan.ron");
    let csv = one_row(dir.path(), "a.csv", "AA/1", "2027-05-07 13:00");
    let before = std::fs::read(&plan).unwrap();
    // Another program holds the lock, as it records in the lock file.
    let mut lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(storage::lock_path(&plan))
        .unwrap();
    lock.lock().unwrap();
    use std::io::Write as _;
    lock.write_all(b"user: jsmith\nhost: ELECTIONS-07\nprocess: 4242\ncommand: integrity-planner custody merge\nsince: 2027-05-07 01:02:03 UTC\n").unwrap();
    let started = std::time::Instant::now();
    let o = run(&[
        "custody",
        "import",
        plan.to_str().unwrap(),
        csv.to_str().unwrap(),
        "--lock-wait",
        "0.5",
    ]);
    let err = assert_refused(&o);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(500),
        "it waited"
    );
    assert!(
        err.contains("being changed by another program")
            && err.contains("jsmith")
            && err.contains("ELECTIONS-07")
            && err.contains("custody merge"),
        "{err}"
    );
    assert!(err.contains("--lock-wait"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    drop(lock);
    let o = run(&[
        "custody",
        "import",
        plan.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn no_output_is_ever_written_over_the_plan_or_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_copy(dir.path(), "p.plan.ron");
    // One save, so the plan has a backup and a lock file.
    let csv = one_row(dir.path(), "a.csv", "AA/1", "2027-05-07 13:00");
    assert_eq!(
        code(&run(&[
            "custody",
            "import",
            plan.to_str().unwrap(),
            csv.to_str().unwrap()
        ])),
        0
    );
    let before = std::fs::read(&plan).unwrap();
    let backup = dir
        .path()
        .read_dir()
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".bak"));
    let backup = backup.unwrap();
    let backup_bytes = std::fs::read(&backup).unwrap();
    let link = dir.path().join("link.pdf");
    let hard = dir.path().join("hard.csv");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&plan, &link).unwrap();
        std::fs::hard_link(&plan, &hard).unwrap();
    }
    let dotted = dir.path().join(".").join("p.plan.ron");
    let mut targets = vec![
        plan.clone(),
        dotted,
        storage::lock_path(&plan),
        backup.clone(),
    ];
    if cfg!(unix) {
        targets.extend([link, hard]);
    }
    for output in &targets {
        let out = output.to_str().unwrap();
        for args in [
            vec!["export", plan.to_str().unwrap(), "-o", out, "--force"],
            vec![
                "custody",
                "export",
                plan.to_str().unwrap(),
                "-o",
                out,
                "--force",
            ],
            vec![
                "custody",
                "sheets",
                plan.to_str().unwrap(),
                "-o",
                out,
                "--force",
            ],
        ] {
            let err = assert_refused(&run(&args));
            assert!(err.contains("would destroy it"), "{args:?}: {err}");
        }
    }
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    assert_eq!(std::fs::read(&backup).unwrap(), backup_bytes);
    // Another plan is refused without --force, replaced with it.
    let other = example_copy(dir.path(), "other.plan.ron");
    let err = assert_refused(&run(&[
        "export",
        plan.to_str().unwrap(),
        "-o",
        other.to_str().unwrap(),
    ]));
    assert!(err.contains("--force"), "{err}");
    let o = run(&[
        "export",
        plan.to_str().unwrap(),
        "-o",
        other.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_linked_private_plan_stays_a_link_and_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("store")).unwrap();
    let real = example_copy(&dir.path().join("store"), "real.plan.ron");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("p.plan.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let csv = one_row(dir.path(), "a.csv", "AA/1", "2027-05-07 13:00");
    let o = run(&[
        "custody",
        "import",
        link.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(events(&real), events(Path::new(EXAMPLE)) + 1);
    for entry in std::fs::read_dir(dir.path().join("store")).unwrap() {
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o077, 0, "{:?} is {mode:o}", entry.file_name());
    }
}

#[test]
fn replacing_a_plan_with_new_twice_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_copy(dir.path(), "p.plan.ron");
    let original = std::fs::read_to_string(&plan).unwrap();
    for _ in 0..2 {
        let o = run(&[
            "new",
            "--template",
            "english-local",
            "--poll-date",
            "2027-05-06",
            "-o",
            plan.to_str().unwrap(),
            "--force",
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    assert!(backups_of(&plan).contains(&original));
    let o = run(&["backups", plan.to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o).matches(".bak").count(), 2, "{}", stdout(&o));
    // Restoring the oldest brings the example back, its custody log whole.
    let o = run(&["backups", plan.to_str().unwrap(), "--restore", "2"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let restored = storage::load(&plan).unwrap();
    assert_eq!(restored.overview.authority, "Northmere Borough Council");
    assert_eq!(restored.custody.events.len(), events(Path::new(EXAMPLE)));
    assert_eq!(
        backups_of(&plan).len(),
        3,
        "the version replaced is kept too"
    );
}

#[test]
fn restoring_a_version_keeps_the_custody_events_recorded_since() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_copy(dir.path(), "p.plan.ron");
    let csv = one_row(dir.path(), "a.csv", "AA/1", "2027-05-07 13:00");
    assert_eq!(
        code(&run(&[
            "custody",
            "import",
            plan.to_str().unwrap(),
            csv.to_str().unwrap()
        ])),
        0
    );
    let with_event = events(&plan);
    let o = run(&["backups", plan.to_str().unwrap(), "--restore", "1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(events(&plan), with_event, "evidence is never rolled back");
    let o = run(&[
        "check",
        plan.to_str().unwrap(),
        "--as-of",
        "2027-05-07T12:00",
    ]);
    assert!(!stdout(&o).contains("custody.truncated"), "{}", stdout(&o));
    let err = assert_refused(&run(&["backups", plan.to_str().unwrap(), "--restore", "9"]));
    assert!(err.contains("no backup 9"), "{err}");
}

/// Runs the program with its standard output closed by its reader before it writes.
fn with_stdout_closed(args: &[&str]) -> std::process::Output {
    let mut child = program()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_or_a_full_disk_is_an_exit_code_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_copy(dir.path(), "p.plan.ron");
    let csv = one_row(dir.path(), "a.csv", "AA/1", "2027-05-07 13:00");
    for args in [
        vec!["templates"],
        vec!["check", plan.to_str().unwrap()],
        vec!["custody", "heads", plan.to_str().unwrap()],
        vec![
            "timetable",
            "--election",
            "english-local",
            "--poll-date",
            "2027-05-06",
        ],
    ] {
        let o = with_stdout_closed(&args);
        assert_eq!(code(&o), 3, "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}: a closed pipe is a quiet exit");
    }
    // The import saved before it printed: the event is recorded, and a retry records nothing twice.
    let o = with_stdout_closed(&[
        "custody",
        "import",
        plan.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert_eq!(events(&plan), events(Path::new(EXAMPLE)) + 1);
    let o = run(&[
        "custody",
        "import",
        plan.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]);
    let err = assert_refused(&o);
    assert!(err.contains("already imported"), "{err}");
    #[cfg(target_os = "linux")]
    {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = program()
            .args(["check", plan.to_str().unwrap()])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(code(&o), 3);
        let err = stderr(&o);
        assert!(
            err.contains("cannot write the output") && err.contains("hint:"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn retried_imports_never_duplicate_and_skipped_rows_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_copy(dir.path(), "p.plan.ron");
    let csv = one_row(dir.path(), "a.csv", "AA/1", "2027-05-07 13:00");
    let plan_arg = plan.to_str().unwrap();
    assert_eq!(
        code(&run(&[
            "custody",
            "import",
            plan_arg,
            csv.to_str().unwrap()
        ])),
        0
    );
    let once = events(&plan);
    let err = assert_refused(&run(&[
        "custody",
        "import",
        plan_arg,
        csv.to_str().unwrap(),
    ]));
    assert!(
        err.contains("already imported") && err.contains("--force"),
        "{err}"
    );
    let o = run(&[
        "custody",
        "import",
        plan_arg,
        csv.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("recorded 0 new events"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("skipped 1 row already recorded: 2"),
        "{}",
        stdout(&o)
    );
    assert_eq!(events(&plan), once);
    // The same row in another file (a colleague's copy of the sheet), beside a new one.
    let two = dir.path().join("two.csv");
    std::fs::write(
        &two,
        "item_label,at,stage,from,to,seals_seen,seals_intact\n\
         AB/1,2027-05-07 13:10,count,Olu Adeyemi,Table 2,,\n\
         AA/1,2027-05-07 13:00,count,Olu Adeyemi,Table 1,,\n",
    )
    .unwrap();
    let o = run(&["custody", "import", plan_arg, two.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("recorded 1 new event "),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("already recorded: 3"), "{}", stdout(&o));
    assert_eq!(events(&plan), once + 1);
}

/// Two copies of the example, each with one more event in the same log: a fork.
fn forked_copies(dir: &Path) -> (PathBuf, PathBuf) {
    let make = |name: &str, to: &str| {
        let mut plan = storage::load(Path::new(EXAMPLE)).unwrap();
        let item = plan.custody.items[1].id;
        custody::record(
            &mut plan.custody,
            "count-receipt",
            receipt(
                item,
                plan.overview.poll_date.and_hms_opt(23, 59, 0).unwrap(),
                to,
            ),
        );
        let path = dir.join(name);
        storage::save(&mut plan, &path).unwrap();
        path
    };
    (
        make("ours.plan.ron", "Desk A"),
        make("theirs.plan.ron", "Desk B"),
    )
}

#[test]
fn a_merge_with_a_conflict_writes_nothing_unless_told_to_leave_that_log_out() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = forked_copies(dir.path());
    // Theirs also has a whole new log, which merges cleanly.
    let mut t = storage::load(&theirs).unwrap();
    let item = t.custody.items[3].id;
    custody::record(
        &mut t.custody,
        "count-table-9",
        receipt(
            item,
            t.overview.poll_date.and_hms_opt(23, 0, 0).unwrap(),
            "Table 9",
        ),
    );
    storage::save(&mut t, &theirs).unwrap();
    let before = std::fs::read(&ours).unwrap();
    let backups_before = backups_of(&ours).len();
    let o = run(&[
        "custody",
        "merge",
        ours.to_str().unwrap(),
        theirs.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!(
            "conflict: log “count-receipt” has a different event #{}",
            example_log_len("count-receipt") + 1
        )),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("nothing was changed"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&ours).unwrap(), before, "byte-identical");
    assert_eq!(backups_of(&ours).len(), backups_before);

    let o = run(&[
        "custody",
        "merge",
        ours.to_str().unwrap(),
        theirs.to_str().unwrap(),
        "--skip-conflicting-logs",
    ]);
    assert_eq!(code(&o), 1, "conflicts are still reported: {}", stderr(&o));
    let merged = storage::load(&ours).unwrap();
    assert!(
        custody::verify(&merged.custody).is_empty(),
        "every chain intact"
    );
    assert!(
        merged
            .custody
            .events
            .iter()
            .any(|e| e.log == "count-table-9")
    );
    assert!(
        !merged.custody.events.iter().any(|e| e.to == "Desk B"),
        "the forked log left out"
    );

    // Merging what the plan already has writes nothing.
    let now = std::fs::read(&ours).unwrap();
    let o = run(&[
        "custody",
        "merge",
        ours.to_str().unwrap(),
        ours.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("nothing changed"), "{}", stdout(&o));
    assert_eq!(std::fs::read(&ours).unwrap(), now);
}

#[test]
fn a_copy_holding_one_event_id_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_copy(dir.path(), "p.plan.ron");
    let mut copy = storage::load(Path::new(EXAMPLE)).unwrap();
    let twin = copy.custody.events[3].clone();
    copy.custody.events.push(twin);
    let copy_path = dir.path().join("copy.plan.ron");
    std::fs::write(&copy_path, storage::to_ron(&copy).unwrap()).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let o = run(&[
        "custody",
        "merge",
        plan.to_str().unwrap(),
        copy_path.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("holds two events with the id"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

#[test]
fn another_plans_files_are_refused_by_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_copy(dir.path(), "p.plan.ron");
    let other = dir.path().join("other.plan.ron");
    let o = run(&[
        "new",
        "--template",
        "english-local",
        "--poll-date",
        "2027-05-06",
        "-o",
        other.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    let before = std::fs::read(&plan).unwrap();
    let err = assert_refused(&run(&[
        "custody",
        "merge",
        plan.to_str().unwrap(),
        other.to_str().unwrap(),
    ]));
    assert!(
        err.contains("is not a copy of") && err.contains("plan id"),
        "{err}"
    );
    // A custody log exported from another plan is refused by the plan_id column.
    let csv = dir.path().join("log.csv");
    assert_eq!(
        code(&run(&[
            "custody",
            "export",
            plan.to_str().unwrap(),
            "-o",
            csv.to_str().unwrap()
        ])),
        0
    );
    let err = assert_refused(&run(&[
        "custody",
        "import",
        other.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]));
    assert!(err.contains("exported from another plan"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    // A file from before plan ids is another plan, and says why.
    let v2 = dir.path().join("old.plan.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v2.plan.ron"),
        &v2,
    )
    .unwrap();
    let err = assert_refused(&run(&[
        "custody",
        "merge",
        plan.to_str().unwrap(),
        v2.to_str().unwrap(),
    ]));
    assert!(err.contains("before plans had ids"), "{err}");
}

/// How many events the example's `log` holds (the example grows as the generator does).
fn example_log_len(log: &str) -> u64 {
    let plan: Plan = storage::load(Path::new(EXAMPLE)).unwrap();
    plan.custody
        .events
        .iter()
        .filter(|e| e.log == log)
        .map(|e| e.seq)
        .max()
        .unwrap_or(0)
}

/// The example with the newest event of `log` removed, saved (so its anchor stays where it was).
fn truncated(dir: &Path, log: &str) -> PathBuf {
    let mut plan: Plan = storage::load(Path::new(EXAMPLE)).unwrap();
    let newest = plan
        .custody
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.log == log)
        .max_by_key(|(_, e)| e.seq)
        .map(|(i, _)| i)
        .unwrap();
    plan.custody.events.remove(newest);
    let path = dir.join("p.plan.ron");
    storage::save(&mut plan, &path).unwrap();
    path
}

#[test]
fn a_log_cut_short_is_found_and_no_later_save_hides_it() {
    let dir = tempfile::tempdir().unwrap();
    let plan = truncated(dir.path(), "count-receipt");
    let plan_arg = plan.to_str().unwrap();
    let o = run(&["check", plan_arg, "--as-of", "2027-05-07T12:00"]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains(&format!(
            "error[custody.truncated]: custody log “count-receipt” now ends at event #{}, but it \
             had reached #{}",
            example_log_len("count-receipt") - 1,
            example_log_len("count-receipt")
        )),
        "{}",
        stdout(&o)
    );
    // Import and merge refuse to build on it.
    let csv = one_row(dir.path(), "a.csv", "AA/1", "2027-05-07 13:00");
    let before = std::fs::read(&plan).unwrap();
    let err = assert_refused(&run(&[
        "custody",
        "import",
        plan_arg,
        csv.to_str().unwrap(),
    ]));
    assert!(
        err.contains("were removed") && err.contains("backups"),
        "{err}"
    );
    let err = assert_refused(&run(&["custody", "merge", plan_arg, EXAMPLE]));
    assert!(err.contains("were removed"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    // A later save, of any change, keeps the anchor, so the finding stays.
    let mut p = storage::load(&plan).unwrap();
    p.overview.version = "1.4".to_owned();
    storage::save(&mut p, &plan).unwrap();
    let o = run(&["check", plan_arg, "--as-of", "2027-05-07T12:00"]);
    assert!(stdout(&o).contains("custody.truncated"), "{}", stdout(&o));
}

#[test]
fn heads_kept_outside_the_plan_catch_a_forger_who_recomputes_the_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let heads = dir.path().join("heads.txt");
    let o = run(&["custody", "heads", EXAMPLE]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("count-receipt"), "{}", stdout(&o));
    std::fs::write(&heads, stdout(&o)).unwrap();
    // Short heads copied by hand from a printed page work too.
    let short = dir.path().join("short.txt");
    let o = run(&["custody", "heads", "--short", EXAMPLE]);
    std::fs::write(&short, stdout(&o)).unwrap();

    // The forger removes the newest event and moves the anchor back to match.
    let plan = truncated(dir.path(), "count-receipt");
    let mut p = storage::load(&plan).unwrap();
    p.custody.anchors.retain(|a| a.log != "count-receipt");
    std::fs::write(&plan, storage::to_ron(&p).unwrap()).unwrap();
    let plan_arg = plan.to_str().unwrap();
    let o = run(&["check", plan_arg, "--as-of", "2027-05-07T12:00"]);
    for code in ["custody.truncated", "custody.chain-broken"] {
        assert!(
            !stdout(&o).contains(code),
            "the file alone looks whole: {}",
            stdout(&o)
        );
    }
    for reference in [&heads, &short] {
        let o = run(&[
            "check",
            plan_arg,
            "--as-of",
            "2027-05-07T12:00",
            "--against",
            reference.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 1);
        assert!(
            stdout(&o).contains(&format!(
                "error[custody.reference-not-reached]: Custody log “count-receipt” no longer \
                 reaches #{}",
                example_log_len("count-receipt")
            )),
            "{}",
            stdout(&o)
        );
    }
    // So does an older copy of the plan itself.
    let o = run(&[
        "check",
        plan_arg,
        "--as-of",
        "2027-05-07T12:00",
        "--against",
        EXAMPLE,
    ]);
    assert!(
        stdout(&o).contains("custody.reference-not-reached"),
        "{}",
        stdout(&o)
    );
    // A heads file that is not one is refused clearly.
    let junk = temp_plan(dir.path(), "junk.txt", b"count-receipt #42 abc\n");
    let err = assert_refused(&run(&[
        "check",
        plan_arg,
        "--against",
        junk.to_str().unwrap(),
    ]));
    assert!(err.contains("at least 16"), "{err}");
}

#[test]
fn cells_a_spreadsheet_would_run_are_guarded_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_copy(dir.path(), "p.plan.ron");
    let plan_arg = plan.to_str().unwrap();
    let formula = dir.path().join("formula.csv");
    std::fs::write(
        &formula,
        "item_label,at,stage,to,notes\nAA/1,2027-05-07 13:00,count,Table 1,'=HYPERLINK(\"http://x\")\n",
    )
    .unwrap();
    assert_eq!(
        code(&run(&[
            "custody",
            "import",
            plan_arg,
            formula.to_str().unwrap()
        ])),
        0
    );
    let p = storage::load(&plan).unwrap();
    assert_eq!(
        p.custody.events.last().unwrap().notes,
        "=HYPERLINK(\"http://x\")"
    );
    let out = dir.path().join("out.csv");
    assert_eq!(
        code(&run(&[
            "custody",
            "export",
            plan_arg,
            "-o",
            out.to_str().unwrap()
        ])),
        0
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains(",\"'=HYPERLINK("),
        "{}",
        text.lines().last().unwrap()
    );
    // NUL and ESC are refused, naming the row and column.
    let before = std::fs::read(&plan).unwrap();
    let nul = dir.path().join("nul.csv");
    std::fs::write(
        &nul,
        "item_label,at,stage,to,notes\nAB/1,2027-05-07 13:00,count,Table 1,a\u{1b}[2Jb\n",
    )
    .unwrap();
    let err = assert_refused(&run(&[
        "custody",
        "import",
        plan_arg,
        nul.to_str().unwrap(),
    ]));
    assert!(
        err.contains("row 2, column “notes”") && err.contains("U+001B"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "the terminal never sees the escape"
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

#[test]
fn plan_text_reaches_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_changed(
        dir.path(),
        "Absent-vote applications at one property",
        "Absent-vote \u{202e}ytreporp eno ta",
    );
    let o = run(&[
        "check",
        plan.to_str().unwrap(),
        "--as-of",
        "2027-05-07T12:00",
    ]);
    let out = stdout(&o);
    assert!(out.contains("Absent-vote \\u{202e}ytreporp"), "{out}");
    assert!(!out.contains('\u{202e}'));
}

#[test]
fn dates_outside_the_years_and_absurd_lengths_are_reported_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_changed(dir.path(), "date: \"2027-01-18\"", "date: \"+20227-04-29\"");
    let o = run(&[
        "check",
        plan.to_str().unwrap(),
        "--as-of",
        "2027-05-07T12:00",
    ]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("error[plan.date-out-of-range]: The date in overview.revisions[0].date is +20227-04-29, outside the years 1900–2200"),
        "{}",
        stdout(&o)
    );
    let long = "x".repeat(10_000);
    let csv = one_row(dir.path(), "a.csv", "AA/1", "2027-05-07 13:00");
    let plan = example_copy(dir.path(), "q.plan.ron");
    let err = assert_refused(&run(&[
        "custody",
        "import",
        plan.to_str().unwrap(),
        csv.to_str().unwrap(),
        "--log",
        &long,
    ]));
    assert!(err.contains("at most 64"), "{err}");
    let huge = example_changed(
        dir.path(),
        "log: \"count-receipt\"",
        &format!("log: \"{long}\""),
    );
    let err = assert_refused(&run(&["check", huge.to_str().unwrap()]));
    assert!(
        err.contains(".log") && err.contains("10000 characters") && err.contains("limit is 64"),
        "{err}"
    );
}
