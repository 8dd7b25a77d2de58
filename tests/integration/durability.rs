//! No lost data: commands killed at random points leave every file either as it was or as
//! it should become, never empty or partial; concurrent `adr new` never loses a number.

use std::time::Duration;

use crate::util::{adr, log_with, read};

/// A small deterministic generator, so a failure replays the same kill points.
struct Lcg(u64);

impl Lcg {
    fn next_below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

fn padded_log(records: usize) -> tempfile::TempDir {
    let files: Vec<(String, String)> = (1..=records)
        .map(|n| {
            (
                format!("{n:04}-decision-{n}.md"),
                format!(
                    "---\nstatus: proposed\ndate: 2024-01-02\n---\n\n# Decision {n}\n\n{}\n",
                    "Some context. ".repeat(200)
                ),
            )
        })
        .collect();
    crate::util::log_with_owned(&files)
}

/// `adr status` killed at 40 points spread over its run leaves the record as it was or as it
/// should become. Each kill is aimed inside the run (a fraction of how long an uninterrupted
/// run takes here) and must land while the command still runs: a round where the command
/// finished first is aimed earlier and run again, so no round passes without a kill.
#[test]
fn killed_status_leaves_old_or_new_record() {
    let dir = padded_log(400);
    let path = dir.path().join("docs/adr/0001-decision-1.md");
    let proposed = read(&path);
    let accepted = proposed.replacen("status: proposed", "status: accepted", 1);
    let full_run = crate::util::duration_of(3, || {
        let mut command = adr(dir.path());
        command.args(["status", "1", "proposed"]);
        command
    });
    let mut random = Lcg(7);
    for round in 0..40 {
        let target = if round % 2 == 0 {
            "accepted"
        } else {
            "proposed"
        };
        // 5 % to 95 % of the way through an uninterrupted run.
        let mut delay = full_run.mul_f64((5 + random.next_below(90)) as f64 / 100.0);
        let mut landed = false;
        for _ in 0..6 {
            let mut command = adr(dir.path());
            command.args(["status", "1", target]);
            if crate::util::killed_after(command, delay) {
                landed = true;
                break;
            }
            delay /= 2;
        }
        assert!(
            landed,
            "round {round}: `adr status` finished before every kill ({full_run:?} uninterrupted)"
        );
        let now = read(&path);
        assert!(
            now == proposed || now == accepted,
            "round {round}: partial record:\n{now}"
        );
    }
    // The next run completes.
    let (code, _, stderr) = crate::util::run(dir.path(), &["status", "1", "accepted"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(read(&path), accepted);
}

/// What a killed write leaves (a hidden temporary file) is removed by the next command that
/// writes into the same directory, once it is old enough that no running command can still
/// be writing it.
#[test]
fn temporary_files_of_killed_commands_are_removed_by_the_next_write() {
    let dir = padded_log(2);
    let log = dir.path().join("docs/adr");
    let abandoned = log.join(".adr-tmp-abandoned");
    let in_flight = log.join(".adr-tmp-in-flight");
    std::fs::write(&abandoned, "half a rec").unwrap();
    std::fs::write(&in_flight, "being writ").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(2 * 60 * 60);
    std::fs::File::options()
        .write(true)
        .open(&abandoned)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    // Reading commands leave them alone.
    assert_eq!(crate::util::run(dir.path(), &["list"]).0, 0);
    assert!(abandoned.exists());
    let (code, _, stderr) = crate::util::run(dir.path(), &["status", "1", "accepted"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !abandoned.exists(),
        "an abandoned temporary file is removed"
    );
    assert!(in_flight.exists(), "a recent one may still be written");
}

#[test]
fn concurrent_new_never_loses_or_duplicates_a_number() {
    let dir = log_with(&[("0001-first.md", "---\nstatus: accepted\n---\n\n# First\n")]);
    let mut expected_highest = 1;
    for round in 0..20 {
        let titles: Vec<String> = (0..16)
            .map(|n| format!("Round {round} writer {n}"))
            .collect();
        for output in crate::util::run_new_concurrently(dir.path(), &titles) {
            assert_eq!(
                output.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        expected_highest += 16;
        let mut numbers: Vec<u32> = std::fs::read_dir(dir.path().join("docs/adr"))
            .unwrap()
            .map(|entry| {
                entry.unwrap().file_name().to_string_lossy()[..4]
                    .parse()
                    .unwrap()
            })
            .collect();
        numbers.sort_unstable();
        assert_eq!(
            numbers,
            (1..=expected_highest).collect::<Vec<u32>>(),
            "round {round}"
        );
    }
}

#[test]
fn a_streamed_file_replaces_the_old_one_only_when_told_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("relations.html");
    std::fs::write(&path, "old").unwrap();
    let (len, replaced) = adr::fs::write_atomic_unsynced_if(
        &path,
        |out| std::io::Write::write_all(out, b"same").map(|()| 4),
        |&len| len != 4,
    )
    .unwrap();
    assert_eq!((len, replaced), (4, false));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    let (_, replaced) = adr::fs::write_atomic_unsynced_if(
        &path,
        |out| std::io::Write::write_all(out, b"new bytes"),
        |()| true,
    )
    .unwrap();
    assert!(replaced);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new bytes");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, ["relations.html"], "no temporary file is left");
}
