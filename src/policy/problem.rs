//! What is wrong with a policy file, and where.

use crate::yaml::Location;
use std::fmt;

/// One problem found while loading policies: a file, a place in it, what is wrong, and a
/// hint where one helps (a "did you mean", the expected form).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The policy source's name, as given to the loader.
    pub file: String,
    /// Where in the file.
    pub location: Location,
    /// What is wrong; lower-case, names in backticks.
    pub message: String,
    /// How to fix it, where there is something to say.
    pub help: Option<String>,
}

impl Problem {
    pub(crate) fn new(
        file: &str,
        location: Location,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Problem {
        Problem {
            file: file.to_owned(),
            location,
            message: message.into(),
            help,
        }
    }
}

/// `FILE:LINE:COLUMN: message (hint)`, on one line.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.location.line, self.location.column, self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// Policies that did not load, with every problem found, in file and line order.
///
/// ```
/// use refund_policy::{Engine, PolicySource};
/// let broken = "policy: portone_v2\nprovider: portone_v3\n";
/// let error = Engine::from_sources(&[PolicySource::new("broken.yaml", broken)]).unwrap_err();
/// assert!(error.to_string().starts_with("broken.yaml:2:11: "));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    problems: Vec<Problem>,
}

impl LoadError {
    pub(crate) fn new(mut problems: Vec<Problem>) -> LoadError {
        problems.sort();
        problems.dedup();
        LoadError { problems }
    }

    /// Every problem, one per place.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// One problem per line.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
