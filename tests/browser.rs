//! Component tests in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use evidence_ladder::app::{App, AppProps};
use evidence_ladder::components::ladder_table;
use evidence_ladder::model::inputs::Inputs;
use evidence_ladder::model::plan::Plan;
use evidence_ladder::model::query::parse_query;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, EventInit, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> Element {
    let document = gloo_document();
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

fn gloo_document() -> web_sys::Document {
    web_sys::window()
        .expect("window")
        .document()
        .expect("document")
}

/// Renders one of the app's view functions on its own.
#[derive(yew::Properties)]
struct ViewProps {
    plan: Rc<Plan>,
    view: fn(&Plan) -> yew::Html,
}

// Rendered once per test, so only the plan matters.
impl PartialEq for ViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.plan == other.plan
    }
}

#[yew::component]
fn View(props: &ViewProps) -> yew::Html {
    (props.view)(&props.plan)
}

async fn render_view(view: fn(&Plan) -> yew::Html, plan: Rc<Plan>) -> Element {
    let root = fresh_root();
    yew::Renderer::<View>::with_root_and_props(root.clone(), ViewProps { plan, view }).render();
    yew::scheduler::flush().await;
    root
}

async fn render_app(query: &str) -> Element {
    let root = fresh_root();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            query: Some(query.to_owned().into()),
            app_url: None,
            ..AppProps::default()
        },
    )
    .render();
    yew::scheduler::flush().await;
    drawn(&root).await;
    root
}

/// Waits for the parts the app draws after its first paint.
async fn drawn(root: &Element) {
    for _ in 0..100 {
        if root
            .query_selector(".calculator[data-ready]")
            .expect("selector")
            .is_some()
        {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!("the calculator never drew its later parts");
}

fn status_text(root: &Element) -> String {
    root.query_selector("[role=status]")
        .expect("selector")
        .expect("a status element")
        .text_content()
        .unwrap_or_default()
}

fn fire(target: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}

fn element(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no {selector}"))
}

#[wasm_bindgen_test]
async fn app_shows_the_reference_level() {
    let root = render_app("").await;
    assert_eq!(status_text(&root), "Evidence level 3 of 5 — Convincing");
}

/// On its own page, the app's first render draws the top of the page; what
/// is below the fold follows after a paint, and nothing is left out.
#[wasm_bindgen_test]
async fn the_first_render_draws_the_top_then_the_rest() {
    let root = fresh_root();
    // No query: the app owns the (test runner's) page.
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let has = |selector: &str| root.query_selector(selector).expect("selector").is_some();
    assert!(status_text(&root).starts_with("Evidence level"));
    assert!(has("#field-novelty"));
    assert!(!has(".method"), "the method waits for a paint");
    drawn(&root).await;
    for part in [
        ".verdict",
        ".ladder",
        ".experiments",
        ".chart",
        ".claim-map",
        ".share",
        ".method",
    ] {
        assert!(has(part), "{part} is drawn");
    }
}

/// Mounted into another page, the calculator is whole at its first render:
/// the page around it moves once.
#[wasm_bindgen_test]
async fn a_mounted_calculator_draws_everything_at_once() {
    let root = fresh_root();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            query: Some("novelty=2".into()),
            app_url: Some("https://example.org/el/".into()),
            ..AppProps::default()
        },
    )
    .render();
    yew::scheduler::flush().await;
    for part in [".calculator[data-ready]", ".verdict", ".method"] {
        assert!(
            root.query_selector(part).expect("selector").is_some(),
            "{part}"
        );
    }
}

#[wasm_bindgen_test]
async fn app_reads_its_query() {
    let root = render_app("generality=5&novelty=5").await;
    assert_eq!(status_text(&root), "Evidence level 5 of 5 — Extraordinary");
}

#[wasm_bindgen_test]
async fn choosing_a_novelty_updates_the_level() {
    let root = render_app("").await;
    let select: HtmlSelectElement = element(&root, "#field-novelty").unchecked_into();
    select.set_value("1");
    fire(&select, "change");
    yew::scheduler::flush().await;
    assert_eq!(status_text(&root), "Evidence level 2 of 5 — Suggestive");
}

#[wasm_bindgen_test]
async fn invalid_hours_keep_the_last_result() {
    let root = render_app("").await;
    let ladder_before = element(&root, ".ladder tbody").text_content();
    let hours: HtmlInputElement = element(&root, "#field-hours").unchecked_into();
    hours.set_value("0");
    fire(&hours, "input");
    yew::scheduler::flush().await;
    // The error waits for the user to leave the field (or pause).
    assert!(root
        .query_selector("#error-hours")
        .expect("selector")
        .is_none());
    fire(&hours, "blur");
    yew::scheduler::flush().await;
    let error = element(&root, "#error-hours")
        .text_content()
        .unwrap_or_default();
    assert!(
        error.starts_with("Hours of wall-clock time must be from 0.01 to 1,000,000 hours"),
        "{error}"
    );
    assert_eq!(hours.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        element(&root, ".ladder tbody").text_content(),
        ladder_before
    );
    assert_eq!(hours.value(), "0", "what the user typed stays in the field");

    hours.set_value("72");
    fire(&hours, "input");
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("#error-hours")
        .expect("selector")
        .is_none());
    assert_ne!(
        element(&root, ".ladder tbody").text_content(),
        ladder_before
    );
}

#[wasm_bindgen_test]
async fn ladder_table_has_a_row_per_rung() {
    let plan = Rc::new(Plan::new(parse_query("generality=5&novelty=5").inputs));
    let root = render_view(ladder_table::view, plan.clone()).await;
    let rows = root
        .query_selector_all("table.rungs tbody tr")
        .expect("rows");
    assert_eq!(rows.length() as usize, plan.ladder.rungs.len());
    let first = element(&root, "tbody tr th").text_content();
    assert_eq!(first.as_deref(), Some("Small"));
    let root = render_view(ladder_table::experiments_view, plan.clone()).await;
    let groups = root
        .query_selector_all("table.experiments tbody tr")
        .expect("rows");
    assert_eq!(groups.length() as usize, plan.experiments.len());
}

#[wasm_bindgen_test]
async fn claim_map_marks_the_users_cell_only() {
    let root = render_app("generality=4&novelty=2").await;
    let table = element(&root, ".claim-map table");
    assert!(table
        .get_attribute("aria-label")
        .unwrap_or_default()
        .starts_with("Claim map"));
    assert_eq!(
        root.query_selector_all(".claim-map tbody td")
            .expect("cells")
            .length(),
        25
    );
    let yours = root
        .query_selector_all(".claim-map td[aria-current=true]")
        .expect("cells");
    assert_eq!(yours.length(), 1);
    let text = yours
        .get(0)
        .and_then(|n| n.text_content())
        .unwrap_or_default();
    assert!(text.contains("L3") && text.contains("your claim"), "{text}");
}

#[wasm_bindgen_test]
fn js_api_throws_an_error_naming_the_field() {
    // The app's start function calls this; test binaries have no start.
    evidence_ladder::js_api::install().expect("install");
    let window = web_sys::window().expect("window");
    let api = js_sys::Reflect::get(&window, &"evidenceLadder".into()).expect("get");
    let plan = js_sys::Reflect::get(&api, &"plan".into()).expect("get plan");
    let plan: js_sys::Function = plan.dyn_into().expect("plan is a function");
    let inputs = js_sys::Object::new();
    js_sys::Reflect::set(&inputs, &"novelty".into(), &99.into()).expect("set");
    let err = plan.call1(&api, &inputs).expect_err("novelty 99 throws");
    let err: js_sys::Error = err.dyn_into().expect("an Error");
    let message: String = err.message().into();
    assert!(message.starts_with("novelty"), "{message}");
}

fn click(root: &Element, selector: &str, text: &str) {
    let buttons = root.query_selector_all(selector).expect("selector");
    for i in 0..buttons.length() {
        let node = buttons.get(i).expect("node");
        if node.text_content().as_deref() == Some(text) {
            let el: web_sys::HtmlElement = node.unchecked_into();
            el.click();
            return;
        }
    }
    panic!("no {selector} reading {text}");
}

fn value(root: &Element, selector: &str) -> String {
    let el = element(root, selector);
    if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else {
        el.unchecked_into::<HtmlInputElement>().value()
    }
}

#[wasm_bindgen_test]
async fn summary_says_whether_the_plan_fits() {
    let root = render_app("").await;
    let fit = element(&root, ".summary .fit")
        .text_content()
        .unwrap_or_default();
    let plan = Plan::new(Inputs::default());
    let (bottom, top) = (
        plan.ladder.rungs[0].scale,
        plan.ladder.rungs[plan.ladder.rungs.len() - 1].scale,
    );
    let expected = format!(
        "Fits your budget: {} → {} parameters, {} runs",
        evidence_ladder::text::format::count(bottom),
        evidence_ladder::text::format::count(top),
        plan.ladder.runs
    );
    assert!(fit.contains(&expected), "{fit} / {expected}");
    let root = render_app("generality=5&novelty=5&count=1&hours=1").await;
    let fit = element(&root, ".summary .fit")
        .text_content()
        .unwrap_or_default();
    assert!(fit.contains("Does not fit your budget"), "{fit}");
    let verdict = element(&root, ".verdict")
        .text_content()
        .unwrap_or_default();
    assert!(verdict.contains("More compute:"), "{verdict}");
}

#[wasm_bindgen_test]
async fn a_preset_fills_the_compute_fields() {
    let root = render_app("flops=1e20").await;
    click(&root, "button.chip", "1 RTX 4090, 2 weeks");
    yew::scheduler::flush().await;
    assert_eq!(value(&root, "#field-accelerator"), "rtx4090");
    assert_eq!(value(&root, "#field-count"), "1");
    assert_eq!(value(&root, "#field-hours"), "14 days");
    assert_eq!(
        value(&root, "#field-flops"),
        "",
        "a preset clears the FLOPs total"
    );
    click(&root, "button.chip", "1 week");
    yew::scheduler::flush().await;
    assert_eq!(value(&root, "#field-hours"), "168");
}

#[wasm_bindgen_test]
async fn the_chart_shows_where_the_budget_goes() {
    let root = render_app("").await;
    let svg = element(&root, ".chart svg");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let label = svg.get_attribute("aria-label").unwrap_or_default();
    assert!(
        label.starts_with("Compute by tier against the budget: Small tier"),
        "{label}"
    );
    // Three tiers, the reserve and what is left: one legend line each.
    assert_eq!(
        root.query_selector_all(".chart .legend li")
            .expect("legend")
            .length(),
        5
    );
    assert!(
        root.query_selector_all(".chart svg text")
            .expect("text")
            .length()
            == 0
    );
}

#[wasm_bindgen_test]
async fn a_price_adds_a_cost_column() {
    let root = render_app("").await;
    assert_eq!(
        root.query_selector_all(".ladder table.rungs thead th")
            .expect("th")
            .length(),
        10
    );
    let root = render_app("price=2.5").await;
    assert_eq!(
        root.query_selector_all(".ladder table.rungs thead th")
            .expect("th")
            .length(),
        11
    );
}

#[wasm_bindgen_test]
async fn the_compact_view_links_to_the_full_calculator() {
    let root = fresh_root();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            query: Some("embed=1&novelty=2".into()),
            app_url: Some("https://example.org/el/".into()),
            ..AppProps::default()
        },
    )
    .render();
    yew::scheduler::flush().await;
    drawn(&root).await;
    let link = element(&root, ".open-full a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://example.org/el/?novelty=2")
    );
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener"));
    assert!(root.query_selector(".share").expect("selector").is_none());
    assert!(root.query_selector(".chart").expect("selector").is_none());
    assert!(root
        .query_selector("details.inputs")
        .expect("selector")
        .is_some());
}

#[wasm_bindgen_test]
fn a_panic_leaves_a_message_and_a_reload_button() {
    // What the panic hook shows (the hook itself only adds a console message).
    let document = gloo_document();
    let app = document.create_element("main").expect("main");
    app.set_id("app");
    app.set_attribute("data-app", "evidence-ladder")
        .expect("attr");
    app.set_text_content(Some("the calculator"));
    document
        .body()
        .expect("body")
        .append_child(&app)
        .expect("append");
    evidence_ladder::browser::show_fatal_error();
    let alert = element(&app, "[role=alert]");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.starts_with("Something went wrong"), "{text}");
    assert_eq!(
        element(&app, "button").text_content().as_deref(),
        Some("Reload")
    );
    app.remove();
}

/// What the user types stays in the field, key by key; the plan uses each
/// valid prefix, and the canonical form appears only when the field is left.
#[wasm_bindgen_test]
async fn typed_numbers_are_never_rewritten_while_typing() {
    let root = render_app("").await;
    let flops: HtmlInputElement = element(&root, "#field-flops").unchecked_into();
    for text in ["2", "2.", "2.6", "2.6e", "2.6e2", "2.6e21"] {
        flops.set_value(text);
        fire(&flops, "input");
        yew::scheduler::flush().await;
        assert_eq!(flops.value(), text, "the field keeps what was typed");
    }
    assert!(root
        .query_selector("#error-flops")
        .expect("selector")
        .is_none());
    let count: HtmlInputElement = element(&root, "#field-count").unchecked_into();
    for text in ["1", "10", "1000000000"] {
        count.set_value(text);
        fire(&count, "input");
        yew::scheduler::flush().await;
        assert_eq!(count.value(), text);
    }
    // A count of a billion is refused once the field is left, and the plan
    // keeps the count it had before.
    fire(&count, "blur");
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("#error-count")
        .expect("selector")
        .is_some());
    let flops_big: HtmlInputElement = element(&root, "#field-flops").unchecked_into();
    flops_big.set_value("1000000000000");
    fire(&flops_big, "input");
    yew::scheduler::flush().await;
    assert_eq!(flops_big.value(), "1000000000000");
    fire(&flops_big, "blur");
    yew::scheduler::flush().await;
    assert_eq!(
        flops_big.value(),
        "1T",
        "in people's units once the field is left"
    );
}

/// The claim map is a way to move: choosing a cell plans that claim.
#[wasm_bindgen_test]
async fn choosing_a_claim_map_cell_switches_the_claim() {
    let root = render_app("").await;
    let cells = root
        .query_selector_all(".claim-map tbody td button")
        .expect("buttons");
    assert_eq!(cells.length(), 25);
    // Row 5 (generality 5), column 5 (novelty 5): the last cell.
    let last: web_sys::HtmlElement = cells.get(24).expect("cell").unchecked_into();
    last.click();
    yew::scheduler::flush().await;
    assert_eq!(status_text(&root), "Evidence level 5 of 5 — Extraordinary");
    let generality: HtmlSelectElement = element(&root, "#field-generality").unchecked_into();
    assert_eq!(generality.value(), "5");
}

/// While a field holds text that is not valid, the summary says so in the
/// place of the verdict, naming the field as it is labelled.
#[wasm_bindgen_test]
async fn the_summary_names_an_invalid_field() {
    let root = render_app("").await;
    let count: HtmlInputElement = element(&root, "#field-count").unchecked_into();
    count.set_value("a few");
    fire(&count, "input");
    fire(&count, "blur");
    yew::scheduler::flush().await;
    let fit = element(&root, ".summary .fit")
        .text_content()
        .unwrap_or_default();
    assert!(fit.starts_with("! Not valid: Count;"), "{fit}");
}

/// Counts changes of `attribute` anywhere under `root` from now on; read
/// the count with [`changes`]. (web-sys's MutationObserver is not among the
/// features this crate enables, so the observer is made in JS.)
fn watch(root: &Element, attribute: &str) -> js_sys::Function {
    let make = js_sys::Function::new_with_args(
        "root, attribute",
        "let n = 0; new MutationObserver((r) => { n += r.length; }).observe(root, \
         { subtree: true, attributes: true, attributeFilter: [attribute] }); \
         return () => n;",
    );
    make.call2(&wasm_bindgen::JsValue::NULL, root, &attribute.into())
        .expect("observer")
        .unchecked_into()
}

/// How many changes the observer from [`watch`] has recorded (its records
/// are delivered in a microtask, so after a tick).
async fn changes(count: &js_sys::Function) -> f64 {
    gloo_timers::future::TimeoutFuture::new(0).await;
    count
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("count")
        .as_f64()
        .expect("a number")
}

#[wasm_bindgen_test]
async fn an_edit_with_nothing_pasted_does_not_read_the_results_again() {
    // Issue 35: every plan change used to read "nothing pasted" again for
    // the new plan, marking the results busy and then not, each a render
    // of the whole app in the edit's own task.
    let root = render_app("").await;
    let busy = watch(&root, "aria-busy");
    let select: HtmlSelectElement = element(&root, "#field-novelty").unchecked_into();
    for value in ["1", "5", "2"] {
        select.set_value(value);
        fire(&select, "change");
        yew::scheduler::flush().await;
    }
    assert_eq!(status_text(&root), "Evidence level 2 of 5 — Suggestive");
    assert_eq!(changes(&busy).await, 0.0, "the results were read again");
    // Pasted results are still read (and marked busy while they are).
    let paste: web_sys::HtmlTextAreaElement = element(&root, "#results-text").unchecked_into();
    paste.set_value("params,arm,seed,val_loss\n1e8,method,1,2\n1e8,baseline,1,3");
    fire(&paste, "input");
    yew::scheduler::flush().await;
    assert!(changes(&busy).await > 0.0, "pasted results were not read");
}

/// A plan computed ahead of the takeover (the prerendered page's, in a task
/// of its own) is the one drawn when its inputs are the app's, and ignored
/// otherwise. The given plan is marked (level 5 where the inputs give 3) so
/// the page shows which one it drew.
#[wasm_bindgen_test]
async fn a_plan_computed_ahead_is_drawn_only_for_its_own_inputs() {
    use evidence_ladder::app::Planned;
    let marked = |query: &str| {
        let mut plan = Plan::new(parse_query(query).inputs);
        plan.evidence.level = 5;
        Planned(Rc::new(plan))
    };
    for (planned_for, shown) in [
        ("", "Evidence level 5 of 5"),
        ("novelty=5", "Evidence level 3 of 5"),
    ] {
        let root = fresh_root();
        yew::Renderer::<App>::with_root_and_props(
            root.clone(),
            AppProps {
                query: Some("".into()),
                planned: Some(marked(planned_for)),
                ..AppProps::default()
            },
        )
        .render();
        yew::scheduler::flush().await;
        drawn(&root).await;
        assert!(
            status_text(&root).starts_with(shown),
            "planned for {planned_for:?}: {}",
            status_text(&root)
        );
    }
}
