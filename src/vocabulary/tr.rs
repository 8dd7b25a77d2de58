//! Turkish: the MADR headings Turkish logs write and their status words.

use super::{Kind::*, Label, Language};

pub(super) const TABLE: Language = Language {
    code: "tr",
    name: "Turkish",
    headings: &[
        ("Bağlam", "Context"),
        ("Bağlam ve problem tanımı", "Context and Problem Statement"),
        ("Karar etkenleri", "Decision Drivers"),
        ("Değerlendirilen seçenekler", "Considered Options"),
        ("Değerlendirilen alternatifler", "Considered Options"),
        ("Alternatifler", "Considered Options"),
        ("Karar sonucu", "Decision Outcome"),
        ("Karar", "Decision"),
        // alidurmus/collective-memory: `## 🔧 **Alınan Karar (Decision)**`.
        ("Alınan karar", "Decision"),
        ("Sonuçlar", "Consequences"),
        (
            "Seçeneklerin artıları ve eksileri",
            "Pros and Cons of the Options",
        ),
        ("Durum", "Status"),
        ("Daha fazla bilgi", "More Information"),
        ("Bağlantılar", "Links"),
        ("Doğrulama", "Confirmation"),
    ],
    labels: &[
        ("durum", Label::Status),
        ("tarih", Label::Date),
        ("karar vericiler", Label::Deciders),
        ("etiketler", Label::Tags),
    ],
    statuses: &[
        ("taslak", Draft),
        ("önerildi", Proposed),
        ("önerilen", Proposed),
        ("kabul edildi", Accepted),
        ("onaylandı", Accepted),
        ("reddedildi", Rejected),
        ("kullanımdan kaldırıldı", Deprecated),
        ("geçersiz", Deprecated),
        ("yerine geçildi", Superseded),
        ("değiştirildi", Superseded),
    ],
    months: &[
        "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
        "kasım", "aralık",
    ],
    date_filler: &[],
    superseded_connectors: &[],
    successor_before: &[],
    supersedes_labels: &[],
    placeholders: &[],
};
