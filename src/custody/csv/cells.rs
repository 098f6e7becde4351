//! Reading one cell of an imported row: ids, items, times, stages, seals and yes or no.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use uuid::Uuid;

use crate::custody::chain::NewEvent;
use crate::model::{Custody, CustodyEvent, CustodyItem, CustodyItemId, CustodyStage};

/// Whether text reads as a number in E-notation (`4.51E+05`), as Excel shows long numbers (a seal
/// or telephone number whose digits are lost).
pub(crate) fn is_e_notation(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mantissa.chars().any(|c| c.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

/// The item's expected seal that `seal` is, but for the leading zeros a spreadsheet dropped.
pub(super) fn zeros_restored<'a>(seal: &str, item: &'a CustodyItem) -> Option<&'a str> {
    if !seal.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    item.expected_seals
        .iter()
        .map(String::as_str)
        .find(|expected| {
            expected.len() > seal.len()
                && expected.ends_with(seal)
                && expected[..expected.len() - seal.len()]
                    .chars()
                    .all(|c| c == '0')
        })
}

pub(super) fn same_content(e: &CustodyEvent, log: &str, n: &NewEvent) -> bool {
    e.log == log
        && e.item == n.item
        && e.at == n.at
        && e.stage == n.stage
        && e.location == n.location
        && e.from == n.from
        && e.to == n.to
        && e.seals_seen == n.seals_seen
        && e.seals_intact == n.seals_intact
        && e.witness == n.witness
        && e.notes == n.notes
        && e.corrects == n.corrects
}

pub(super) fn parse_id(text: &str) -> Result<Option<Uuid>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(text)
        .map(Some)
        .map_err(|_| format!("\u{201c}{text}\u{201d} is not an id; leave it empty for a new event"))
}

/// The plan's custody items by id and by label, looked up once per row (a scan per row would
/// make importing a large log quadratic).
pub(super) struct Items<'a> {
    by_id: HashMap<Uuid, &'a CustodyItem>,
    /// By label as trimmed and lower-cased (ASCII), each label's items.
    by_label: HashMap<String, Vec<&'a CustodyItem>>,
}

impl<'a> Items<'a> {
    pub(super) fn of(custody: &'a Custody) -> Items<'a> {
        let mut by_label: HashMap<String, Vec<&CustodyItem>> = HashMap::new();
        for item in custody.items.iter() {
            by_label
                .entry(item.label.trim().to_ascii_lowercase())
                .or_default()
                .push(item);
        }
        Items {
            by_id: custody.items.iter().map(|i| (i.id.0, i)).collect(),
            by_label,
        }
    }

    /// The item with this id.
    pub(super) fn get(&self, id: CustodyItemId) -> Option<&'a CustodyItem> {
        self.by_id.get(&id.0).copied()
    }
}

pub(super) fn resolve_item(
    items: &Items<'_>,
    id: &str,
    label: &str,
) -> Result<CustodyItemId, (&'static str, String)> {
    if !id.is_empty() {
        let uuid = Uuid::parse_str(id)
            .map_err(|_| ("item_id", format!("\u{201c}{id}\u{201d} is not an id")))?;
        return items
            .by_id
            .get(&uuid)
            .map(|i| i.id)
            .ok_or_else(|| ("item_id", format!("no item in the plan has the id {uuid}")));
    }
    if label.is_empty() {
        return Err((
            "item_label",
            "say which item: give its label (e.g. NA1/1) or its id".to_owned(),
        ));
    }
    let matches: &[&CustodyItem] = items
        .by_label
        .get(&label.to_ascii_lowercase())
        .map_or(&[], Vec::as_slice);
    match matches {
        [one] => Ok(one.id),
        [] => Err((
            "item_label",
            format!("no item in the plan is labelled \u{201c}{label}\u{201d}; add the item first"),
        )),
        _ => Err((
            "item_label",
            format!(
                "{} items are labelled \u{201c}{label}\u{201d}; give the item_id instead",
                matches.len()
            ),
        )),
    }
}

/// Reads when an event happened (see [`crate::when::parse_date_time`]): ISO (`2027-05-06 22:45`) or
/// day first as Excel rewrites it in the UK (`06/05/2027 22:45`); never month first.
pub(super) fn parse_time(text: &str) -> Result<NaiveDateTime, String> {
    if text.trim().is_empty() {
        return Err("when the event happened is required: YYYY-MM-DD HH:MM".to_owned());
    }
    crate::when::parse_date_time(text)
}

pub(super) fn parse_stage(text: &str) -> Result<CustodyStage, String> {
    CustodyStage::ALL
        .iter()
        .copied()
        .find(|s| s.key().eq_ignore_ascii_case(text) || s.label().eq_ignore_ascii_case(text))
        .ok_or_else(|| {
            let keys: Vec<&str> = CustodyStage::ALL.iter().map(|s| s.key()).collect();
            format!(
                "\u{201c}{text}\u{201d} is not a custody stage; use one of {}",
                keys.join(", ")
            )
        })
}

pub(super) fn parse_yes_no(text: &str, required: bool) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        "" if !required => Ok(true),
        "" => Err("say whether the seals were intact: yes or no".to_owned()),
        other => Err(format!("\u{201c}{other}\u{201d} is not yes or no")),
    }
}
