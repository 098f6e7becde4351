//! What the editor remembers between runs on this machine: the zoom.

use std::path::{Path, PathBuf};

/// The smallest and largest zoom kept (egui's own limits are wider; a damaged file cannot make the
/// window unusable).
const ZOOM: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// The editor's settings.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The zoom factor (Ctrl+= and Ctrl+-, View ▸ Zoom).
    pub zoom: f32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { zoom: 1.0 }
    }
}

fn file(dir: &Path) -> PathBuf {
    dir.join("settings.json")
}

impl Settings {
    /// Reads the settings; defaults where there are none, they are damaged or out of range.
    pub fn load(dir: &Path) -> Settings {
        let read: Settings = std::fs::read(file(dir))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        let zoom = if read.zoom.is_finite() {
            read.zoom.clamp(*ZOOM.start(), *ZOOM.end())
        } else {
            1.0
        };
        Settings { zoom }
    }

    /// Writes the settings; a failure is ignored (they are a convenience, never the user's work).
    pub fn save(&self, dir: &Path) {
        if std::fs::create_dir_all(dir).is_ok()
            && let Ok(json) = serde_json::to_vec_pretty(self)
        {
            let _ = crate::storage::write_atomically(&file(dir), &json);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zoom_is_kept_and_a_damaged_or_wild_value_is_not() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        Settings { zoom: 1.3 }.save(dir.path());
        assert_eq!(Settings::load(dir.path()).zoom, 1.3);
        std::fs::write(file(dir.path()), br#"{"zoom": 40.0}"#).unwrap();
        assert_eq!(Settings::load(dir.path()).zoom, 3.0);
        std::fs::write(file(dir.path()), b"{not json").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
    }
}
