//! The **Columns** pane: which columns the grid shows, kept in the view and remembered per user.

use leptos::prelude::*;

use super::ListQuery;
use crate::{i18n::use_i18n, saved_columns};

#[component]
pub fn ColumnChooser(
    view: Memo<ListQuery>,
    columns: Memo<Vec<&'static str>>,
    go: Callback<(ListQuery, bool)>,
    user_principal_name: Memo<Option<String>>,
    #[prop(into)] close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let spec = view.with_untracked(|view| view.spec);
    let choose = move |column: &'static str| {
        let mut chosen = columns.get_untracked();
        match chosen.iter().position(|existing| *existing == column) {
            Some(index) if chosen.len() > 1 => {
                chosen.remove(index);
            }
            Some(_) => return,
            None => {
                chosen.push(column);
                chosen
                    .sort_by_key(|column| spec.columns.iter().position(|c| c.property == *column));
            }
        }
        if let Some(upn) = user_principal_name.get_untracked() {
            saved_columns::save(spec.name, &upn, &chosen);
        }
        let mut next = view.get_untracked();
        next.columns = Some(chosen);
        go.run((next, false));
    };
    view! {
        <fieldset class="filter-group">
            <legend>{i18n.text(|m| &m.visible_columns)}</legend>
            {spec
                .columns
                .iter()
                .map(|column| {
                    let (column, label) = (column.property, column.label);
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || columns.with(|columns| columns.contains(&column))
                                on:change=move |_| choose(column)
                            />
                            {i18n.text(label)}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <div class="pane-actions">
            <button type="button" class="button primary" on:click=move |_| close.run(())>{i18n.text(|m| &m.apply)}</button>
        </div>
    }
}
