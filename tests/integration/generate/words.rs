//! The generator's vocabulary (technologies, areas, people, sentences, titles in other
//! languages), its random numbers, and the small text helpers records are written with.

use std::fmt::Write as _;

/// SplitMix64: small, fast and the same on every machine, so a seed names one log forever.
pub(super) struct Random(u64);

impl Random {
    pub(super) fn new(seed: u64, stream: u64) -> Random {
        let mut random = Random(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        random.next();
        random
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    pub(super) fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with `percent` % probability.
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `low` to `high` distinct items, in the order drawn.
    pub(super) fn some<T: Clone>(&mut self, items: &[T], low: usize, high: usize) -> Vec<T> {
        let count = self.range(low, high);
        self.sample(items, count)
    }

    /// `count` distinct items, in the order drawn.
    pub(super) fn sample<T: Clone>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut indices: Vec<usize> = (0..items.len()).collect();
        let count = count.min(items.len());
        for i in 0..count {
            let j = i + self.below(items.len() - i);
            indices.swap(i, j);
        }
        indices[..count].iter().map(|&i| items[i].clone()).collect()
    }
}

pub(super) const TECH: [&str; 40] = [
    "PostgreSQL",
    "SQLite",
    "MongoDB",
    "Redis",
    "Elasticsearch",
    "Kafka",
    "RabbitMQ",
    "NATS",
    "Google Pub/Sub",
    "gRPC",
    "GraphQL",
    "JSON:API",
    "OpenAPI 3.1",
    "Protocol Buffers",
    "Avro",
    "Kubernetes",
    "Nomad",
    "AWS Lambda",
    "Terraform",
    "Helm",
    "Argo CD",
    "GitHub Actions",
    "Bazel",
    "React",
    "Svelte",
    "HTMX",
    "Node.js",
    "Rust",
    "Go",
    "Kotlin",
    "FastAPI",
    "Flask + extensions",
    "Spring Boot",
    "OAuth 2.0 with PKCE",
    "Keycloak",
    "HashiCorp Vault",
    "OpenTelemetry",
    "Prometheus",
    "event sourcing",
    "feature flags",
];

pub(super) const TITLE_VERBS: [&str; 8] = [
    "Use",
    "Adopt",
    "Standardise on",
    "Migrate to",
    "Introduce",
    "Prefer",
    "Keep",
    "Move to",
];

pub(super) const AREAS: [&str; 30] = [
    "order storage",
    "session caching",
    "service discovery",
    "billing events",
    "audit logging",
    "search indexing",
    "secret management",
    "user authentication",
    "internal APIs",
    "public APIs",
    "batch reporting",
    "stream processing",
    "inventory sync",
    "notification delivery",
    "schema migrations",
    "integration testing",
    "release packaging",
    "container builds",
    "metrics collection",
    "distributed tracing",
    "access control",
    "rate limiting",
    "data retention",
    "backup and restore",
    "file uploads",
    "tenant isolation",
    "localisation",
    "job scheduling",
    "ledger entries",
    "partner webhooks",
];

pub(super) const TAGS: [&str; 16] = [
    "architecture",
    "backend",
    "frontend",
    "api",
    "database",
    "messaging",
    "security",
    "infrastructure",
    "ci",
    "observability",
    "performance",
    "testing",
    "data",
    "process",
    "tooling",
    "reliability",
];

pub(super) const PEOPLE: [&str; 12] = [
    "Alice Martin",
    "Bob Chen",
    "Carla Diaz",
    "Dmitri Ivanov",
    "Grace Okafor",
    "Hiro Tanaka",
    "Liam O'Brien",
    "Mei Lin",
    "Priya Nair",
    "Platform team",
    "Security guild",
    "Architecture board",
];

pub(super) const SUBJECTS: [&str; 10] = [
    "The team",
    "Our current setup",
    "The release process",
    "Customer traffic",
    "The data model",
    "The public API",
    "The build pipeline",
    "The database",
    "The operations team",
    "The legacy module",
];

pub(super) const VERBS: [&str; 10] = [
    "depends on",
    "struggles with",
    "needs",
    "duplicates",
    "slows down",
    "relies on",
    "cannot guarantee",
    "must support",
    "requires",
    "has outgrown",
];

pub(super) const OBJECTS: [&str; 12] = [
    "manual failover",
    "schema changes",
    "cross-region latency",
    "peak traffic",
    "the retry logic",
    "shared credentials",
    "duplicate messages",
    "partial outages",
    "`max_connections`",
    "*eventually consistent* reads",
    "**idempotent** handlers",
    "growing cloud costs",
];

pub(super) const BECAUSE: [&str; 5] = [
    "it is the only option that meets every decision driver",
    "it comes out best in the comparison below",
    "the team already operates it in production",
    "it keeps operating costs within budget",
    "it lets us migrate incrementally, one service at a time",
];

pub(super) const UNKNOWN_STATUSES: [&str; 5] = ["approved", "acepted", "done", "in review", "wip"];

/// Title patterns in other languages for the Unicode mode, with their language.
pub(super) const UNICODE_TITLES: [(&str, &str); 10] = [
    ("使用 {tech} 处理{area}", "zh"),
    ("采用 {tech} 作为{area}的方案", "zh"),
    ("{tech} を{area}に採用する", "ja"),
    ("{area}에 {tech} 사용", "ko"),
    ("Einführung von {tech} für {area}", "de"),
    ("Über {tech} für {area} entscheiden", "de"),
    ("Utiliser {tech} pour {area} (mise à jour)", "fr"),
    ("Использовать {tech} для {area}", "ru"),
    ("Usar {tech} para {area} — decisión", "es"),
    ("Adoção de {tech} para {area}", "pt"),
];

pub(super) fn unicode_areas(language: &str) -> &'static [&'static str] {
    match language {
        "zh" => &["订单服务", "消息队列", "用户认证", "日志收集"],
        "ja" => &["注文サービス", "認証基盤", "ログ収集"],
        "ko" => &["주문 서비스", "인증", "로그 수집"],
        "de" => &["Bestellungen", "Größenänderung", "Authentifizierung"],
        "fr" => &["les événements", "la sécurité", "l'intégration continue"],
        "ru" => &["очередей", "авторизации", "журналов"],
        "es" => &["la autenticación", "el catálogo", "eventos"],
        _ => &["autenticação", "integração contínua", "pedidos"],
    }
}

/// ASCII slug: lowercase, runs of anything else one `-`, cut at a word before 60 bytes.
pub(super) fn ascii_slug(title: &str) -> String {
    let slug = unicode_slug(
        &title
            .to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii(), "-"),
    );
    if slug.len() <= 60 {
        return slug;
    }
    let cut = slug.get(..60).unwrap_or(&slug);
    cut.rsplit_once('-')
        .map_or(cut, |(head, _)| head)
        .to_string()
}

/// Lowercase, letters and digits of any script kept, anything else a single `-`, at most 60
/// characters (as phodal's adr tool names files).
pub(super) fn unicode_slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_matches('-').chars().take(60).collect();
    slug.trim_end_matches('-').to_string()
}

pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

pub(super) fn sentence(random: &mut Random) -> String {
    let mut text = format!(
        "{} {} {}",
        random.pick(&SUBJECTS),
        random.pick(&VERBS),
        random.pick(&OBJECTS)
    );
    if random.chance(30) {
        let subject = random.pick(&SUBJECTS).to_lowercase();
        let _ = write!(
            text,
            ", and {subject} {} {}",
            random.pick(&VERBS),
            random.pick(&OBJECTS)
        );
    }
    text.push('.');
    text
}

pub(super) fn paragraph(random: &mut Random, sentences: usize) -> String {
    (0..sentences)
        .map(|_| sentence(random))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn clause(random: &mut Random) -> String {
    const EFFECTS: [&str; 6] = [
        "reduces",
        "avoids",
        "removes",
        "adds",
        "limits",
        "simplifies",
    ];
    format!("it {} {}", random.pick(&EFFECTS), random.pick(&OBJECTS))
}

pub(super) fn yaml_scalar(text: &str) -> String {
    if text.contains([
        ':', '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
    ]) {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        text.to_string()
    }
}

pub(super) fn yaml_list(key: &str, items: &[&str], flow: bool) -> String {
    if items.is_empty() {
        return format!("{key}: []\n");
    }
    if flow {
        let items: Vec<String> = items.iter().map(|item| yaml_scalar(item)).collect();
        return format!("{key}: [{}]\n", items.join(", "));
    }
    let mut text = format!("{key}:\n");
    for item in items {
        let _ = writeln!(text, "  - {}", yaml_scalar(item));
    }
    text
}
