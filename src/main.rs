//! The `crql` command-line tool: see `crql --help`.
//!
//! The CLI lives in the binary, not the library: it is a thin layer over crql's
//! public API (every `crql::` path in `cli/` is one a library user can write too).

mod cli;

/// What `print!` panics with when stdout cannot be written.
const STDOUT_FAILED: &str = "failed printing to stdout";

/// The message of a panic payload, when it is text.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
}

fn main() {
    // `crql parse FILE | head -1`: once the reader has gone, printing fails. That is
    // the reader's choice, not a bug, so it must end the process quietly rather than
    // with a panic report. Every subcommand prints through `print!`, so one hook here
    // covers them all; writers that see the error themselves report it as
    // `cli::reader_gone`.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !panic_text(info.payload()).is_some_and(|t| t.starts_with(STDOUT_FAILED)) {
            default_hook(info);
        }
    }));
    let status = match std::panic::catch_unwind(cli::main) {
        Ok(status) => status,
        Err(payload) => match panic_text(&*payload) {
            Some(t) if t.starts_with(STDOUT_FAILED) => {
                if t.contains("Broken pipe") {
                    cli::EXIT_OK
                } else {
                    eprintln!("crql: {t}");
                    cli::EXIT_USAGE
                }
            }
            _ => std::panic::resume_unwind(payload),
        },
    };
    std::process::exit(status);
}
