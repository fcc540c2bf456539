//! Component tests in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use evidence_ladder::app::{App, AppProps};
use evidence_ladder::components::{claim_map, ladder_table};
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
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
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
    let error = element(&root, "#error-hours")
        .text_content()
        .unwrap_or_default();
    assert!(
        error.starts_with("hours must be a number above 0"),
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
    let rows = root.query_selector_all("tbody tr").expect("rows");
    assert_eq!(rows.length() as usize, plan.ladder.rungs.len());
    let first = element(&root, "tbody tr th").text_content();
    assert_eq!(first.as_deref(), Some("Small"));
}

#[wasm_bindgen_test]
async fn claim_map_marks_the_users_cell_only() {
    let inputs = Inputs {
        generality: 4,
        novelty: 2,
        ..Inputs::default()
    };
    let plan = Rc::new(Plan::new(inputs));
    let root = render_view(claim_map::view, plan).await;
    let table = element(&root, "table");
    assert!(table
        .get_attribute("aria-label")
        .unwrap_or_default()
        .starts_with("Claim map"));
    assert_eq!(
        root.query_selector_all("tbody td").expect("cells").length(),
        25
    );
    let yours = root
        .query_selector_all("td[aria-current=true]")
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
    assert!(
        fit.contains("Fits your budget: 130M → 1.3B parameters, 50 runs"),
        "{fit}"
    );
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
    assert_eq!(value(&root, "#field-hours"), "336");
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
async fn the_chart_draws_a_point_per_rung_with_a_text_alternative() {
    let root = render_app("generality=5&novelty=5&flops=1e26").await;
    let svg = element(&root, ".chart svg");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let desc = element(&root, "#chart-svg-desc")
        .text_content()
        .unwrap_or_default();
    assert!(desc.starts_with("5 rungs from"), "{desc}");
    assert_eq!(
        root.query_selector_all(".chart circle")
            .expect("circles")
            .length(),
        5
    );

    let root = render_app("flops=1").await;
    assert!(root
        .query_selector(".chart svg")
        .expect("selector")
        .is_none());
}

#[wasm_bindgen_test]
async fn a_price_adds_a_cost_column() {
    let root = render_app("").await;
    assert_eq!(
        root.query_selector_all(".ladder thead th")
            .expect("th")
            .length(),
        8
    );
    let root = render_app("price=2.5").await;
    assert_eq!(
        root.query_selector_all(".ladder thead th")
            .expect("th")
            .length(),
        9
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
        },
    )
    .render();
    yew::scheduler::flush().await;
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
