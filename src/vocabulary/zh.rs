//! Chinese: adr-tools' Chinese translation (phodal/adr: `## 状态`, `2017-11-22 提议`,
//! `日期:`) and MADR translations.

use super::{Kind::*, Label, Language};

pub(super) const TABLE: Language = Language {
    code: "zh",
    name: "Chinese",
    headings: &[
        ("状态", "Status"),
        ("狀態", "Status"),
        ("背景", "Context"),
        ("上下文", "Context"),
        ("语境", "Context"),
        ("决策", "Decision"),
        ("決策", "Decision"),
        ("决定", "Decision"),
        ("后果", "Consequences"),
        ("後果", "Consequences"),
        ("影响", "Consequences"),
        ("结果", "Consequences"),
        ("背景和问题陈述", "Context and Problem Statement"),
        ("上下文和问题陈述", "Context and Problem Statement"),
        // GoyacJ/octopus: `## 1. 背景与问题`.
        ("背景与问题", "Context and Problem Statement"),
        ("背景和问题", "Context and Problem Statement"),
        ("决策驱动因素", "Decision Drivers"),
        ("考虑的选项", "Considered Options"),
        ("备选方案", "Considered Options"),
        ("决策结果", "Decision Outcome"),
        ("选项的优缺点", "Pros and Cons of the Options"),
        ("更多信息", "More Information"),
        ("链接", "Links"),
        ("验证", "Confirmation"),
        ("替代方案", "Considered Options"),
        // Traditional (raybird/plainvanillaweb: `## 狀態`, `## 後果`); not `決定`, `結果`
        // or `影響`, which Japanese headings are.
        ("語境", "Context"),
        ("背景和問題陳述", "Context and Problem Statement"),
        ("上下文和問題陳述", "Context and Problem Statement"),
        ("決策驅動因素", "Decision Drivers"),
        ("考慮的選項", "Considered Options"),
        ("備選方案", "Considered Options"),
        ("決策結果", "Decision Outcome"),
        ("選項的優缺點", "Pros and Cons of the Options"),
        ("更多資訊", "More Information"),
        ("連結", "Links"),
        ("驗證", "Confirmation"),
    ],
    labels: &[
        ("状态", Label::Status),
        ("狀態", Label::Status),
        ("日期", Label::Date),
        ("决策者", Label::Deciders),
        ("标签", Label::Tags),
    ],
    statuses: &[
        ("草稿", Draft),
        ("草案", Draft),
        ("提议", Proposed),
        ("已提议", Proposed),
        ("提议中", Proposed),
        ("提案", Proposed),
        ("建议", Proposed),
        ("建议中", Proposed),
        ("待定", Proposed),
        ("评审中", Proposed),
        ("通过", Accepted),
        ("已通过", Accepted),
        ("接受", Accepted),
        ("已接受", Accepted),
        ("采纳", Accepted),
        ("已采纳", Accepted),
        ("批准", Accepted),
        ("已批准", Accepted),
        ("完成", Accepted),
        ("已完成", Accepted),
        // "Implemented": in force, as English `implemented` reads.
        ("已实施", Accepted),
        ("实施", Accepted),
        ("拒绝", Rejected),
        ("已拒绝", Rejected),
        ("否决", Rejected),
        ("已否决", Rejected),
        ("弃用", Deprecated),
        ("已弃用", Deprecated),
        ("废弃", Deprecated),
        ("已废弃", Deprecated),
        ("取代", Superseded),
        ("已取代", Superseded),
        ("被取代", Superseded),
        ("替代", Superseded),
        ("已替代", Superseded),
        // Traditional, after the Simplified words the table writes.
        ("提議", Proposed),
        ("已提議", Proposed),
        ("提議中", Proposed),
        ("建議", Proposed),
        ("建議中", Proposed),
        ("評審中", Proposed),
        ("通過", Accepted),
        ("已通過", Accepted),
        ("採納", Accepted),
        ("已採納", Accepted),
        ("已實施", Accepted),
        ("實施", Accepted),
        ("拒絕", Rejected),
        ("已拒絕", Rejected),
        ("棄用", Deprecated),
        ("已棄用", Deprecated),
        ("廢棄", Deprecated),
        ("已廢棄", Deprecated),
    ],
    months: &[],
    date_filler: &[],
    superseded_connectors: &[],
    successor_before: &["取代", "替代", "替换", "代替"],
    supersedes_labels: &["取代", "替代", "替换"],
    placeholders: &[
        "在这里补充上下文",
        "在这里补充上决策信息",
        "在这里补充决策信息",
        "在这里记录结果",
        "描述上下文和问题陈述",
        "决策驱动因素 1",
        "决策驱动因素 2",
        "选项 1 的标题",
        "其他选项的标题",
        "描述如何验证",
    ],
};

/// Characters of Traditional Chinese whose Simplified forms differ, and those forms, as the
/// words of this table write them.
const TRADITIONAL: &str = "議過納絕棄廢實態後決驗資訊連結響選項優點陳題驅動備慮評審";
const SIMPLIFIED: &str = "议过纳绝弃废实态后决验资讯连结响选项优点陈题驱动备虑评审";

/// Whether `text` is written in Traditional characters: more of them than of their
/// Simplified forms.
pub(super) fn is_traditional(text: &str) -> bool {
    let (mut traditional, mut simplified) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        traditional += usize::from(TRADITIONAL.contains(c));
        simplified += usize::from(SIMPLIFIED.contains(c) && !TRADITIONAL.contains(c));
    }
    traditional > simplified
}
