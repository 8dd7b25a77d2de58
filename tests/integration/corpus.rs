//! Every real public log in ../shared/corpus loads without a panic, finds as many records
//! as its SOURCE.txt counts, and parses the same way as last time (a snapshot per corpus).

use std::fmt::Write;

use adr::model::Log;

use crate::util::corpus_root;

/// The corpora and where their records are, relative to the corpus folder.
const CORPORA: [&str; 13] = [
    "arachne-architecture",
    "dfe-find-a-tuition-partner",
    "elastisys-compliantkubernetes",
    "govuk-aws",
    "island-is-handbook",
    "log4brains",
    "ltb-k8s-backend",
    "madr",
    "mozilla-application-services",
    "nats-architecture-and-design",
    "pmd",
    "podos",
    "vultron",
];

/// "files: 19 (17 ADR records (adr-001 to adr-017) + …" → 17.
fn declared_records(source_txt: &str) -> usize {
    let files_line = source_txt
        .lines()
        .find(|line| line.starts_with("files:"))
        .expect("files: line");
    let before = files_line
        .split(" ADR records")
        .next()
        .expect("ADR records");
    before
        .rsplit(['(', ' '])
        .next()
        .unwrap()
        .parse()
        .expect("a count")
}

#[test]
fn every_corpus_loads_with_the_declared_number_of_records() {
    let mut listed = Vec::new();
    for entry in std::fs::read_dir(corpus_root()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            listed.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    listed.sort();
    assert_eq!(
        listed, CORPORA,
        "a corpus was added or removed: update CORPORA"
    );

    for name in CORPORA {
        let dir = corpus_root().join(name);
        let declared = declared_records(&std::fs::read_to_string(dir.join("SOURCE.txt")).unwrap());
        let log = Log::load(&dir).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(
            log.records.len() + log.failures.len(),
            declared,
            "{name}: records found vs SOURCE.txt"
        );
        let failures: Vec<_> = log
            .failures
            .iter()
            .map(|f| format!("{}: {}", f.rel_path, f.message))
            .collect();
        assert!(failures.is_empty(), "{name}: {failures:#?}");

        let mut summary = String::new();
        for record in &log.records {
            let number = record
                .number()
                .map_or_else(|| "-".to_string(), |n| n.to_string());
            let status = record
                .status
                .as_ref()
                .map_or("-".to_string(), |s| s.keyword().to_string());
            let date = record
                .date
                .as_ref()
                .map_or("-".to_string(), |d| d.value.text());
            let superseded_by = record
                .superseded_by()
                .map(|r| format!(" -> {}", r.label()))
                .unwrap_or_default();
            writeln!(
                summary,
                "{number:>4} {:<9} {status}{superseded_by} | {date} | {} | options {} chosen {:?} | links {}",
                record.style.name(),
                record.display_title(),
                record.considered_options.len(),
                record.chosen_option.as_ref().map(|c| c.value.as_str()),
                record.links.len(),
            )
            .unwrap();
        }
        insta::assert_snapshot!(format!("corpus-{name}"), summary);
    }
}
