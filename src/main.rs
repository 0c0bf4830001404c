#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    teichaku::cli::run()
}
