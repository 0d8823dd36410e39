//! Benchmarks only; see `benches/calls.rs`.
