//! Link the program with packed relative relocations where the linker and
//! the C library can: the position-independent executable otherwise carries
//! about 550 KB of relocation entries that the loader reads, and so keeps
//! in memory, at every start (and the hooks start on every prompt).
//!
//! The flag is only given after a small C program linked with it has run
//! here, so an older linker or C library (glibc before 2.36) builds as
//! before. Cross builds are left alone.

use std::path::PathBuf;
use std::process::Command;

const FLAG: &str = "-Wl,-z,pack-relative-relocs";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SESSION_HOOK_NO_RELR");
    if std::env::var_os("SESSION_HOOK_NO_RELR").is_none() && packed_relocs_work() {
        println!("cargo:rustc-link-arg-bins={FLAG}");
    }
}

fn packed_relocs_work() -> bool {
    let (Ok(target), Ok(host)) = (std::env::var("TARGET"), std::env::var("HOST")) else {
        return false;
    };
    if target != host || !target.contains("linux-gnu") {
        return false;
    }
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let src = out.join("relr-probe.c");
    let exe = out.join("relr-probe");
    // A pointer in static data needs a relative relocation in a PIE.
    let program = "static const char *p = \"x\";\nint main(void) { return p[0] != 'x'; }\n";
    if std::fs::write(&src, program).is_err() {
        return false;
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let linked = Command::new(cc)
        .args(["-pie", "-fPIE", FLAG, "-o"])
        .arg(&exe)
        .arg(&src)
        .output()
        .is_ok_and(|o| o.status.success());
    linked && Command::new(&exe).status().is_ok_and(|s| s.success())
}
