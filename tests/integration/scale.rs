//! Issue 19: commands that print a row per record hold per record only that row, and a
//! large log renders incrementally to the bytes of a full render. Speed is the
//! benchmark's (bench/run.sh); these check what must hold whatever the machine.

use crate::generate::Generator;
use crate::util::{run, run_measuring_memory};

/// Peak RSS in KB of `args` on a generated log of `records` records, with its output.
fn peak_on(records: usize, args: &[&str]) -> Option<(u64, usize)> {
    let (dir, _) = Generator::new(records).unicode(true).project();
    let (output, peak) = run_measuring_memory(dir.path(), args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some((peak?, output.stdout.len()))
}

#[test]
fn list_index_and_export_memory_does_not_grow_with_the_log() {
    // Before issue 19 each of these held every record's model: 4,000 records more than
    // 1,000 cost `export` about 60 MB and `list` about 20 MB more. A row is a few hundred
    // bytes, so 3,000 more rows are a few megabytes at most.
    for args in [
        &["list", "--format", "json"][..],
        &["index"],
        &["export"],
        &["export", "--format", "csv"],
    ] {
        let (Some((small, small_out)), Some((large, large_out))) =
            (peak_on(1000, args), peak_on(4000, args))
        else {
            crate::util::say_skipped("memory of list/index/export", "no GNU time");
            return;
        };
        assert!(
            large_out >= small_out,
            "{args:?}: the output grows with the log"
        );
        assert!(
            large < small + 12 * 1024,
            "{args:?}: peak RSS {small} KB at 1,000 records, {large} KB at 4,000"
        );
    }
}

#[test]
fn a_large_log_renders_incrementally_to_the_bytes_of_a_full_render() {
    let (dir, generated) = Generator::new(3000).unicode(true).project();
    assert_eq!(run(dir.path(), &["render"]).0, 0);
    let record = dir.path().join("docs/adr").join(&generated.names[1500]);
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, format!("{text}\nOne more line, for issue 19.\n")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("3000 records"), "{stderr}");
    assert!(!stderr.contains(" 0 files written"), "{stderr}");
    crate::util::assert_matches_a_full_render(dir.path(), "one record edited");
}

#[test]
fn an_index_larger_than_any_record_is_read_back_and_updated() {
    // At 99,999 records the index is 16 MiB: `adr index` wrote it and then refused to read
    // it again (over the 8 MiB cap of every other text file).
    let dir = crate::util::log_with(&[("0001-first.md", "# First\n\nstatus: accepted\n")]);
    let readme = dir.path().join("docs/adr/README.md");
    let padding = "A line of prose before the index, repeated to make the file large.\n";
    let mut text = padding.repeat(9 * 1024 * 1024 / padding.len() + 1);
    text.push_str("<!-- adr-index:start -->\n<!-- adr-index:end -->\n");
    std::fs::write(&readme, &text).unwrap();
    let (code, _, stderr) = run(dir.path(), &["index"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("updated docs/adr/README.md (1 record)"),
        "{stderr}"
    );
    let written = std::fs::read_to_string(&readme).unwrap();
    assert!(written.starts_with(padding) && written.contains("[0001](0001-first.md)"));
}
