//! The one integration-test binary (one link step matters on a 2-core machine).
//! Each module covers one area; `util` holds what they share.

// Test helpers may fail loudly: a panic is a failed test, which is what we want.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod adr_tools;
mod agents;
mod anchors;
mod base;
mod cli;
mod corpus;
mod durability;
mod ecosystem;
mod filters;
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
mod regression_p;
mod regression_q;
mod regression_r;
mod regression_s;
mod regression_t;
mod regression_u;
mod regression_v;
mod regression_x;
mod regression_z;
mod relations;
mod renumber_also;
mod robustness;
mod rule_precision;
mod rules;
mod scale;
mod serve;
mod site;
mod structure;
mod util;
mod vocabulary;
