//! Writing results to standard output without panicking when the reader has gone.
//!
//! `print!` panics when standard output is a pipe whose reader has exited
//! (`refund-policy policies show portone-v2 | head -3`). Output with nowhere to go is not the
//! command's failure: writing stops quietly, as other Unix tools do, and the exit code still
//! says what was decided.

use crate::Failure;
use std::fmt::Display;
use std::io::{self, Write};

/// Writes `text` as it is.
pub(crate) fn print(text: impl Display) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    quiet_when_gone(write!(out, "{text}").and_then(|()| out.flush()))
}

/// Writes `text` and a line break.
pub(crate) fn println(text: impl Display) -> Result<(), Failure> {
    print(format_args!("{text}\n"))
}

/// A write's outcome, with a closed pipe counted as done.
pub(crate) fn quiet_when_gone(written: io::Result<()>) -> Result<(), Failure> {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::input(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}
