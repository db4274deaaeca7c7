//! Closed vocabularies: enums whose values are a fixed list of ids (methods, providers, banks,
//! payload formats). Each is declared once, by [`vocabulary!`], which gives it `ALL`, its ids,
//! `Display`, `FromStr` and an error type whose text lists the valid values, so that a new value
//! is one line and no table of ids can fall out of step with the enum.

/// The text of an unknown-value error: the value, the valid ids, and the nearest one.
pub(crate) fn unknown_text(what: &str, value: &str, ids: &[&str], spellings: &[&str]) -> String {
    let listed = ids
        .iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut text = format!("unknown {what} `{value}`, expected one of {listed}");
    if let Some(near) = crate::suggest::closest(value, spellings.iter().copied()) {
        text.push_str(&format!(" (did you mean `{near}`?)"));
    }
    text
}

/// Declares a closed vocabulary.
///
/// ```text
/// vocabulary! {
///     /// docs
///     #[derive(Debug, Clone, Copy, ..., Serialize, Deserialize)]
///     pub enum Method (UnknownMethod, "payment method") in model as array {
///         /// docs
///         Card => "card",
///         ...
///     }
/// }
/// ```
///
/// Each variant is written on the wire as its id (`#[serde(rename)]`, so the enum must derive
/// `Serialize` or `Deserialize`); `| "alias"` after an id adds spellings `FromStr` also accepts
/// (a bank's Korean name, its KFTC code). `in model` names the public module the enum is
/// reached through (for the error's example); `as array` makes `ALL` an array, `as slice` a
/// slice.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($error:ident, $what:literal) in $module:ident as $all:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $id:literal $(| $alias:literal)*,
            )*
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $id)]
                $variant,
            )*
        }

        impl $name {
            /// How many values there are.
            pub const COUNT: usize = [$($id),*].len();

            $crate::model::vocabulary::vocabulary!(@all $all $name [$($variant)*]);

            /// Every id, in the order of [`Self::ALL`].
            pub(crate) const IDS: &'static [&'static str] = &[$($id),*];

            /// Every spelling [`std::str::FromStr`] accepts: the ids, then the aliases.
            pub(crate) const SPELLINGS: &'static [&'static str] = &[$($id,)* $($($alias,)*)*];

            /// The id, as written on the wire.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            /// Other spellings that read as this value, in the order declared.
            pub(crate) fn aliases(self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$($alias),*],)*
                }
            }

            /// A position in [`Self::ALL`], for tables indexed by value.
            #[expect(
                clippy::as_conversions,
                reason = "a fieldless enum's discriminant is its position"
            )]
            #[allow(dead_code, reason = "not every vocabulary indexes a table")]
            pub(crate) fn index(self) -> usize {
                self as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $error;

            fn from_str(s: &str) -> Result<Self, $error> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|value| value.id() == s || value.aliases().contains(&s))
                    .ok_or_else(|| $error(s.to_owned()))
            }
        }

        #[doc = concat!(
            "A text that is no `", stringify!($name), "`; its message lists the valid ids.\n\n",
            "```\n",
            "let error = \"?\".parse::<refund_policy::", stringify!($module), "::",
            stringify!($name), ">().unwrap_err();\n",
            "assert_eq!(error.0, \"?\");\n",
            "assert!(error.to_string().starts_with(\"unknown ", $what, " `?`, expected one of \"));\n",
            "```",
        )]
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $error(pub String);

        impl std::fmt::Display for $error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::model::vocabulary::unknown_text(
                    $what,
                    &self.0,
                    $name::IDS,
                    $name::SPELLINGS,
                ))
            }
        }

        impl std::error::Error for $error {}
    };
    (@all array $name:ident [$($variant:ident)*]) => {
        /// Every value, in declaration order.
        pub const ALL: [$name; $name::COUNT] = [$($name::$variant),*];
    };
    (@all slice $name:ident [$($variant:ident)*]) => {
        /// Every value, in declaration order.
        pub const ALL: &'static [$name] = &[$($name::$variant),*];
    };
}

pub(crate) use vocabulary;
