//! One piece of the page per file. Most are plain `view` functions over what
//! they show (a Yew component costs about 2 KB of generic code in the wasm);
//! a piece is a component where skipping its render matters (the plan's
//! views through [`PlanPart`], and the form) or where it keeps its own
//! state (the embed dialog).
//!
//! Every change goes through one [`Dispatch`] handle, passed down with the
//! props, instead of a callback per action built in the app.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::plan::Plan;
use crate::results_state::{ResultsAction, ResultsState};
use crate::state::{Action, State};

pub mod chart;
pub mod choice_field;
pub mod claim_map;
pub mod compute_presets;
pub mod copy_button;
pub mod embed_dialog;
pub mod evidence_card;
pub mod files;
pub mod inputs_form;
pub mod ladder_chart;
pub mod ladder_table;
pub mod method;
pub mod principles;
pub mod results_notice;
pub mod results_panel;
pub mod share_bar;
pub mod stages;
pub mod summary;
pub mod text_field;
pub mod verdict;

/// Yew's view of the reducers: [`State::apply`] and [`ResultsState::apply`]
/// do the work; an action that changes nothing keeps the same `Rc`, so
/// nothing re-renders.
macro_rules! reducible {
    ($state:ty, $action:ty) => {
        impl Reducible for $state {
            type Action = $action;

            fn reduce(self: Rc<Self>, action: $action) -> Rc<Self> {
                let next = self.apply(action);
                if next == *self {
                    self
                } else {
                    Rc::new(next)
                }
            }
        }
    };
}
reducible!(State, Action);
reducible!(ResultsState, ResultsAction);

/// The one way the page changes the calculator: the two reducers'
/// dispatchers. Cheap to clone and equal to itself across renders, so it
/// never makes a component render again.
#[derive(Clone, PartialEq)]
pub struct Dispatch {
    pub state: UseReducerDispatcher<State>,
    pub results: UseReducerDispatcher<ResultsState>,
}

impl Dispatch {
    pub fn send(&self, action: Action) {
        self.state.dispatch(action);
    }

    pub fn send_results(&self, action: ResultsAction) {
        self.results.dispatch(action);
    }

    /// A callback that sends the action `make` builds from its argument.
    pub fn to<T: 'static>(&self, make: impl Fn(T) -> Action + 'static) -> Callback<T> {
        let state = self.state.clone();
        Callback::from(move |value| state.dispatch(make(value)))
    }

    /// A callback that sends `action` whatever its argument, for buttons.
    pub fn on_click(&self, action: fn() -> Action) -> Callback<MouseEvent> {
        self.to(move |_| action())
    }
}

/// A link that moves focus (and the view) to `target` in this calculator:
/// the skip link and the plan's table of contents. Not a plain `#id` link:
/// in a calculator mounted into a blog, that would change the blog's
/// address, and the id lives in a shadow root the blog's page cannot see.
pub fn jump_link(text: &'static str, target: &'static str, class: &'static str) -> Html {
    let onclick = Callback::from(move |e: MouseEvent| {
        use wasm_bindgen::JsCast;
        e.prevent_default();
        let found = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|link| link.closest(".calculator").ok().flatten())
            .and_then(|calculator| calculator.query_selector(target).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = found {
            // Focusable by script only, so Tab continues from there.
            if !el.has_attribute("tabindex") {
                let _ = el.set_attribute("tabindex", "-1");
            }
            let _ = el.focus();
            // Its top, below the sticky summary (scroll-padding): focus alone
            // centres a target taller than the screen, such as the whole plan.
            el.scroll_into_view_with_bool(true);
        }
    });
    let class = (!class.is_empty()).then_some(class);
    html! { <a href={target} {class} {onclick}>{ text }</a> }
}

#[derive(Properties)]
pub struct PlanPartProps {
    pub plan: Rc<Plan>,
    /// For the parts that change the calculator (the claim map).
    pub dispatch: Dispatch,
    /// Draws this part of the page from the plan.
    pub view: fn(&Plan, &Dispatch) -> Html,
}

/// The same plan (the memo's same `Rc`) and the same view draw the same
/// thing: no need to compare the plans' contents.
impl PartialEq for PlanPartProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.plan, &other.plan) && std::ptr::fn_addr_eq(self.view, other.view)
    }
}

/// A part of the page drawn from the plan alone (the checklist, the ladder,
/// the chart, the claim map, the method). As a component it renders again
/// only when the plan does: typing results, copying a link or a notice
/// leave it alone. One component type for all of them: each Yew component
/// type costs its own copy of Yew's generic code in the wasm.
#[component]
pub fn PlanPart(props: &PlanPartProps) -> Html {
    (props.view)(&props.plan, &props.dispatch)
}
