use super::*;

#[test]
fn running_text_doubles_ampersands_and_stays_within_excels_limit() {
    assert_eq!(running_text("Ashby & Dale"), "Ashby && Dale");
    assert_eq!(running_text("Two\nlines"), "Two lines");
    let long = "&".repeat(500);
    let cut = running_text(&long);
    assert!(cut.ends_with('…'));
    // Cut before doubling, so no lone `&` starts a code.
    assert_eq!(cut.matches("&&").count() * 2, cut.len() - '…'.len_utf8());
    let mut plan = crate::model::Plan::empty(
        crate::model::ElectionType::UkParliamentary,
        NaiveDate::from_ymd_opt(2029, 5, 3).unwrap_or_default(),
    );
    plan.overview.title = "&".repeat(1000);
    plan.overview.authority = "&".repeat(1000);
    let r = Running::of(&plan, Profile::Redacted);
    assert!(r.header.encode_utf16().count() <= 255, "{}", r.header);
    assert!(r.footer.encode_utf16().count() <= 255, "{}", r.footer);
}

#[test]
fn text_longer_than_a_cell_holds_is_cut() {
    assert_eq!(fit("short"), "short");
    let long = "é".repeat(40_000);
    let cut = fit(&long);
    assert!(cut.encode_utf16().count() <= MAX_CELL);
    assert!(cut.ends_with('…'));
    // Astral characters count two units each.
    let astral = "😀".repeat(20_000);
    assert!(fit(&astral).encode_utf16().count() <= MAX_CELL);
}
