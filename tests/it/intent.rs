//! "Coming back to work" on labelled sets of prompts people type
//! (`tests/data/intent/*.tsv`, both kinds): recall ≥ 0.95 at precision
//! ≥ 0.97 on each set, with code talk that contains the words staying
//! ordinary. Each set's header says who wrote it and how it measured the
//! first time, before anything in it was tuned on; `f.tsv` has never been
//! tuned on.

use session_hook::hook::intent::is_continuation;

const SETS: &[(&str, &str)] = &[
    ("core", include_str!("../data/intent/core.tsv")),
    ("a", include_str!("../data/intent/a.tsv")),
    ("b", include_str!("../data/intent/b.tsv")),
    ("c", include_str!("../data/intent/c.tsv")),
    ("d", include_str!("../data/intent/d.tsv")),
    ("e", include_str!("../data/intent/e.tsv")),
    ("f", include_str!("../data/intent/f.tsv")),
];

fn labelled(text: &'static str) -> Vec<(bool, &'static str)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (label, prompt) = l.split_once('\t').expect("label<TAB>prompt");
            assert!(label == "0" || label == "1", "label {label:?}");
            (label == "1", prompt)
        })
        .collect()
}

#[test]
fn recall_and_precision_on_every_labelled_set() {
    let mut total = 0;
    for (name, text) in SETS {
        let set = labelled(text);
        let pos = set.iter().filter(|(l, _)| *l).count();
        let neg = set.len() - pos;
        assert!(pos >= 100 && neg >= 100, "{name}: {pos} + {neg}");
        total += set.len();
        let (mut tp, mut fp) = (0usize, 0usize);
        let mut missed = Vec::new();
        let mut wrong = Vec::new();
        for (label, prompt) in &set {
            match (is_continuation(prompt, &[]), label) {
                (true, true) => tp += 1,
                (true, false) => {
                    fp += 1;
                    wrong.push(*prompt);
                }
                (false, true) => missed.push(*prompt),
                (false, false) => {}
            }
        }
        let recall = tp as f64 / pos as f64;
        let precision = tp as f64 / (tp + fp).max(1) as f64;
        eprintln!(
            "intent {name}: {} prompts, recall {recall:.3}, precision {precision:.3}",
            set.len()
        );
        assert!(
            recall >= 0.95,
            "{name}: recall {recall:.3}; missed: {missed:#?}"
        );
        assert!(
            precision >= 0.97,
            "{name}: precision {precision:.3}; taken for continue: {wrong:#?}"
        );
    }
    assert!(total >= 2_000, "{total} prompts");
}
