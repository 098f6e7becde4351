//! What the process tests share: running the real binary, reading what it said, and plan files to try it on.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each test file uses some of these

pub mod xlsx;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/northmere.plan.ron");

/// The program, with its data folder (device name, recovery copies) kept out of the user's own.
pub fn program() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_integrity-planner"));
    command.env(
        "INTEGRITY_PLANNER_DATA",
        std::env::temp_dir().join("integrity-planner-test-data"),
    );
    command
}

pub fn run(args: &[&str]) -> Output {
    program().args(args).output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

/// Asserts a clean refusal: exit 2, `error:` and `hint:` lines, no panic or backtrace.
pub fn assert_refused(o: &Output) -> String {
    let err = stderr(o);
    assert_eq!(code(o), 2, "stderr: {err}\nstdout: {}", stdout(o));
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("\nhint: "), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    err
}

pub fn temp_plan(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// The example with its first `from` replaced by `to`, written to `p.plan.ron` in `dir`.
pub fn example_changed(dir: &Path, from: &str, to: &str) -> PathBuf {
    let original = std::fs::read_to_string(EXAMPLE).unwrap();
    assert!(original.contains(from), "{from:?} is not in the example");
    let text = original.replacen(from, to, 1);
    temp_plan(dir, "p.plan.ron", text.as_bytes())
}

/// The contents of every dated backup kept beside `plan`, oldest first.
pub fn backups_of(plan: &Path) -> Vec<String> {
    let name = plan.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<PathBuf> = std::fs::read_dir(plan.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(&format!("{name}.")) && n.ends_with(".bak")
        })
        .collect();
    found.sort();
    found
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}
