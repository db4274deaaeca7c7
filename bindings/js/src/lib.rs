//! The `refund-policy` engine for JavaScript and TypeScript, in browsers and Node.js, built
//! to WebAssembly with wasm-bindgen.
//!
//! The library is pure (no file, clock or network), so it runs unchanged in a browser. This
//! crate adds what JavaScript needs around it: text in and JSON out, and failures as data that
//! the package's JavaScript wrapper (`bindings/js/js/core.js`) throws as typed errors of the
//! library's own kinds, with the library's own messages.
//!
//! The functions in [`api`] are the package's behaviour in plain Rust; [`exports`] makes them
//! callable from JavaScript.
//!
//! ```
//! use refund_policy_js::api::{self, DecideArgs};
//!
//! let engine = api::builtin()?;
//! let decision = api::decide(&engine, DecideArgs {
//!     payment: r#"{"provider": "portone_v2", "method": "mobile", "status": "paid",
//!                  "amount": {"total": 10000}, "paid_at": "2026-01-31T23:30:00+09:00"}"#,
//!     request: "reason: 고객 요청",
//!     now: "2026-02-01T00:10:00+09:00",
//!     lang: "en",
//!     ..Default::default()
//! })?;
//! assert_eq!(decision["verdict"], "deny");
//! assert_eq!(decision["reasons"][0]["code"], "MONTH_CHANGED");
//! # Ok::<(), refund_policy_js::failure::Failure>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod exports;
pub mod failure;
pub mod show;
