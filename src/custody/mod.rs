//! Custody of ballot papers and boxes: the tamper-evident log and the checks run over it.

pub mod anchors;
pub mod chain;
pub mod checks;
pub mod csv;
pub mod merge;
pub mod window;

pub use chain::{ChainBreak, NewEvent, record, verify};
pub use checks::{Anomaly, AnomalyKind, anomalies};
pub use merge::{Conflict, MergeReport, merge};

#[cfg(test)]
mod tests;
