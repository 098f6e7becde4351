//! The README's table of what each contest's law sets is the law data's, row for row.

#![allow(clippy::unwrap_used)]

use integrity_planner::law::contests::short_words;
use integrity_planner::law::law;
use integrity_planner::model::ElectionType;

/// The rows the law data gives, one per kind of election and group of nations with the same law.
fn expected_rows() -> Vec<String> {
    let law = law().unwrap();
    let mut rows = Vec::new();
    for election in ElectionType::ALL {
        let contest = law.contest(*election).unwrap();
        for v in &contest.voting {
            let nations: Vec<&str> = v.nations.iter().map(|n| n.label()).collect();
            let [handing, proxies, id] = short_words(v);
            let from = v
                .polls_from
                .map_or_else(String::new, |d| format!(" (polls from {d})"));
            rows.push(format!(
                "| `{}` | {}{from} | {handing} | {proxies} | {id} |",
                election.key(),
                nations.join(", ")
            ));
        }
    }
    rows
}

#[test]
fn the_readme_states_each_contests_law_as_the_data_does() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let rows = expected_rows();
    let missing: Vec<&String> = rows
        .iter()
        .filter(|r| !readme.contains(r.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md lacks these rows (the whole table follows):\n{}",
        rows.join("\n")
    );
}

#[test]
fn the_readme_lists_every_template_as_the_program_describes_it() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for t in integrity_planner::templates::TEMPLATES {
        let row = format!("| `{}` | {} |", t.name, t.description);
        assert!(readme.contains(&row), "README.md lacks: {row}");
    }
}
