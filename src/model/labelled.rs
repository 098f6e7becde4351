//! Closed sets of choices (roles, channels, stages...) share one shape: every variant, a label a
//! person reads, and a stable key for machine-readable output.

/// A closed set of choices, for pickers.
pub trait Choice: Copy + PartialEq + 'static {
    /// Every choice, in order.
    fn choices() -> &'static [Self];
    /// The words shown to a person.
    fn text(self) -> &'static str;
}

/// Declares a closed enum with `ALL`, `label()`, `key()` and `Display` (the label).
macro_rules! labelled_enum {
    (
        $(#[$doc:meta])*
        pub enum $name:ident {
            $( $(#[$vdoc:meta])* $variant:ident => $label:literal, $key:literal ),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name {
            $( $(#[$vdoc])* $variant ),+
        }

        impl $name {
            /// Every variant, in the order people expect to choose from.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The words shown to a person.
            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label),+
                }
            }

            /// A stable lowercase key for files, JSON and the command line.
            pub fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key),+
                }
            }

            /// The variant with this key, if any.
            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.key() == key)
            }
        }

        impl $crate::model::Choice for $name {
            fn choices() -> &'static [Self] {
                Self::ALL
            }

            fn text(self) -> &'static str {
                self.label()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

pub(crate) use labelled_enum;
