//! The entry point: everything lives in the library so tests and benches
//! reach the same code.

fn main() -> std::process::ExitCode {
    // std's runtime already turns SIGPIPE off and opens /dev/null on a
    // closed stdin, stdout or stderr before `main`.
    let code = std::panic::catch_unwind(session_hook::cli::run).unwrap_or(101);
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
