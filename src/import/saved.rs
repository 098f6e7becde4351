//! Mappings kept per user, so the next import of a file with the same columns reuses them:
//! `import-mappings.json` in the configuration folder, one entry per list and header row.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Target;
use super::mapping::{Field, Mapping, MappingError, loose};

/// How many mappings are kept (the most recently used).
const KEPT: usize = 100;

/// One mapping kept for a header row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMapping {
    /// `venues` or `people`.
    pub target: String,
    /// The file's headings, compared loosely, in order: the key.
    pub headers: Vec<String>,
    /// The columns, as `--map` takes them.
    pub map: String,
    /// The value maps, as `--value` takes them.
    pub values: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct SavedMappings {
    mappings: Vec<SavedMapping>,
}

/// The file mappings are kept in, in `config_dir`.
pub fn file(config_dir: &Path) -> PathBuf {
    config_dir.join("import-mappings.json")
}

/// A header row as the key of a saved mapping.
fn key(headers: &[String]) -> Vec<String> {
    headers
        .iter()
        .map(|h| loose(h))
        .filter(|h| !h.is_empty())
        .collect()
}

fn read(config_dir: &Path) -> SavedMappings {
    std::fs::read(file(config_dir))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The mapping saved for this list and header row, if any. A saved mapping that no longer reads
/// (a field renamed in a later release) is ignored; a damaged file is too.
pub fn find(
    config_dir: &Path,
    target: Target,
    headers: &[String],
    fields: &[Field],
) -> Option<Mapping> {
    let wanted = key(headers);
    read(config_dir)
        .mappings
        .into_iter()
        .find(|m| m.target == target.key() && m.headers == wanted)
        .and_then(|m| Mapping::parse(&[m.map], &m.values, fields).ok())
}

/// Keeps `mapping` for this list and header row, replacing any kept before; returns the file.
pub fn save(
    config_dir: &Path,
    target: Target,
    headers: &[String],
    mapping: &Mapping,
) -> Result<PathBuf, MappingError> {
    let mut saved = read(config_dir);
    let headers = key(headers);
    saved
        .mappings
        .retain(|m| !(m.target == target.key() && m.headers == headers));
    saved.mappings.insert(
        0,
        SavedMapping {
            target: target.key().to_owned(),
            headers,
            map: mapping.map_text(),
            values: mapping.value_texts(),
        },
    );
    saved.mappings.truncate(KEPT);
    let path = file(config_dir);
    let failed = |e: String| MappingError {
        message: format!("the mapping could not be kept in {}: {e}", path.display()),
        hint: "the import itself is not affected; give --map again next time".to_owned(),
    };
    std::fs::create_dir_all(config_dir).map_err(|e| failed(e.to_string()))?;
    let json = serde_json::to_vec_pretty(&saved).map_err(|e| failed(e.to_string()))?;
    crate::storage::write_atomically(&path, &json).map_err(|e| failed(e.to_string()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::Venue;

    use crate::import::Importable as _;

    #[test]
    fn a_mapping_is_kept_per_list_and_header_row() {
        let dir = tempfile::tempdir().unwrap();
        let headers: Vec<String> = ["Polling Place", "Addr"].map(String::from).to_vec();
        let fields = Venue::FIELDS;
        assert_eq!(find(dir.path(), Target::Venues, &headers, fields), None);
        let m = Mapping::parse(
            &["Polling Place=name,Addr=address".into()],
            &["kind:PP=polling-station".into()],
            fields,
        )
        .unwrap();
        save(dir.path(), Target::Venues, &headers, &m).unwrap();
        let loosely: Vec<String> = ["polling  place", "ADDR"].map(String::from).to_vec();
        assert_eq!(find(dir.path(), Target::Venues, &loosely, fields), Some(m));
        assert_eq!(find(dir.path(), Target::People, &headers, fields), None);
        std::fs::write(file(dir.path()), b"{damaged").unwrap();
        assert_eq!(find(dir.path(), Target::Venues, &headers, fields), None);
    }
}
