//! The entry point. std's usual start-up also finds the main thread's stack
//! guard by parsing /proc/self/maps, which costs about 0.1 ms of every run
//! (hooks run on every prompt); this C-style `main` skips it and does the
//! rest of what that start-up does itself.
#![cfg_attr(not(test), no_main)]

#[cfg(not(test))]
#[unsafe(no_mangle)]
pub extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    session_hook::cli::start();
    // A panic must not unwind out of a C function (that aborts): it ends
    // the run with code 101, as a std `main` would. `exit` flushes stdout.
    let code = std::panic::catch_unwind(session_hook::cli::run).unwrap_or(101);
    std::process::exit(code);
}
