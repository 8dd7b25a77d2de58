//! `adr renumber --also GLOB` (issue 17): the moved record's file name is rewritten in files
//! outside the log, byte-preserving; a bare id is rewritten when git history or the file's
//! links tell which record it meant, and listed otherwise.

use std::time::{Duration, SystemTime};

use crate::util::{git, log_with, read, run};

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
        "// docs/adr/0002-use-grpc.md (ADR-0002)\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("src/unsure.rs"), "// see ADR 2\n").unwrap();
    std::fs::write(dir.path().join(".adr.toml"), "dir = \"docs/adr\"\n").unwrap();

    let (code, _, stderr) = run(
        dir.path(),
        &["renumber", "--write", "--also", "src/**/*.rs"],
    );
    assert_eq!(code, 0, "{stderr}");
    // The file names Kafka's record and not gRPC's: its ADR-0002 meant Kafka.
    assert_eq!(
        read(dir.path().join("src/bin/main.rs")),
        "// Kafka, see docs/adr/0003-use-kafka.md (ADR-0003).\r\nfn main() {}\r\n"
    );
    // This one names gRPC's record, which keeps the number.
    assert_eq!(
        read(dir.path().join("src/untouched.rs")),
        "// docs/adr/0002-use-grpc.md (ADR-0002)\n"
    );
    assert_eq!(read(dir.path().join("src/unsure.rs")), "// see ADR 2\n");
    assert!(log.join("0003-use-kafka.md").is_file());
    assert!(
        stderr.contains(
            "src/bin/main.rs:1: `ADR-0002` → `ADR-0003`: `0002-use-kafka.md` the file names it and not the others\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: src/unsure.rs:1: `ADR 2` names number 2 without a link; it now means the record that kept the number: check it\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("src/untouched.rs"), "{stderr}");
}

/// main adds 0002-use-grpc and code citing it; a branch from before adds 0002-use-kafka and
/// code citing that; both merge. Git blame tells the two `ADR-0002`s apart; a line written
/// after the merge could mean either and is listed.
#[test]
fn renumber_also_rewrites_bare_ids_written_on_the_branch_of_the_moved_record() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let nygard = |title: &str| format!("# {title}\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n");
    write(".adr.toml", "dir = \"docs/adr\"\n");
    write("docs/adr/0001-start.md", &nygard("1. Start"));
    write("src/orders.rs", "fn orders() {}\n");
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "start"]);
    git(root, &["branch", "kafka"]);
    write("docs/adr/0002-use-grpc.md", &nygard("2. Use gRPC"));
    write(
        "src/api.rs",
        "// Calls go over gRPC (ADR-0002).\nfn api() {}\n",
    );
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "grpc"]);
    git(root, &["checkout", "-q", "kafka"]);
    write("docs/adr/0002-use-kafka.md", &nygard("2. Use Kafka"));
    write(
        "src/orders.rs",
        "fn orders() {}\n// Orders go through Kafka: ADR-0002.\n",
    );
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "kafka"]);
    git(root, &["checkout", "-q", "main"]);
    git(root, &["merge", "-q", "--no-edit", "kafka"]);
    write("src/later.rs", "// ADR-0002 applies here too.\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "later"]);

    let (code, _, stderr) = run(root, &["renumber", "--write", "--also", "src/*.rs"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(root.join("docs/adr/0003-use-kafka.md").is_file());
    assert_eq!(
        read(root.join("src/orders.rs")),
        "fn orders() {}\n// Orders go through Kafka: ADR-0003.\n"
    );
    assert_eq!(
        read(root.join("src/api.rs")),
        "// Calls go over gRPC (ADR-0002).\nfn api() {}\n"
    );
    assert_eq!(
        read(root.join("src/later.rs")),
        "// ADR-0002 applies here too.\n"
    );
    assert!(
        stderr.contains("src/orders.rs:2: `ADR-0002` → `ADR-0003`: `0002-use-kafka.md` written where only it had the number (git blame)\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: src/later.rs:1: `ADR-0002` names number 2 without a link"),
        "{stderr}"
    );
    assert!(!stderr.contains("src/api.rs"), "{stderr}");
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
