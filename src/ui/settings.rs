//! What the editor remembers between runs on this machine: the zoom, the theme and the window's
//! size.

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
    /// The theme chosen in View: "light", "dark" or "system".
    pub theme: String,
    /// The window's inner size, in points, when it was last closed.
    pub window: Option<[f32; 2]>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            zoom: 1.0,
            theme: "system".to_owned(),
            window: None,
        }
    }
}

/// Converts the theme between egui's preference and the word kept in the file.
pub fn theme_word(theme: egui::ThemePreference) -> &'static str {
    match theme {
        egui::ThemePreference::Light => "light",
        egui::ThemePreference::Dark => "dark",
        egui::ThemePreference::System => "system",
    }
}

/// The preference a kept word means (the system's for anything else).
pub fn theme_of(word: &str) -> egui::ThemePreference {
    match word {
        "light" => egui::ThemePreference::Light,
        "dark" => egui::ThemePreference::Dark,
        _ => egui::ThemePreference::System,
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
        let window = read
            .window
            .filter(|[w, h]| w.is_finite() && h.is_finite())
            .map(|[w, h]| {
                [
                    w.clamp(crate::ui::SMALLEST[0], 8192.0),
                    h.clamp(crate::ui::SMALLEST[1], 8192.0),
                ]
            });
        Settings {
            zoom,
            theme: theme_word(theme_of(&read.theme)).to_owned(),
            window,
        }
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
        let kept = Settings {
            zoom: 1.3,
            theme: "dark".to_owned(),
            window: Some([1366.0, 768.0]),
        };
        kept.save(dir.path());
        assert_eq!(Settings::load(dir.path()), kept);
        let wild = br#"{"zoom": 40.0, "theme": "purple", "window": [20.0, 1e9]}"#;
        std::fs::write(file(dir.path()), wild).unwrap();
        let read = Settings::load(dir.path());
        assert_eq!(read.zoom, 3.0);
        assert_eq!(read.theme, "system");
        assert_eq!(read.window, Some([1024.0, 8192.0]));
        std::fs::write(file(dir.path()), b"{not json").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
    }
}
