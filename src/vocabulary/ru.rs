//! Russian: the headings and status words of Russian ADR templates (all three genders:
//! `принято`, `принят`, `принята`).

use super::{Kind::*, Label, Language};

pub(super) const TABLE: Language = Language {
    code: "ru",
    name: "Russian",
    headings: &[
        ("Статус", "Status"),
        ("Контекст", "Context"),
        ("Решение", "Decision"),
        ("Последствия", "Consequences"),
        (
            "Контекст и постановка задачи",
            "Context and Problem Statement",
        ),
        (
            "Контекст и описание проблемы",
            "Context and Problem Statement",
        ),
        ("Факторы принятия решения", "Decision Drivers"),
        ("Рассмотренные варианты", "Considered Options"),
        ("Рассмотренные альтернативы", "Considered Options"),
        ("Итоговое решение", "Decision Outcome"),
        ("Результат решения", "Decision Outcome"),
        ("Плюсы и минусы вариантов", "Pros and Cons of the Options"),
        ("Дополнительная информация", "More Information"),
    ],
    labels: &[
        ("статус", Label::Status),
        ("дата", Label::Date),
        ("участники", Label::Deciders),
        ("теги", Label::Tags),
    ],
    statuses: &[
        ("черновик", Draft),
        ("предложено", Proposed),
        ("предложен", Proposed),
        ("предложена", Proposed),
        ("на рассмотрении", Proposed),
        ("принято", Accepted),
        ("принят", Accepted),
        ("принята", Accepted),
        ("утверждено", Accepted),
        ("утвержден", Accepted),
        ("утверждена", Accepted),
        ("отклонено", Rejected),
        ("отклонен", Rejected),
        ("отклонена", Rejected),
        ("устарело", Deprecated),
        ("устарел", Deprecated),
        ("устарела", Deprecated),
        ("заменено", Superseded),
        ("заменен", Superseded),
        ("заменена", Superseded),
    ],
    superseded_connectors: &[],
    placeholders: &[],
};
