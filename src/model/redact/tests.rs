//! Tests of `redact`.
