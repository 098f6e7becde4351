//! Printing for the command line. Standard output may be a closed pipe (`| head`) or a full disk;
//! that is an outcome with its own exit code, never a panic, and it comes after anything the
//! command saved, which stays saved.

use std::fmt;
use std::io::{self, Write};

use super::Failure;

/// How a command prints its answer: for people, or as JSON for scripts.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Text for a person to read.
    Text,
    /// JSON for a script.
    Json,
}

/// The exit code when the output could not be written.
pub const OUTPUT_FAILED: u8 = 3;

/// Writes one line to standard output.
pub fn line(args: fmt::Arguments<'_>) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(|e| Failure::output(&e))
}

/// Writes a line to standard error; if even that fails there is nobody left to tell.
pub fn note(args: fmt::Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|()| err.write_all(b"\n"));
}

/// Flushes standard output at the end of a command.
pub fn finish() -> Result<(), Failure> {
    io::stdout().flush().map_err(|e| Failure::output(&e))
}

/// Prints a line on standard output, returning a [`Failure`] from the enclosing function if it
/// cannot.
macro_rules! say {
    () => {
        $crate::cli::output::line(format_args!(""))?
    };
    ($($arg:tt)*) => {
        $crate::cli::output::line(format_args!($($arg)*))?
    };
}

/// Prints a `warning:` line on standard error.
macro_rules! warning {
    ($($arg:tt)*) => {
        $crate::cli::output::note(format_args!("warning: {}", format_args!($($arg)*)))
    };
}
