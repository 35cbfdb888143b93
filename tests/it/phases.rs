//! `init --from-phases`: the IMPLEMENTATION_PHASES.md reader on the shapes
//! people and planning tools really write, and the session it creates.

use crate::fixture;

use fixture::Fx;
use session_hook::phases;

/// The parsed file as text: one line per phase, one per step.
fn outline(text: &str) -> String {
    let f = phases::parse(text);
    let mut out = format!("title: {:?}\n", f.title);
    for p in &f.phases {
        out.push_str(&format!("{} [line {}]\n", p.label(), p.line));
        for s in &p.steps {
            out.push_str(&format!(
                "  - [{}] {}\n",
                if s.done { "x" } else { " " },
                s.text
            ));
        }
    }
    out
}

/// The layout a planning tool writes: metadata lines, a task checklist,
/// verification criteria and exit criteria under each phase.
const PLANNER: &str = r#"# Implementation Phases: fastapi-inventory

**Project Type**: Web API
**Stack**: FastAPI + PostgreSQL

---

## Phase 1: Project Scaffolding & Dev Environment (Small)
**Type**: Infrastructure
**Estimated**: 2-3 hours
**Files**: `pyproject.toml`, `docker-compose.yml`

**Tasks**:
- [ ] Initialize FastAPI project with Poetry
- [ ] Configure Docker Compose with PostgreSQL
- [x] Set up pre-commit hooks (ruff, mypy)
- [ ] Create CI pipeline stub with GitHub Actions

**Verification Criteria**:
- [ ] `docker compose up` starts all services
- [ ] API responds on localhost:8000

**Exit Criteria**: the stack starts with one command.

## Phase 2: Database Models & Migrations (Medium)
**Type**: Database

**Tasks**:
- [ ] SQLAlchemy models: Inventory, Supplier, Category
- [ ] Initial Alembic migration
- [ ] Seed data scripts for development

## Phase 3: Core CRUD API Endpoints (Large)
**Tasks**:
- [ ] Inventory endpoints
- [ ] Supplier endpoints

## Notes
- Keep migrations reversible.
"#;

/// Hand-written: numbered and bulleted lists, plain and bold labels,
/// nested bullets, wrapped lines, prose between items, code and comments.
const HANDWRITTEN: &str = "# Shop rewrite\n\nSome intro prose that mentions Phase 1 in passing.\n\n- a bullet before any phase is not a step\n\n## Phase 1 - Foundations\nWe start with the basics. This paragraph is prose, not a step.\n\nDeliverables:\n1. Repository layout\n2. Build script that\n   wraps cargo and npm\n3) Logging setup\n\nBetween the lists, more prose: it explains why.\n\n* Config loader\n  * reads YAML\n  * merges env vars\n+ Error types\n\n```yaml\n- name: not a step\n## Phase 9: not a phase\n```\n\n<!--\n- commented out, not a step\n-->\n\n### Phase 2. Catalogue (M)\n#### Deliverables\n- Product model\n\t- with variants\n- Search endpoint\n\n#### Risks\n- Search may be slow on large catalogues\n\n### Phase 3 — Checkout (2-3 days)\n- **Cart**: add, remove, update quantities\n- **Payments** via the provider's SDK\n- Deliverables:\n  - Order confirmation email\n\n### Phase 4: Launch\nNothing listed yet.\n";

/// A label that is itself a bullet, nested deliverables, and a parent
/// item whose nested bullets are its details.
const NESTED: &str = "## Phase 1: API (Small)\n- **Deliverables**:\n  - Login endpoint\n  - Logout endpoint\n- **Dependencies**:\n  - Auth provider account\n\n## Phase 2: UI\n- Configure the following:\n  - eslint\n  - prettier\n  - a very long list of further tools that goes on and on and on and on and on and on\n  - stylelint\n- Pages\n";

#[test]
fn planner_layout() {
    insta::assert_snapshot!(outline(PLANNER));
}

#[test]
fn handwritten_layout() {
    insta::assert_snapshot!(outline(HANDWRITTEN));
}

#[test]
fn nested_bullets_belong_to_their_parent() {
    let out = outline(NESTED);
    assert!(!out.contains("  - [ ] eslint"), "{out}");
    assert!(!out.contains("Auth provider"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn init_from_phases_groups_steps_by_phase() {
    let fx = Fx::plain("fastapi-inventory");
    fx.write("docs/IMPLEMENTATION_PHASES.md", PLANNER);
    let out = fx.ok(&["init", "--from-phases", "docs/IMPLEMENTATION_PHASES.md"]);
    insta::assert_snapshot!("init_from_phases_stdout", fx.scrub(&out));
    let text = fx.session_text("fastapi-inventory");
    insta::assert_snapshot!("init_from_phases_session", fx.scrub(&text));
    let id = fx.session_id("fastapi-inventory");
    let map = fx.read(&format!(".sessions/journal/{id}/phases.json"));
    insta::assert_snapshot!("init_from_phases_map", map);
    // The group headings stay put as steps move on.
    fx.ok(&["log", "--done", "Initialize FastAPI"]);
    let text = fx.session_text("fastapi-inventory");
    assert!(text.contains("#### Phase 1: Project Scaffolding & Dev Environment (Small)\n"));
    assert!(text.contains("**Progress**: 2/9 steps complete"), "{text}");
}

#[test]
fn goal_and_name_win_over_the_file_title() {
    let fx = Fx::plain("shop");
    fx.write("PHASES.md", HANDWRITTEN);
    let out = fx.ok(&[
        "init",
        "--from-phases",
        "PHASES.md",
        "--goal",
        "Rewrite the shop",
        "--name",
        "shop-v2",
    ]);
    assert!(out.contains("Session started: shop-v2"), "{out}");
    assert!(
        out.contains("Phase 4: Launch — 0 steps (no deliverables found under it)"),
        "{out}"
    );
    let text = fx.session_text("shop-v2");
    assert!(text.contains("title: Rewrite the shop\n"), "{text}");
    assert!(text.contains("#### Phase 4: Launch\n"), "{text}");
}

#[test]
fn a_file_without_phases_is_a_clear_error() {
    let fx = Fx::plain("p");
    fx.write(
        "PLAN.md",
        "# Plan\n\n- do things\n- more things\n\n## Milestones\n- M1\n",
    );
    let err = fx.err(&["init", "--from-phases", "PLAN.md"]);
    assert!(err.contains("no phases found in PLAN.md"), "{err}");
    assert!(
        err.contains("hint: phase headings look like `## Phase 1: Setup (Small)`"),
        "{err}"
    );
    assert!(!fx.root.join(".sessions/active").exists() || fx.sessions("active").is_empty());
    let err = fx.err(&["init", "--from-phases", "MISSING.md"]);
    assert!(
        err.contains("cannot read --from-phases MISSING.md"),
        "{err}"
    );
}

#[test]
fn secrets_in_the_file_are_redacted() {
    let fx = Fx::plain("p");
    fx.write(
        "P.md",
        "## Phase 1: Setup\n- Set token=ghp_abcdefghijklmnopqrstuvwxyz0123456789 in CI\n",
    );
    fx.ok(&["init", "--from-phases", "P.md", "--name", "setup"]);
    let text = fx.session_text("setup");
    assert!(!text.contains("ghp_abcdef"), "{text}");
    assert!(text.contains("[REDACTED:"), "{text}");
}
