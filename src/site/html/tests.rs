use super::*;

fn keep(_: &str, _: LinkKind) -> Destination {
    Destination::Keep
}

#[test]
fn urls_are_classified_as_browsers_read_them() {
    assert_eq!(classify_url("javascript:alert(1)"), UrlKind::Unsafe);
    assert_eq!(classify_url(" JavaScript:alert(1)"), UrlKind::Unsafe);
    assert_eq!(classify_url("java\tscript:alert(1)"), UrlKind::Unsafe);
    assert_eq!(classify_url("data:text/html,x"), UrlKind::Unsafe);
    assert_eq!(classify_url("https://example.org"), UrlKind::Web);
    assert_eq!(classify_url("//example.org/x.png"), UrlKind::Web);
    assert_eq!(classify_url("mailto:a@b.c"), UrlKind::Mail);
    assert_eq!(classify_url("0002-b.md#x"), UrlKind::Relative);
    assert_eq!(classify_url("./img/a:b.png"), UrlKind::Relative);
    assert_eq!(classify_url("#options"), UrlKind::Fragment);
    assert_eq!(classify_url("/static/x.png"), UrlKind::RootRelative);
}

#[test]
fn headings_get_unique_ids_and_the_title_is_dropped() {
    let body = render_body(
        "# Title\n\n## Options\n\n### Options\n\n## Options\n\n## adr main\n",
        true,
        &keep,
    );
    assert!(!body.html.contains("Title"));
    assert!(
        body.html
            .contains("<h2 id=\"options\">Options <a class=\"anchor\" href=\"#options\"")
    );
    let ids: Vec<_> = body.toc.iter().map(|entry| entry.id.as_str()).collect();
    assert_eq!(ids, ["options", "options-1", "options-2", "adr-main-1"]);
}

#[test]
fn unsafe_links_keep_only_their_text() {
    let body = render_body(
        "[click](javascript:alert(1)) [ok](https://x.org)",
        false,
        &keep,
    );
    assert_eq!(body.html, "<p>click <a href=\"https://x.org\">ok</a></p>\n");
}

#[test]
fn raw_html_is_sanitised() {
    let body = render_body(
        "<img src=x onerror=alert(1)> <script>alert(2)</script>\n\n<iframe src=\"https://e.org\"></iframe><a href=\"javascript:alert(3)\">x</a>\n",
        false,
        &|_: &str, _: LinkKind| Destination::Missing,
    );
    assert!(body.had_raw_html);
    for bad in ["onerror", "<script", "<iframe", "javascript:"] {
        assert!(!body.html.contains(bad), "{bad} in {}", body.html);
    }
    // An element ammonia would drop is shown as text, so it cannot swallow what follows.
    assert!(
        body.html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        "{}",
        body.html
    );
}

#[test]
fn tags_of_dropped_elements_show_as_text_and_kept_ones_stay() {
    let html = neutralised(CowStr::from(
        "<b>x</b><TITLE>t</Title><my-el a=1></my-el><!-- c --><?php ?><x-y/>< 3",
    ));
    assert_eq!(
        html.as_ref(),
        "<b>x</b>&lt;TITLE>t&lt;/Title><my-el a=1></my-el>&lt;!-- c -->&lt;?php ?><x-y/>< 3"
    );
    // An MDX component (Docusaurus logs) is dropped like a custom element; one named as an
    // HTML element is that element.
    let html = neutralised(CowStr::from(
        "<AdrTable frontMatter={frontMatter}></AdrTable><Script>x</Script><Tabs />",
    ));
    assert_eq!(
        html.as_ref(),
        "<AdrTable frontMatter={frontMatter}></AdrTable>&lt;Script>x&lt;/Script><Tabs />"
    );
    let body = render_body(
        "# T\n\n<AdrTable frontMatter={frontMatter}></AdrTable>\n\n## Context\n\nc\n",
        true,
        &|_: &str, _: LinkKind| Destination::Missing,
    );
    assert!(!body.html.contains("AdrTable"), "{}", body.html);
    let mut open = Vec::new();
    track_tags("<div><p>a<br><img src=x/></p><span/>", &mut open);
    assert_eq!(open, ["div"]);
    track_tags("</div>", &mut open);
    assert!(open.is_empty());
}

#[test]
fn an_html_block_that_never_ends_is_turned_into_text() {
    for opener in [
        "<script>",
        "<PRE class=x>",
        "<!-- note",
        "<?php",
        "<![CDATA[ x",
    ] {
        let text = format!("{opener}\nnever closed\n\n## Next\n");
        assert_eq!(unswallowed(&text), format!("\\{text}"), "{opener}");
    }
    // Closed ones, and openers in code, are left alone.
    for text in [
        "<script>\nx\n</script>\n",
        "```\n<script>\n```\n",
        "<!-- a -->\n",
    ] {
        assert!(matches!(unswallowed(text), Cow::Borrowed(_)), "{text}");
    }
}

#[test]
fn a_large_table_is_rendered_as_one_table_a_slice_at_a_time() {
    let mut text = String::from("Intro [ref].\n\n| a | b |\n|:--|--:|\n");
    while text.len() <= LARGE_BODY + 1000 {
        text.push_str("| *x* | `y` |\n");
    }
    text.push_str("\nAfter.\n\n[ref]: https://example.org\n");
    let body = render_body(&text, false, &keep);
    assert_eq!(body.html.matches("<table>").count(), 1);
    assert_eq!(body.html.matches("<thead>").count(), 1);
    let rows = text.matches("| *x* |").count();
    assert_eq!(
        body.html
            .matches("<td class=\"align-left\"><em>x</em></td>")
            .count(),
        rows
    );
    assert!(body.html.contains("</tbody></table>\n<p>After.</p>"));
    assert!(
        body.html
            .starts_with("<p>Intro <a href=\"https://example.org\">ref</a>.</p>")
    );
}

#[test]
fn a_body_sanitised_in_pieces_is_the_body_sanitised_whole() {
    let mut text = String::from("Intro <b>bold</b>.\n\n");
    // Past [`SANITISED_PIECE`], so the list and the table are cut in several pieces.
    for n in 0..6000 {
        text.push_str(&format!("- item <i>{n}</i> <img src=x onerror=alert(1)>\n"));
    }
    text.push_str("\n1. one <b>1</b>\n2. two <u>2</u>\n\n| a | b |\n|:-|-|\n");
    for n in 0..12000 {
        text.push_str(&format!("| <b>{n}</b> | x |\n"));
    }
    text.push_str(
        "\n<details>\n<summary>More</summary>\n\n*in* it\n\n</details>\n\nEnd <script>x</script>\n",
    );
    let whole = render_body_in_pieces(&text, false, &keep, false);
    let pieces = render_body_in_pieces(&text, false, &keep, true);
    assert_eq!(pieces.html, whole.html);
    assert!(!pieces.html.contains("onerror"));
}

#[test]
fn in_page_fragments_find_their_heading_in_any_case() {
    let html = "<h2 id=\"request-handling\">Request Handling</h2>\n<p><a href=\"#Request-Handling\">a</a> <a href=\"#request-handling\">b</a> <a href=\"#nowhere\">c</a></p>";
    assert_eq!(
        match_fragment_case(html).as_deref(),
        Some(
            "<h2 id=\"request-handling\">Request Handling</h2>\n<p><a href=\"#request-handling\">a</a> <a href=\"#request-handling\">b</a> <a href=\"#nowhere\">c</a></p>"
        )
    );
    assert_eq!(
        match_fragment_case("<p><a href=\"#x\">x</a></p><h2 id=\"x\">X</h2>"),
        None
    );
    // Several links, in any script, the last one left open.
    assert_eq!(
        match_fragment_case(
            "<h2 id=\"über-uns\">Ü</h2><a href=\"#ÜBER-UNS\">a</a><a href=\"#Über-Uns\">b</a><a href=\"#ÜBER-UNS"
        )
        .as_deref(),
        Some(
            "<h2 id=\"über-uns\">Ü</h2><a href=\"#über-uns\">a</a><a href=\"#über-uns\">b</a><a href=\"#über-uns"
        )
    );
}

#[test]
fn task_checkboxes_get_a_name() {
    assert_eq!(
        label_task_checkboxes("<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nA</li><li><input disabled=\"\" type=\"checkbox\"/>\nB</li>").as_deref(),
        Some("<li><input disabled=\"\" type=\"checkbox\" checked=\"\" aria-label=\"done\"/>\nA</li><li><input disabled=\"\" type=\"checkbox\" aria-label=\"not done\"/>\nB</li>")
    );
}
