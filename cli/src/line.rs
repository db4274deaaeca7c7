//! One line of `decide --batch`: a JSON object whose fields are read here, and the error object
//! answered for a line that does not read.

use chrono::{DateTime, Utc};
use refund_policy::Location;
use refund_policy::adapters::Format;
use refund_policy::model::parse_instant;
use refund_policy::suggest::closest;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// The fields a line may have.
const FIELDS: [&str; 7] = [
    "id",
    "payment",
    "request",
    "merchant",
    "now",
    "payment_format",
    "request_format",
];

/// What is wrong with a line, for callers to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    /// The line is not a JSON object (or not UTF-8 text).
    NotJson,
    /// A field the protocol does not have.
    UnknownField,
    /// A field given twice.
    DuplicateField,
    /// `payment` is missing.
    MissingField,
    /// A field of the wrong JSON type.
    WrongType,
    /// `payment_format` or `request_format` names no format.
    UnknownFormat,
    /// The payment, request, merchant or `now` does not read into the model.
    InvalidInput,
}

/// The `error` of an answer to a line that does not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct LineError {
    pub(crate) kind: Kind,
    /// The line's field the problem is in, when it is in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) field: Option<String>,
    pub(crate) message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) help: Option<String>,
    /// The column of the problem in the line, in characters from 1, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) column: Option<usize>,
}

impl LineError {
    pub(crate) fn new(kind: Kind, field: Option<String>, message: String) -> LineError {
        LineError {
            kind,
            field,
            message,
            help: None,
            column: None,
        }
    }

    fn at(mut self, column: Option<usize>) -> LineError {
        self.column = column;
        self
    }

    fn help(mut self, help: Option<String>) -> LineError {
        self.help = help;
        self
    }
}

/// The fields of a line, each still as the JSON text the caller wrote.
#[derive(Debug)]
pub(crate) struct Envelope<'a> {
    /// The caller's `id`, echoed as written (any JSON value but `null`).
    pub(crate) id: Option<&'a RawValue>,
    entries: Vec<(String, &'a RawValue)>,
}

/// The entries of a JSON object in their order, duplicates kept so they can be reported.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with `payment`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<'de>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// The 1-based column, in characters, of `byte` in `line`.
fn char_column(line: &str, byte: usize) -> Option<usize> {
    line.get(..byte)
        .map(|before| before.chars().count().saturating_add(1))
}

/// The column where `value`, a slice of `line`, starts.
fn column_of(line: &str, value: &RawValue) -> Option<usize> {
    let start = value
        .get()
        .as_ptr()
        .addr()
        .checked_sub(line.as_ptr().addr())?;
    char_column(line, start)
}

/// serde_json's message without the ` at line L column C` it appends.
fn bare_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// Reads a line's object and checks its field names.
pub(crate) fn read(line: &str) -> Result<Envelope<'_>, LineError> {
    let entries = serde_json::from_str::<Entries<'_>>(line)
        .map_err(|e| {
            let column = if e.line() == 1 {
                // serde_json counts bytes; the column of the problem is the next character.
                e.column()
                    .checked_sub(1)
                    .and_then(|byte| char_column(line, byte))
            } else {
                None
            };
            LineError::new(
                Kind::NotJson,
                None,
                format!("the line is not a JSON object: {}", bare_message(&e)),
            )
            .at(column)
        })?
        .0;
    for (i, (name, value)) in entries.iter().enumerate() {
        if !FIELDS.contains(&name.as_str()) {
            let help = closest(name, FIELDS)
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| Some(format!("a line has {}", quoted(&FIELDS))));
            return Err(LineError::new(
                Kind::UnknownField,
                Some(name.clone()),
                format!("unknown field `{name}`"),
            )
            .help(help)
            .at(column_of(line, value)));
        }
        if entries.iter().take(i).any(|(earlier, _)| earlier == name) {
            return Err(LineError::new(
                Kind::DuplicateField,
                Some(name.clone()),
                format!("duplicate field `{name}`"),
            )
            .at(column_of(line, value)));
        }
    }
    let id = entries
        .iter()
        .find(|(name, value)| name == "id" && value.get() != "null")
        .map(|(_, value)| *value);
    Ok(Envelope { id, entries })
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A payment, request or merchant of a line: the document text the library reads.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    pub(crate) text: Cow<'a, str>,
    /// The line's column just before the document, when it is written in the line as an
    /// object (a document given as a string has its own lines and columns).
    before: Option<usize>,
}

impl Document<'_> {
    /// The column in the line of a place in the document.
    pub(crate) fn column_in_line(&self, at: Option<Location>) -> Option<usize> {
        let at = at.filter(|at| at.line == 1)?;
        let column = usize::try_from(at.column).ok()?;
        self.before?.checked_add(column)
    }
}

/// The fields of a line, read.
#[derive(Debug)]
pub(crate) struct Fields<'a> {
    pub(crate) payment: Document<'a>,
    pub(crate) request: Option<Document<'a>>,
    pub(crate) merchant: Option<Document<'a>>,
    pub(crate) now: Option<DateTime<Utc>>,
    pub(crate) payment_format: Option<Format>,
    pub(crate) request_format: Option<Format>,
}

impl<'a> Envelope<'a> {
    /// The field `name`; `null` counts as absent.
    fn get(&self, name: &str) -> Option<&'a RawValue> {
        self.entries
            .iter()
            .find(|(n, value)| n == name && value.get() != "null")
            .map(|(_, value)| *value)
    }

    /// Reads the fields of `line`, whose object this is.
    pub(crate) fn fields(&self, line: &'a str) -> Result<Fields<'a>, LineError> {
        let Some(payment) = self.get("payment") else {
            return Err(LineError::new(
                Kind::MissingField,
                Some("payment".to_owned()),
                "missing field `payment`".to_owned(),
            ));
        };
        let optional_document = |name: &str| {
            self.get(name)
                .map(|value| document(line, name, value))
                .transpose()
        };
        let optional_string = |name: &str| {
            self.get(name)
                .map(|value| string(line, name, value))
                .transpose()
        };
        let optional_format = |name: &str| {
            optional_string(name)?
                .map(|(text, column)| format(name, &text, column))
                .transpose()
        };
        Ok(Fields {
            payment: document(line, "payment", payment)?,
            request: optional_document("request")?,
            merchant: optional_document("merchant")?,
            now: optional_string("now")?
                .map(|(text, column)| {
                    parse_instant(&text).map_err(|e| {
                        LineError::new(Kind::InvalidInput, Some("now".to_owned()), e.to_string())
                            .at(column)
                    })
                })
                .transpose()?,
            payment_format: optional_format("payment_format")?,
            request_format: optional_format("request_format")?,
        })
    }
}

/// A document written as an object in the line, or as a string holding its JSON or YAML text.
fn document<'a>(line: &'a str, name: &str, value: &'a RawValue) -> Result<Document<'a>, LineError> {
    let json = value.get();
    if json.starts_with('{') {
        let before = column_of(line, value).and_then(|c| c.checked_sub(1));
        return Ok(Document {
            text: Cow::Borrowed(json),
            before,
        });
    }
    match string(line, name, value) {
        Ok((text, _)) => Ok(Document {
            text: Cow::Owned(text),
            before: None,
        }),
        Err(_) => Err(LineError::new(
            Kind::WrongType,
            Some(name.to_owned()),
            format!(
                "`{name}` must be an object, or a string holding the document, not {}",
                json_type(json)
            ),
        )
        .at(column_of(line, value))),
    }
}

/// A field that must be a JSON string, with the column where it starts.
fn string(line: &str, name: &str, value: &RawValue) -> Result<(String, Option<usize>), LineError> {
    let column = column_of(line, value);
    serde_json::from_str::<String>(value.get())
        .map(|text| (text, column))
        .map_err(|_| {
            LineError::new(
                Kind::WrongType,
                Some(name.to_owned()),
                format!("`{name}` must be a string, not {}", json_type(value.get())),
            )
            .at(column)
        })
}

/// The JSON type of a value, named for a message (the value itself may be long).
fn json_type(json: &str) -> &'static str {
    match json.chars().next() {
        Some('{') => "an object",
        Some('[') => "an array",
        Some('"') => "a string",
        Some('t' | 'f') => "a boolean",
        Some('n') => "null",
        _ => "a number",
    }
}

fn format(name: &str, text: &str, column: Option<usize>) -> Result<Format, LineError> {
    text.parse::<Format>().map_err(|_| {
        let ids = Format::ALL.map(Format::id);
        let help = closest(text, ids)
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some(format!("the formats are {}", quoted(&ids))));
        LineError::new(
            Kind::UnknownFormat,
            Some(name.to_owned()),
            format!("`{name}`: unknown format `{text}`"),
        )
        .help(help)
        .at(column)
    })
}
