//! Election Integrity Planner: the plan model, its files, validation and exports, shared by the
//! editor and the command line.

pub mod custody;
pub mod device;
pub mod edit;
pub mod export;
pub mod import;
pub mod law;
pub mod model;
pub mod scale;
pub mod shared_log;
pub mod storage;
pub mod templates;
#[cfg(test)]
pub mod test_support;
pub mod text;
pub mod timetable;
pub mod ui;
pub mod validate;
pub mod when;
