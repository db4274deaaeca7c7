#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| refund_policy_fuzz::options(data));
