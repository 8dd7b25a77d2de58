//! The one integration-test binary (one link step matters on a 2-core machine).
//! Each module covers one area; `util` holds what they share.

// Test helpers may fail loudly: a panic is a failed test, which is what we want.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod agents;
mod anchors;
mod cli;
mod corpus;
mod durability;
mod ecosystem;
mod generate;
mod graph;
mod hardening_files;
mod hardening_site;
mod hardening_text;
mod index;
mod lint;
mod multilog;
mod parser;
mod properties;
mod recall_rules;
mod regression;
mod robustness;
mod rule_precision;
mod rules;
mod site;
mod structure;
mod util;
mod vocabulary;
