//! Custody of ballot papers and boxes: the tamper-evident log and the checks run over it.

pub mod chain;

pub use chain::{ChainBreak, NewEvent, record, verify};
