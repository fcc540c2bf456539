//! Small, fallible wrappers over the browser APIs the app uses. None of them
//! panics: a missing window or a refused call just does nothing.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{window, Element};

use std::cell::Cell;
use std::rc::Rc;

use crate::model::pace::{Pace, Pause};
use crate::model::results::PastedResults;
use crate::results_state::{ResultsState, Saved};

/// The page's query string, including the leading `?`, or "" when unavailable.
pub fn query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Rewrites the address bar's query without a reload or a history entry.
pub fn replace_query(query: &str) {
    let Some(w) = window() else { return };
    let location = w.location();
    if location
        .search()
        .unwrap_or_default()
        .trim_start_matches('?')
        == query
    {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

pub fn element_by_id(id: &str) -> Option<Element> {
    window()?.document()?.get_element_by_id(id)
}

/// Marks the document for the view: `data-theme` and the embed class.
pub fn apply_view(embed: bool, theme: &str) {
    let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = root.set_attribute("data-theme", theme);
    if embed {
        let _ = root.class_list().add_1("embed");
    }
}

thread_local! {
    /// The calculator `mountCalculator` rendered into another page, and the
    /// app's address. embed.js gives each mounted calculator its own wasm
    /// instance, so there is at most one per instance, and a panic in it
    /// stops only that instance.
    static MOUNTED: std::cell::RefCell<Option<(Element, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// Remembers the root and app address of a calculator mounted into another
/// page, for the panic hook and the embed snippets.
pub fn set_mounted(root: &Element, app_url: &str) {
    MOUNTED.with(|m| *m.borrow_mut() = Some((root.clone(), app_url.to_owned())));
}

fn mounted() -> Option<(Element, String)> {
    MOUNTED.with(|m| m.try_borrow().ok().and_then(|m| m.clone()))
}

/// Replaces the calculator with a short error. Used by the panic hook, so it
/// must work with nothing but the DOM. It only ever writes into this
/// calculator's own root: a mounted one's, or the app page's `#app`, never a
/// host page's element that happens to share the id. A mounted root also gets
/// an `evidence-ladder-error` event, so embed.js can reject `mount()` and
/// offer Retry.
pub fn show_fatal_error() {
    let Some(w) = window() else { return };
    let Some(document) = w.document() else { return };
    let mounted = mounted().map(|(root, _)| root);
    let framed = w
        .parent()
        .ok()
        .flatten()
        .is_some_and(|p| !js_sys::Object::is(&p, &w));
    let (root, message) = match &mounted {
        Some(root) => (
            root.clone(),
            "Something went wrong and this calculator stopped.",
        ),
        None => {
            let Some(root) = document
                .get_element_by_id("app")
                .filter(|el| el.get_attribute("data-app").as_deref() == Some("evidence-ladder"))
            else {
                return;
            };
            let message = if framed {
                "Something went wrong and the calculator stopped. Reload restarts it with your inputs."
            } else {
                "Something went wrong and the calculator stopped. Your inputs are in the address bar; reloading restores them."
            };
            (root, message)
        }
    };
    let (Ok(box_), Ok(text)) = (document.create_element("div"), document.create_element("p"))
    else {
        return;
    };
    let _ = box_.set_attribute("role", "alert");
    let _ = box_.set_attribute("class", "fatal");
    text.set_text_content(Some(message));
    let _ = box_.append_child(&text);
    // A mounted calculator's host offers Retry (embed.js); the app's own page reloads.
    if mounted.is_none() {
        if let Ok(button) = document.create_element("button") {
            button.set_text_content(Some("Reload"));
            let _ = button.set_attribute("type", "button");
            // A listener, not an onclick attribute: the CSP forbids inline handlers.
            gloo_events::EventListener::new(&button, "click", |_| {
                let _ = gloo_utils::window().location().reload();
            })
            .forget();
            let _ = box_.append_child(&button);
        }
    }
    root.set_text_content(None);
    let _ = root.append_child(&box_);
    if mounted.is_some() {
        if let Ok(event) = web_sys::Event::new("evidence-ladder-error") {
            let _ = root.dispatch_event(&event);
        }
    }
}

/// Where the last inputs are kept. The version is in the key: a future format
/// uses a new key, and an old value is simply never read.
const SAVED_INPUTS_KEY: &str = "evidence-ladder.inputs.v1";

/// Not gloo-storage: its `LocalStorage` throws where storage is blocked
/// (sandboxed iframes, some privacy modes), and it stores JSON, which would
/// not read the plain query text saved by earlier versions.
fn local_storage() -> Option<web_sys::Storage> {
    // Both steps can throw: treat as absent.
    window()?.local_storage().ok().flatten()
}

/// Where pasted results are kept: never in the URL (they can be long and
/// private), versioned like the inputs. The value is the results as JSON
/// plus `version`, a counter each save raises by one, so a tab never writes
/// over a copy another tab saved after it read its own. (Until issue 34 this
/// was `saved_at`, a clock time: a clock moved back, or a copy dated 1e308,
/// made edits vanish. Such copies read as version 0.)
const SAVED_RESULTS_KEY: &str = "evidence-ladder.results.v1";

/// Largest version read: beyond 2⁵³ an f64 cannot count up by one, so a
/// larger (corrupt or hostile) version counts as 0 rather than freezing saves.
const MAX_VERSION: f64 = 9_007_199_254_740_991.0;

/// The results saved on the last visit (or by another tab), and their
/// version; none when absent or unreadable.
pub fn saved_results() -> Option<(PastedResults, u64)> {
    results_from_json(&local_storage()?.get_item(SAVED_RESULTS_KEY).ok()??)
}

/// Results and their version from the saved JSON text; copies without a
/// whole version from 0 to 2⁵³ count as version 0.
fn results_from_json(text: &str) -> Option<(PastedResults, u64)> {
    let value = js_sys::JSON::parse(text).ok()?;
    let version = js_sys::Reflect::get(&value, &"version".into())
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|v| (0.0..=MAX_VERSION).contains(v) && v.fract() == 0.0)
        .map_or(0, |v| v as u64);
    Some((serde_wasm_bindgen::from_value(value).ok()?, version))
}

/// The version of the copy in storage: 0 when there is none or it is unreadable.
fn stored_version(storage: &web_sys::Storage) -> u64 {
    storage
        .get_item(SAVED_RESULTS_KEY)
        .ok()
        .flatten()
        .and_then(|text| results_from_json(&text))
        .map_or(0, |(_, version)| version)
}

/// Saves the results as the next version, unless another tab saved a copy
/// newer than the one these were edited from ([`ResultsState::next_version`]).
/// Empty results are saved too (not removed), so the version keeps counting.
pub fn save_results(state: &ResultsState) -> Saved {
    let Some(storage) = local_storage() else {
        return Saved::Refused;
    };
    let Some(version) = state.next_version(stored_version(&storage)) else {
        return Saved::NewerThere;
    };
    let json = crate::js_api::to_js(&state.pasted).ok().and_then(|value| {
        js_sys::Reflect::set(&value, &"version".into(), &(version as f64).into()).ok()?;
        js_sys::JSON::stringify(&value).ok()?.as_string()
    });
    let written = match json {
        Some(json) => storage.set_item(SAVED_RESULTS_KEY, &json),
        None => Err(JsValue::NULL),
    };
    match written {
        Ok(()) => Saved::Kept(version),
        Err(_) => Saved::Refused,
    }
}

/// Calls `changed` with the results another tab of this app saves, for the
/// page's life. The `storage` event fires only in the other tabs.
pub fn on_results_saved_elsewhere(changed: impl Fn(PastedResults, u64) + 'static) {
    let Some(w) = window() else { return };
    gloo_events::EventListener::new(&w, "storage", move |event| {
        // Read through Reflect: web-sys's StorageEvent would be one more feature for two fields.
        let field = |name: &str| js_sys::Reflect::get(event, &name.into()).ok()?.as_string();
        if field("key").as_deref() != Some(SAVED_RESULTS_KEY) {
            return;
        }
        // Removed elsewhere (site data cleared): nothing to follow.
        if let Some((results, version)) = field("newValue").and_then(|t| results_from_json(&t)) {
            changed(results, version);
        }
    })
    .forget();
}

/// One waiting write: to the address bar, or to storage.
type Write = Box<dyn FnOnce()>;

/// Writes to the address bar and storage waiting for a quiet moment.
#[derive(Default)]
struct Pending {
    /// By slot (one per kind of write): a later write replaces an earlier one.
    writes: Vec<(&'static str, Write)>,
    timer: Option<gloo_timers::callback::Timeout>,
}

thread_local! {
    static PENDING: std::cell::RefCell<Pending> = std::cell::RefCell::default();
    static FLUSH_ON_PAGEHIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How long the page waits after the last edit before it writes the address
/// bar and storage. `history.replaceState` costs more per edit than
/// rendering the plan (issue 25's profile: 6.9 ms of a 12.3 ms edit), so a
/// burst of typing writes once; 300 ms is shorter than anyone takes to
/// reach for Copy link, which writes at once anyway.
const QUIET_MS: u32 = 300;

/// Runs `write` once the user has paused for [`QUIET_MS`], on `pagehide`, or
/// at the next [`write_now`], whichever comes first; a later write in the
/// same slot replaces this one.
pub fn write_later(slot: &'static str, write: impl FnOnce() + 'static) {
    if !FLUSH_ON_PAGEHIDE.replace(true) {
        if let Some(w) = window() {
            gloo_events::EventListener::new(&w, "pagehide", |_| write_now()).forget();
        }
    }
    let _ = PENDING.try_with(|pending| {
        let Ok(mut pending) = pending.try_borrow_mut() else {
            return;
        };
        pending.writes.retain(|(s, _)| *s != slot);
        pending.writes.push((slot, Box::new(write)));
        pending.timer = Some(gloo_timers::callback::Timeout::new(QUIET_MS, write_now));
    });
}

/// Does every waiting write now: before Copy link, Embed and Download, so
/// what is shared is what is on screen, and when the page is left.
pub fn write_now() {
    let writes = PENDING
        .try_with(|pending| {
            let mut pending = pending.try_borrow_mut().ok()?;
            pending.timer = None;
            Some(std::mem::take(&mut pending.writes))
        })
        .ok()
        .flatten()
        .unwrap_or_default();
    for (_, write) in writes {
        write();
    }
}

/// The inputs saved on the last visit, as query text.
pub fn saved_inputs() -> Option<String> {
    local_storage()?.get_item(SAVED_INPUTS_KEY).ok().flatten()
}

/// Remembers the inputs (as query text) for the next visit; quietly does
/// nothing where storage is unavailable or full.
pub fn save_inputs(query: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(SAVED_INPUTS_KEY, query);
    }
}

/// Milliseconds since 1970; 0 when prerendering (natively no browser clock
/// may be called, and nothing is timed or saved there).
pub fn now_ms() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now()
    } else {
        0.0
    }
}

/// Today's date as YYYY-MM-DD. Empty when prerendering (natively there is no
/// page and no clock to ask): the hydrated app writes the reader's date.
pub fn today() -> String {
    if cfg!(not(target_arch = "wasm32")) {
        return String::new();
    }
    let now = String::from(js_sys::Date::new_0().to_iso_string());
    now.get(..10).unwrap_or_default().to_owned()
}

/// Whether the app is taking over the prerendered page and has not finished
/// its first render: a panic then means the markup did not match.
static HYDRATING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Marks the start and the end of taking over the prerendered page.
pub fn set_hydrating(on: bool) {
    HYDRATING.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Whether the app is still taking over the prerendered page.
pub fn hydrating() -> bool {
    HYDRATING.load(std::sync::atomic::Ordering::Relaxed)
}

/// Session key set when hydrating the prerendered page failed, so the next
/// load renders from scratch instead.
const RENDER_ONLY_KEY: &str = "evidence-ladder.render-only";

fn session_storage() -> Option<web_sys::Storage> {
    window()?.session_storage().ok().flatten()
}

/// Whether this load must render from scratch (the last one could not
/// hydrate); reading it clears it, so only one load is affected.
pub fn render_only() -> bool {
    let Some(storage) = session_storage() else {
        return false;
    };
    let set = storage.get_item(RENDER_ONLY_KEY).ok().flatten().is_some();
    if set {
        let _ = storage.remove_item(RENDER_ONLY_KEY);
    }
    set
}

/// After hydration failed (something changed the prerendered page before
/// the app took it over: a translation, an extension), loads the page again
/// to be rendered from scratch. False where that cannot be remembered (no
/// session storage), so the caller shows its error instead of looping.
pub fn reload_to_render() -> bool {
    let Some(storage) = session_storage() else {
        return false;
    };
    if storage.set_item(RENDER_ONLY_KEY, "1").is_err() {
        return false;
    }
    window().is_some_and(|w| w.location().reload().is_ok())
}

/// Whether `root` holds the prerendered page (`data-prerendered`, written
/// by `src/bin/prerender.rs`). If so, drops what is not the app's markup
/// (the hidden "Loading…" text, the "has not started" notice, `<noscript>`),
/// so what is left is exactly what Yew hydrates.
pub fn take_prerendered(root: &Element) -> bool {
    if !root.has_attribute("data-prerendered") {
        return false;
    }
    // Each pass removes one, so this ends.
    while let Ok(Some(extra)) =
        root.query_selector(":scope > .loading, :scope > .stalled, :scope > noscript")
    {
        extra.remove();
    }
    true
}

/// The page's own inputs are on screen: the prerendered defaults no longer
/// need hiding, nor the "updating" note (see `static/early.js`).
pub fn prerender_replaced() {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.remove_attribute("data-prerender");
    }
}

/// The address of the full calculator (never the embed view) for a query.
pub fn app_url(query: &str) -> String {
    let Some(location) = window().map(|w| w.location()) else {
        return String::new();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    if query.is_empty() {
        format!("{origin}{path}")
    } else {
        format!("{origin}{path}?{query}")
    }
}

/// Writes `text` to the clipboard. Err when the Clipboard API is missing or
/// refuses (insecure context, permissions, older browsers). Through Reflect:
/// gloo has no clipboard, and web-sys's needs the unstable-APIs cfg flag.
pub async fn copy_to_clipboard(text: &str) -> Result<(), ()> {
    let navigator = window().ok_or(())?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|_| ())?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err(());
    }
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(())?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &text.into())
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or(())?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// Resolves once Yew has rendered what was just dispatched: Yew renders in a
/// microtask, and a zero-delay timeout runs after every pending microtask.
pub async fn after_render() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let blob = gloo_file::Blob::new_with_options(text, Some(mime));
    // Revoked when dropped, after the click has started the download.
    let url = gloo_file::ObjectUrl::from(blob);
    let link: web_sys::HtmlAnchorElement =
        gloo_utils::document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    Ok(())
}

/// Message type the embed view sends to the page that frames it.
const HEIGHT_MESSAGE: &str = "evidence-ladder:height";

/// In an iframe, tells the parent page the content's height whenever it
/// changes, so the frame can grow to fit it with no inner scrollbar. The
/// message holds a number only; embed.js checks where it comes from.
pub fn report_height_to_parent() {
    let Some(w) = window() else { return };
    let Some(root) = w.document().and_then(|d| d.document_element()) else {
        return;
    };
    let Ok(Some(parent)) = w.parent() else { return };
    if js_sys::Object::is(&parent, &w) {
        return; // not framed: nobody to tell
    }
    let send = {
        let root = root.clone();
        move || {
            let height = root.get_bounding_client_rect().height().ceil();
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            // "*": the parent may be any blog; the message carries only a number.
            let _ = parent.post_message(&message, "*");
        }
    };
    // Chromium does not render a cross-site frame that is off screen, so its
    // ResizeObserver stays silent until the reader scrolls to it, and the
    // frame would grow under them. Measuring forces a layout even there: send
    // the height once the first render has landed, and again a little later.
    for delay in [0, 500] {
        gloo_timers::callback::Timeout::new(delay, send.clone()).forget();
    }
    // No gloo wrapper for ResizeObserver, so a plain closure kept for the page's life.
    let observer_callback = Closure::<dyn Fn()>::new(send);
    if let Ok(observer) = web_sys::ResizeObserver::new(observer_callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    observer_callback.forget();
}

/// The app's base address, ending in "/": where embed.js and the app live.
/// A mounted calculator's page is someone else's: use the address embed.js gave.
pub fn app_base() -> String {
    let full = mounted().map_or_else(|| app_url(""), |(_, url)| url);
    match full.rfind('/') {
        Some(i) => full[..=i].to_owned(),
        None => full,
    }
}

/// A call that runs once, from whichever of two timers fires first.
type Once = std::rc::Rc<std::cell::Cell<Option<Box<dyn FnOnce()>>>>;

/// A call waiting for the next paint; dropping it cancels the call.
pub struct AfterPaint {
    call: Once,
    _fallback: gloo_timers::callback::Timeout,
}

impl Drop for AfterPaint {
    fn drop(&mut self) {
        self.call.take();
    }
}

/// Where frames are paused (a background tab, an embed scrolled out of
/// view) nothing is painted, so the call waits at most this long.
const PAINT_FALLBACK_MS: u32 = 100;

/// Runs `call` in a task of its own once the browser has painted what is on
/// screen now: a timer set from the next animation frame fires after that
/// frame is drawn. A plain timer could run before the paint and delay it.
pub fn after_next_paint(call: impl FnOnce() + 'static) -> AfterPaint {
    let call: Once = std::rc::Rc::new(std::cell::Cell::new(Some(Box::new(call))));
    let run = {
        let call = call.clone();
        move || {
            if let Some(call) = call.take() {
                call();
            }
        }
    };
    let on_frame = {
        let run = run.clone();
        Closure::once_into_js(move || gloo_timers::callback::Timeout::new(0, run).forget())
    };
    if let Some(w) = window() {
        let _ = w.request_animation_frame(on_frame.unchecked_ref());
    }
    AfterPaint {
        call,
        _fallback: gloo_timers::callback::Timeout::new(PAINT_FALLBACK_MS, run),
    }
}

/// Scrolls to the part of the calculator the address names (`#principle-scaling`
/// in a link from elsewhere), once it is drawn: the browser looked for it
/// while the page loaded, before the calculator existed. A closed
/// `<details>` around it is opened, as the browser's own find does.
pub fn scroll_to_address_target() {
    let Some(w) = window() else { return };
    let Ok(hash) = w.location().hash() else {
        return;
    };
    let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return;
    };
    let Some(target) = w.document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let mut closed = target.closest("details:not([open])").ok().flatten();
    while let Some(details) = closed {
        let _ = details.set_attribute("open", "");
        closed = details.closest("details:not([open])").ok().flatten();
    }
    target.scroll_into_view_with_bool(true);
}

/// How long a slice of the results' reading runs before the page gets its
/// turn: well under the 200 ms a task may take (issue 34), with room for
/// the render that follows. Our choice.
const SLICE_MS: f64 = 30.0;

/// The page's pace: goes on while its slice lasts, then waits for a 0 ms
/// timer (a task of its own, after the browser painted and handled input).
/// Work that newer work replaced waits too, and stops there ([`crate::hooks`]' `Latest`).
pub struct Sliced {
    started: f64,
    generation: Rc<Cell<u64>>,
    mine: u64,
}

impl Sliced {
    /// A pace for work number `mine`; it is replaced once `generation` moves on.
    pub fn new(generation: Rc<Cell<u64>>, mine: u64) -> Self {
        Sliced {
            started: js_sys::Date::now(),
            generation,
            mine,
        }
    }

    /// A pace for work nothing replaces.
    pub fn alone() -> Self {
        Sliced::new(Rc::new(Cell::new(0)), 0)
    }
}

impl Pace for Sliced {
    fn pause(&mut self) -> Pause<'_> {
        let replaced = self.generation.get() != self.mine;
        if !replaced && js_sys::Date::now() - self.started < SLICE_MS {
            return Box::pin(std::future::ready(()));
        }
        Box::pin(async move {
            gloo_timers::future::TimeoutFuture::new(0).await;
            self.started = js_sys::Date::now();
        })
    }
}
