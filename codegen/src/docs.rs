//! Conversion of AWS model documentation to rustdoc Markdown.
//!
//! AWS doc strings are HTML fragments of uneven quality: unclosed tags, stray
//! `<placeholder>` text that is not markup, DocBook leftovers, and sometimes
//! plain text. The output is emitted line by line as `#[doc = "..."]`
//! attributes, so it must never make rustdoc warn (broken intra-doc links,
//! invalid HTML, bare URLs) nor produce doctests (indented code blocks).
//!
//! The conversion has three stages, each linear in the input size:
//!
//! 1. a tokenizer that cannot fail: whatever is not well-formed markup is text;
//! 2. a lenient tree builder (implicit closes, capped depth, placeholders);
//! 3. a renderer that writes CommonMark through a stack of line prefixes and
//!    escapes text so that Markdown sees only the structure we intend.

use std::collections::HashSet;

/// Converts AWS model documentation (HTML fragments, sometimes plain text) to rustdoc Markdown.
///
/// The result has no leading/trailing blank lines and no trailing whitespace;
/// lines are separated by `\n`. Every code block is fenced as `text`, so the
/// output never contains doctests.
pub fn html_to_markdown(html: &str) -> String {
    let root = Builder::build(html);
    let mut renderer = Renderer::new();
    renderer.render_root(&root.children);
    renderer.w.lines.join("\n")
}

/// Deeper nesting only occurs in malformed input; capping it bounds recursion
/// and per-line prefix work.
const MAX_DEPTH: usize = 48;

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

enum Token<'a> {
    /// Raw text, entities not yet decoded.
    Text(&'a str),
    /// CDATA content: literal, no entity decoding.
    Cdata(&'a str),
    Start {
        name: String,
        attrs: &'a str,
        self_closing: bool,
        raw: &'a str,
    },
    End {
        name: String,
        raw: &'a str,
    },
}

enum Markup<'a> {
    Token(Token<'a>, usize),
    Skip(usize),
    /// Not markup: the `<` is literal text.
    Text,
}

struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    // A terminator search that failed once fails for every later start too;
    // remembering that keeps tokenizing linear.
    no_comment_end: bool,
    no_cdata_end: bool,
}

impl<'a> Tokenizer<'a> {
    fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            no_comment_end: false,
            no_cdata_end: false,
        }
    }

    fn markup(&mut self, rest: &'a str) -> Markup<'a> {
        let b = rest.as_bytes();
        if let Some(body) = rest.strip_prefix("<!--") {
            if !self.no_comment_end {
                if let Some(i) = body.find("-->") {
                    return Markup::Skip(4 + i + 3);
                }
                self.no_comment_end = true;
            }
            return Markup::Text;
        }
        if let Some(body) = rest.strip_prefix("<![CDATA[") {
            if !self.no_cdata_end {
                if let Some(i) = body.find("]]>") {
                    return Markup::Token(Token::Cdata(&body[..i]), 9 + i + 3);
                }
                self.no_cdata_end = true;
            }
            return Markup::Text;
        }
        if matches!(b.get(1), Some(b'!' | b'?')) {
            return match tag_end(rest, 2) {
                Some(end) => Markup::Skip(end),
                None => Markup::Text,
            };
        }
        let closing = b.get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return Markup::Text;
        }
        let name_end = name_start
            + b[name_start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
                .count();
        // `<foo@bar.com>` and the like are text, not tags.
        if !matches!(b.get(name_end), Some(c) if c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        {
            return Markup::Text;
        }
        let Some(end) = tag_end(rest, name_end) else {
            return Markup::Text;
        };
        let name = rest[name_start..name_end].to_ascii_lowercase();
        let raw = &rest[..end];
        if closing {
            return Markup::Token(Token::End { name, raw }, end);
        }
        let inner = rest[name_end..end - 1].trim_end();
        let self_closing = inner.ends_with('/');
        let attrs = inner.trim_end_matches('/');
        Markup::Token(
            Token::Start {
                name,
                attrs,
                self_closing,
                raw,
            },
            end,
        )
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = &self.src[self.pos..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(&rest[..end]));
            }
            match self.markup(rest) {
                Markup::Token(token, len) => {
                    self.pos += len;
                    return Some(token);
                }
                Markup::Skip(len) => self.pos += len,
                Markup::Text => {
                    self.pos += 1;
                    return Some(Token::Text("<"));
                }
            }
        }
    }
}

/// The first sentence of Markdown `text`'s first paragraph, on one line.
pub fn first_sentence(text: &str) -> String {
    let para = text.split("\n\n").next().unwrap_or("").replace('\n', " ");
    match para.find(". ") {
        Some(end) => para[..=end].to_string(),
        None => para,
    }
}

/// Index just past the `>` closing the tag that starts at `s[0]`, scanning
/// from `from`. A `<` anywhere (even quoted) means this is not a tag; that
/// rule bounds every scan by the next `<` and keeps the tokenizer linear.
fn tag_end(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut quote: Option<u8> = None;
    let mut after_eq = false;
    for (i, &c) in b.iter().enumerate().skip(from) {
        if c == b'<' {
            return None;
        }
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'>' => return Some(i + 1),
                // Quotes only delimit attribute values, so `<bucket's name>`
                // stays a (literal) placeholder.
                b'"' | b'\'' if after_eq => quote = Some(c),
                b'=' => after_eq = true,
                c if c.is_ascii_whitespace() => {}
                _ => after_eq = false,
            },
        }
    }
    None
}

/// Value of attribute `name` in a tag's attribute text (entities decoded).
fn attr(attrs: &str, name: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let key_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/') {
            i += 1;
        }
        let key = &attrs[key_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = None;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let start = i + 1;
                let end = b[start..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| start + p);
                value = Some(&attrs[start..end]);
                i = (end + 1).min(b.len());
            } else {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = Some(&attrs[start..i]);
            }
        }
        if key.eq_ignore_ascii_case(name) {
            let mut out = String::new();
            decode_entities(value.unwrap_or(""), &mut out);
            return Some(out);
        }
        if key.is_empty() && value.is_none() {
            i += 1;
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------

/// Appends `s` with character references decoded; control characters other
/// than whitespace are dropped since they have no place in docs.
fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find(|c: char| c == '&' || (c.is_control() && !c.is_whitespace())) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if !rest.starts_with('&') {
            rest = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
            continue;
        }
        match parse_entity(rest) {
            Some((c, len)) => {
                if !c.is_control() || c.is_whitespace() {
                    out.push(c);
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Parses the reference at the start of `s` (which begins with `&`); returns
/// the character and the byte length consumed. Requires the closing `;`.
fn parse_entity(s: &str) -> Option<(char, usize)> {
    let semi = 1 + s.as_bytes()[1..].iter().take(32).position(|&b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let v = u32::from_str_radix(digits, radix).ok()?;
        char::from_u32(v)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}')
    } else {
        named_entity(body)?
    };
    Some((c, semi + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{ad}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "micro" => 'µ',
        "para" => '¶',
        "sect" => '§',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "yen" => '¥',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "infin" => '∞',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "lArr" => '⇐',
        "rArr" => '⇒',
        "hArr" => '⇔',
        "iexcl" => '¡',
        "iquest" => '¿',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "dagger" => '†',
        "Dagger" => '‡',
        "prime" => '′',
        "Prime" => '″',
        "check" => '✓',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Tree
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Transparent block container (div, section, the root...).
    Div,
    P,
    /// h1..h6; rendered as a bold paragraph.
    Heading,
    Pre,
    Code,
    Strong,
    Emph,
    Link,
    /// Transparent inline element (span, u, sup, unknown tags...).
    Span,
    /// Element whose content is dropped (script, style).
    Skip,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    /// Blockquote, with the AWS `<note>`/`<important>` label if any.
    Quote(Option<&'static str>),
    Table,
    /// thead/tbody/tfoot.
    TSection,
    Row,
    Cell,
}

impl Kind {
    fn is_block(self) -> bool {
        !matches!(
            self,
            Kind::Code | Kind::Strong | Kind::Emph | Kind::Link | Kind::Span | Kind::Skip
        )
    }
}

#[derive(Clone, Copy)]
enum Tag {
    El(Kind),
    Br,
    Hr,
    Img,
    /// Other void elements: ignored.
    Void,
}

/// Known tag names and whether they are "weak". Weak tags (and unknown ones)
/// are only treated as markup when a matching end tag exists, because AWS
/// docs are full of literal placeholders such as `<label>` or `<region>`.
fn known_tag(name: &str) -> Option<(Tag, bool)> {
    use Kind::*;
    let strong = |k| Some((Tag::El(k), false));
    match name {
        "p" => strong(P),
        "div" | "section" | "article" | "header" | "footer" | "main" | "aside" | "nav"
        | "figure" | "figcaption" | "center" | "details" | "summary" | "address" | "fieldset"
        | "form" | "body" | "html" | "fullname" | "caption" | "legend" | "hgroup" => strong(Div),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => strong(Heading),
        "pre" | "listing" | "xmp" | "plaintext" | "programlisting" => strong(Pre),
        "code" | "tt" | "kbd" | "samp" | "userinput" => strong(Code),
        "b" | "strong" => strong(Strong),
        "i" | "em" | "cite" | "dfn" | "var" | "replaceable" => strong(Emph),
        "a" => strong(Link),
        "ul" | "menu" | "dir" => strong(Ul),
        "ol" => strong(Ol),
        "li" => strong(Li),
        "dl" => strong(Dl),
        "dt" => strong(Dt),
        "dd" => strong(Dd),
        "note" => strong(Quote(Some("Note:"))),
        "important" => strong(Quote(Some("Important:"))),
        "blockquote" => strong(Quote(None)),
        "table" => strong(Table),
        "thead" | "tbody" | "tfoot" => strong(TSection),
        "tr" => strong(Row),
        "td" | "th" => strong(Cell),
        "script" | "style" | "head" | "template" | "title" => strong(Skip),
        "br" => Some((Tag::Br, false)),
        "hr" => Some((Tag::Hr, false)),
        "img" => Some((Tag::Img, false)),
        "wbr" | "input" | "meta" | "area" | "base" | "col" | "embed" | "param" | "source"
        | "track" => Some((Tag::Void, false)),
        "span" | "u" | "s" | "strike" | "del" | "ins" | "mark" | "small" | "big" | "sup"
        | "sub" | "abbr" | "acronym" | "q" | "font" | "label" | "bdi" | "bdo" | "time" | "data"
        | "nobr" | "link" | "colgroup" | "ruby" | "rt" | "rp" | "emphasis" => {
            Some((Tag::El(Span), true))
        }
        _ => None,
    }
}

/// AWS example sections (`<examples><example><request>...`), recognised only
/// outside code and only when closed.
fn example_kind(name: &str) -> Option<Kind> {
    match name {
        "examples" | "example" | "name" | "description" => Some(Kind::Div),
        "request" | "response" => Some(Kind::Pre),
        _ => None,
    }
}

enum Node {
    Text(String),
    Br,
    Hr,
    El(Box<Element>),
}

struct Element {
    kind: Kind,
    /// Lowercased tag name, for matching end tags.
    name: String,
    href: Option<String>,
    children: Vec<Node>,
    /// Whether a block element occurs among the descendants.
    has_block: bool,
}

impl Element {
    fn new(kind: Kind, name: String, href: Option<String>) -> Self {
        Element {
            kind,
            name,
            href,
            children: Vec::new(),
            has_block: false,
        }
    }
}

struct Builder {
    stack: Vec<Element>,
    /// Lowercased names that occur as end tags anywhere in the input.
    closers: HashSet<String>,
    /// Number of open code/pre elements, inside which unknown tags are text.
    code_depth: usize,
}

impl Builder {
    fn build(src: &str) -> Element {
        let mut b = Builder {
            stack: vec![Element::new(Kind::Div, String::new(), None)],
            closers: end_tag_names(src),
            code_depth: 0,
        };
        for token in Tokenizer::new(src) {
            match token {
                Token::Text(t) => b.text(t),
                Token::Cdata(t) => b.push_text(t),
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                    raw,
                } => b.start(name, attrs, self_closing, raw),
                Token::End { name, raw } => b.end(&name, raw),
            }
        }
        b.close_to(1);
        b.stack.pop().expect("root element")
    }

    fn text(&mut self, raw: &str) {
        let top = self.stack.last_mut().expect("root element");
        if let Some(Node::Text(t)) = top.children.last_mut() {
            decode_entities(raw, t);
        } else {
            let mut t = String::new();
            decode_entities(raw, &mut t);
            top.children.push(Node::Text(t));
        }
    }

    fn push_text(&mut self, s: &str) {
        let top = self.stack.last_mut().expect("root element");
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_owned()));
        }
    }

    fn push_node(&mut self, node: Node) {
        self.stack
            .last_mut()
            .expect("root element")
            .children
            .push(node);
    }

    fn start(&mut self, name: String, attrs: &str, self_closing: bool, raw: &str) {
        let has_closer = self.closers.contains(&name);
        let has_attrs = attrs.contains('=');
        let tag = match known_tag(&name) {
            Some((tag, weak)) => {
                let void = !matches!(tag, Tag::El(_));
                let markup = if self.code_depth > 0 {
                    void || self_closing || has_closer
                } else {
                    !weak || has_closer || has_attrs
                };
                markup.then_some(tag)
            }
            // Inside code, unknown tags are example XML or placeholders.
            None if self.code_depth > 0 => None,
            None if has_closer => Some(Tag::El(example_kind(&name).unwrap_or(Kind::Span))),
            None if has_attrs || self_closing => Some(Tag::El(Kind::Span)),
            None => None,
        };
        let Some(tag) = tag else {
            self.text(raw);
            return;
        };
        match tag {
            Tag::Br => self.push_node(Node::Br),
            Tag::Hr => self.push_node(Node::Hr),
            Tag::Img => {
                if let Some(alt) = attr(attrs, "alt") {
                    self.push_text(&alt);
                }
            }
            Tag::Void => {}
            Tag::El(_) if self_closing => {}
            Tag::El(kind) => {
                self.implicit_close(kind);
                if self.stack.len() >= MAX_DEPTH {
                    return;
                }
                let href = if kind == Kind::Link {
                    attr(attrs, "href")
                } else {
                    None
                };
                if matches!(kind, Kind::Code | Kind::Pre) {
                    self.code_depth += 1;
                }
                self.stack.push(Element::new(kind, name, href));
            }
        }
    }

    /// The subset of HTML's implied end tags that matters for AWS docs.
    fn implicit_close(&mut self, kind: Kind) {
        // Inline code never spans blocks: an unclosed `<code>` must not
        // swallow the rest of the document.
        if kind.is_block() && self.code_depth > 0 && !self.stack.iter().any(|e| e.kind == Kind::Pre)
        {
            if let Some(i) = self.stack.iter().position(|e| e.kind == Kind::Code) {
                self.close_to(i);
            }
        }
        type Pred = fn(Kind) -> bool;
        let (is_target, is_scope): (Pred, Pred) = match kind {
            Kind::P => (
                |k| k == Kind::P,
                |k| {
                    matches!(
                        k,
                        Kind::Li | Kind::Dt | Kind::Dd | Kind::Quote(_) | Kind::Cell
                    )
                },
            ),
            Kind::Li => (|k| k == Kind::Li, |k| matches!(k, Kind::Ul | Kind::Ol)),
            Kind::Dt | Kind::Dd => (|k| matches!(k, Kind::Dt | Kind::Dd), |k| k == Kind::Dl),
            Kind::Row => (|k| k == Kind::Row, |k| k == Kind::Table),
            Kind::Cell => (
                |k| k == Kind::Cell,
                |k| matches!(k, Kind::Row | Kind::Table),
            ),
            _ => return,
        };
        for i in (1..self.stack.len()).rev() {
            let k = self.stack[i].kind;
            if is_target(k) {
                self.close_to(i);
                return;
            }
            if is_scope(k) {
                return;
            }
        }
    }

    fn end(&mut self, name: &str, raw: &str) {
        // `<br></br>` is common in AWS docs; the `</br>` half means nothing.
        if name == "br" {
            return;
        }
        if let Some(i) = self.stack.iter().rposition(|e| e.name == name) {
            if i > 0 {
                self.close_to(i);
                return;
            }
        }
        if self.code_depth > 0 && known_tag(name).is_none() {
            self.text(raw);
        }
    }

    /// Closes elements until the stack has `len` entries (the root stays).
    fn close_to(&mut self, len: usize) {
        while self.stack.len() > len.max(1) {
            let mut e = self.stack.pop().expect("non-root element");
            if matches!(e.kind, Kind::Code | Kind::Pre) {
                self.code_depth -= 1;
            }
            e.has_block = e.children.iter().any(|c| match c {
                Node::Hr => true,
                Node::El(x) => x.kind.is_block() || x.has_block,
                _ => false,
            });
            self.push_node(Node::El(Box::new(e)));
        }
    }
}

/// Names of all end tags in `src` (lowercased).
fn end_tag_names(src: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut rest = src;
    while let Some(i) = rest.find("</") {
        rest = &rest[i + 2..];
        let len = rest
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
            .count();
        if len > 0 {
            names.insert(rest[..len].to_ascii_lowercase());
        }
    }
    names
}

/// Concatenated text of a subtree; line breaks and block boundaries become
/// newlines so that preformatted content keeps its lines.
fn text_content(nodes: &[Node]) -> String {
    fn walk(nodes: &[Node], out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Br | Node::Hr => out.push('\n'),
                Node::El(e) if e.kind == Kind::Skip => {}
                Node::El(e) => {
                    let block = e.kind.is_block() && !matches!(e.kind, Kind::Pre);
                    if block && !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    walk(&e.children, out);
                    if block && !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
            }
        }
    }
    let mut out = String::new();
    walk(nodes, &mut out);
    out
}

/// Whether rendering `nodes` can produce any output.
fn visible(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| match n {
        Node::Text(t) => !t.trim().is_empty(),
        Node::Br | Node::Hr => false,
        Node::El(e) => {
            e.kind != Kind::Skip
                && (visible(&e.children) || (e.kind == Kind::Link && e.href.is_some()))
        }
    })
}

// ---------------------------------------------------------------------------
// Line writer
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Para,
    List,
    Other,
}

/// One container level (list item, blockquote): the prefix of its first
/// line and of the following ones.
struct Frame {
    first: String,
    cont: String,
    started: bool,
    has_content: bool,
    is_item: bool,
    last_para: bool,
}

impl Frame {
    fn new(first: String, cont: String, is_item: bool) -> Self {
        Frame {
            first,
            cont,
            started: false,
            has_content: false,
            is_item,
            last_para: false,
        }
    }
}

/// Writes lines under the current container prefixes. Blank separators are
/// requested lazily so that blocks that turn out empty leave no trace.
struct Writer {
    lines: Vec<String>,
    frames: Vec<Frame>,
    /// Requested separator: frame depth at request time and its prefix.
    blank: Option<(usize, String)>,
}

impl Writer {
    fn new() -> Self {
        Writer {
            lines: Vec::new(),
            frames: vec![Frame::new(String::new(), String::new(), false)],
            blank: None,
        }
    }

    fn push_frame(&mut self, first: String, cont: String, is_item: bool) {
        self.frames.push(Frame::new(first, cont, is_item));
    }

    fn pop_frame(&mut self) {
        let depth = self.frames.len();
        if self.blank.as_ref().is_some_and(|(d, _)| *d >= depth) {
            self.blank = None;
        }
        self.frames.pop();
    }

    fn block_start(&mut self, kind: BlockKind) {
        let depth = self.frames.len();
        let f = self.frames.last_mut().expect("root frame");
        // A sublist right after an item's paragraph stays tight.
        let tight = kind == BlockKind::List && f.is_item && f.last_para;
        f.last_para = kind == BlockKind::Para;
        if f.has_content && !tight {
            let prefix: String = self.frames.iter().map(|f| f.cont.as_str()).collect();
            self.blank = Some((depth, prefix.trim_end().to_owned()));
        }
    }

    fn line(&mut self, content: &str) {
        if let Some((_, blank)) = self.blank.take() {
            self.lines.push(blank);
        }
        let mut s = String::new();
        for f in &mut self.frames {
            if f.started {
                s.push_str(&f.cont);
            } else {
                s.push_str(&f.first);
                f.started = true;
            }
            f.has_content = true;
        }
        s.push_str(content);
        s.truncate(s.trim_end().len());
        self.lines.push(s);
    }
}

// ---------------------------------------------------------------------------
// Block rendering
// ---------------------------------------------------------------------------

/// Pending inline content of the paragraph being collected.
#[derive(Clone, Copy)]
enum Inl<'a> {
    Node(&'a Node),
    Str(&'a str),
}

struct Renderer {
    w: Writer,
    /// Label (`Note:`) to put in front of the next block of a note.
    lead: Option<&'static str>,
}

impl Renderer {
    fn new() -> Self {
        Renderer {
            w: Writer::new(),
            lead: None,
        }
    }

    fn render_root(&mut self, nodes: &[Node]) {
        let mut buf = Vec::new();
        self.flow(nodes, &mut buf, true);
        self.flush(&mut buf);
    }

    fn flow_container(&mut self, nodes: &[Node]) {
        let mut buf = Vec::new();
        self.flow(nodes, &mut buf, false);
        self.flush(&mut buf);
    }

    /// Collects inline content into `buf` and renders blocks as they come.
    fn flow<'a>(&mut self, nodes: &'a [Node], buf: &mut Vec<Inl<'a>>, root: bool) {
        for node in nodes {
            match node {
                // Plain-text docs separate paragraphs with blank lines.
                Node::Text(t) if root => {
                    let mut start = 0;
                    let mut offset = 0;
                    for line in t.split_inclusive('\n') {
                        if offset > start && line.trim().is_empty() {
                            buf.push(Inl::Str(&t[start..offset]));
                            self.flush(buf);
                            start = offset + line.len();
                        }
                        offset += line.len();
                    }
                    buf.push(Inl::Str(&t[start..]));
                }
                Node::Text(_) | Node::Br => buf.push(Inl::Node(node)),
                Node::Hr => self.flush(buf),
                Node::El(e) => {
                    if e.kind == Kind::Skip {
                    } else if e.kind.is_block() {
                        self.flush(buf);
                        self.block(node, e);
                    } else if e.has_block {
                        // Formatting around blocks cannot be expressed: keep the content.
                        self.flow(&e.children, buf, false);
                    } else {
                        buf.push(Inl::Node(node));
                    }
                }
            }
        }
    }

    fn flush(&mut self, buf: &mut Vec<Inl<'_>>) {
        if buf.is_empty() {
            return;
        }
        match standalone_code(buf) {
            Some(code) => self.code_block(&text_content(&code.children)),
            None => self.paragraph(buf, false),
        }
        buf.clear();
    }

    fn block(&mut self, node: &Node, e: &Element) {
        match e.kind {
            Kind::Heading | Kind::Dt => self.term(e),
            Kind::Pre => self.code_block(&text_content(&e.children)),
            Kind::Ul => self.list(&e.children, false),
            Kind::Ol => self.list(&e.children, true),
            Kind::Li => self.list(std::slice::from_ref(node), false),
            Kind::Dl => self.deflist(&e.children),
            Kind::Quote(label) => self.quote(e, label),
            Kind::Table => self.table(e),
            _ => self.flow_container(&e.children),
        }
    }

    /// Emits a pending note label as a paragraph of its own, before a block
    /// that cannot carry it inline.
    fn start_block(&mut self, kind: BlockKind) {
        if let Some(label) = self.lead.take() {
            self.w.block_start(BlockKind::Para);
            self.w.line(&format!("**{label}**"));
        }
        self.w.block_start(kind);
    }

    fn paragraph(&mut self, items: &[Inl<'_>], bold: bool) {
        let mut atoms = Vec::new();
        let mut ids = 0;
        let ctx = Ctx {
            strong: bold,
            ..Ctx::default()
        };
        if bold {
            atoms.push(Atom::Open(Mark::Strong, 0));
            ids = 1;
        }
        for item in items {
            match item {
                Inl::Str(s) => atoms.push(Atom::Text(s)),
                Inl::Node(n) => flatten(n, ctx, &mut atoms, &mut ids),
            }
        }
        if bold {
            atoms.push(Atom::Close(Mark::Strong, 0));
        }
        if !atoms.iter().any(Atom::is_visible) {
            return;
        }
        if let Some(label) = self.lead.take() {
            let mut with_label = vec![
                Atom::Open(Mark::Strong, ids),
                Atom::Text(label),
                Atom::Close(Mark::Strong, ids),
                Atom::Text(" "),
            ];
            with_label.append(&mut atoms);
            atoms = with_label;
            ids += 1;
        }
        let lines = InlineWriter::render(&atoms, ids, bold);
        if lines.is_empty() {
            return;
        }
        self.w.block_start(BlockKind::Para);
        for line in &lines {
            self.w.line(line);
        }
    }

    /// Headings and definition terms: a bold paragraph.
    fn term(&mut self, e: &Element) {
        if e.has_block {
            self.flow_container(&e.children);
        } else {
            let items: Vec<Inl<'_>> = e.children.iter().map(Inl::Node).collect();
            self.paragraph(&items, true);
        }
    }

    fn code_block(&mut self, raw: &str) {
        let lines = code_lines(raw);
        if lines.is_empty() {
            return;
        }
        let longest = lines.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
        let fence = "`".repeat((longest + 1).max(3));
        self.start_block(BlockKind::Other);
        // `text` keeps rustdoc from compiling the block as a doctest.
        self.w.line(&format!("{fence}text"));
        for line in &lines {
            self.w.line(line);
        }
        self.w.line(&fence);
    }

    fn push_item(&mut self, ordered: bool, n: usize) {
        let marker = if ordered {
            format!("{n}. ")
        } else {
            "- ".to_owned()
        };
        let cont = " ".repeat(marker.len());
        self.w.push_frame(marker, cont, true);
    }

    /// Renders list children; content outside `<li>` (common in AWS docs)
    /// joins the preceding item.
    fn list(&mut self, children: &[Node], ordered: bool) {
        self.start_block(BlockKind::List);
        let mut n = 0;
        let mut open = false;
        let mut i = 0;
        while i < children.len() {
            if let Some(li) = as_kind(&children[i], |k| k == Kind::Li) {
                if visible(&li.children) {
                    if open {
                        self.w.pop_frame();
                    }
                    n += 1;
                    self.push_item(ordered, n);
                    open = true;
                    self.flow_container(&li.children);
                }
                i += 1;
                continue;
            }
            let end = children[i..]
                .iter()
                .position(|c| as_kind(c, |k| k == Kind::Li).is_some())
                .map_or(children.len(), |p| i + p);
            let run = &children[i..end];
            if visible(run) {
                if !open {
                    n += 1;
                    self.push_item(ordered, n);
                    open = true;
                }
                self.flow_container(run);
            }
            i = end;
        }
        if open {
            self.w.pop_frame();
        }
    }

    /// `<dl>` becomes a list whose items start with the bold term.
    fn deflist(&mut self, children: &[Node]) {
        self.start_block(BlockKind::List);
        let mut open = false;
        let mut i = 0;
        while i < children.len() {
            let is_def = |c: &Node| as_kind(c, |k| matches!(k, Kind::Dt | Kind::Dd)).is_some();
            if let Some(e) = as_kind(&children[i], |k| matches!(k, Kind::Dt | Kind::Dd)) {
                if visible(&e.children) {
                    if e.kind == Kind::Dt || !open {
                        if open {
                            self.w.pop_frame();
                        }
                        self.push_item(false, 0);
                        open = true;
                    }
                    if e.kind == Kind::Dt {
                        self.term(e);
                    } else {
                        self.flow_container(&e.children);
                    }
                }
                i += 1;
                continue;
            }
            let end = children[i..]
                .iter()
                .position(is_def)
                .map_or(children.len(), |p| i + p);
            let run = &children[i..end];
            if visible(run) {
                if !open {
                    self.push_item(false, 0);
                    open = true;
                }
                self.flow_container(run);
            }
            i = end;
        }
        if open {
            self.w.pop_frame();
        }
    }

    fn quote(&mut self, e: &Element, label: Option<&'static str>) {
        if !visible(&e.children) {
            return;
        }
        self.start_block(BlockKind::Other);
        self.w.push_frame("> ".to_owned(), "> ".to_owned(), false);
        self.lead = label;
        self.flow_container(&e.children);
        if let Some(label) = self.lead.take() {
            self.w.block_start(BlockKind::Para);
            self.w.line(&format!("**{label}**"));
        }
        self.w.pop_frame();
    }

    /// Tables have no portable Markdown form here; each row becomes a list
    /// item with its cells separated by ` | `.
    fn table(&mut self, e: &Element) {
        fn rows<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
            for n in nodes {
                match n {
                    Node::El(e) if e.kind == Kind::TSection => rows(&e.children, out),
                    _ if visible(std::slice::from_ref(n)) => out.push(n),
                    _ => {}
                }
            }
        }
        let mut all = Vec::new();
        rows(&e.children, &mut all);
        if all.is_empty() {
            return;
        }
        self.start_block(BlockKind::List);
        for row in all {
            self.push_item(false, 0);
            match as_kind(row, |k| k == Kind::Row) {
                Some(r)
                    if !r
                        .children
                        .iter()
                        .any(|c| matches!(c, Node::El(x) if x.has_block)) =>
                {
                    let mut items = Vec::new();
                    for cell in r
                        .children
                        .iter()
                        .filter(|c| visible(std::slice::from_ref(*c)))
                    {
                        if !items.is_empty() {
                            items.push(Inl::Str(" | "));
                        }
                        match cell {
                            Node::El(c) if c.kind == Kind::Cell => {
                                items.extend(c.children.iter().map(Inl::Node))
                            }
                            _ => items.push(Inl::Node(cell)),
                        }
                    }
                    self.paragraph(&items, false);
                }
                Some(r) => self.flow_container(&r.children),
                None => self.flow_container(std::slice::from_ref(row)),
            }
            self.w.pop_frame();
        }
    }
}

fn as_kind(node: &Node, pred: impl Fn(Kind) -> bool) -> Option<&Element> {
    match node {
        Node::El(e) if pred(e.kind) => Some(e),
        _ => None,
    }
}

/// A paragraph consisting of one multi-line `<code>` is a code block.
fn standalone_code<'a>(buf: &[Inl<'a>]) -> Option<&'a Element> {
    let mut found = None;
    for item in buf {
        match *item {
            Inl::Str(s) if s.trim().is_empty() => {}
            Inl::Node(Node::Text(s)) if s.trim().is_empty() => {}
            Inl::Node(Node::El(e)) if e.kind == Kind::Code && found.is_none() => found = Some(&**e),
            _ => return None,
        }
    }
    let e = found?;
    text_content(&e.children).trim().contains('\n').then_some(e)
}

/// Lines of a code block: dedented, without surrounding blank lines or
/// trailing whitespace.
fn code_lines(raw: &str) -> Vec<String> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            l.replace('\t', "    ")
                .replace('\u{a0}', " ")
                .trim_end()
                .to_owned()
        })
        .collect();
    // Text right after `<code>` is not indented like the following lines.
    let first_flush = lines
        .first()
        .is_some_and(|l| !l.is_empty() && !l.starts_with(' '));
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let leading = lines.iter().take_while(|l| l.is_empty()).count();
    lines.drain(..leading);
    let skip = usize::from(first_flush && leading == 0);
    let indent = lines
        .iter()
        .skip(skip)
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    for l in lines.iter_mut().skip(skip) {
        if !l.is_empty() {
            l.drain(..indent);
        }
    }
    lines
}

fn longest_run(s: &str, ch: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for c in s.chars() {
        cur = if c == ch { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

// ---------------------------------------------------------------------------
// Inline rendering
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Strong,
    Emph,
}

impl Mark {
    fn delim(self) -> &'static str {
        match self {
            Mark::Strong => "**",
            Mark::Emph => "*",
        }
    }
}

/// Flattened inline content; `usize` values pair opening and closing atoms.
enum Atom<'a> {
    Text(&'a str),
    Code(String),
    Open(Mark, usize),
    Close(Mark, usize),
    LinkOpen(usize),
    LinkClose(usize, String),
    Auto(String),
    Break,
}

impl Atom<'_> {
    fn is_visible(&self) -> bool {
        match self {
            Atom::Text(t) => !t.trim().is_empty(),
            Atom::Code(c) => !c.trim().is_empty(),
            Atom::Auto(_) | Atom::LinkOpen(_) => true,
            _ => false,
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Ctx {
    strong: bool,
    emph: bool,
    link: bool,
}

fn flatten<'a>(node: &'a Node, ctx: Ctx, atoms: &mut Vec<Atom<'a>>, ids: &mut usize) {
    let e = match node {
        Node::Text(t) => return atoms.push(Atom::Text(t)),
        Node::Br | Node::Hr => return atoms.push(Atom::Break),
        Node::El(e) => e,
    };
    let (open, close, inner) = match e.kind {
        Kind::Skip => return,
        Kind::Code | Kind::Pre => return atoms.push(Atom::Code(text_content(&e.children))),
        Kind::Strong if !ctx.strong => {
            let id = next_id(ids);
            (
                Atom::Open(Mark::Strong, id),
                Atom::Close(Mark::Strong, id),
                Ctx {
                    strong: true,
                    ..ctx
                },
            )
        }
        Kind::Emph if !ctx.emph => {
            let id = next_id(ids);
            (
                Atom::Open(Mark::Emph, id),
                Atom::Close(Mark::Emph, id),
                Ctx { emph: true, ..ctx },
            )
        }
        Kind::Link if !ctx.link => {
            let Some(url) = e.href.as_deref().and_then(link_url) else {
                return e.children.iter().for_each(|c| flatten(c, ctx, atoms, ids));
            };
            let text = text_content(&e.children);
            let text = text.trim();
            if text.is_empty() || text == url || Some(text) == e.href.as_deref().map(str::trim) {
                return atoms.push(Atom::Auto(url));
            }
            let id = next_id(ids);
            (
                Atom::LinkOpen(id),
                Atom::LinkClose(id, url),
                Ctx { link: true, ..ctx },
            )
        }
        _ => return e.children.iter().for_each(|c| flatten(c, ctx, atoms, ids)),
    };
    atoms.push(open);
    for c in &e.children {
        flatten(c, inner, atoms, ids);
    }
    atoms.push(close);
}

fn next_id(ids: &mut usize) -> usize {
    *ids += 1;
    *ids - 1
}

/// Link destination usable in Markdown, or `None` for references rustdoc
/// would try (and fail) to resolve as intra-doc links.
fn link_url(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let absolute = if lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
    {
        href.to_owned()
    } else if href.starts_with('/') && !href.starts_with("//") {
        // AWS API references link relative to the documentation site.
        format!("https://docs.aws.amazon.com{href}")
    } else {
        return None;
    };
    let scheme_end = absolute.find(':').map_or(0, |i| i + 1);
    if absolute[scheme_end..].trim_start_matches('/').is_empty() {
        return None;
    }
    let mut url = String::with_capacity(absolute.len());
    for c in absolute.chars() {
        match c {
            ' ' => url.push_str("%20"),
            '(' => url.push_str("%28"),
            ')' => url.push_str("%29"),
            '<' => url.push_str("%3C"),
            '>' => url.push_str("%3E"),
            '"' => url.push_str("%22"),
            '\\' => url.push_str("%5C"),
            '`' => url.push_str("%60"),
            c if c.is_whitespace() || c.is_control() => {}
            c => url.push(c),
        }
    }
    Some(url)
}

struct DelimRec {
    /// Byte offset in the output where the delimiter goes.
    pos: usize,
    mark: Mark,
    slot: usize,
    open: bool,
}

enum Pending {
    Open(Mark, usize),
    Link(usize),
}

/// Renders atoms to paragraph lines. Whitespace, breaks and openers are held
/// back until visible content follows, so emphasis never starts with a space
/// and empty emphasis or links vanish. Emphasis delimiters are placed last,
/// keeping only those CommonMark will actually recognise.
struct InlineWriter {
    out: String,
    delims: Vec<DelimRec>,
    pending: Vec<Pending>,
    /// Emphasis pair id -> delimiter slot (adjacent same-kind spans merge).
    slot: Vec<usize>,
    space: bool,
    brk: bool,
    /// Nothing visible written on the current line yet.
    line_start: bool,
    link_depth: usize,
    single_line: bool,
    /// End of the last code span in `out`, to keep the next one from merging
    /// with its backticks.
    code_end: usize,
}

impl InlineWriter {
    fn render(atoms: &[Atom<'_>], ids: usize, single_line: bool) -> Vec<String> {
        let mut w = InlineWriter {
            out: String::new(),
            delims: Vec::new(),
            pending: Vec::new(),
            slot: (0..ids).collect(),
            space: false,
            brk: false,
            line_start: true,
            link_depth: 0,
            single_line,
            code_end: usize::MAX,
        };
        for atom in atoms {
            w.atom(atom);
        }
        w.finish()
    }

    fn atom(&mut self, atom: &Atom<'_>) {
        match atom {
            Atom::Text(s) => self.text(s),
            Atom::Code(c) => {
                let content = c.split_whitespace().collect::<Vec<_>>().join(" ");
                if content.is_empty() {
                    self.space = true;
                } else {
                    self.before_content();
                    if self.code_end == self.out.len() {
                        self.out.push(' ');
                    }
                    push_code_span(&mut self.out, &content);
                    self.code_end = self.out.len();
                    self.line_start = false;
                }
            }
            Atom::Open(mark, id) => self.pending.push(Pending::Open(*mark, *id)),
            Atom::Close(mark, id) => {
                if matches!(self.pending.last(), Some(Pending::Open(_, p)) if p == id) {
                    self.pending.pop();
                } else {
                    let rec = DelimRec {
                        pos: self.out.len(),
                        mark: *mark,
                        slot: self.slot[*id],
                        open: false,
                    };
                    self.delims.push(rec);
                }
            }
            Atom::LinkOpen(id) => {
                self.pending.push(Pending::Link(*id));
                self.link_depth += 1;
            }
            Atom::LinkClose(id, url) => {
                self.link_depth -= 1;
                if matches!(self.pending.last(), Some(Pending::Link(p)) if p == id) {
                    self.pending.pop();
                    self.autolink(url);
                } else {
                    self.out.push_str("](");
                    self.out.push_str(url);
                    self.out.push(')');
                }
            }
            Atom::Auto(url) => self.autolink(url),
            Atom::Break if self.single_line => self.space = true,
            Atom::Break => self.brk = true,
        }
    }

    fn text(&mut self, s: &str) {
        let mut rest = s;
        while !rest.is_empty() {
            let ws = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            if ws > 0 {
                self.space = true;
                rest = &rest[ws..];
                continue;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            self.before_content();
            write_word(
                &mut self.out,
                &rest[..end],
                self.line_start,
                self.link_depth == 0,
            );
            self.line_start = false;
            rest = &rest[end..];
        }
    }

    fn autolink(&mut self, url: &str) {
        self.before_content();
        self.out.push('<');
        self.out.push_str(url);
        self.out.push('>');
        self.line_start = false;
    }

    fn before_content(&mut self) {
        if !self.line_start {
            if self.brk {
                // A trailing backslash is a hard break without trailing spaces.
                self.out.push_str("\\\n");
                self.line_start = true;
            } else if self.space {
                self.out.push(' ');
            }
        }
        self.brk = false;
        self.space = false;
        for p in std::mem::take(&mut self.pending) {
            match p {
                Pending::Link(_) => {
                    // `![` would start an image.
                    if self.out.ends_with('!') {
                        let end = self.out.len();
                        self.out.insert(end - 1, '\\');
                        for d in self.delims.iter_mut().rev().take_while(|d| d.pos == end) {
                            d.pos += 1;
                        }
                    }
                    self.out.push('[');
                }
                Pending::Open(mark, id) => {
                    let pos = self.out.len();
                    match self.delims.last() {
                        // `*a**b*` does not parse as intended: merge the spans.
                        Some(last) if last.pos == pos && !last.open && last.mark == mark => {
                            self.slot[id] = last.slot;
                            self.delims.pop();
                        }
                        _ => self.delims.push(DelimRec {
                            pos,
                            mark,
                            slot: self.slot[id],
                            open: true,
                        }),
                    }
                }
            }
        }
    }

    fn finish(self) -> Vec<String> {
        if self.out.is_empty() {
            return Vec::new();
        }
        if self.delims.is_empty() {
            return self.out.split('\n').map(str::to_owned).collect();
        }
        let keep = self.resolve_delims();
        let mut s = String::with_capacity(self.out.len() + 4 * self.delims.len());
        let mut last = 0;
        for d in &self.delims {
            if keep[d.slot] {
                s.push_str(&self.out[last..d.pos]);
                s.push_str(d.mark.delim());
                last = d.pos;
            }
        }
        s.push_str(&self.out[last..]);
        if s.is_empty() {
            return Vec::new();
        }
        s.split('\n').map(str::to_owned).collect()
    }

    /// Decides which emphasis pairs to emit: only those CommonMark will pair
    /// exactly as intended. Dropping a pair loses formatting, never text.
    fn resolve_delims(&self) -> Vec<bool> {
        let n = self.slot.len();
        let none = usize::MAX;
        // Delimiters at the same position form one run; flanking depends
        // only on the surrounding text, so it is computed once per run.
        let mut runs: Vec<(bool, bool)> = Vec::new(); // (can open, can close)
        let mut run_of = Vec::with_capacity(self.delims.len());
        for (i, d) in self.delims.iter().enumerate() {
            if i == 0 || self.delims[i - 1].pos != d.pos {
                let prev = self.out[..d.pos].chars().next_back();
                let next = self.out[d.pos..].chars().next();
                runs.push((left_flanking(prev, next), right_flanking(prev, next)));
            }
            run_of.push(runs.len() - 1);
        }
        let (mut open_run, mut close_run) = (vec![none; n], vec![none; n]);
        for (d, &r) in self.delims.iter().zip(&run_of) {
            if d.open {
                open_run[d.slot] = r;
            } else {
                close_run[d.slot] = r;
            }
        }
        let mut keep: Vec<bool> = (0..n)
            .map(|s| {
                open_run[s] != none
                    && close_run[s] != none
                    && runs[open_run[s]].0
                    && runs[close_run[s]].1
            })
            .collect();
        // A run that can both open and close may pair with the wrong partner:
        // an opener inside another pair can close it instead, and the "rule of
        // 3" can refuse a match. Drop such pairs until none is left (bounded).
        for round in 0..=4 {
            let mut len = vec![0usize; runs.len()];
            let mut depth = vec![0i64; runs.len() + 1];
            for (d, &r) in self.delims.iter().zip(&run_of) {
                if keep[d.slot] {
                    len[r] += d.mark.delim().len();
                }
            }
            for s in (0..n).filter(|&s| keep[s]) {
                depth[open_run[s] + 1] += 1;
                depth[close_run[s]] -= 1;
            }
            for r in 1..runs.len() {
                depth[r] += depth[r - 1];
            }
            let mut changed = false;
            for s in 0..n {
                if !keep[s] {
                    continue;
                }
                let (o, c) = (open_run[s], close_run[s]);
                let both = runs[o].1 || runs[c].0;
                // Sum of run lengths a multiple of 3, but not both: with lengths
                // taken mod 3 that is exactly (1, 2) or (2, 1).
                let rule_of_3 = len[o] % 3 + len[c] % 3 == 3;
                if (runs[o].1 && depth[o] > 0) || (both && rule_of_3) || (both && round == 4) {
                    keep[s] = false;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        keep
    }
}

// CommonMark flanking rules for `*` delimiter runs; line edges count as whitespace.
fn is_ws(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

fn is_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
}

fn left_flanking(prev: Option<char>, next: Option<char>) -> bool {
    !is_ws(next) && (!is_punct(next) || is_ws(prev) || is_punct(prev))
}

fn right_flanking(prev: Option<char>, next: Option<char>) -> bool {
    !is_ws(prev) && (!is_punct(prev) || is_ws(next) || is_punct(next))
}

fn push_code_span(out: &mut String, content: &str) {
    let fence = "`".repeat(longest_run(content, '`') + 1);
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(&fence);
    out.push_str(pad);
    out.push_str(content);
    out.push_str(pad);
    out.push_str(&fence);
}

/// Writes one whitespace-free word; bare URLs become autolinks (rustdoc's
/// `bare_urls` lint) except inside link text, where they cannot nest.
fn write_word(out: &mut String, word: &str, line_start: bool, autolink: bool) {
    let mut rest = word;
    let mut at_start = line_start;
    while let Some((a, b)) = if autolink { find_url(rest) } else { None } {
        escape_text(out, &rest[..a], at_start);
        out.push('<');
        out.push_str(&rest[a..b]);
        out.push('>');
        rest = &rest[b..];
        at_start = false;
    }
    escape_text(out, rest, at_start);
}

/// Byte range of the first `http(s)://` URL in `s`, without trailing
/// punctuation (as in GFM autolinks).
fn find_url(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = s[from..].find("://").map(|k| k + from) {
        from = k + 3;
        let start = if k >= 5 && b[k - 5..k].eq_ignore_ascii_case(b"https") {
            k - 5
        } else if k >= 4 && b[k - 4..k].eq_ignore_ascii_case(b"http") {
            k - 4
        } else {
            continue;
        };
        if start > 0 && b[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let body = k + 3;
        let mut end = s[body..]
            .find(|c: char| matches!(c, '<' | '>' | '"' | '`' | '\\') || c.is_control())
            .map_or(s.len(), |p| body + p);
        let url = &s[body..end];
        let (mut parens, mut brackets) = (0i64, 0i64);
        for c in url.bytes() {
            match c {
                b'(' => parens += 1,
                b')' => parens -= 1,
                b'[' => brackets += 1,
                b']' => brackets -= 1,
                _ => {}
            }
        }
        while end > body {
            match b[end - 1] {
                b'.' | b',' | b':' | b';' | b'!' | b'?' | b'\'' | b'*' | b'_' | b'~' => end -= 1,
                b')' if parens < 0 => {
                    parens += 1;
                    end -= 1;
                }
                b']' if brackets < 0 => {
                    brackets += 1;
                    end -= 1;
                }
                _ => break,
            }
        }
        if end > body {
            return Some((start, end));
        }
    }
    None
}

/// Escapes text so that Markdown reads it literally.
fn escape_text(out: &mut String, s: &str, line_start: bool) {
    let mut s = s;
    if line_start {
        // Block markers only matter at the start of a line, and only when
        // followed by whitespace (`s` ends where the word does) or when they
        // could form a thematic break, setext underline or table row. `:`
        // may start a definition (pulldown-cmark extension) even without a space.
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let first = s.bytes().next().unwrap_or(b' ');
        let repeated = s.bytes().all(|b| b == first);
        if digits > 0 && s.len() == digits + 1 && matches!(s.as_bytes()[digits], b'.' | b')') {
            out.push_str(&s[..digits]);
            out.push('\\');
            s = &s[digits..];
        } else if matches!(first, b'|' | b':')
            || (first == b'#' && repeated)
            || (matches!(first, b'-' | b'+' | b'=') && (repeated || s.contains('|')))
        {
            out.push('\\');
        }
    }
    let mut prev: Option<char> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, c)| c);
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // Intraword underscores cannot delimit emphasis.
            '_' if prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric) =>
            {
                out.push('_')
            }
            '_' => out.push_str("\\_"),
            '&' if looks_like_entity(&s[i + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
        prev = Some(c);
    }
}

/// Whether `s` (the text after `&`) would be read as a character reference.
fn looks_like_entity(s: &str) -> bool {
    let name = s
        .bytes()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && s.as_bytes().get(name) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown as md;

    /// Structural invariants every output must satisfy.
    fn assert_sane(out: &str) {
        assert!(
            !out.starts_with('\n') && !out.ends_with('\n'),
            "blank edge line: {out:?}"
        );
        let mut fence: Option<String> = None;
        for line in out.lines() {
            assert_eq!(line, line.trim_end(), "trailing whitespace: {out:?}");
            assert!(!line.starts_with('\t'), "leading tab: {out:?}");
            let body = line.trim_start_matches([' ', '>', '-']).trim_start();
            let ticks: String = body.chars().take_while(|&c| c == '`').collect();
            // An info string containing backticks makes it a code span, not a fence.
            if ticks.len() >= 3 && !body[ticks.len()..].contains('`') {
                match &fence {
                    Some(f) if *f == ticks => fence = None,
                    Some(_) => {}
                    None => {
                        assert!(
                            body.ends_with("```text") || body == ticks.clone() + "text",
                            "{out:?}"
                        );
                        fence = Some(ticks);
                    }
                }
            }
        }
        assert!(fence.is_none(), "unclosed fence: {out:?}");
    }

    fn check(html: &str, expected: &str) {
        let out = md(html);
        assert_eq!(out, expected, "input: {html:?}");
        assert_sane(&out);
    }

    #[test]
    fn paragraphs() {
        check("<p>One</p><p>Two</p>", "One\n\nTwo");
        check("<p>  a \n\t b  </p>\n\n   <p></p><p/>", "a b");
        check("", "");
        check("<p></p>", "");
        check("Intro <p>Para</p> tail", "Intro\n\nPara\n\ntail");
    }

    #[test]
    fn plain_text() {
        check("Hello   world", "Hello world");
        check(
            "The maximum number of results to\n      be returned.",
            "The maximum number of results to be returned.",
        );
        check(
            "First para.\n\n  Second\npara.\n \n\nThird.",
            "First para.\n\nSecond para.\n\nThird.",
        );
    }

    #[test]
    fn inline_code() {
        check("<p>Use <code>ListFoo</code>.</p>", "Use `ListFoo`.");
        check("<code>a`b</code>", "``a`b``");
        // Adjacent spans would merge their backtick runs.
        check("<code>a</code><code>b</code>", "`a` `b`");
        check("<code>`x</code>", "`` `x ``");
        check("<code>a*b_c [d] &lt;e&gt; \\</code>", r"`a*b_c [d] <e> \`");
        check(
            "<p>x <code>\n   spaced\n   out </code> y</p>",
            "x `spaced out` y",
        );
        check("<p>a <code>  </code> b</p>", "a b");
        // Formatting inside code is dropped, its text kept.
        check(
            "<code>arn:<i>region</i>:<a>Foo</a></code>",
            "`arn:region:Foo`",
        );
    }

    #[test]
    fn code_blocks() {
        check(
            "<pre>fn main() {\n    x();\n}</pre>",
            "```text\nfn main() {\n    x();\n}\n```",
        );
        check(
            "<pre><code>\n    a\n      b\n</code></pre>",
            "```text\na\n  b\n```",
        );
        check(
            "<pre>has ``` inside</pre>",
            "````text\nhas ``` inside\n````",
        );
        // A paragraph made of one multi-line <code> is a block...
        check(
            "<p>Run:</p><p>\n  <code>aws foo --bar\n      --baz qux</code>\n</p>",
            "Run:\n\n```text\naws foo --bar\n--baz qux\n```",
        );
        // ...but wrapped code inside a sentence stays inline.
        check(
            "<p>set <code>EgressType =\n        VPC</code> first</p>",
            "set `EgressType = VPC` first",
        );
        check("<pre>  \n\n</pre>", "");
    }

    #[test]
    fn links() {
        check(
            r#"<a href="https://example.com/x">the docs</a>"#,
            "[the docs](https://example.com/x)",
        );
        check("<p>See <a>CreateBucket</a>.</p>", "See CreateBucket.");
        check(
            r#"<a href="https://example.com"></a>"#,
            "<https://example.com>",
        );
        check(
            r#"<a href="https://example.com"> https://example.com </a>"#,
            "<https://example.com>",
        );
        check(
            r#"<a href=" /IAM/latest/x.html">IAM</a>"#,
            "[IAM](https://docs.aws.amazon.com/IAM/latest/x.html)",
        );
        check(r#"<a href="API_Foo.html">Foo</a>"#, "Foo");
        check(r#"<a href="Foo">Foo [bar]</a>"#, r"Foo \[bar\]");
        check(
            r#"<a href="https://e.com/a b(c)">x</a>"#,
            "[x](https://e.com/a%20b%28c%29)",
        );
        check(
            r#"<a href='mailto:a@b.com'>mail us</a>"#,
            "[mail us](mailto:a@b.com)",
        );
        check(
            r#"<a href=https://e.com/u>unquoted</a>"#,
            "[unquoted](https://e.com/u)",
        );
        check(
            r#"<a href="https://e.com"><b>bold</b> link</a>"#,
            "[**bold** link](https://e.com)",
        );
        check(r#"<a href="https://">x</a>"#, "x");
        // `![` would start an image.
        check(
            r#"wow!<a href="https://x.io">link</a>"#,
            r"wow\![link](https://x.io)",
        );
        check(
            r#"<b>wow!</b><a href="https://x.io">l</a>"#,
            r"**wow\!**[l](https://x.io)",
        );
    }

    #[test]
    fn bare_urls() {
        check(
            "See https://example.com/a_b.",
            "See <https://example.com/a_b>.",
        );
        check(
            "(see http://x.org/p(1)) and HTTPS://Y.COM,",
            "(see <http://x.org/p(1)>) and <HTTPS://Y.COM>,",
        );
        check("schemes http:// or https://", "schemes http:// or https://");
        check("xhttps://no", "xhttps://no");
        // Inside link text an autolink would nest links; rustdoc accepts it as is.
        check(
            r#"<a href="https://a.com">at https://a.com/b</a>"#,
            "[at https://a.com/b](https://a.com)",
        );
    }

    #[test]
    fn lists() {
        check("<ul><li>a</li><li>b</li></ul>", "- a\n- b");
        check("<ol><li>a</li><li><p>b</p></li></ol>", "1. a\n2. b");
        check(
            "<p>Intro:</p><ul><li>a</li></ul><p>After</p>",
            "Intro:\n\n- a\n\nAfter",
        );
        check(
            "<ul><li><p>Values:</p><ul><li><code>A</code><ul><li>deep</li></ul></li><li>B</li></ul></li><li>c</li></ul>",
            "- Values:\n  - `A`\n    - deep\n  - B\n- c",
        );
        check("<ol><li>x<ol><li>y</li></ol></li></ol>", "1. x\n   1. y");
        check(
            "<ol><li>one</li><li>two</li><li>3</li><li>4</li><li>5</li><li>6</li><li>7</li><li>8</li><li>9</li><li>ten<p>more</p></li></ol>",
            "1. one\n2. two\n3. 3\n4. 4\n5. 5\n6. 6\n7. 7\n8. 8\n9. 9\n10. ten\n\n    more",
        );
        // Empty items vanish, numbering stays contiguous.
        check("<ol><li> </li><li>a</li></ol>", "1. a");
        // Unclosed <li> and text outside <li> (both common in AWS docs).
        check("<ul><li>a<li>b</ul>", "- a\n- b");
        check(
            "<ul><li>Name</li> describes it <li>Other</li></ul>",
            "- Name\n\n  describes it\n- Other",
        );
        check("<li>stray</li>", "- stray");
        check("<ul><li><p>a</p><p>b</p></li></ul>", "- a\n\n  b");
        check(
            "<ul><li><pre>x\ny</pre></li></ul>",
            "- ```text\n  x\n  y\n  ```",
        );
        check(
            "<ul><li>- not a nested list</li></ul>",
            r"- \- not a nested list",
        );
    }

    #[test]
    fn emphasis() {
        check(
            "<b>bold</b> and <strong>strong</strong>",
            "**bold** and **strong**",
        );
        check("<i>it</i> and <em>em</em>", "*it* and *em*");
        check("a<b> spaced </b>b", "a **spaced** b");
        check("a <b></b> <i> </i> b", "a b");
        check("<b>a</b><b>b</b>", "**ab**");
        check("<b><b>nested</b></b>", "**nested**");
        check("<b><i>both</i></b>", "***both***");
        check("Path<i>N</i> suffix", "Path*N* suffix");
        check("<b>Note</b>: x", "**Note**: x");
        // Delimiters CommonMark would not recognise are dropped, not left literal.
        check("x<b>(y)</b>z", "x(y)z");
        check("<b>line<br/>break</b>", "**line\\\nbreak**");
        check("<b>a <i>b</i> c</b>", "**a *b* c**");
        // Runs that can both open and close could be re-paired by CommonMark
        // (e.g. closing the outer `**`): such inner pairs are dropped.
        check("<b><i>a.</i>&lt;s&gt;<i>(b)</i></b>", r"***a.*\<s\>(b)**");
        check("<b>Path<i>N</i></b>", "**PathN**");
    }

    #[test]
    fn line_breaks() {
        check("a<br>b<br/>c", "a\\\nb\\\nc");
        check("<br><p><br>a<br><br></br>b<br></p>", "a\\\nb");
        check("a<br/>- b<br/>1. c", "a\\\n\\- b\\\n1\\. c");
    }

    #[test]
    fn headings() {
        check("<h1>Title</h1><p>Body</p>", "**Title**\n\nBody");
        check("<h3>A <b>b</b><br>c</h3>", "**A b c**");
    }

    #[test]
    fn notes() {
        check("<note><p>Careful.</p></note>", "> **Note:** Careful.");
        check(
            "<p>x</p><important>Do it.</important>",
            "x\n\n> **Important:** Do it.",
        );
        check("<note><ul><li>a</li></ul></note>", "> **Note:**\n>\n> - a");
        check("<note><p>a</p><p>b</p></note>", "> **Note:** a\n>\n> b");
        check("<note> </note>", "");
        check("<blockquote>q</blockquote>", "> q");
        check(
            "<ul><li>x<note>n</note></li></ul>",
            "- x\n\n  > **Note:** n",
        );
    }

    #[test]
    fn definition_lists() {
        check(
            "<dl><dt>Term</dt><dd><p>Def.</p></dd><dt>Two</dt><dd>More</dd></dl>",
            "- **Term**\n\n  Def.\n- **Two**\n\n  More",
        );
        check("<dl><dd>orphan</dd></dl>", "- orphan");
    }

    #[test]
    fn tables() {
        check(
            "<table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table>",
            "- Name | Value\n- a | 1",
        );
    }

    #[test]
    fn unknown_tags_and_comments() {
        check(
            "<fullname>Amazon Foo</fullname><p>Does things.</p>",
            "Amazon Foo\n\nDoes things.",
        );
        check("<p>a <custom x=\"1\">b</custom> c</p>", "a b c");
        check("<p>a <!-- hidden <b> --> b</p>", "a b");
        check("<p>a <replaceable>name</replaceable> b</p>", "a *name* b");
        check("<script>alert(1)</script>ok", "ok");
        // Placeholders are not markup.
        check(
            "<p>arn:aws:s3:<region>:<account-id>:x</p>",
            r"arn:aws:s3:\<region\>:\<account-id\>:x",
        );
        check(
            "<code>s3://<bucket-name>/<prefix></code>",
            "`s3://<bucket-name>/<prefix>`",
        );
        check(
            "<code><Grantee xsi:type=\"A\"><ID>1</ID></Grantee></code>",
            r#"`<Grantee xsi:type="A"><ID>1</ID></Grantee>`"#,
        );
        check("<p>the <label> field</p>", r"the \<label\> field");
    }

    #[test]
    fn entities() {
        check(
            "&lt;a&gt; &amp; &quot;q&quot; &apos;s&#39; x&nbsp;y",
            r#"\<a\> & "q" 's' x y"#,
        );
        check(
            "&#65;&#x42;&#X43; &copy; &bogus; &#xZZ; & &amp;amp;",
            r"ABC © \&bogus; \&#xZZ; & \&amp;",
        );
        check("&#0; &#1114112; &#9;x", "\u{FFFD} \u{FFFD} x");
    }

    #[test]
    fn escaping() {
        check("[link] and ![img](x)", r"\[link\] and !\[img\](x)");
        check("a < b > c \\ d `e` ~f~", r"a \< b \> c \\ d \`e\` \~f\~");
        check("2 * 3 *4*", r"2 \* 3 \*4\*");
        check(
            "snake_case _lead trail_ __init__",
            r"snake_case \_lead trail\_ \_\_init\_\_",
        );
        check("a | b", "a | b");
        check("[^1]: footnote", r"\[^1\]: footnote");
    }

    #[test]
    fn line_start_escapes() {
        check("# not a heading", r"\# not a heading");
        check("#hashtag", "#hashtag");
        check("- no list", r"\- no list");
        check("-5 degrees", "-5 degrees");
        check("+ plus", r"\+ plus");
        check("1. one", r"1\. one");
        check("2) two", r"2\) two");
        check("1.5 is a version", "1.5 is a version");
        check("> quote", r"\> quote");
        check("===", r"\===");
        check("---", r"\---");
        check("***", r"\*\*\*");
        check("___", r"\_\_\_");
        check("| a |", r"\| a |");
        check(": term", r"\: term");
        check(":term", r"\:term");
        check("```rust", r"\`\`\`rust");
        check("~~~", r"\~\~\~");
        check("    indented code?", "indented code?");
    }

    #[test]
    fn malformed_html() {
        check("<p>unclosed <b>bold", "unclosed **bold**");
        check("</p>stray close</li></ul>", "stray close");
        check("x < 5 and y <= 6 <", r"x \< 5 and y \<= 6 \<");
        check("<P>Upper <B>Case</B></P><BR/>", "Upper **Case**");
        check("<a href=\"https://e.com\"", r#"\<a href="<https://e.com>""#);
        check("<p>a <!-- never closed</p>", r"a \<!-- never closed");
        check(
            "<code>never closed <p>next para</p>",
            "`never closed`\n\nnext para",
        );
        check("<p>a<p>b</p>", "a\n\nb");
        check("<b>a<i>b</b>c</i>", "**ab**c");
        check("<<>>", r"\<\<\>\>");
        check("<a href='x'y>z</a>", "z");
        check("<p title=\"1 > 0\">quoted gt</p>", "quoted gt");
        check("<![CDATA[<raw> & stuff]]>", r"\<raw\> & stuff");
        check("<?xml version=\"1.0\"?><!DOCTYPE html>text", "text");
        check("bad\u{0}control\u{7}chars", "badcontrolchars");
    }

    #[test]
    fn aws_examples() {
        check(
            "<p>Gets it.</p><examples><example><name>Get</name><request>\nPOST / HTTP/1.1\n{\n  \"a\": 1\n}\n</request></example></examples>",
            "Gets it.\n\nGet\n\n```text\nPOST / HTTP/1.1\n{\n  \"a\": 1\n}\n```",
        );
    }

    #[test]
    fn deep_nesting_is_bounded() {
        for tag in [
            "b",
            "ul><li",
            "note",
            "span",
            "a href='https://x.io'",
            "code",
        ] {
            let input = format!("<{tag}>x").repeat(20_000);
            assert_sane(&md(&input));
        }
        let out = md(&"<ul><li>x".repeat(100));
        assert!(out.lines().all(|l| l.len() < 1000));
    }

    #[test]
    fn large_inputs_are_fast() {
        // Realistic ~1 MB document, then pathological shapes (~250 KB each,
        // far beyond what quadratic behaviour could finish in time).
        let realistic = "<p>Use <code>Foo_Bar</code> with <a href=\"https://e.com/x\">docs</a>, \
            <b>see</b> https://x.io/y.</p><ul><li><p>item <i>x</i></p><note>n</note></li></ul>\n"
            .repeat(7_000);
        let cases = [
            realistic,
            "<a '".repeat(60_000),
            "<b>".repeat(80_000),
            "<!--".repeat(60_000),
            "</".repeat(120_000),
            "http://".repeat(35_000),
            format!("http://x{}", ")".repeat(250_000)),
            "&#".repeat(120_000),
            "_*[`\\!".repeat(40_000),
            format!("<code>{}</code>", "`".repeat(250_000)),
            "<b>a</b><i>b</i>".repeat(15_000),
            format!("<pre>{}</pre>", "line\n".repeat(50_000)),
            "a\n\n".repeat(80_000),
            "<ul><li>x".repeat(25_000),
        ];
        for input in &cases {
            let start = std::time::Instant::now();
            let out = md(input);
            assert_sane(&out);
            let elapsed = start.elapsed();
            assert!(
                elapsed.as_secs() < 10,
                "{} bytes took {elapsed:?}",
                input.len()
            );
        }
    }

    #[test]
    fn deterministic() {
        let input = "<p>A <b>b</b> <a href=\"https://x.io\">c</a></p><ul><li>d</li></ul>";
        assert_eq!(md(input), md(input));
    }
}
