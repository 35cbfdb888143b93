//! "Coming back to work" on a labelled set of prompts people type
//! (`tests/data/intent.tsv`, both kinds): recall ≥ 0.95 at precision
//! ≥ 0.97, with code talk that contains the words staying ordinary.

use session_hook::hook::intent::is_continuation;

fn labelled() -> Vec<(bool, &'static str)> {
    include_str!("../data/intent.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (label, prompt) = l.split_once('\t').expect("label<TAB>prompt");
            (label == "1", prompt)
        })
        .collect()
}

#[test]
fn recall_and_precision_on_the_labelled_set() {
    let set = labelled();
    let pos = set.iter().filter(|(l, _)| *l).count();
    let neg = set.len() - pos;
    assert!(
        set.len() >= 200 && pos >= 100 && neg >= 100,
        "{pos} + {neg}"
    );
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
        "intent: {} prompts, recall {recall:.3}, precision {precision:.3}",
        set.len()
    );
    assert!(recall >= 0.95, "recall {recall:.3}; missed: {missed:#?}");
    assert!(
        precision >= 0.97,
        "precision {precision:.3}; taken for continue: {wrong:#?}"
    );
}
