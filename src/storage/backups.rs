//! Backups of a plan: every save keeps the version it replaces beside the plan, named for when that
//! version was saved (`NAME.plan.ron.2027-05-06T221512Z.bak`, UTC, no `:` so every file system
//! takes it). The last [`KEEP_RECENT`] are kept, and the newest of each day for [`KEEP_DAYS`] days;
//! older ones are removed, under the plan's lock. A backup is a whole plan file: `check`, `export`
//! and `custody merge` read it as they read the plan.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use super::write::{name_of, parent_of, resolve, sync_dir};

/// How many of the most recent backups are always kept.
pub const KEEP_RECENT: usize = 5;
/// For how many days the newest backup of each day is kept.
pub const KEEP_DAYS: i64 = 7;
/// The longest a backup's name adds to the plan's: `.YYYY-MM-DDTHHMMSSZ-NN.bak`.
pub const SUFFIX_BYTES: usize = 26;

const STAMP: &str = "%Y-%m-%dT%H%M%SZ";

/// One backup of a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// The file.
    pub path: PathBuf,
    /// When the version it holds was saved (UTC).
    pub saved: NaiveDateTime,
    /// Its size in bytes.
    pub size: u64,
    /// Whether it is the single `NAME.plan.ron.bak` that earlier versions kept (never removed by
    /// pruning).
    pub legacy: bool,
}

/// When a backup file of `plan_name` was saved, from its name (`None`: not one of its backups), and
/// its tie-breaking counter.
fn parse_name(plan_name: &str, file: &str) -> Option<(NaiveDateTime, u32)> {
    let stamp = file
        .strip_prefix(plan_name)?
        .strip_prefix('.')?
        .strip_suffix(".bak")?;
    let (stamp, counter) = match stamp.split_once("Z-") {
        Some((time, n)) => (format!("{time}Z"), n.parse().ok()?),
        None => (stamp.to_owned(), 0),
    };
    let saved = NaiveDateTime::parse_from_str(&stamp, STAMP).ok()?;
    Some((saved, counter))
}

/// Every backup of `plan`, newest first (the legacy `.bak`, if any, by its modification time).
pub fn list(plan: &Path) -> io::Result<Vec<Backup>> {
    let target = resolve(plan)?;
    let name = name_of(&target);
    let legacy_name = format!("{name}.bak");
    let mut found: Vec<(Backup, u32)> = Vec::new();
    let entries = match fs::read_dir(parent_of(&target)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        if file == legacy_name {
            let saved = meta
                .modified()
                .map(|t| DateTime::<Utc>::from(t).naive_utc())
                .unwrap_or_default();
            found.push((
                Backup {
                    path: entry.path(),
                    saved,
                    size: meta.len(),
                    legacy: true,
                },
                0,
            ));
        } else if let Some((saved, counter)) = parse_name(&name, &file) {
            found.push((
                Backup {
                    path: entry.path(),
                    saved,
                    size: meta.len(),
                    legacy: false,
                },
                counter,
            ));
        }
    }
    found.sort_by(|(a, m), (b, n)| (b.saved, n).cmp(&(a.saved, m)));
    Ok(found.into_iter().map(|(b, _)| b).collect())
}

/// Keeps the file at `target` as a backup before a save replaces it: a hard link (no copy, however
/// large the plan), or a copy where the file system has no hard links. Returns the backup's path.
pub(crate) fn take(target: &Path) -> io::Result<PathBuf> {
    let meta = fs::metadata(target)?;
    let saved = meta
        .modified()
        .map(|t| DateTime::<Utc>::from(t).naive_utc())
        .unwrap_or_else(|_| Utc::now().naive_utc());
    let dir = parent_of(target);
    let name = name_of(target);
    let stamp = saved.format(STAMP).to_string();
    for counter in 0..100 {
        let file = if counter == 0 {
            format!("{name}.{stamp}.bak")
        } else {
            format!("{name}.{stamp}-{counter}.bak")
        };
        let backup = dir.join(file);
        match fs::hard_link(target, &backup) {
            Ok(()) => {
                withhold_from_others(&backup, &meta);
                return Ok(backup);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => {
                if backup.exists() {
                    continue;
                }
                let tmp = dir.join(format!(".{name}.bak-copy-{}", std::process::id()));
                fs::copy(target, &tmp)?;
                withhold_from_others(&tmp, &meta);
                fs::File::open(&tmp)?.sync_all()?;
                fs::rename(&tmp, &backup)?;
                return Ok(backup);
            }
        }
    }
    Err(io::Error::other("more than 100 backups share one second"))
}

/// What restoring a backup brings back.
#[derive(Clone, Debug)]
pub struct Restored {
    /// The plan to save in place of the current one.
    pub plan: crate::model::Plan,
    /// Whether the backup holds another plan than the current file (the file was replaced by
    /// another plan, say with `new --force`): it is brought back whole, and the current one is kept
    /// as a backup.
    pub other_plan: bool,
}

/// The plan in the backup at `backup`, made ready to replace `current`. An earlier version of the
/// same plan keeps every custody event, item, anchor and writer that `current` has (evidence is
/// never rolled back by a restore); a backup of another plan comes back as it was. Fails, saying
/// why, when the backup cannot be read or its custody log cannot take `current`'s events.
pub fn restored(current: &crate::model::Plan, backup: &Path) -> Result<Restored, String> {
    let loaded = super::open(backup).map_err(|e| e.to_string())?;
    let mut plan = loaded.plan;
    if plan.id != current.id && loaded.migrated_from.is_none() {
        return Ok(Restored {
            plan,
            other_plan: true,
        });
    }
    plan.id = current.id;
    let report = crate::custody::merge(&mut plan.custody, &current.custody);
    let blocking: Vec<String> = report
        .conflicts
        .iter()
        .filter(|c| !matches!(c, crate::custody::Conflict::Item { .. }))
        .map(ToString::to_string)
        .collect();
    if !blocking.is_empty() {
        return Err(format!(
            "the custody log of {} cannot take the events recorded since: {}",
            backup.display(),
            blocking.join("; ")
        ));
    }
    Ok(Restored {
        plan,
        other_plan: false,
    })
}

/// Takes away access for others from a backup (of a plan someone had made world-readable): a backup
/// is never more readable than a save would make the plan.
fn withhold_from_others(backup: &Path, meta: &fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode();
        if mode & 0o007 != 0 {
            let _ = fs::set_permissions(backup, fs::Permissions::from_mode(mode & 0o770));
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (backup, meta);
    }
}

/// Removes backups beyond what is kept: the [`KEEP_RECENT`] newest, and the newest of each of the
/// last [`KEEP_DAYS`] days before `now`. The legacy `.bak` is left alone.
pub(crate) fn prune(target: &Path, now: NaiveDateTime) {
    let Ok(all) = list(target) else { return };
    let mut kept_days = Vec::new();
    let first_day = (now - Duration::days(KEEP_DAYS - 1)).date();
    let mut removed = false;
    for (index, backup) in all.iter().filter(|b| !b.legacy).enumerate() {
        let day = backup.saved.date();
        let newest_of_recent_day =
            day >= first_day && day <= now.date() && !kept_days.contains(&day);
        if newest_of_recent_day {
            kept_days.push(day);
        }
        if index >= KEEP_RECENT && !newest_of_recent_day {
            removed |= fs::remove_file(&backup.path).is_ok();
        }
    }
    if removed {
        sync_dir(parent_of(target));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;

    use super::*;

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 5, day)
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    }

    #[test]
    fn names_carry_the_time_without_colons() {
        let (saved, n) = parse_name("p.plan.ron", "p.plan.ron.2027-05-06T221512Z.bak").unwrap();
        assert_eq!(saved, at(6, 22, 15) + Duration::seconds(12));
        assert_eq!(n, 0);
        let (_, n) = parse_name("p.plan.ron", "p.plan.ron.2027-05-06T221512Z-3.bak").unwrap();
        assert_eq!(n, 3);
        assert!(parse_name("p.plan.ron", "p.plan.ron.bak").is_none());
        assert!(parse_name("p.plan.ron", "q.plan.ron.2027-05-06T221512Z.bak").is_none());
        assert!(parse_name("p.plan.ron", "p.plan.ron.2027-05-06T22:15:12Z.bak").is_none());
    }

    #[test]
    fn pruning_keeps_the_last_few_and_one_a_day_for_a_week() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("p.plan.ron");
        std::fs::write(&plan, "plan").unwrap();
        std::fs::write(dir.path().join("p.plan.ron.bak"), "legacy").unwrap();
        // Ten days with three saves each.
        for day in 1..=10 {
            for hour in [9, 12, 17] {
                let file = format!("p.plan.ron.{}.bak", at(day, hour, 0).format(STAMP));
                std::fs::write(dir.path().join(file), "old").unwrap();
            }
        }
        prune(&plan, at(10, 18, 0));
        let left: Vec<NaiveDateTime> = list(&plan)
            .unwrap()
            .iter()
            .filter(|b| !b.legacy)
            .map(|b| b.saved)
            .collect();
        let mut expected = vec![
            at(10, 17, 0),
            at(10, 12, 0),
            at(10, 9, 0),
            at(9, 17, 0),
            at(9, 12, 0),
        ];
        expected.extend((4..=8).rev().map(|day| at(day, 17, 0)));
        assert_eq!(left, expected);
        assert!(dir.path().join("p.plan.ron.bak").exists());
    }

    #[test]
    fn a_backup_is_the_old_file_and_two_in_one_second_do_not_collide() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("p.plan.ron");
        std::fs::write(&plan, "first").unwrap();
        let one = take(&plan).unwrap();
        let two = take(&plan).unwrap();
        assert_ne!(one, two);
        assert_eq!(std::fs::read_to_string(&one).unwrap(), "first");
        assert_eq!(list(&plan).unwrap().len(), 2);
    }
}
