//! Finds the members that must be boxed: a structure or union that contains itself, directly
//! or through other structures and unions (not through a list or map, which already allocate),
//! would have infinite size.

use crate::model::{Kind, Model};
use std::collections::{BTreeMap, BTreeSet};

/// `(shape id, member name)` pairs whose target is in the same cycle as the shape.
pub fn boxed_members(model: &Model, shapes: &BTreeSet<String>) -> BTreeSet<(String, String)> {
    let is_aggregate = |id: &str| {
        model.get(id).is_some_and(|s| matches!(s.kind, Kind::Structure | Kind::Union))
    };
    let nodes: Vec<&str> = shapes.iter().map(String::as_str).filter(|id| is_aggregate(id)).collect();
    let index_of: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|id| {
            model.expect(id).members.iter().filter_map(|m| index_of.get(m.target.as_str()).copied()).collect()
        })
        .collect();
    let component = tarjan(&edges);

    let mut boxed = BTreeSet::new();
    for (i, id) in nodes.iter().enumerate() {
        for m in &model.expect(id).members {
            if let Some(&j) = index_of.get(m.target.as_str()) {
                // A self-edge is a cycle; otherwise only edges inside one component close one.
                if i == j || component[i] == component[j] {
                    boxed.insert((id.to_string(), m.name.clone()));
                }
            }
        }
    }
    // Components of one node without a self-edge are not cycles; the loop above only boxes
    // edges whose ends share a component, and a lone node shares it only with itself.
    boxed
}

/// Tarjan's strongly connected components, iterative so deep models cannot overflow the stack.
/// Returns each node's component number.
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == UNVISITED {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == UNVISITED {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::tarjan;

    #[test]
    fn finds_cycles_and_singletons() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 0
        let comp = tarjan(&[vec![1], vec![2], vec![0], vec![3], vec![0]]);
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[3], comp[0]);
        assert_ne!(comp[4], comp[0]);
    }

    #[test]
    fn deep_chains_do_not_overflow() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| if i + 1 < n { vec![i + 1] } else { vec![0] }).collect();
        let comp = tarjan(&edges);
        assert!(comp.iter().all(|c| *c == comp[0]));
    }
}
