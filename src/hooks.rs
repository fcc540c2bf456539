//! The app's effects on the world outside it: the address bar, storage,
//! other tabs and timers. The app's own page has them; a calculator mounted
//! into someone else's page (`owns_page` false) touches neither their
//! address bar nor their storage.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use yew::prelude::*;

use crate::browser;
use crate::model::inputs::Inputs;
use crate::model::query::{start_from, to_query, View};
use crate::model::results::{PastedResults, PlanScale, ResultsReading};
use crate::results_state::{ResultsAction, ResultsState};
use crate::state::{Action, State};

/// The address bar mirrors the inputs on screen, and the full app remembers
/// them for the next visit: written once the user pauses, or at once before
/// anything is shared (see [`browser::write_later`]).
///
/// The write is queued while the app renders (a memo), not in an effect:
/// Yew 0.23 may run effects in a later task than the render that put the
/// edit on screen, and a page left in between saved the inputs as they were
/// before the edit.
///
/// Saved only when `planned_fast`: inputs whose plan took longer than the
/// page's budget stay in the link, and the last fast ones stay saved, so a
/// visit restores only inputs that were planned within budget once.
#[hook]
pub fn use_address_bar(owns_page: bool, inputs: &Inputs, view: View, planned_fast: bool) {
    use_memo(
        (inputs.clone(), view, owns_page),
        move |(inputs, view, _)| {
            if owns_page {
                let (inputs, view) = (inputs.clone(), *view);
                browser::write_later("inputs", move || {
                    browser::replace_query(&to_query(&inputs, &view));
                    if !view.embed && planned_fast {
                        browser::save_inputs(&to_query(&inputs, &View::default()));
                    }
                });
            }
        },
    );
}

/// Pasted results are saved in this browser: they come back on the next
/// visit, follow what another tab saves, are written once the user pauses
/// (never over a newer copy), and a refused save is reported.
#[hook]
pub fn use_saved_results(owns_page: bool, results: &UseReducerHandle<ResultsState>) {
    {
        let dispatch = results.dispatcher();
        // Once, after the first render: the plan is on screen before the
        // saved results are read and analysed.
        use_effect_with((), move |_| {
            if owns_page {
                if let Some((pasted, at)) = browser::saved_results() {
                    dispatch.dispatch(ResultsAction::Restored(pasted, at));
                }
                browser::on_results_saved_elsewhere(move |pasted, at| {
                    dispatch.dispatch(ResultsAction::Stored(pasted, at));
                });
            }
        });
    }
    let results = results.clone();
    // Queued while rendering, as the address bar's write is (see there).
    use_memo(results.edits, move |&edits| {
        // 0: nothing was changed on this page, so there is nothing to save.
        if owns_page && edits > 0 {
            browser::write_later("results", move || {
                // The handle reads the results as they are now.
                let saved = browser::save_results(&results);
                results.dispatch(ResultsAction::Saved(saved));
            });
        }
    });
}

/// Sends `action` once `ms` have passed with `waiting` true; every change of
/// `key` starts the wait again.
#[hook]
pub fn use_timeout<K: PartialEq + 'static>(
    key: K,
    waiting: bool,
    ms: u32,
    state: &UseReducerHandle<State>,
    action: fn() -> Action,
) {
    let dispatch = state.dispatcher();
    use_effect_with((key, waiting), move |(_, waiting)| {
        let timer = waiting
            .then(|| gloo_timers::callback::Timeout::new(ms, move || dispatch.dispatch(action())));
        move || drop(timer)
    });
}

/// How many of the page's later parts to draw. When `defer`, none at the
/// first render, then one more group after each paint, up to `last`: the
/// first result is painted before the parts below the fold are built, and no
/// single task builds the whole page (issue 25: the first render was a
/// 300 ms task at 4× CPU, most of it for parts nobody sees yet). Otherwise
/// all of them at once.
#[hook]
pub fn use_parts_shown(defer: bool, last: u8) -> u8 {
    let shown = use_state_eq(|| if defer { 0 } else { last });
    {
        let shown = shown.clone();
        use_effect_with(*shown, move |&now| {
            let next = (now < last).then(|| browser::after_next_paint(move || shown.set(now + 1)));
            move || drop(next)
        });
    }
    *shown
}

/// Work that ends with `None` at its next pause once newer work replaced it,
/// so that a keystroke in a 2 MB paste does not finish the last one's reading.
struct Latest<T> {
    work: Pin<Box<dyn Future<Output = T>>>,
    generation: Rc<Cell<u64>>,
    mine: u64,
}

impl<T> Future for Latest<T> {
    type Output = Option<T>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if self.generation.get() != self.mine {
            return Poll::Ready(None);
        }
        self.work.as_mut().poll(cx).map(Some)
    }
}

/// Results longer than this are read from a task of their own (see
/// [`use_reading`]); shorter ones at once, so a small paste shows its
/// verdict in the same frame. 64 KB parse in about 3 ms natively.
const DEFER_BYTES: usize = 64 * 1024;

/// The pasted results read and analysed in slices, off the render, and
/// whether that is under way. The last reading stays until the new one is
/// ready; a change (or leaving the page) abandons work in progress. This is
/// also why saved results cannot slow a visit: they are read after the
/// first render, in slices like a paste (issue 34, item 2).
#[hook]
pub fn use_reading(pasted: &PastedResults, scale: PlanScale) -> (Rc<ResultsReading>, bool) {
    let reading = use_state(|| Rc::new(PastedResults::default().read(&PlanScale::default())));
    let busy = use_state_eq(|| false);
    let generation = use_memo((), |_| Rc::new(Cell::new(0u64)));
    {
        let (reading, busy, generation) = (reading.clone(), busy.clone(), (*generation).clone());
        // Nothing pasted reads the same at every scale, and the first
        // reading is of nothing: without these, each edit of the plan (and
        // the first render) read nothing again and drew the whole app twice
        // more, busy and then with the same reading, in its own task (issue 35).
        let scale = (!pasted.text.is_empty()).then_some(scale);
        use_effect_with((pasted.clone(), scale), move |(pasted, scale)| {
            let mine = generation.get();
            // Work number 0 is the first render's, whose reading (of
            // nothing) is already the initial one unless results were given.
            if mine > 0 || *pasted != PastedResults::default() {
                let scale = scale.clone().unwrap_or_default();
                read_later(pasted.clone(), scale, (reading, busy), &generation, mine);
            }
            move || generation.set(mine + 1)
        });
    }
    ((*reading).clone(), *busy)
}

/// Reads `pasted` in slices from a future of its own, as work number `mine`
/// (see [`use_reading`]).
fn read_later(
    pasted: PastedResults,
    scale: PlanScale,
    (reading, busy): (UseStateHandle<Rc<ResultsReading>>, UseStateHandle<bool>),
    generation: &Rc<Cell<u64>>,
    mine: u64,
) {
    busy.set(true);
    let mut pace = browser::Sliced::new(generation.clone(), mine);
    // Long texts start in a task of their own: the paste (or the
    // render) that brought them has used its share of a task already.
    let defer = pasted.text.len() > DEFER_BYTES;
    let work = Latest {
        work: Box::pin(async move {
            if defer {
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
            pasted.read_paced(&scale, &mut pace).await
        }),
        generation: generation.clone(),
        mine,
    };
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(read) = work.await {
            reading.set(Rc::new(read));
            busy.set(false);
        }
    });
}

/// On a hydrated page, whether the page's own inputs are on screen yet (true
/// from the start otherwise). The first render drew the prerendered
/// defaults; right after it, the inputs the page starts from (its link's, or
/// the last visit's) replace them, and once those are drawn the page stops
/// saying "updating" (see `static/early.js`).
#[hook]
pub fn use_page_inputs(hydrated: bool, state: &UseReducerHandle<State>) -> bool {
    let live = use_state_eq(|| !hydrated);
    {
        let (live, dispatch) = (live.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            if hydrated {
                // The first render matched the prerendered markup (Yew stops
                // on a mismatch before any effect runs).
                browser::set_hydrating(false);
                let saved = browser::saved_inputs();
                dispatch.dispatch(Action::Start(Box::new(start_from(
                    &browser::query(),
                    saved.as_deref(),
                ))));
                live.set(true);
            }
        });
    }
    use_effect_with(*live && hydrated, |&drawn| {
        if drawn {
            browser::prerender_replaced();
        }
    });
    *live
}
