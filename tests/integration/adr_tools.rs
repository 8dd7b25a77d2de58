//! The drop-in for adr-tools (issue 17): in an adr-tools log, `adr new`, `new -s`, `new -l`,
//! `link` (its four-argument shape) and `generate toc|graph` write and print exactly what
//! adr-tools 3.0.0 does. `tests/fixtures/adr-tools/<scenario>/steps/` holds adr-tools' own
//! output, recorded by `record.sh` there; each step's whole tree and stdout are compared
//! byte for byte.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{adr, copy_tree, files_of, fixtures};

fn texts(files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    files
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

fn replay(scenario: &str) {
    let root = fixtures().join("adr-tools").join(scenario);
    let dir = copy_tree(&root.join("start"));
    let commands = std::fs::read_to_string(root.join("commands")).unwrap();
    for (index, line) in commands.lines().enumerate() {
        let step = root.join("steps").join((index + 1).to_string());
        let args: Vec<&str> = line.split('\t').collect();
        let output = adr(dir.path()).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            (output.status.code(), stderr.as_ref()),
            (Some(0), ""),
            "{scenario} step {}: adr {line}",
            index + 1
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            std::fs::read_to_string(step.join("stdout")).unwrap(),
            "{scenario} step {}: stdout of adr {line}",
            index + 1
        );
        assert_eq!(
            texts(files_of(dir.path())),
            texts(files_of(&step.join("tree"))),
            "{scenario} step {}: the tree after adr {line}",
            index + 1
        );
    }
}

#[test]
fn new_supersede_link_and_generate_match_adr_tools_byte_for_byte() {
    replay("supersede-and-link");
}

#[test]
fn new_uses_the_logs_own_template_like_adr_tools() {
    replay("custom-template");
}

#[test]
fn recorded_steps_are_there() {
    // A missing recording would make the replays above compare nothing.
    for scenario in ["supersede-and-link", "custom-template"] {
        let root = fixtures().join("adr-tools").join(scenario);
        let commands = std::fs::read_to_string(root.join("commands")).unwrap();
        for step in 1..=commands.lines().count() {
            assert!(
                Path::new(&root.join(format!("steps/{step}/tree"))).is_dir(),
                "{scenario} step {step} was not recorded: run record.sh"
            );
        }
    }
}
