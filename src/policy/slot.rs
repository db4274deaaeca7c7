//! One provider's place in a policy set: a policy compiled when the set was loaded, or a
//! built-in file compiled on first use.
//!
//! Loading a policy costs far more than a decision, so the built-in set loads a provider's file
//! only when something asks for that provider: a command-line decision loads one policy, not
//! four.
//! The built-in files are checked whole by the crate's tests (`PolicySet::load` over all of
//! them, cross-file checks included), so compiling one alone finds nothing they did not. Their
//! trees come decoded from the form the build script wrote (`builtin::tree`), not parsed: the
//! same tree, read and compiled as any other.

use super::compiled::CompiledPolicy;
use super::{PolicySource, builtin, compile, read};
use crate::model::Provider;
use std::sync::{Arc, OnceLock};

/// A provider's policy, compiled now or on first use.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    provider: Provider,
    /// The file to compile on first use; `None` once the policy was given.
    source: Option<PolicySource<'static>>,
    policy: OnceLock<Arc<CompiledPolicy>>,
}

impl Slot {
    /// A slot holding `policy`, already compiled.
    pub(crate) fn loaded(policy: CompiledPolicy) -> Slot {
        Slot {
            provider: policy.provider,
            source: None,
            policy: OnceLock::from(Arc::new(policy)),
        }
    }

    /// A slot for a provider no source covers: every method is `NO_POLICY`.
    pub(crate) fn absent(provider: Provider) -> Slot {
        Slot::loaded(CompiledPolicy::absent(provider))
    }

    /// A slot that compiles `source`, the file covering `provider`, when first asked.
    pub(crate) fn deferred(provider: Provider, source: PolicySource<'static>) -> Slot {
        Slot {
            provider,
            source: Some(source),
            policy: OnceLock::new(),
        }
    }

    /// The policy, compiled on the first call for a deferred slot.
    pub(crate) fn get(&self) -> &CompiledPolicy {
        self.policy
            .get_or_init(|| Arc::new(self.compile()))
            .as_ref()
    }

    /// The policy if it is compiled already; never compiles.
    pub(crate) fn compiled(&self) -> Option<&CompiledPolicy> {
        self.policy.get().map(Arc::as_ref)
    }

    /// Compiles the deferred file. A file with problems, or one covering another provider than
    /// the slot's, stands in as absent, so that a decision is `NO_POLICY` rather than a panic;
    /// the crate's tests keep the built-in files from either.
    fn compile(&self) -> CompiledPolicy {
        let Some(source) = self.source else {
            return CompiledPolicy::absent(self.provider);
        };
        let mut problems = Vec::new();
        let document = match builtin::tree(source.name) {
            Some(tree) => read::read_tree(source.name, tree, &mut problems),
            None => read::read(source.name, source.text, &mut problems),
        };
        let compiled = document.and_then(|document| compile::compile(document, &mut problems));
        match compiled {
            Some(policy) if problems.is_empty() && policy.provider == self.provider => policy,
            _ => CompiledPolicy::absent(self.provider),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::{builtin, read};

    /// A built-in policy is read from its decoded tree alone, without a problem: were no tree
    /// there, every file would quietly be parsed from its YAML again, at the old cost.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn each_builtin_tree_reads_by_itself() {
        for (_, source) in builtin::files() {
            let tree = builtin::tree(source.name);
            let mut problems = Vec::new();
            let read = tree.and_then(|tree| read::read_tree(source.name, tree, &mut problems));
            assert!(read.is_some(), "{} is not read from its tree", source.name);
            assert!(problems.is_empty(), "{}: {problems:?}", source.name);
        }
    }
}
