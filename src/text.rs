//! Plan text shown where it could do harm: a terminal obeys control characters (an escape sequence
//! can rewrite what is on screen or set the window title), and bidirectional overrides make text
//! read in a different order from the bytes it holds. Such characters are shown as `\u{…}`
//! escapes instead.

use std::borrow::Cow;

/// Whether a character would act on a terminal or reorder text rather than show as itself.
fn unsafe_for_terminal(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' => !keep_newlines,
        // Arabic letter mark, left-to-right and right-to-left marks, embeddings, overrides and
        // isolates.
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| unsafe_for_terminal(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_for_terminal(c, keep_newlines) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of text, safe to print on a terminal: every control character (line breaks included)
/// and bidirectional control is escaped.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Text of several lines, safe to print on a terminal: as [`terminal_safe`], keeping line breaks.
pub fn terminal_safe_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_act_on_a_terminal() {
        assert_eq!(terminal_safe("Abbey ward £5 — ŵ"), "Abbey ward £5 — ŵ");
        assert!(matches!(terminal_safe("plain"), Cow::Borrowed(_)));
        assert_eq!(
            terminal_safe("DC \u{1b}]0;pwned\u{7}Smith"),
            "DC \\u{1b}]0;pwned\\u{7}Smith"
        );
        assert_eq!(terminal_safe("a\u{202e}cba"), "a\\u{202e}cba");
        assert_eq!(terminal_safe("x\u{2066}y\u{2069}"), "x\\u{2066}y\\u{2069}");
        assert_eq!(terminal_safe("one\ntwo\r"), "one\\u{a}two\\u{d}");
        assert_eq!(terminal_safe_lines("one\ntwo\u{9b}"), "one\ntwo\\u{9b}");
    }
}
