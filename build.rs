//! Names the sources this binary is built from: `ADR_SOURCES` is a hash of every file in
//! `src/` and `templates/`. `adr render` counts it among a site's settings, so a site
//! rendered by one build is made again by another, also when both give the same version
//! (a build from a branch, an install from git): otherwise the pages of the last build
//! stay, made by templates and code that are no longer the ones running.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    for dir in ["src", "templates"] {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    // SipHash with fixed keys: the same sources give the same value in every build.
    #[allow(deprecated)]
    let mut hasher = std::hash::SipHasher::new();
    for file in &files {
        hasher.write(file.to_string_lossy().as_bytes());
        hasher.write(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=ADR_SOURCES={:016x}", hasher.finish());
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect(&path, files),
            Ok(kind) if kind.is_file() => files.push(path),
            _ => {}
        }
    }
}
