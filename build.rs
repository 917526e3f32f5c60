//! Generates the widget's message keys from `locales/en.json`, and checks every other locale file
//! against it: a key missing from a locale, an extra key, or placeholders (`{amount}`) that differ
//! from English fail the build with what to fix. The keys become a Rust enum (`i18n::Key`), so a
//! misspelt key is a compile error, never a key shown to the shopper.
//!
//! English is built in, but only the texts a module can show: a build with the account and without
//! the checkout (`offer` feature off) leaves out the English of keys that only the checkout's views
//! use, and one with the checkout and without the account those only the account's views use, as found by reading
//! which source files name each `Key::…` (under `src/components/{checkout,offer}` or
//! `src/components/{account,repay_dialog}`; a key named anywhere else is kept everywhere). The key
//! and its id stay, so a locale file or a merchant's translation of it is still accepted.
//!
//! It also minifies the widget's stylesheets (every `*.css` under `src/` and `style/`) into
//! `OUT_DIR/css/`, where `css!` (src/components/mod.rs) includes them from: the module carries
//! its CSS without comments and indentation.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// Locales compiled into the wasm besides English (always built in: the fallback). None: every
/// other language is fetched by pay-later.js beside the module (pay-later-locale-<tag>.json).
const BUILT_IN: &[(&str, &str)] = &[];

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(name, _)| name.to_owned())).collect()
}

fn read(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not a JSON object of strings: {e}", path.display()));
    map.into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => (k, s),
            other => panic!("{}: {k} is {other}, not a string", path.display()),
        })
        .collect()
}

/// `offer.from_per_month` → `OfferFromPerMonth`.
fn variant(id: &str) -> String {
    id.split(['.', '_'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// Which views name each key (`Key::…` in the source files): `"checkout"`, `"account"` or
/// `"shared"`, by the file's folder.
fn key_views(dir: &Path, views: &mut std::collections::BTreeMap<String, BTreeSet<&'static str>>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            key_views(&path, views);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let relative = path.to_string_lossy().replace('\\', "/");
        let view = if relative.contains("src/components/checkout/") || relative.contains("src/components/offer/") {
            "checkout"
        } else if relative.contains("src/components/account/") || relative.contains("src/components/repay_dialog/") {
            "account"
        } else {
            "shared"
        };
        for (at, _) in text.match_indices("Key::") {
            let name: String = text[at + 5..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                views.entry(name).or_default().insert(view);
            }
        }
    }
}

/// Writes every stylesheet under `dir` to `out` (same relative path), minified.
fn minify_styles(dir: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            minify_styles(&path, &out.join(path.file_name().expect("a folder name")));
        } else if path.extension().and_then(|e| e.to_str()) == Some("css") {
            println!("cargo:rerun-if-changed={}", path.display());
            let css = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let minified = minifier::css::minify(&css)
                .unwrap_or_else(|e| panic!("{} is not CSS the minifier understands: {e}", path.display()));
            std::fs::create_dir_all(out).expect("the styles folder in OUT_DIR");
            let target = out.join(path.file_name().expect("a file name"));
            std::fs::write(&target, minified.to_string())
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
        }
    }
}

/// Emoji and pictographs: the Miscellaneous Symbols and Dingbats blocks, and everything past the
/// Basic Multilingual Plane's symbols (emoji, their modifiers and variation selectors).
fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c), 0x2600..=0x27BF | 0x1F000..=0x1FAFF | 0xFE0F)
}

fn main() {
    // Release builds (scripts/release-build.sh) split a module at the shopper's clicks: with
    // PAY_LATER_SPLIT set, `#[cfg(pay_later_split)]` marks the parts fetched on a click
    // (src/split.rs), which scripts/post-build.mjs cuts out with wasm-split.
    println!("cargo::rustc-check-cfg=cfg(pay_later_split)");
    println!("cargo:rerun-if-env-changed=PAY_LATER_SPLIT");
    if std::env::var_os("PAY_LATER_SPLIT").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=pay_later_split");
    }
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    minify_styles(Path::new("src"), &Path::new(&out_dir).join("css/src"));
    minify_styles(Path::new("style"), &Path::new(&out_dir).join("css/style"));
    let dir = Path::new("locales");
    println!("cargo:rerun-if-changed=locales");
    let en = read(&dir.join("en.json"));
    let mut problems = Vec::new();
    let mut locales = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the locales folder") {
        let path = entry.expect("a locale file").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") || path.ends_with("en.json") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let table = read(&path);
        for (id, english) in &en {
            match table.iter().find(|(k, _)| k == id) {
                None => problems.push(format!("locales/{name}.json has no \"{id}\" (English: {english:?})")),
                Some((_, text)) if placeholders(text) != placeholders(english) => problems.push(format!(
                    "locales/{name}.json \"{id}\" has placeholders {:?}, English has {:?}",
                    placeholders(text),
                    placeholders(english)
                )),
                Some((_, text)) if text.trim().is_empty() => {
                    problems.push(format!("locales/{name}.json \"{id}\" is empty"))
                }
                Some(_) => {}
            }
        }
        for (id, _) in &table {
            if !en.iter().any(|(k, _)| k == id) {
                problems.push(format!("locales/{name}.json has \"{id}\", which locales/en.json does not"));
            }
        }
        locales.push((name, table));
    }
    // Every text in characters the pages' fonts draw: no emoji or other pictographs (a box with no
    // glyph where a merchant's page has no emoji font).
    let all = std::iter::once(("en".to_owned(), &en)).chain(locales.iter().map(|(name, table)| (name.clone(), table)));
    for (name, table) in all {
        for (id, text) in table.iter() {
            if let Some(c) = text.chars().find(|c| is_pictograph(*c)) {
                problems.push(format!(
                    "locales/{name}.json \"{id}\" has {c:?} (U+{:04X}), which many fonts cannot draw: use words",
                    u32::from(c)
                ));
            }
        }
    }
    if !problems.is_empty() {
        panic!("the locale files need fixing:\n  {}", problems.join("\n  "));
    }

    let mut out = String::new();
    let n = en.len();
    out.push_str("/// Every message the shopper can read, one variant per key of `locales/en.json` (generated by\n");
    out.push_str("/// `build.rs`, which also checks every locale file has every key with the same placeholders).\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum Key {\n");
    for (id, english) in &en {
        let _ = writeln!(out, "    /// {english:?}\n    {},", variant(id));
    }
    out.push_str("}\n\nimpl Key {\n");
    let _ = writeln!(out, "    pub const COUNT: usize = {n};");
    let _ = write!(out, "    pub const ALL: [Key; {n}] = [");
    for (id, _) in &en {
        let _ = write!(out, "Key::{}, ", variant(id));
    }
    out.push_str("];\n\n    /// The key's name in the locale files, e.g. `\"offer.title\"`.\n");
    out.push_str(
        "    pub fn id(self) -> &'static str {\n        IDS.get(self as usize).copied().unwrap_or(\"\")\n    }\n}\n\n",
    );
    let table = |out: &mut String, name: &str, texts: Vec<&str>| {
        let _ = writeln!(out, "pub(crate) const {name}: [&str; {n}] = [");
        for text in texts {
            let _ = writeln!(out, "    {text:?},");
        }
        out.push_str("];\n\n");
    };
    table(&mut out, "IDS", en.iter().map(|(k, _)| k.as_str()).collect());
    // The English this module can show (see the module's documentation).
    let mut views = std::collections::BTreeMap::new();
    key_views(Path::new("src"), &mut views);
    let has = |feature: &str| std::env::var_os(format!("CARGO_FEATURE_{feature}")).is_some();
    let (checkout, account) = (has("OFFER"), has("ACCOUNT"));
    let shown = |id: &str| match views.get(&variant(id)) {
        // (A build with neither view, the library's own tests, keeps every text.)
        Some(v) if v.len() == 1 && v.contains("checkout") => checkout || !account,
        Some(v) if v.len() == 1 && v.contains("account") => account || !checkout,
        _ => true,
    };
    table(&mut out, "EN", en.iter().map(|(k, v)| if shown(k) { v.as_str() } else { "" }).collect());
    for (file, constant) in BUILT_IN {
        let (_, entries) =
            locales.iter().find(|(name, _)| name == file).unwrap_or_else(|| panic!("no locales/{file}.json"));
        let texts = en
            .iter()
            .map(|(id, _)| entries.iter().find(|(k, _)| k == id).map(|(_, v)| v.as_str()).unwrap_or_default())
            .collect();
        table(&mut out, constant, texts);
    }
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("i18n_keys.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}
