//! Release builds that split the module (PAY_LATER_SPLIT, set by scripts/release-build.sh) keep
//! the linker's relocations, which wasm-split needs to cut the parts fetched on a click out of it
//! (scripts/post-build.mjs).
fn main() {
    println!("cargo:rerun-if-env-changed=PAY_LATER_SPLIT");
    if std::env::var_os("PAY_LATER_SPLIT").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-link-arg=--emit-relocs");
    }
}
