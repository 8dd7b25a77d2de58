//! `adr renumber --also GLOB` (issue 17): the moved record's file name is rewritten in files
//! outside the log, byte-preserving; bare ids, which named both records, are listed.

use std::time::{Duration, SystemTime};

use crate::util::{log_with, read, run};

#[test]
fn renumber_also_rewrites_file_names_outside_the_log_and_lists_bare_ids() {
    let dir = log_with(&[
        ("0001-start.md", "# 1. Start\n\n## Status\n\nAccepted\n"),
        (
            "0002-use-grpc.md",
            "# 2. Use gRPC\n\n## Status\n\nAccepted\n",
        ),
        (
            "0002-use-kafka.md",
            "# 2. Use Kafka\n\n## Status\n\nAccepted\n",
        ),
    ]);
    // gRPC came first: Kafka moves.
    let log = dir.path().join("docs/adr");
    let earlier = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    for (name, at) in [
        ("0002-use-grpc.md", earlier),
        ("0002-use-kafka.md", earlier + Duration::from_secs(60)),
    ] {
        std::fs::File::options()
            .write(true)
            .open(log.join(name))
            .unwrap()
            .set_modified(at)
            .unwrap();
    }
    let code_file = "// Kafka, see docs/adr/0002-use-kafka.md (ADR-0002).\r\nfn main() {}\r\n";
    std::fs::create_dir_all(dir.path().join("src/bin")).unwrap();
    std::fs::write(dir.path().join("src/bin/main.rs"), code_file).unwrap();
    std::fs::write(
        dir.path().join("src/untouched.rs"),
        "// docs/adr/0002-use-grpc.md\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".adr.toml"), "dir = \"docs/adr\"\n").unwrap();

    let (code, _, stderr) = run(
        dir.path(),
        &["renumber", "--write", "--also", "src/**/*.rs"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(dir.path().join("src/bin/main.rs")),
        "// Kafka, see docs/adr/0003-use-kafka.md (ADR-0002).\r\nfn main() {}\r\n"
    );
    assert_eq!(
        read(dir.path().join("src/untouched.rs")),
        "// docs/adr/0002-use-grpc.md\n"
    );
    assert!(log.join("0003-use-kafka.md").is_file());
    assert!(
        stderr.contains("warning: src/bin/main.rs:1: `ADR-0002` names number 2 without a link"),
        "{stderr}"
    );
}

#[test]
fn renumber_also_refuses_a_pattern_that_is_not_a_glob() {
    let dir = log_with(&[("0002-a.md", "# 2. A\n"), ("0002-b.md", "# 2. B\n")]);
    let (code, _, stderr) = run(dir.path(), &["renumber", "--also", "src/[x"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: `--also src/[x` is not a glob ("),
        "{stderr}"
    );
}
