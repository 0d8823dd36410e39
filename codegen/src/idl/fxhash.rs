//! A fast hash for the assembler's maps: its keys are short shape ids and trait ids, hashed
//! tens of thousands of times per model, where SipHash's resistance to crafted collisions buys
//! nothing (a model is not an attacker; at worst a hostile one loads slowly).

use indexmap::IndexMap;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate hashing, a word at a time (the scheme rustc uses for its own tables).
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const K: u64 = 0xf135_7aea_2e62_a9c5;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(26) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
/// An insertion-ordered map (what the model keeps in order: members, traits, object keys).
pub type FxIndexMap<K, V> = IndexMap<K, V, FxBuild>;
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_maps_work() {
        let mut map: FxIndexMap<String, u32> = FxIndexMap::default();
        for (i, key) in ["smithy.api#String", "a", "", "smithy.api#Strinh"]
            .iter()
            .enumerate()
        {
            map.insert(key.to_string(), i as u32);
        }
        assert_eq!(map.get("a"), Some(&1));
        assert_eq!(map.get("smithy.api#Strinh"), Some(&3));
        assert_eq!(map.len(), 4);
    }
}
