//! The one integration-test binary (one link step matters on a 2-core machine).
//! Each module covers one area; `util` holds what they share.

mod cli;
mod corpus;
mod parser;
mod util;
