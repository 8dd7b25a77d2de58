//! Issue #13, the site part: `adr render` never deletes or writes through a symbolic link
//! in its output directory, publishes only passive files, never lets raw HTML swallow the
//! rest of a record, renders a huge table in bounded memory, and percent-encodes every
//! internal URL it writes.

use std::path::Path;

use crate::util::{read, run};

const RECORD: &str = "---\nstatus: accepted\ndate: 2025-01-01\n---\n# Use a thing\n\nWe use it.\n";

/// Adds `entries` (site path → `hash:size`) to the manifest of the site in `site`.
fn plant_manifest_entries(site: &Path, entries: &[(&str, &str)]) {
    let marker = site.join(".adr-site");
    let mut manifest: serde_json::Value = serde_json::from_str(&read(&marker)).unwrap();
    let files = manifest["files"].as_object_mut().unwrap();
    for (path, entry) in entries {
        files.insert((*path).to_string(), serde_json::Value::from(*entry));
    }
    std::fs::write(&marker, serde_json::to_string_pretty(&manifest).unwrap()).unwrap();
}

// Issue #13: a symbolic link committed into the site plus a manifest entry through it made
// `adr render` delete a file outside the site (a pull request can plant both).
#[test]
fn issue_13_render_never_deletes_through_a_link_in_the_site() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".bashrc"), "alias ll='ls -l'\n").unwrap();
    let project = home.path().join("project");
    std::fs::create_dir_all(project.join("docs/adr")).unwrap();
    std::fs::write(project.join("docs/adr/0001-use-a-thing.md"), RECORD).unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 0, "{stderr}");
    let site = project.join("site");
    std::os::unix::fs::symlink("../..", site.join("up")).unwrap();
    plant_manifest_entries(
        &site,
        &[
            ("up/.bashrc", "00000000000000000000000000000000:16"),
            ("up/project/docs/adr/0001-use-a-thing.md", "0:1"),
        ],
    );
    // A change, so the render is not skipped as up to date.
    std::fs::write(
        project.join("docs/adr/0001-use-a-thing.md"),
        RECORD.replace("We use it.", "We use it daily."),
    )
    .unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read(home.path().join(".bashrc")).unwrap(),
        b"alias ll='ls -l'\n"
    );
    assert_eq!(
        read(project.join("docs/adr/0001-use-a-thing.md")),
        RECORD.replace("We use it.", "We use it daily.")
    );
    assert!(
        stderr.contains(
            "warning: site/.adr-site lists `up/.bashrc`, which is not a plain path inside the site \
             (it goes through the symbolic link `up`): rendering everything anew"
        ),
        "{stderr}"
    );
    assert!(read(site.join("0001-use-a-thing.html")).contains("We use it daily."));
    // The link itself is left alone: it is not adr's to remove.
    assert!(
        site.join("up")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

// Issue #13: a manifest entry with `..` or an absolute path is never followed either.
#[test]
fn issue_13_render_ignores_a_manifest_with_entries_leaving_the_site() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("keep.txt"), "keep").unwrap();
    let project = home.path().join("project");
    std::fs::create_dir_all(project.join("docs/adr")).unwrap();
    std::fs::write(project.join("docs/adr/0001-use-a-thing.md"), RECORD).unwrap();
    assert_eq!(run(&project, &["render"]).0, 0);
    let outside = home.path().join("keep.txt");
    let absolute = outside.to_str().unwrap();
    plant_manifest_entries(
        &project.join("site"),
        &[("../../keep.txt", "0:4"), (absolute, "0:4")],
    );
    std::fs::write(project.join("docs/adr/0002-b.md"), RECORD).unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(read(&outside), "keep");
    assert!(
        stderr.contains("warning: site/.adr-site lists `"),
        "{stderr}"
    );
}

// Issue #13: pages were written through a symbolic link to a directory outside the site.
#[test]
fn issue_13_render_never_writes_through_a_link_in_the_site() {
    let home = tempfile::tempdir().unwrap();
    let elsewhere = home.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let project = home.path().join("project");
    std::fs::create_dir_all(project.join("docs/adr/team")).unwrap();
    std::fs::write(project.join("docs/adr/0001-use-a-thing.md"), RECORD).unwrap();
    assert_eq!(run(&project, &["render"]).0, 0);
    let site = project.join("site");
    std::os::unix::fs::symlink(&elsewhere, site.join("team")).unwrap();
    // A page that is a link to a file outside: it must not be kept or written through.
    std::fs::write(home.path().join("page.html"), "outside").unwrap();
    std::fs::remove_file(site.join("0001-use-a-thing.html")).unwrap();
    std::os::unix::fs::symlink(
        home.path().join("page.html"),
        site.join("0001-use-a-thing.html"),
    )
    .unwrap();
    std::fs::write(project.join("docs/adr/team/0002-b.md"), RECORD).unwrap();
    let (code, _, stderr) = run(&project, &["render"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("is a symbolic link: adr render never writes through links in its output directory; remove it and run again"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert_eq!(read(home.path().join("page.html")), "outside");
}
