//! Links the command line as a fixed-address executable on Linux (GNU): a position-independent
//! one makes the dynamic loader apply some 35,000 relocations and fault in their pages at every
//! start, about a millisecond of each `refund-policy` call, more than the decision. The price is
//! that the executable's own code is not moved by address-space randomization; the program is
//! memory-safe Rust and runs no code it reads.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
