//! The one clock: today's date in local time. `SOURCE_DATE_EPOCH` (seconds since 1970)
//! overrides it so tests and reproducible builds get the same bytes every run.

use jiff::civil::Date;

pub fn today() -> Date {
    now().date()
}

/// The time of day now, in the same clock: a timestamped name (`20240603162604-x.md`) is
/// written with it.
pub fn time_of_day() -> jiff::civil::Time {
    now().time()
}

fn now() -> jiff::civil::DateTime {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| value.trim().parse::<i64>().ok())
        .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
    {
        return epoch.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    }
    jiff::ZonedDateTime::now().datetime()
}
