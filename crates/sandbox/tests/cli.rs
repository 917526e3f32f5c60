//! The `paylater-sandbox` command as a merchant's developer meets it: `--help` answers with every
//! demo shopper the seed makes, and a mistake says what to do.

use std::process::Command;

use paylater_core::sandbox::seed::DEMO_SHOPPERS;

fn sandbox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_paylater-sandbox")).args(args).output().expect("the sandbox binary runs")
}

#[test]
fn help_lists_every_demo_shopper_with_who_it_is() {
    let out = sandbox(&["--help"]);
    assert!(out.status.success(), "--help exits with success, got {:?}", out.status);
    let help = String::from_utf8(out.stdout).expect("UTF-8");
    for (token, who) in DEMO_SHOPPERS {
        let line = help.lines().find(|l| l.split_whitespace().next() == Some(token));
        let line = line.unwrap_or_else(|| panic!("--help does not list {token}:\n{help}"));
        assert!(line.contains(who), "{token}'s line does not say who it is: {line}");
    }
    assert!(help.contains("--fee-rate PLAN=RATE"), "{help}");
}

#[test]
fn an_unknown_flag_is_refused_with_the_usage() {
    let out = sandbox(&["--prot", "8787"]);
    assert_eq!(out.status.code(), Some(2));
    let error = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(error.starts_with("unknown option \"--prot\""), "{error}");
    assert!(error.contains("usage: paylater-sandbox"), "{error}");
}
