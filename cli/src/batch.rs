//! `refund-policy decide --batch`: one decision per JSON line, answered as each line arrives, so
//! a service in another language can keep one process open and write a line per refund.
//!
//! Each line is an object with `payment` (required), `request`, `merchant`, `now`,
//! `payment_format`, `request_format` and `id`. Each answer is one line: the decision in the
//! contract's JSON shape, or `{"line": N, "error": {...}}` for a line that does not read; both
//! carry the line's `id` when it has one. Blank lines are skipped. The stream never stops at a
//! bad line.
//!
//! With `--screen`, a line's answer is its screening instead: `{"id": …, "verdict": "deny",
//! "reasons": ["MONTH_CHANGED"]}`, the decision's verdict and reason codes without the rest,
//! for going through many refunds to find which would fail and why.

use crate::Failure;
use crate::exit::{DENIED, UNREADABLE};
use crate::inputs::{self, Texts, Unreadable};
use crate::line::{self, Envelope, Kind, LineError};
use chrono::{DateTime, Utc};
use refund_policy::adapters::Format;
use refund_policy::messages::{Lang, Report};
use refund_policy::{Engine, Screening};
use serde::Serialize;
use serde_json::value::RawValue;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

/// What applies to every line.
#[derive(Debug)]
pub(crate) struct Options<'a> {
    pub(crate) engine: &'a Engine,
    pub(crate) lang: Lang,
    /// `--now`: the moment of lines without their own; the clock when absent.
    pub(crate) now: Option<DateTime<Utc>>,
    pub(crate) payment_format: Format,
    pub(crate) request_format: Format,
    /// `--screen`: answer each line with its verdict and reason codes alone.
    pub(crate) screen: bool,
}

/// How the stream went: the exit code follows from it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    denied: usize,
    unreadable: usize,
}

impl Tally {
    /// 2 when a line did not read, else 3 when a line was denied and `fail_on_deny`, else 0.
    fn exit_code(self, fail_on_deny: bool) -> ExitCode {
        if self.unreadable > 0 {
            ExitCode::from(UNREADABLE)
        } else if fail_on_deny && self.denied > 0 {
            ExitCode::from(DENIED)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// A decision's line: its report, written by hand (`Report::write_json`, the fast way), with
/// the caller's `id` first when the line had one.
fn decided(id: Option<&RawValue>, report: Report<'_>) -> serde_json::Result<String> {
    let mut line = String::with_capacity(2048);
    report.write_json(&mut line)?;
    if let Some(id) = id
        && line.starts_with('{')
    {
        line.replace_range(..1, &format!("{{\"id\":{},", id.get()));
    }
    Ok(line)
}

/// A screened line: the caller's `id` when the line had one, the verdict and reason codes.
#[derive(Serialize)]
struct Screened<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a RawValue>,
    #[serde(flatten)]
    screening: &'a Screening,
}

/// A line that did not read: its number, the caller's `id` when it could be read, and why.
#[derive(Serialize)]
struct Failed<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a RawValue>,
    line: usize,
    error: &'a LineError,
}

/// Runs the stream from `source` (`-` for standard input) to standard output.
pub(crate) fn run(source: &Path, options: &Options<'_>, fail_on_deny: bool) -> crate::Outcome {
    let stdout = std::io::stdout();
    let tally = if source == Path::new("-") {
        answer_all(std::io::stdin().lock(), stdout.lock(), options)
    } else {
        let file = std::fs::File::open(source)
            .map_err(|e| Failure::input(format!("cannot read `{}`: {e}", source.display())))?;
        answer_all(BufReader::new(file), stdout.lock(), options)
    };
    tally
        .map(|tally| tally.exit_code(fail_on_deny))
        .map_err(|e| Failure::input(format!("batch stopped: {e}")))
}

/// Answers every line of `input` on `output`, one line each, flushed as it is written.
fn answer_all(
    mut input: impl BufRead,
    mut output: impl Write,
    options: &Options<'_>,
) -> std::io::Result<Tally> {
    let mut tally = Tally::default();
    let mut buffer = Vec::new();
    let mut number = 0_usize;
    loop {
        buffer.clear();
        if input.read_until(b'\n', &mut buffer)? == 0 {
            return Ok(tally);
        }
        number = number.saturating_add(1);
        let text = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let answer = answer(number, text, options, &mut tally)
            .map_err(|e| std::io::Error::other(format!("line {number}: {e}")))?;
        let written = output
            .write_all(answer.as_bytes())
            .and_then(|()| output.write_all(b"\n"))
            .and_then(|()| output.flush());
        match written {
            // The reader has gone (`| head`): the answers have nowhere to go, which ends the
            // stream as its end of input would.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(tally),
            written => written?,
        }
    }
}

/// The answer to one line, counted in `tally`.
fn answer(
    number: usize,
    text: &[u8],
    options: &Options<'_>,
    tally: &mut Tally,
) -> serde_json::Result<String> {
    let Ok(text) = std::str::from_utf8(text) else {
        tally.unreadable = tally.unreadable.saturating_add(1);
        let error = LineError::new(Kind::NotJson, None, "the line is not UTF-8 text".to_owned());
        return failed(number, None, &error);
    };
    let envelope = match line::read(text) {
        Ok(envelope) => envelope,
        Err(error) => {
            tally.unreadable = tally.unreadable.saturating_add(1);
            return failed(number, None, &error);
        }
    };
    let (inputs, now) = match read(text, &envelope, options) {
        Ok(read) => read,
        Err(error) => {
            tally.unreadable = tally.unreadable.saturating_add(1);
            return failed(number, envelope.id, &error);
        }
    };
    let (payment, request, merchant) = (&inputs.payment, &inputs.request, &inputs.merchant);
    if options.screen {
        let screening = options.engine.screen(payment, request, merchant, now);
        if !screening.is_allowed() {
            tally.denied = tally.denied.saturating_add(1);
        }
        return serde_json::to_string(&Screened {
            id: envelope.id,
            screening: &screening,
        });
    }
    let decision = options.engine.decide(payment, request, merchant, now);
    if !decision.is_allowed() {
        tally.denied = tally.denied.saturating_add(1);
    }
    decided(envelope.id, decision.report(options.lang))
}

fn failed(number: usize, id: Option<&RawValue>, error: &LineError) -> serde_json::Result<String> {
    serde_json::to_string(&Failed {
        id,
        line: number,
        error,
    })
}

/// The inputs of the line whose fields `envelope` holds, and its moment.
fn read(
    text: &str,
    envelope: &Envelope<'_>,
    options: &Options<'_>,
) -> Result<(inputs::Inputs, DateTime<Utc>), LineError> {
    let fields = envelope.fields(text)?;
    let texts = Texts {
        payment: &fields.payment.text,
        payment_format: fields.payment_format.unwrap_or(options.payment_format),
        request: fields.request.as_ref().map(|d| d.text.as_ref()),
        request_format: fields.request_format.unwrap_or(options.request_format),
        merchant: fields.merchant.as_ref().map(|d| d.text.as_ref()),
    };
    let inputs = inputs::read(options.engine, texts).map_err(|problem| {
        let document = match problem.part {
            inputs::Part::Payment => Some(&fields.payment),
            inputs::Part::Request => fields.request.as_ref(),
            inputs::Part::Merchant => fields.merchant.as_ref(),
        };
        let column = document.and_then(|d| d.column_in_line(problem.location));
        unreadable(&problem, column)
    })?;
    let now = fields.now.or(options.now).unwrap_or_else(Utc::now);
    Ok((inputs, now))
}

fn unreadable(problem: &Unreadable, column: Option<usize>) -> LineError {
    let mut error = LineError::new(
        Kind::InvalidInput,
        Some(problem.part.name().to_owned()),
        problem.message.clone(),
    );
    error.help.clone_from(&problem.help);
    error.column = column;
    error
}
