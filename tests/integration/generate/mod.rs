//! The project's own generator of synthetic logs for tests: deterministic by seed, in the
//! three styles `adr` reads (MADR 4 front matter, MADR 2 `* Status:` bullets, Nygard /
//! adr-tools), with injected faults for the linter's recall and a Unicode mode for file
//! names and titles in other scripts.
//!
//! It follows the workspace's benchmark generator `gen.py` (which `bench/run.sh` still uses) in what matters to a test: every relative link resolves, the chosen option is one of
//! the considered options, dates run from 2016-01-04 to 2025-12-31, supersession is recorded
//! on both sides, and the same fault kinds are injected the same ways. The prose is shorter
//! (records of about 1.5 KB instead of 5 KB) and the bytes differ from gen.py's: tests need
//! the shapes, not gen.py's exact text, and must run where Python and gen.py are absent.
//!
//! `words` holds the vocabulary and the random numbers, `faults` the injection.

mod faults;
mod words;

use std::fmt::Write as _;
use std::path::Path;

use words::{
    AREAS, BECAUSE, PEOPLE, Random, TAGS, TECH, TITLE_VERBS, UNICODE_TITLES, ascii_slug,
    capitalised, clause, paragraph, sentence, unicode_areas, unicode_slug, yaml_list,
};

/// The record format of a generated log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// YAML front matter and MADR 4 sections.
    Madr4,
    /// `* Status:` / `* Deciders:` / `* Date:` bullets, no front matter, `## Links`.
    Madr2,
    /// adr-tools: `# 12. Title`, `Date:`, `## Status`, `## Context`, `## Decision`, `## Consequences`.
    Nygard,
    /// Each record draws 60 % MADR 4, 20 % MADR 2, 20 % Nygard.
    Mixed,
}

/// What a fault does to a record; `rule` is the lint rule that must report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// MADR 4 only: an unterminated quoted date, an indented key after `status:`, or a flow
    /// list without its `]`.
    BrokenYaml,
    /// The status becomes one of `approved`, `acepted`, `done`, `in review`, `wip`.
    UnknownStatus,
    /// MADR only: `Chosen option: "X"` names a technology not among the considered options.
    ChosenOptionNotInList,
    /// A link's target gets a misspelled slug or a number past the last record; a record
    /// without links gets a `Follow-up:` link to a missing file.
    BrokenLink,
    /// The file takes the number of another record (`duplicate_of`); a Nygard heading follows.
    DuplicateNumber,
}

const FAULT_KINDS: [FaultKind; 5] = [
    FaultKind::BrokenYaml,
    FaultKind::UnknownStatus,
    FaultKind::ChosenOptionNotInList,
    FaultKind::BrokenLink,
    FaultKind::DuplicateNumber,
];

impl FaultKind {
    /// The lint rule that reports this fault as an error.
    pub fn rule(self) -> &'static str {
        match self {
            FaultKind::BrokenYaml => "front-matter-syntax",
            FaultKind::UnknownStatus => "status-invalid",
            FaultKind::ChosenOptionNotInList => "chosen-option-unknown",
            FaultKind::BrokenLink => "link-broken",
            FaultKind::DuplicateNumber => "number-duplicate",
        }
    }

    fn applies_to(self, style: Style) -> bool {
        match self {
            FaultKind::BrokenYaml => style == Style::Madr4,
            FaultKind::ChosenOptionNotInList => matches!(style, Style::Madr4 | Style::Madr2),
            _ => true,
        }
    }
}

/// One injected fault: the file it is in (relative to the project, `docs/adr/…`), its kind,
/// the line it is on, and for a duplicate number the other file with that number.
#[derive(Clone, Debug)]
pub struct Fault {
    pub file: String,
    pub kind: FaultKind,
    pub line: usize,
    pub duplicate_of: Option<String>,
}

/// A log to generate: `Generator::new(n).style(Style::Mixed).faults(20).write(project)`.
#[derive(Clone, Debug)]
pub struct Generator {
    records: usize,
    seed: u64,
    style: Style,
    unicode: bool,
    faults: usize,
}

/// What [`Generator::write`] wrote.
pub struct Generated {
    /// File names in `docs/adr`, by record number (1-based: `names[0]` is record 1).
    pub names: Vec<String>,
    /// The injected faults, sorted by file.
    pub faults: Vec<Fault>,
}

impl Generator {
    /// `records` records (at least 1) in MADR 4, seed 1, no faults.
    pub fn new(records: usize) -> Generator {
        Generator {
            records: records.max(1),
            seed: 1,
            style: Style::Madr4,
            unicode: false,
            faults: 0,
        }
    }

    pub fn seed(mut self, seed: u64) -> Generator {
        self.seed = seed;
        self
    }

    pub fn style(mut self, style: Style) -> Generator {
        self.style = style;
        self
    }

    /// About 40 % of titles and file names in Chinese, Japanese, Korean, German, French,
    /// Russian, Spanish or Portuguese, the slug keeping their letters
    /// (`0002-使用-vue-处理订单服务.md`), as gen.py's `--unicode` does.
    pub fn unicode(mut self, unicode: bool) -> Generator {
        self.unicode = unicode;
        self
    }

    /// Corrupts `faults` records (at most half of them), the kinds taken in turn.
    pub fn faults(mut self, faults: usize) -> Generator {
        self.faults = faults.min(self.records / 2);
        self
    }

    /// Writes the log to `project/docs/adr` (created; files already there are kept).
    pub fn write(&self, project: &Path) -> Generated {
        let log = project.join("docs/adr");
        std::fs::create_dir_all(&log).expect("create docs/adr");
        let (names, texts, faults) = self.generate();
        for (name, text) in names.iter().zip(&texts) {
            std::fs::write(log.join(name), text).expect("write a generated record");
        }
        Generated { names, faults }
    }

    /// A fresh temporary project holding the log.
    pub fn project(&self) -> (tempfile::TempDir, Generated) {
        let dir = tempfile::tempdir().expect("tempdir");
        let generated = self.write(dir.path());
        (dir, generated)
    }

    /// File names and texts by record number (index 0 is record 1), and the faults.
    pub fn generate(&self) -> (Vec<String>, Vec<String>, Vec<Fault>) {
        let plan = Plan::new(self);
        let mut names: Vec<String> = plan.records.iter().map(|r| plan.file_name(r.n)).collect();
        let mut texts: Vec<String> = plan
            .records
            .iter()
            .map(|record| plan.render(record))
            .collect();
        let faults = if self.faults > 0 {
            plan.inject(self.faults, &mut names, &mut texts)
        } else {
            Vec::new()
        };
        (names, texts, faults)
    }
}

/// Every record's metadata and the link graph, decided before any text is written.
struct PlannedRecord {
    n: usize,
    style: Style,
    title: String,
    slug: String,
    date: String,
    status: &'static str,
    tags: Vec<&'static str>,
    deciders: Vec<&'static str>,
    options: Vec<&'static str>,
    chosen: &'static str,
    links: Vec<usize>,
    supersedes: Option<usize>,
    superseded_by: Option<usize>,
    external_link: bool,
    quoted_date: bool,
    flow_lists: bool,
    text_seed: u64,
}

struct Plan {
    records: Vec<PlannedRecord>,
    width: usize,
    seed: u64,
    style: Style,
}

impl Plan {
    fn new(generator: &Generator) -> Plan {
        let count = generator.records;
        let first = jiff::civil::date(2016, 1, 4);
        let span_days = first
            .until(jiff::civil::date(2025, 12, 31))
            .expect("date span")
            .get_days() as usize;
        let mut used_slugs = std::collections::BTreeSet::new();
        let mut records = Vec::with_capacity(count);
        let mut wishes = Vec::with_capacity(count);
        for n in 1..=count {
            let mut random = Random::new(generator.seed, n as u64);
            let style = match generator.style {
                Style::Mixed => match random.below(10) {
                    0..=5 => Style::Madr4,
                    6 | 7 => Style::Madr2,
                    _ => Style::Nygard,
                },
                style => style,
            };
            let options = random.some(&TECH, 2, 5);
            let chosen = *random.pick(&options);
            let (mut title, mut slug) = (String::new(), String::new());
            for attempt in 0..20 {
                title = format!(
                    "{} {chosen} for {}",
                    random.pick(&TITLE_VERBS),
                    random.pick(&AREAS)
                );
                if attempt >= 10 {
                    let _ = write!(title, " (round {})", attempt - 9);
                }
                slug = ascii_slug(&title);
                if !used_slugs.contains(&slug) {
                    break;
                }
            }
            if used_slugs.contains(&slug) {
                title = format!("Decision {n}");
                slug = format!("decision-{n}");
            }
            if generator.unicode && random.chance(40) {
                let (pattern, language) = *random.pick(&UNICODE_TITLES);
                let area: &str = random.pick::<&str>(unicode_areas(language));
                title = pattern.replace("{tech}", chosen).replace("{area}", area);
                slug = unicode_slug(&title);
                if used_slugs.contains(&slug) {
                    // Real logs do not repeat a title either (`title-duplicate`).
                    title = format!("{title} ({n})");
                    slug = format!("{slug}-{n}");
                }
            }
            used_slugs.insert(slug.clone());
            let offset = if count > 1 {
                (n - 1) * span_days / (count - 1)
            } else {
                span_days
            };
            let date = first
                .checked_add(jiff::Span::new().days(offset as i64))
                .expect("a date before 2026")
                .to_string();
            let status = match random.below(100) {
                0..=61 => "accepted",
                62..=75 => "proposed",
                76..=82 => "deprecated",
                _ => "rejected",
            };
            let link_count = (n - 1).min(*random.pick(&[0, 0, 1, 1, 1, 2, 2, 3]));
            let mut links = random.sample(&(1..n).collect::<Vec<_>>(), link_count);
            links.sort_unstable();
            records.push(PlannedRecord {
                n,
                style,
                title: capitalised(&title),
                slug,
                date,
                status,
                tags: random.some(&TAGS, 1, 4),
                deciders: random.some(&PEOPLE, 1, 3),
                options,
                chosen,
                links,
                supersedes: None,
                superseded_by: None,
                external_link: random.chance(20),
                quoted_date: random.chance(30),
                flow_lists: random.chance(50),
                text_seed: random.next(),
            });
            wishes.push((random.chance(6), random.range(1, 40)));
        }
        // Supersession: a record is replaced by one 1 to 40 numbers later; no chains.
        for i in 0..count {
            let (wish, gap) = wishes[i];
            let j = i + gap;
            if !wish
                || j >= count
                || records[i].supersedes.is_some()
                || records[i].superseded_by.is_some()
                || records[j].supersedes.is_some()
                || records[j].superseded_by.is_some()
            {
                continue;
            }
            records[i].superseded_by = Some(j + 1);
            records[i].status = "superseded";
            records[j].supersedes = Some(i + 1);
            records[j].status = "accepted";
            records[j].links.retain(|&link| link != i + 1);
        }
        Plan {
            records,
            width: if count <= 9999 { 4 } else { 5 },
            seed: generator.seed,
            style: generator.style,
        }
    }

    fn record(&self, n: usize) -> &PlannedRecord {
        &self.records[n - 1]
    }

    fn number(&self, n: usize) -> String {
        format!("{n:0width$}", width = self.width)
    }

    fn file_name(&self, n: usize) -> String {
        format!("{}-{}.md", self.number(n), self.record(n).slug)
    }

    /// A relative link to record `n`, spelled as `style` usually does.
    fn reference(&self, n: usize, style: Style, random: &mut Random) -> String {
        let mut target = self.file_name(n);
        if random.chance(10) {
            target = format!("./{target}");
        }
        match style {
            Style::Nygard => format!("[{n}. {}]({target})", self.record(n).title),
            _ if random.chance(70) => format!("[ADR-{}]({target})", self.number(n)),
            _ => format!("[{}]({target})", self.record(n).title),
        }
    }

    fn render(&self, record: &PlannedRecord) -> String {
        let mut random = Random::new(record.text_seed, 0);
        match record.style {
            Style::Madr2 => self.madr2(record, &mut random),
            Style::Nygard => self.nygard(record, &mut random),
            _ => self.madr4(record, &mut random),
        }
    }

    fn options_and_outcome(&self, record: &PlannedRecord, random: &mut Random) -> String {
        let mut text = String::from("## Decision Drivers\n\n");
        for _ in 0..random.range(2, 4) {
            let _ = writeln!(text, "* {}", sentence(random));
        }
        text.push_str("\n## Considered Options\n\n");
        for option in &record.options {
            let _ = writeln!(text, "* {option}");
        }
        let _ = writeln!(
            text,
            "\n## Decision Outcome\n\nChosen option: \"{}\", because {}.",
            record.chosen,
            random.pick(&BECAUSE)
        );
        text
    }

    fn pros_and_cons(record: &PlannedRecord, random: &mut Random) -> String {
        let mut text = String::from("\n## Pros and Cons of the Options\n");
        for option in &record.options {
            let _ = write!(text, "\n### {option}\n\n{}\n\n", sentence(random));
            let _ = writeln!(text, "* Good, because {}", clause(random));
            if random.chance(40) {
                let _ = writeln!(text, "* Neutral, because {}", clause(random));
            }
            let _ = writeln!(text, "* Bad, because {}", clause(random));
        }
        text
    }

    fn madr4(&self, record: &PlannedRecord, random: &mut Random) -> String {
        let mut text = String::from("---\n");
        match record.superseded_by {
            Some(by) => {
                let _ = writeln!(
                    text,
                    "status: \"superseded by [ADR-{}]({})\"",
                    self.number(by),
                    self.file_name(by)
                );
            }
            None => {
                let _ = writeln!(text, "status: {}", record.status);
            }
        }
        if record.quoted_date {
            let _ = writeln!(text, "date: \"{}\"", record.date);
        } else {
            let _ = writeln!(text, "date: {}", record.date);
        }
        text.push_str(&yaml_list("tags", &record.tags, record.flow_lists));
        text.push_str(&yaml_list(
            "decision-makers",
            &record.deciders,
            record.flow_lists,
        ));
        text.push_str(&yaml_list("consulted", &[], record.flow_lists));
        text.push_str("---\n\n");
        let _ = write!(
            text,
            "# {}\n\n## Context and Problem Statement\n\n{}\n\n",
            record.title,
            paragraph(random, 3)
        );
        text.push_str(&self.options_and_outcome(record, random));
        let _ = write!(
            text,
            "\n### Consequences\n\n* Good, because {}\n* Bad, because {}\n\n### Confirmation\n\n{}\n",
            clause(random),
            clause(random),
            paragraph(random, 1)
        );
        text.push_str(&Self::pros_and_cons(record, random));
        let _ = write!(text, "\n## More Information\n\n{}\n", paragraph(random, 1));
        if let Some(old) = record.supersedes {
            let _ = write!(
                text,
                "\nThis decision supersedes {}, which is kept for the record.\n",
                self.reference(old, Style::Madr4, random)
            );
        }
        if !record.links.is_empty() {
            let references: Vec<String> = record
                .links
                .iter()
                .map(|&n| self.reference(n, Style::Madr4, random))
                .collect();
            let _ = write!(text, "\nSee also {}.\n", references.join(", "));
        }
        if record.external_link {
            let _ = write!(
                text,
                "\nBackground reading: [design notes](https://example.org/notes/{}).\n",
                record.n
            );
        }
        text
    }

    fn madr2(&self, record: &PlannedRecord, random: &mut Random) -> String {
        let status = match record.superseded_by {
            Some(by) => format!(
                "superseded by [ADR-{}]({})",
                self.number(by),
                self.file_name(by)
            ),
            None => record.status.to_string(),
        };
        let mut text = format!(
            "# {}\n\n* Status: {status}\n* Deciders: {}\n* Date: {}\n\n## Context and Problem Statement\n\n{}\n\n",
            record.title,
            record.deciders.join(", "),
            record.date,
            paragraph(random, 3)
        );
        text.push_str(&self.options_and_outcome(record, random));
        let _ = write!(
            text,
            "\n### Positive Consequences\n\n* {}\n\n### Negative Consequences\n\n* {}\n",
            capitalised(&clause(random)),
            capitalised(&clause(random))
        );
        text.push_str(&Self::pros_and_cons(record, random));
        let mut links = Vec::new();
        if let Some(old) = record.supersedes {
            links.push(format!(
                "Supersedes {}",
                self.reference(old, Style::Madr2, random)
            ));
        }
        for &n in &record.links {
            links.push(format!(
                "Relates to {}",
                self.reference(n, Style::Madr2, random)
            ));
        }
        if record.external_link {
            links.push(format!(
                "Background: [design notes](https://example.org/notes/{})",
                record.n
            ));
        }
        if !links.is_empty() {
            text.push_str("\n## Links\n\n");
            for link in links {
                let _ = writeln!(text, "* {link}");
            }
        }
        text
    }

    fn nygard(&self, record: &PlannedRecord, random: &mut Random) -> String {
        let status = match (record.superseded_by, record.supersedes) {
            (Some(by), _) => format!("Superseded by {}", self.nygard_reference(by)),
            (None, Some(old)) => format!(
                "{}\n\nSupersedes {}",
                capitalised(record.status),
                self.nygard_reference(old)
            ),
            (None, None) => capitalised(record.status),
        };
        let alternatives: Vec<&str> = record
            .options
            .iter()
            .copied()
            .filter(|option| *option != record.chosen)
            .collect();
        let mut text = format!(
            "# {}. {}\n\nDate: {}\n\n## Status\n\n{status}\n\n## Context\n\n{}\n\n## Decision\n\nWe will use {} for this, because {}. We also considered {}.\n\n## Consequences\n\n{}\n\n",
            record.n,
            record.title,
            record.date,
            paragraph(random, 3),
            record.chosen,
            random.pick(&BECAUSE),
            alternatives.join(", "),
            paragraph(random, 2)
        );
        for _ in 0..random.range(2, 3) {
            let _ = writeln!(text, "* {}.", capitalised(&clause(random)));
        }
        if !record.links.is_empty() {
            let references: Vec<String> = record
                .links
                .iter()
                .map(|&n| self.reference(n, Style::Nygard, random))
                .collect();
            let _ = write!(text, "\nRelated decisions: {}.\n", references.join(", "));
        }
        if record.external_link {
            let _ = write!(
                text,
                "\nBackground: [design notes](https://example.org/notes/{}).\n",
                record.n
            );
        }
        text
    }

    fn nygard_reference(&self, n: usize) -> String {
        format!("[{n}. {}]({})", self.record(n).title, self.file_name(n))
    }
}

#[test]
fn the_same_seed_writes_the_same_log_and_another_seed_another() {
    let one = Generator::new(60)
        .style(Style::Mixed)
        .unicode(true)
        .faults(10);
    assert_eq!(one.generate().0, one.clone().generate().0);
    assert_eq!(one.generate().1, one.clone().generate().1);
    let other = one.clone().seed(2);
    assert_ne!(one.generate().1, other.generate().1);
}

#[test]
fn the_unicode_mode_names_about_two_in_five_records_in_other_scripts() {
    let (project, generated) = Generator::new(400).unicode(true).project();
    let names = generated.names;
    let texts: Vec<String> = names
        .iter()
        .map(|name| crate::util::read(project.path().join("docs/adr").join(name)))
        .collect();
    let non_ascii = names.iter().filter(|name| !name.is_ascii()).count();
    assert!((120..=200).contains(&non_ascii), "{non_ascii} of 400");
    for probe in ["使用", "を", "사용", "für", "pour", "для", "para", "Adoção"] {
        assert!(
            texts.iter().any(|text| text.contains(probe)),
            "no title with {probe}"
        );
    }
    assert!(
        names
            .iter()
            .any(|name| name.contains("größenänderung") || name.contains("über"))
    );
    let (ascii, _, _) = Generator::new(400).generate();
    assert!(ascii.iter().all(|name| name.is_ascii()));
}

/// The shapes the lint test relies on are there: supersession in every style, links between
/// records (some written `./`), external links, quoted dates and both YAML list styles.
#[test]
fn a_generated_log_has_every_shape_it_promises() {
    let (_, texts, _) = Generator::new(300).style(Style::Mixed).generate();
    let all = texts.concat();
    for shape in [
        "status: \"superseded by [ADR-",
        "* Status: superseded by [ADR-",
        "Superseded by [",
        "This decision supersedes [",
        "* Supersedes [",
        "\n\nSupersedes [",
        "](./0",
        "* Relates to [",
        "Related decisions: [",
        "https://example.org/notes/",
        "date: \"20",
        "tags:\n  - ",
        "tags: [",
        "\n\nDate: 20",
    ] {
        assert!(all.contains(shape), "no record has `{shape}`");
    }
}
