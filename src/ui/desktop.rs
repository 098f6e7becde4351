//! Handing a file to the desktop: open an exported PDF in the reader the machine has, or show it in
//! its folder. Where no desktop program can (no display, no opener installed) the user is told
//! where the file is instead.

use std::path::Path;
use std::process::{Command, Stdio};

/// The program that opens files on this desktop, if there is one.
fn opener() -> Option<(&'static str, &'static [&'static str])> {
    if cfg!(target_os = "windows") {
        return Some(("explorer", &[]));
    }
    if cfg!(target_os = "macos") {
        return Some(("open", &[]));
    }
    let display =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    (display && on_path("xdg-open")).then_some(("xdg-open", &[]))
}

/// Whether `program` is on the PATH.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

fn launch(target: &Path) -> Result<(), String> {
    let Some((program, args)) = opener() else {
        return Err(format!(
            "No program to open files was found on this machine (no desktop or no xdg-open). \
             The file is at {}.",
            target.display()
        ));
    };
    Command::new(program)
        .args(args)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| {
            format!(
                "{program} could not be started ({e}). The file is at {}.",
                target.display()
            )
        })
}

/// Opens `file` with the desktop's program for it.
pub fn open(file: &Path) -> Result<(), String> {
    launch(file)
}

/// Shows the folder holding `file`.
pub fn show_in_folder(file: &Path) -> Result<(), String> {
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    launch(folder)
}
