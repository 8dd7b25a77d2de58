//! Vietnamese: the MADR headings Vietnamese logs write and their status words.

use super::{Kind::*, Label, Language};

pub(super) const TABLE: Language = Language {
    code: "vi",
    name: "Vietnamese",
    headings: &[
        ("Bối cảnh", "Context"),
        ("Bối cảnh và vấn đề", "Context and Problem Statement"),
        ("Các yếu tố quyết định", "Decision Drivers"),
        ("Các lựa chọn đã cân nhắc", "Considered Options"),
        ("Các lựa chọn đã xem xét", "Considered Options"),
        ("Kết quả quyết định", "Decision Outcome"),
        ("Quyết định", "Decision"),
        ("Hệ quả", "Consequences"),
        (
            "Ưu và nhược điểm của các lựa chọn",
            "Pros and Cons of the Options",
        ),
        ("Trạng thái", "Status"),
        ("Thông tin thêm", "More Information"),
        ("Liên kết", "Links"),
        ("Xác nhận", "Confirmation"),
    ],
    labels: &[
        ("trạng thái", Label::Status),
        ("ngày", Label::Date),
        ("người quyết định", Label::Deciders),
    ],
    // VidIsWandering/uit-go-backend: `**Trạng thái:** Đã quyết định` ("decided").
    statuses: &[
        ("bản nháp", Draft),
        ("đề xuất", Proposed),
        ("được đề xuất", Proposed),
        ("đã chấp nhận", Accepted),
        ("chấp nhận", Accepted),
        ("đã quyết định", Accepted),
        ("bị từ chối", Rejected),
        ("từ chối", Rejected),
        ("không còn dùng", Deprecated),
        ("đã lỗi thời", Deprecated),
        ("bị thay thế", Superseded),
        ("đã thay thế", Superseded),
    ],
    // Months are numbered (`tháng 7`), and dates written with numbers.
    months: &[],
    date_filler: &[],
    superseded_connectors: &["bởi"],
    successor_before: &[],
    supersedes_labels: &["thay thế"],
    placeholders: &[],
};
