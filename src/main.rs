fn main() {
    std::process::exit(session_hook::cli::run());
}
