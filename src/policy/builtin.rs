//! The policies built into the crate, embedded at compile time: each file's YAML, and the tree
//! it parses to in the build script's binary form (`build.rs`), which is decoded instead of
//! parsing the YAML again.

use super::PolicySource;
use crate::model::Provider;
use crate::yaml::Node;

/// The built-in policy files: the provider each covers, the name problems use, and the text.
/// The crate's tests check that each file declares the provider it is listed under.
const FILES: &[(Provider, &str, &str)] = &[
    (
        Provider::PortoneV2,
        "policies/portone-v2.yaml",
        include_str!("../../policies/portone-v2.yaml"),
    ),
    (
        Provider::PortoneV1,
        "policies/portone-v1.yaml",
        include_str!("../../policies/portone-v1.yaml"),
    ),
    (
        Provider::Bootpay,
        "policies/bootpay.yaml",
        include_str!("../../policies/bootpay.yaml"),
    ),
    (
        Provider::TossPayments,
        "policies/toss-payments.yaml",
        include_str!("../../policies/toss-payments.yaml"),
    ),
];

/// Each built-in file's tree as the build script wrote it, by the file's name in `FILES`. The
/// WebAssembly package leaves them out: they would take its size past its budget, and it has
/// the parser anyway.
#[cfg(not(target_arch = "wasm32"))]
const TREES: &[(&str, &[u8])] = &[
    (
        "policies/portone-v2.yaml",
        include_bytes!(concat!(env!("OUT_DIR"), "/portone-v2.tree")),
    ),
    (
        "policies/portone-v1.yaml",
        include_bytes!(concat!(env!("OUT_DIR"), "/portone-v1.tree")),
    ),
    (
        "policies/bootpay.yaml",
        include_bytes!(concat!(env!("OUT_DIR"), "/bootpay.tree")),
    ),
    (
        "policies/toss-payments.yaml",
        include_bytes!(concat!(env!("OUT_DIR"), "/toss-payments.tree")),
    ),
];

/// The tree of the built-in file named `name`, decoded from its build-time form. `None` when
/// there is none to decode (in the WebAssembly package, or for a file that did not parse
/// cleanly at build time): the caller parses the YAML then.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn tree(name: &str) -> Option<Node> {
    let (_, bytes) = TREES.iter().find(|(file, _)| *file == name)?;
    crate::yaml::packed::decode(bytes)
}

/// In the WebAssembly package, built-in files are parsed from their YAML.
#[cfg(target_arch = "wasm32")]
pub(crate) fn tree(_name: &str) -> Option<Node> {
    None
}

/// The built-in policy files (`policies/*.yaml`), as sources to load or to show.
///
/// ```
/// let names: Vec<&str> = refund_policy::policy::builtin_sources().map(|s| s.name).collect();
/// assert!(names.contains(&"policies/portone-v2.yaml"));
/// ```
pub fn builtin_sources() -> impl Iterator<Item = PolicySource<'static>> {
    files().map(|(_, source)| source)
}

/// The built-in policy files with the provider each covers.
pub(crate) fn files() -> impl Iterator<Item = (Provider, PolicySource<'static>)> {
    FILES
        .iter()
        .map(|(provider, name, text)| (*provider, PolicySource::new(name, text)))
}

#[cfg(test)]
mod tests {
    use super::files;
    use crate::PolicySet;
    use crate::model::Provider;

    /// Deciding with the built-in set compiles one file at a time and skips the checks across
    /// files; loading them together is where those checks run, so the files must pass them.
    #[test]
    fn the_builtin_files_load_together_as_the_builtin_set() {
        let sources: Vec<_> = super::builtin_sources().collect();
        let loaded = match PolicySet::load(&sources) {
            Ok(set) => set,
            Err(error) => panic!("the built-in policies do not load:\n{error}"),
        };
        assert_eq!(loaded, PolicySet::builtin());
        assert_eq!(
            loaded.providers().collect::<Vec<_>>(),
            Provider::ALL.to_vec()
        );
    }

    #[test]
    fn each_builtin_file_covers_the_provider_it_is_listed_under() {
        for (provider, source) in files() {
            let set = match PolicySet::load(&[source]) {
                Ok(set) => set,
                Err(error) => panic!("{} does not load:\n{error}", source.name),
            };
            assert_eq!(
                set.providers().collect::<Vec<_>>(),
                [provider],
                "{}",
                source.name
            );
        }
    }

    /// The build-time form is what a decision reads, the YAML what people read and edit: they
    /// must hold the same tree, positions and number texts included.
    #[test]
    fn each_builtin_file_decodes_to_the_tree_its_yaml_parses_to() {
        for (_, source) in files() {
            let (parsed, duplicates) = match crate::yaml::parse(source.text) {
                Ok(parsed) => parsed,
                Err(error) => panic!("{} does not parse: {}", source.name, error.message),
            };
            assert!(duplicates.is_empty(), "{}", source.name);
            assert_eq!(super::tree(source.name), Some(parsed), "{}", source.name);
        }
        assert_eq!(super::tree("policies/no-such-file.yaml"), None);
    }

    #[test]
    fn the_builtin_set_compiles_a_provider_when_first_asked() {
        let set = PolicySet::builtin();
        assert!(set.by_provider.iter().all(|slot| slot.compiled().is_none()));
        assert_eq!(set.policy_id(Provider::Bootpay), Some("bootpay"));
        let compiled: Vec<Provider> = set
            .by_provider
            .iter()
            .filter_map(|slot| slot.compiled())
            .map(|policy| policy.provider)
            .collect();
        assert_eq!(compiled, [Provider::Bootpay]);
    }

    #[test]
    fn a_contract_of_the_compiled_policy_is_found_without_compiling_the_others() {
        let set = PolicySet::builtin();
        let Some(doc) = set.document(Provider::PortoneV2) else {
            panic!("the built-in PortOne V2 policy compiles");
        };
        let Some(id) = doc.contracts.keys().next().cloned() else {
            panic!("the PortOne V2 policy defines contracts");
        };
        assert!(set.defines_contract(&id));
        assert_eq!(
            set.by_provider.iter().filter_map(|s| s.compiled()).count(),
            1
        );
        assert!(!set.defines_contract("no_such_contract"));
        assert!(set.by_provider.iter().all(|slot| slot.compiled().is_some()));
    }

    #[test]
    fn policy_sets_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<PolicySet>();
        shared::<crate::Engine>();
    }
}
