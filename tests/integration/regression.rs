//! One test per bug found, named after what broke.

use adr::discover::FileName;
use adr::source::SourceFile;

fn parse(text: &str) -> adr::model::Record {
    adr::parse::parse_record(
        SourceFile::new("x.md", text.to_string()),
        "0001-x.md".into(),
        FileName::parse("0001-x.md").unwrap(),
    )
    .unwrap_or_else(|failure| panic!("{}", failure.message))
}

// Found by the property test on `adr new`: a title whose fourth byte falls inside a
// character (`AaAü`) panicked while checking for an `adr:` prefix.
#[test]
fn issue_6_title_prefix_check_inside_a_character() {
    let record = parse("# AaAü and more\n");
    assert_eq!(record.title.unwrap().value, "AaAü and more");
}

// Lowercasing changes byte lengths (`İ` → `i̇`), so offsets taken from the lowercased
// title cut the original in the wrong place.
#[test]
fn issue_6_title_number_with_non_ascii_case_folding() {
    let record = parse("# ADR-7: İstanbul office\n");
    assert_eq!(record.title.unwrap().value, "İstanbul office");
    assert_eq!(record.title_number, Some(7));
}

// The property test on the status rewriter produced a duplicate key; libyaml reports it at
// the start of the mapping, which points at the wrong line.
#[test]
fn issue_6_duplicate_front_matter_key_points_at_the_second_one() {
    let text = "---\nstatus: accepted\nconsulted: []\nconsulted: [Ann]\n---\n\n# T\n";
    let failure = adr::parse::parse_record(
        SourceFile::new("x.md", text.into()),
        "x".into(),
        FileName::parse("0001-x.md").unwrap(),
    )
    .unwrap_err();
    assert_eq!(failure.line, Some(4));
    assert_eq!(
        failure.message,
        "front matter has the key `consulted` twice (first on line 3): keep one"
    );
}
