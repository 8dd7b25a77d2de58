//! One file per kind of page. Each adds to [`Site`](super::Site) the method that makes its
//! pages (and skips those whose inputs are those of the last build); `Site::build` calls
//! them in order. A new kind of page is one new file here and one call there.

pub(crate) mod index;
pub(crate) mod logs;
pub(crate) mod record;
pub(crate) mod relations;
pub(crate) mod search;
pub(crate) mod tags;
