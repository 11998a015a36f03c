//! [`Shown`]: Leptos's `Show` with type-erased children, compiled once for every use.
//!
//! `Show` is generic over its condition and its children, so each use got its own copy of the
//! switching, its memo and its `Either` of the two views; here the children are `ChildrenFn` and
//! the condition a `Signal<bool>`, and only what each use shows is compiled per use.

use leptos::prelude::*;

/// `children` while `when` is true, else `fallback` (nothing by default). As with `Show`, the
/// children are built again only when `when` changes, not whenever what it reads notifies.
#[component]
pub fn Shown(
    #[prop(into)] when: Signal<bool>,
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    let when = Memo::new(move |_| when.get());
    view! { {move || if when.get() { children() } else { fallback.run() }} }
}
