//! Times `docs::html_to_markdown` on large pathological documentation strings.
use std::time::Instant;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20000);
    let cases: Vec<(&str, String)> = vec![
        ("<ul><li>", "<ul><li>x".repeat(n)),
        ("<div>", "<div>".repeat(n)),
        ("<b>", "<b>x".repeat(n)),
        ("<p>", "<p>".repeat(n)),
        ("<a href>", "<a href=\"https://e.com\">".repeat(n)),
        ("</b>", "</b>".repeat(n)),
        ("<code>", "<code>`".repeat(n)),
        ("<pre>", "<pre>".repeat(n)),
        ("`", "`".repeat(n)),
        ("*_", "*_".repeat(n)),
        ("[", "[".repeat(n)),
        ("&", "&".repeat(n)),
        ("<", "<".repeat(n)),
        ("<dl><dt>", "<dl><dt>x<dd>y".repeat(n)),
        ("<table>", "<table><tr><td>".repeat(n)),
        ("<note>", "<note>".repeat(n)),
        ("<i><b>", "<i><b>x</i>".repeat(n)),
        ("<li> flat", format!("<ul>{}</ul>", "<li>x".repeat(n))),
        ("text words", "word ".repeat(n)),
        ("<!--", "<!--".repeat(n)),
        ("<a", "<a ".repeat(n)),
        ("http://", "http://x ".repeat(n)),
        ("<br>", "x<br>".repeat(n)),
        ("\\n", "x\n".repeat(n)),
        (
            "<p></p> nest",
            format!("{}{}", "<blockquote>".repeat(n), "</blockquote>".repeat(n)),
        ),
        ("<li><p>", format!("<ul>{}", "<li><p>x</p><ul>".repeat(n))),
    ];
    for (name, html) in cases {
        let t = Instant::now();
        let out = codegen::docs::html_to_markdown(&html);
        println!(
            "{name:14} in {:>7} B  out {:>8} B  {:?}",
            html.len(),
            out.len(),
            t.elapsed()
        );
    }
}
