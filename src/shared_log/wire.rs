//! Events as the database holds them: the canonical text (see `custody::chain`) and the hash.

use chrono::NaiveDateTime;
use uuid::Uuid;

use crate::custody::chain;
use crate::model::{CustodyEvent, CustodyStage};

/// The fields of the canonical form, in order.
type CanonicalFields = (
    String,
    Uuid,
    String,
    u64,
    Uuid,
    String,
    String,
    String,
    String,
    String,
    Vec<String>,
    bool,
    String,
    String,
    Option<Uuid>,
);

/// Rebuilds an event from its canonical text and hash. The text must be exactly what the program
/// writes for the event it describes, so that the hash covers what is shown; anything else is
/// refused with the reason.
pub fn parse_canonical(text: &str, hash: &str) -> Result<CustodyEvent, String> {
    let fields: CanonicalFields =
        serde_json::from_str(text).map_err(|e| format!("not a custody event ({e})"))?;
    let (tag, id, log, seq, item, at, stage, location, from, to, seals_seen, seals_intact) = (
        fields.0, fields.1, fields.2, fields.3, fields.4, fields.5, fields.6, fields.7, fields.8,
        fields.9, fields.10, fields.11,
    );
    if tag != "custody-event/1" {
        return Err(format!(
            "written in the form \u{201c}{tag}\u{201d}, which this version does not read"
        ));
    }
    let at = NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S")
        .map_err(|_| format!("its time \u{201c}{at}\u{201d} is not a date and time"))?;
    let stage = CustodyStage::from_key(&stage).ok_or_else(|| {
        format!("its stage \u{201c}{stage}\u{201d} is not one this version knows")
    })?;
    let event = CustodyEvent {
        id: id.into(),
        log,
        seq,
        item: item.into(),
        at,
        stage,
        location,
        from,
        to,
        seals_seen,
        seals_intact,
        witness: fields.12,
        notes: fields.13,
        corrects: fields.14.map(Into::into),
        hash: hash.to_owned(),
    };
    if chain::canonical(&event) != text {
        return Err("its text is not in canonical form".to_owned());
    }
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custody::chain::{NewEvent, record};
    use crate::model::{Custody, CustodyItemId};

    #[test]
    fn canonical_text_reads_back_to_the_same_event() {
        let mut custody = Custody::default();
        let new = NewEvent {
            item: CustodyItemId::new(),
            at: NaiveDateTime::default(),
            stage: CustodyStage::ReceiptAtCount,
            location: "Hall \"A\"\n".to_owned(),
            from: "Driver".to_owned(),
            to: "Desk 1".to_owned(),
            seals_seen: vec!["S1".to_owned(), "S\u{e9}2".to_owned()],
            seals_intact: true,
            witness: String::new(),
            notes: "tab\there".to_owned(),
            corrects: Some(crate::model::CustodyEventId::new()),
        };
        let event = record(&mut custody, "desk-1", new).clone();
        let text = chain::canonical(&event);
        assert_eq!(parse_canonical(&text, &event.hash), Ok(event));
        assert!(parse_canonical(&text.replace("desk-1", "desk-2"), "x").is_ok());
        assert!(parse_canonical(&text.replace(",", " , "), "x").is_err());
        assert!(parse_canonical("[]", "x").is_err());
    }
}
