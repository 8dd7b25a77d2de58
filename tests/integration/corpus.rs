//! Every real public log in tests/corpus loads without a panic, finds as many records as its
//! SOURCE.txt counts, and parses the same way as last time (a snapshot per corpus); a
//! metadata-only load agrees with a full load. (That tests/corpus is still the workspace's
//! shared corpus, byte for byte, is checked by `.ci/check-shared-copies`, outside
//! `cargo test`, which needs nothing beside a clone.)

use std::fmt::Write;

use adr::model::Log;

use crate::util::{corpus_names, corpus_root};

/// The corpora, by folder name under tests/corpus.
const CORPORA: [&str; 17] = [
    "arachne-architecture",
    "dfe-find-a-tuition-partner",
    "eclipse-edc-connector",
    "elastisys-compliantkubernetes",
    "govuk-aws",
    "island-is-handbook",
    "log4brains",
    "ltb-k8s-backend",
    "madr",
    "mozilla-application-services",
    "nats-architecture-and-design",
    "opendatahub-adr",
    "phodal-mooa",
    "pmd",
    "podos",
    "vultron",
    "wahllokalsystem",
];

/// Corpora whose records `adr` does not all read yet, with how many it reads today.
///
/// Issue 14 (the first lint of an unseen log) teaches `adr` these layouts: one folder per
/// record (`YYYY-MM-DD-slug/README.md`), records in component sub-folders named
/// `ODH-ADR-<PREFIX>-NNNN-slug.md`, and unnumbered `adr-slug.md` records. Until then the test
/// pins what loads today, so a change either way is seen; when issue 14 lands and a count
/// reaches the one SOURCE.txt declares, delete the entry.
const NOT_YET_READ: [(&str, usize); 0] = [];

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
    assert_eq!(
        corpus_names(),
        CORPORA,
        "a corpus was added to or removed from tests/corpus: update CORPORA"
    );

    for name in CORPORA {
        let dir = corpus_root().join(name);
        let declared = declared_records(&std::fs::read_to_string(dir.join("SOURCE.txt")).unwrap());
        let log = Log::load(&dir).unwrap_or_else(|error| panic!("{name}: {error}"));
        let loaded = log.records.len() + log.failures.len();
        match NOT_YET_READ.iter().find(|(corpus, _)| *corpus == name) {
            Some(&(_, today)) => {
                assert!(
                    loaded < declared,
                    "{name}: all {declared} records load now: remove it from NOT_YET_READ"
                );
                assert_eq!(
                    loaded, today,
                    "{name}: records found today (see NOT_YET_READ)"
                );
            }
            None => assert_eq!(loaded, declared, "{name}: records found vs SOURCE.txt"),
        }
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

/// The facts a metadata-only load fills, as text: what `list` and `index` show.
fn metadata_of(log: &Log) -> Vec<String> {
    let mut facts: Vec<String> = log
        .records
        .iter()
        .map(|record| {
            format!(
                "{} {:?} {:?} {:?} title {:?} {:?} {:?} status {:?} date {:?} tags {:?} people {:?} {:?} {:?} supersedes {:?} superseded by {:?}",
                record.rel_path,
                record.number(),
                record.slug(),
                record.style,
                record.title,
                record.title_number,
                record.front_matter_title,
                record.status,
                record.date,
                record.tags,
                record.decision_makers,
                record.consulted,
                record.informed,
                record.supersedes,
                record.superseded_by().map(|by| by.label()),
            )
        })
        .collect();
    facts.extend(
        log.failures
            .iter()
            .map(|failure| format!("failure {} {}", failure.rel_path, failure.message)),
    );
    facts
}

/// `list` and `index` load metadata only (`Log::load_metadata`, which reads a body only as
/// far as it must): on every real log, every field that load fills is what a full load
/// finds, record for record.
#[test]
fn a_metadata_load_equals_the_same_fields_of_a_full_load() {
    let logs = CORPORA
        .iter()
        .map(|name| corpus_root().join(name))
        .chain(
            ["ecosystem", "ecosystem-madr4", "site-basic", "site-hostile"]
                .iter()
                .map(|name| {
                    crate::util::fixtures()
                        .join("logs")
                        .join(name)
                        .join("docs/adr")
                }),
        )
        .chain([crate::util::repo_root().join("docs/adr")]);
    let mut compared = 0;
    for dir in logs {
        let full = Log::load(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
        let metadata =
            Log::load_metadata(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
        let (full, metadata) = (metadata_of(&full), metadata_of(&metadata));
        assert_eq!(full.len(), metadata.len(), "{}", dir.display());
        for (full, metadata) in full.iter().zip(&metadata) {
            assert_eq!(full, metadata, "{}: metadata load differs", dir.display());
        }
        compared += full.len();
    }
    assert!(compared > 300, "{compared} records compared");
}
