//! Micro-benchmarks for the parser and the log loader, so a regression shows per function
//! (`cargo bench`). Whole-command timings against the floor and peers are in bench/run.sh.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use adr::discover::FileName;
use adr::model::Log;
use adr::source::SourceFile;

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../docs/adr/0001-use-fastapi-web-framework.md");
const NYGARD: &str = include_str!("../tests/fixtures/parse/nygard-adr-tools.md");
const MADR2: &str = include_str!("../tests/fixtures/parse/madr2-bullets.md");

fn parse(text: &str) -> adr::model::Record {
    let file = FileName::parse("0001-use-fastapi-web-framework.md").unwrap();
    adr::parse::parse_record(
        SourceFile::new("x.md", text.to_string()),
        "x.md".into(),
        file,
    )
    .unwrap()
}

#[divan::bench(args = ["madr4", "nygard", "madr2"])]
fn parse_record(bencher: divan::Bencher, style: &str) {
    let text = match style {
        "nygard" => NYGARD,
        "madr2" => MADR2,
        _ => SEED,
    };
    bencher.bench(|| parse(divan::black_box(text)));
}

#[divan::bench]
fn line_col_lookup(bencher: divan::Bencher) {
    let source = SourceFile::new("x.md", SEED.repeat(20));
    let len = source.text.len();
    bencher.bench(|| {
        (0..len)
            .step_by(97)
            .map(|offset| source.line_col(offset).line)
            .sum::<usize>()
    });
}

/// A log of `n` copies of the seed record, written once per benchmark.
fn seed_log(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for number in 1..=n {
        std::fs::write(
            dir.path().join(format!("{number:04}-decision-{number}.md")),
            SEED,
        )
        .unwrap();
    }
    dir
}

#[divan::bench(args = [100, 1000])]
fn load_log(bencher: divan::Bencher, n: usize) {
    let dir = seed_log(n);
    bencher.bench(|| Log::load(Path::new(dir.path())).unwrap().records.len());
}

/// The parts of a parse, to see where its time goes.
#[divan::bench]
fn part_pulldown_events(bencher: divan::Bencher) {
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS;
    bencher.bench(|| {
        pulldown_cmark::Parser::new_ext(divan::black_box(SEED), options)
            .into_offset_iter()
            .count()
    });
}

#[divan::bench]
fn part_front_matter_yaml(bencher: divan::Bencher) {
    let yaml = SEED.split("---\n").nth(1).unwrap();
    bencher.bench(|| yaml_serde::from_str::<yaml_serde::Value>(divan::black_box(yaml)).unwrap());
}

#[divan::bench]
fn part_source_file(bencher: divan::Bencher) {
    bencher.bench(|| SourceFile::new("x.md", divan::black_box(SEED).to_string()));
}

/// Every rule over a log, the load included: lint checks each record as it is parsed.
#[divan::bench(args = [100, 1000])]
fn lint_rules(bencher: divan::Bencher, n: usize) {
    bench_lint(bencher, n, adr::lint::Settings::defaults());
}

/// One per-record rule alone (and the load), to see a single rule's cost.
#[divan::bench]
fn lint_one_rule_section_missing(bencher: divan::Bencher) {
    bench_lint(
        bencher,
        1000,
        adr::lint::Settings::defaults().only(&["section-missing"]),
    );
}

/// Times `adr lint` with `settings` over a seed log of `n` records.
fn bench_lint(bencher: divan::Bencher, n: usize, settings: adr::lint::Settings) {
    let dir = seed_log(n);
    let today = "2025-11-23".parse().unwrap();
    let options = adr::lint::LintOptions::defaults(today);
    let selection = adr::lint::Selection::default();
    bencher.bench(|| {
        adr::lint::lint(dir.path(), &options, &settings, &selection)
            .unwrap()
            .diagnostics
            .len()
    });
}
