//! Review tables line up in a terminal when rule names and sources are Korean: a Hangul
//! syllable takes two columns, so padding counts columns, not characters.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

use std::path::PathBuf;
use std::process::Command;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The columns a terminal gives `c`: two for Hangul syllables, one for what these tables
/// otherwise hold (ASCII and `›`).
fn columns(c: char) -> usize {
    if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        2
    } else {
        1
    }
}

/// The fields of a table row (separated by two spaces or more) with the terminal column each
/// starts at.
fn fields(row: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let (mut column, mut spaces, mut current) = (0, 0, None::<(usize, String)>);
    for c in row.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 || current.is_none() {
                found.extend(current.take());
                current = Some((column, String::new()));
            } else if let Some((_, text)) = &mut current {
                text.extend(std::iter::repeat_n(' ', spaces));
            }
            spaces = 0;
            if let Some((_, text)) = &mut current {
                text.push(c);
            }
        }
        column += columns(c);
    }
    found.extend(current);
    found
}

/// The built-in PortOne V2 policy with a Korean easy-pay service name and a Korean source id.
fn korean_policies() -> PathBuf {
    let text = std::fs::read_to_string(PathBuf::from(ROOT).join("policies/portone-v2.yaml"))
        .expect("the built-in policy");
    let korean = text
        .replace(" samsungpay,", " samsungpay, 네이버페이,")
        .replace("\n      naverpay:\n", "\n      네이버페이:\n")
        .replace("help-partial-cancel", "부분취소-도움말");
    assert!(korean.contains("      네이버페이:\n") && korean.contains("부분취소-도움말"));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tables-korean-policies");
    std::fs::create_dir_all(&dir).expect("a directory");
    std::fs::write(dir.join("portone-v2.yaml"), korean).expect("writes");
    dir
}

#[test]
fn policies_show_aligns_korean_rule_names_and_sources_by_display_width() {
    let dir = korean_policies();
    let out = Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(["policies", "show", "--provider", "portone_v2", "--policies"])
        .arg(&dir)
        .current_dir(ROOT)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut korean_rows = 0;
    for table in text.split("\n\n") {
        let mut rows = table.lines().skip_while(|l| !l.starts_with("  RULE "));
        let Some(header) = rows.next() else { continue };
        let header = fields(header);
        let titles: Vec<&str> = header.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(titles, ["RULE", "SAYS", "SOURCE", "MARKS"]);
        for row in rows.filter(|r| r.chars().any(|c| columns(c) == 2)) {
            korean_rows += 1;
            let row_fields = fields(row);
            assert!(row_fields.len() >= 3, "{row}");
            for ((column, value), (title_column, title)) in row_fields.iter().zip(&header) {
                assert_eq!(
                    column, title_column,
                    "`{value}` does not start under {title} in\n{table}"
                );
            }
        }
    }
    assert!(
        text.contains("  easy_pay › 네이버페이 › deadline  "),
        "the Korean rule name is in a table:\n{text}"
    );
    // The Korean service's own table and the card restrictions citing the Korean source.
    assert!(
        korean_rows >= 4,
        "{korean_rows} rows with Korean in\n{text}"
    );
}
