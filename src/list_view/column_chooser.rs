//! The **Columns** pane: which columns the grid shows, kept in the view and remembered per user.

use leptos::prelude::*;

use super::{ListColumn, ListQuery};
use crate::saved_columns;

#[component]
pub fn ColumnChooser<C: ListColumn>(
    view: Memo<ListQuery<C>>,
    columns: Memo<Vec<C>>,
    go: Callback<(ListQuery<C>, bool)>,
    user_principal_name: Memo<Option<String>>,
    #[prop(into)] close: Callback<()>,
) -> impl IntoView {
    let choose = move |column: C| {
        let mut chosen = columns.get_untracked();
        match chosen.iter().position(|existing| *existing == column) {
            Some(index) if chosen.len() > 1 => {
                chosen.remove(index);
            }
            Some(_) => return,
            None => {
                chosen.push(column);
                chosen.sort_by_key(|column| C::ALL.iter().position(|c| c == column));
            }
        }
        if let Some(upn) = user_principal_name.get_untracked() {
            saved_columns::save(&upn, &chosen);
        }
        let mut next = view.get_untracked();
        next.columns = Some(chosen);
        go.run((next, false));
    };
    view! {
        <fieldset class="filter-group">
            <legend>"Visible columns"</legend>
            {C::ALL
                .iter()
                .map(|column| {
                    let column = *column;
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || columns.with(|columns| columns.contains(&column))
                                on:change=move |_| choose(column)
                            />
                            {column.label()}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <div class="pane-actions">
            <button type="button" class="button primary" on:click=move |_| close.run(())>"Apply"</button>
        </div>
    }
}
