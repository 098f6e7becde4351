//! Keeping exports off the plan: an output (a PDF, a CSV, custody sheets) must never be written
//! over a plan, its backups, its lock file or its temporary files, however the path is spelt
//! (`./P`, a link to it, another name for the same file).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::backups;
use super::lock::lock_path;
use super::write::{name_of, parent_of, resolve, temp_prefix};

/// Why an output path was refused.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The output is the plan, or one of the files that belong to it.
    #[error(
        "the output {output} is {}; writing there would destroy it",
        describe(what, plan)
    )]
    BelongsToPlan {
        /// The output asked for.
        output: PathBuf,
        /// The plan it belongs to.
        plan: PathBuf,
        /// What it is ("the plan itself", "a backup", "the lock file").
        what: &'static str,
    },
    /// The output is, or is named as, some plan file.
    #[error("{output} {reason}")]
    LooksLikePlan {
        /// The output asked for.
        output: PathBuf,
        /// Why it looks like a plan.
        reason: &'static str,
    },
    /// The output's folder could not be read to check it.
    #[error("cannot check {output}: {source}")]
    Io {
        /// The output asked for.
        output: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
}

/// What a protected file is, in a sentence.
fn describe(what: &str, plan: &Path) -> String {
    if what == "the plan itself" {
        format!(
            "the plan {} itself (the same file, by another name or a link)",
            plan.display()
        )
    } else {
        format!("{what} of the plan {}", plan.display())
    }
}

impl OutputError {
    /// A suggestion for the user.
    pub fn hint(&self) -> &'static str {
        match self {
            OutputError::BelongsToPlan { .. } => {
                "choose another file name for the output, e.g. one ending .pdf or .csv"
            }
            OutputError::LooksLikePlan { .. } => {
                "choose another file name, or add --force if you really mean to replace that file"
            }
            OutputError::Io { .. } => "check the folder exists and you may read it",
        }
    }
}

/// A file's identity: the device and inode on Unix, so two names for one file compare equal.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<PathBuf> {
    fs::canonicalize(path).ok()
}

/// The absolute spelling of a path that may not exist yet: its folder made canonical, then its
/// name.
fn absolute(path: &Path) -> PathBuf {
    let target = resolve(path).unwrap_or_else(|_| path.to_owned());
    let dir = fs::canonicalize(parent_of(&target)).unwrap_or_else(|_| parent_of(&target).into());
    dir.join(name_of(&target))
}

/// Whether a file's first bytes are those of a plan file.
fn starts_like_a_plan(path: &Path) -> bool {
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::with_capacity(512);
    use std::io::Read as _;
    if file.take(512).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with("Plan(") || text.starts_with("(\n") && text.contains("format_version")
}

/// Refuses an output path that is any of `plans` or a file belonging to one (backups, lock,
/// temporary files), or, unless `force`, any file that is or is named as a plan file.
pub fn check_output(output: &Path, plans: &[&Path], force: bool) -> Result<(), OutputError> {
    let output_id = identity(output);
    let output_abs = absolute(output);
    for plan in plans {
        let target = resolve(plan).unwrap_or_else(|_| plan.to_path_buf());
        let name = name_of(&target);
        let mut belonging: Vec<(PathBuf, &'static str)> = vec![
            (target.clone(), "the plan itself"),
            (lock_path(&target), "the lock file"),
        ];
        let backups = backups::list(&target).map_err(|source| OutputError::Io {
            output: output.to_owned(),
            source,
        })?;
        belonging.extend(backups.into_iter().map(|b| (b.path, "a backup")));
        for (path, what) in belonging {
            let same_file = output_id.is_some() && output_id == identity(&path);
            if same_file || absolute(&path) == output_abs {
                return Err(OutputError::BelongsToPlan {
                    output: output.to_owned(),
                    plan: plan.to_path_buf(),
                    what,
                });
            }
        }
        let output_name = name_of(&output_abs);
        if parent_of(&output_abs) == parent_of(&absolute(&target))
            && (output_name.starts_with(&temp_prefix(&target))
                || (output_name.starts_with(&format!("{name}."))
                    && (output_name.ends_with(".bak") || output_name.ends_with(".lock"))))
        {
            return Err(OutputError::BelongsToPlan {
                output: output.to_owned(),
                plan: plan.to_path_buf(),
                what: "a name kept for the backups and lock",
            });
        }
    }
    if force {
        return Ok(());
    }
    let name = name_of(&output_abs);
    if name.ends_with(".plan.ron") || name.ends_with(".plan.ron.bak") || name.ends_with(".lock") {
        return Err(OutputError::LooksLikePlan {
            output: output.to_owned(),
            reason: "is named as a plan file (or one of its backups or locks)",
        });
    }
    if starts_like_a_plan(&output_abs) {
        return Err(OutputError::LooksLikePlan {
            output: output.to_owned(),
            reason: "already exists and holds a plan",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn every_spelling_of_the_plan_and_its_files_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("p.plan.ron");
        std::fs::write(&plan, "Plan(\n  format_version: 3,\n)").unwrap();
        std::fs::write(dir.path().join("p.plan.ron.2027-05-06T221512Z.bak"), "old").unwrap();
        let refused = |output: PathBuf, force: bool| check_output(&output, &[&plan], force);
        assert!(matches!(
            refused(plan.clone(), true),
            Err(OutputError::BelongsToPlan {
                what: "the plan itself",
                ..
            })
        ));
        let dotted = dir.path().join(".").join("p.plan.ron");
        assert!(refused(dotted, true).is_err());
        assert!(matches!(
            refused(dir.path().join("p.plan.ron.lock"), true),
            Err(OutputError::BelongsToPlan {
                what: "the lock file",
                ..
            })
        ));
        assert!(matches!(
            refused(dir.path().join("p.plan.ron.2027-05-06T221512Z.bak"), true),
            Err(OutputError::BelongsToPlan {
                what: "a backup",
                ..
            })
        ));
        #[cfg(unix)]
        {
            let link = dir.path().join("out.pdf");
            std::os::unix::fs::symlink(&plan, &link).unwrap();
            assert!(refused(link, true).is_err(), "a link to the plan");
            let hard = dir.path().join("hard.pdf");
            std::fs::hard_link(&plan, &hard).unwrap();
            assert!(
                refused(hard, true).is_err(),
                "another name for the same file"
            );
        }
        let other = dir.path().join("other.plan.ron");
        std::fs::write(&other, "Plan(format_version: 3)").unwrap();
        assert!(matches!(
            refused(other.clone(), false),
            Err(OutputError::LooksLikePlan { .. })
        ));
        assert!(
            refused(other, true).is_ok(),
            "--force replaces another plan"
        );
        let disguised = dir.path().join("notes.txt");
        std::fs::write(&disguised, "\u{feff}  Plan(\n format_version: 3)").unwrap();
        assert!(refused(disguised, false).is_err());
        assert!(refused(dir.path().join("p.pdf"), false).is_ok());
    }
}
