//! Patched for the pay-later widget (see vendor/README.md in its repository): the nodes of an
//! inert HTML string, created one by one (createElement, setAttribute, createTextNode,
//! createComment) instead of parsed by a `<template>`'s `innerHTML`, so that no Trusted Types sink
//! is ever fed a string and the views work on pages that enforce
//! `require-trusted-types-for 'script'` with no policy for HTML at all.
//!
//! The strings are what `view!` writes at compile time for a fully static subtree
//! (`leptos_macro`'s `inert_element_to_tokens`) and what `ToTemplate` writes for a `ViewTemplate`:
//! elements, attributes (double-quoted, or bare for booleans), text with `&`-escapes, raw text in
//! `<style>` and `<script>`, and comments (`<!>` markers). Element-by-element creation is subject
//! to Trusted Types itself (an event-handler attribute or a script's URL would still be refused),
//! so this builder can create nothing that `innerHTML` under the policy could not.

use super::Dom;
use crate::dom::document;
use std::borrow::Cow;
use wasm_bindgen::JsCast;
use web_sys::Node;

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// Elements that have no closing tag (the same list `view!` uses).
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
];

/// An element still open while the markup is read.
struct Open {
    node: Node,
    /// In the SVG namespace (an `<svg>` or inside one).
    svg: bool,
    /// `<style>` or `<script>`: its text is raw (not `&`-escaped).
    raw: bool,
}

/// Appends the nodes of `html` to `parent`; `svg` when `parent` is in the SVG namespace.
pub(super) fn append_markup(parent: &Node, html: &str, svg: bool) {
    let doc = document();
    let mut open = vec![Open {
        node: parent.clone(),
        svg,
        raw: false,
    }];
    let mut rest = html;
    while !rest.is_empty() {
        let top = open.last().expect("the parent stays open");
        if let Some(after) = rest.strip_prefix("</") {
            rest = after.split_once('>').map_or("", |(_, after)| after);
            if open.len() > 1 {
                open.pop();
            }
        } else if top.raw {
            let (text, after) = split_before(rest, "</");
            _ = top.node.append_child(&doc.create_text_node(text));
            rest = after;
        } else if let Some(after) = rest.strip_prefix("<!") {
            // A comment: `<!>` (a template's marker) or `<!--…-->`.
            let (text, after) = match after.strip_prefix("--") {
                Some(comment) => comment.split_once("-->").unwrap_or((comment, "")),
                None => after.split_once('>').unwrap_or((after, "")),
            };
            _ = top.node.append_child(&doc.create_comment(text));
            rest = after;
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = after.find(ends_name).unwrap_or(after.len());
            let name = &after[..end];
            let svg = top.svg || name == "svg";
            let element = Dom::create_element(name, svg.then_some(SVG_NAMESPACE));
            let (after, closed) = set_attributes(&element, &after[end..]);
            rest = after;
            _ = top.node.append_child(&element);
            if !closed && (svg || !VOID.contains(&name)) {
                open.push(Open {
                    node: element.unchecked_into(),
                    svg,
                    raw: name == "style" || name == "script",
                });
            }
        } else {
            let (text, after) = split_before(rest, "<");
            _ = top
                .node
                .append_child(&doc.create_text_node(&unescape(text)));
            rest = after;
        }
    }
}

/// Reads the attributes of a start tag into `element`, up to and including its `>` (or `/>`);
/// returns what follows and whether the tag closed itself.
fn set_attributes<'a>(element: &web_sys::Element, mut rest: &'a str) -> (&'a str, bool) {
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("/>") {
            return (after, true);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (after, false);
        }
        let end = rest.find(ends_name).unwrap_or(rest.len());
        if end == 0 {
            // A stray `=` or `/`, or the end of the string: skip it.
            match rest.get(1..) {
                Some(after) => rest = after,
                None => return ("", false),
            }
            continue;
        }
        let name = &rest[..end];
        rest = &rest[end..];
        let value = match rest.strip_prefix("=\"") {
            Some(after) => {
                let (value, after) = after.split_once('"').unwrap_or((after, ""));
                rest = after;
                unescape(value)
            }
            None => Cow::Borrowed(""),
        };
        _ = element.set_attribute(Dom::intern(name), &value);
    }
}

/// Whether `c` ends a tag's or an attribute's name.
fn ends_name(c: char) -> bool {
    c.is_ascii_whitespace() || c == '>' || c == '/' || c == '='
}

/// `text` up to `end` (or all of it), and the rest from `end` on.
fn split_before<'a>(text: &'a str, end: &str) -> (&'a str, &'a str) {
    text.split_at(text.find(end).unwrap_or(text.len()))
}

/// `text` with its character references decoded (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
/// `&#NN;`, `&#xHH;`); any other `&` stays as it is.
fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let decoded = rest.split_once(';').and_then(|(name, _)| {
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, name.len() + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
