//! [`Shared`]: a part of the plan held behind a shared pointer and copied on write, so that a copy
//! of the plan (the snapshot a background save writes from) costs a pointer, not the 120,000
//! custody events of a large count.
//!
//! Reading goes through `Deref`; changing goes through `DerefMut`, which copies the value first
//! only while another copy still shares it (`Arc::make_mut`). The file format is the value's own:
//! a `Shared<Vec<T>>` is written and read exactly as the `Vec<T>` is.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value shared between copies of the plan until one of them changes it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    /// Holds `value`.
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }

    /// Whether `self` and `other` share one value (a copy not yet changed).
    pub fn shares_with(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Shared<T> {
        Shared::new(value)
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shared<T>, D::Error> {
        T::deserialize(deserializer).map(Shared::new)
    }
}

impl<'a, T> IntoIterator for &'a Shared<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<Vec<T>> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        Arc::make_mut(&mut self.0).iter_mut()
    }
}

impl<T> FromIterator<T> for Shared<Vec<T>> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Shared<Vec<T>> {
        Shared::new(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn a_copy_shares_until_one_side_changes_and_then_only_that_side_changes() {
        let mut a: Shared<Vec<u32>> = vec![1, 2, 3].into();
        let b = a.clone();
        assert!(a.shares_with(&b), "a copy costs a pointer");
        a.push(4);
        assert!(!a.shares_with(&b));
        assert_eq!(*a, vec![1, 2, 3, 4]);
        assert_eq!(*b, vec![1, 2, 3], "the copy taken before is unchanged");
        assert_ne!(a, b);
    }

    #[test]
    fn it_is_written_and_read_as_the_value_itself() {
        let shared: Shared<Vec<String>> = vec!["x".to_owned()].into();
        let text = ron::to_string(&shared).unwrap_or_default();
        assert_eq!(
            text,
            ron::to_string(&vec!["x".to_owned()]).unwrap_or_default()
        );
        let back: Shared<Vec<String>> = ron::from_str(&text).unwrap_or_default();
        assert_eq!(back, shared);
    }
}
