//! A list's view as it lives in the URL: search, filters, sort, page, page size, columns.
//!
//! [`ListQuery`] parses from and renders to the query string, so a link or a reload reproduces
//! the view, and it writes the API request for the view's page and its export. A list describes
//! itself once, as data, through [`ListColumn`]: its columns and its filters ([`ListFilter`]).
//! Values the list does not know are dropped rather than failing the page.

use std::fmt::Debug;

pub const PAGE_SIZES: [u32; 6] = [25, 50, 100, 250, 500, 1000];
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// A column of a list, and through it the list itself: its rows, its columns and its filters.
pub trait ListColumn: Copy + Eq + Debug + Send + Sync + 'static {
    /// What one row of the list is.
    type Row: Clone + Send + Sync + 'static;

    /// The list's name, e.g. `devices`: what it counts, and its key for saved column choices.
    const LIST: &'static str;
    /// Every column, in the order the column chooser lists them.
    const ALL: &'static [Self];
    /// The filters of the Filter pane, in its order.
    const FILTERS: &'static [ListFilter];
    /// The column whose cell links to the row.
    const NAME: Self;

    /// The API property behind the column (`$select`, `$orderby`).
    fn property(self) -> &'static str;
    /// The column header, also the CSV header.
    fn label(self) -> &'static str;
    /// Shown until the user chooses otherwise.
    fn is_default(self) -> bool;
    /// The text of `row`'s cell in this column.
    fn cell(self, row: &Self::Row) -> String;
    /// The row's id, which selection and links use.
    fn row_id(row: &Self::Row) -> &str;

    fn from_property(property: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|column| column.property() == property)
    }

    fn defaults() -> Vec<Self> {
        Self::ALL
            .iter()
            .copied()
            .filter(|column| column.is_default())
            .collect()
    }
}

/// One filter of a list, as data: the Filter pane, the pills, the URL and the `$filter` all read
/// it from here.
pub struct ListFilter {
    /// Its parameter in the page's URL, e.g. `managedBy`.
    pub key: &'static str,
    /// Its legend in the Filter pane and its name on the pills.
    pub label: &'static str,
    /// The API property it filters on.
    pub property: &'static str,
    /// Every value it offers.
    pub options: fn() -> Vec<FilterOption>,
    /// Shown on the page itself, above the grid, rather than in the Filter pane.
    pub on_page: bool,
}

/// A value a filter offers.
pub struct FilterOption {
    /// As the URL spells it.
    pub value: &'static str,
    pub label: &'static str,
    /// The API values it stands for (*Co-managed* stands for two management agents).
    pub matches: Vec<&'static str>,
}

impl FilterOption {
    /// The options of an enum filter, each standing for its own wire name.
    pub fn each<T: Copy>(
        all: &[T],
        wire_name: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Vec<FilterOption> {
        all.iter()
            .map(|value| FilterOption {
                value: wire_name(*value),
                label: label(*value),
                matches: vec![wire_name(*value)],
            })
            .collect()
    }
}

impl ListFilter {
    fn option(&self, value: &str) -> Option<FilterOption> {
        (self.options)()
            .into_iter()
            .find(|option| option.value == value)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    Ascending,
    Descending,
}

impl SortDirection {
    /// `aria-sort` value.
    pub fn aria(self) -> &'static str {
        match self {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery<C: ListColumn> {
    pub search: String,
    /// The values chosen in each filter of `C::FILTERS` (same order), each once, in URL order.
    pub chosen: Vec<Vec<&'static str>>,
    /// The column sorted on and whether descending; `None`: the server's order.
    pub sort: Option<(C, SortDirection)>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
    /// Visible columns in order; `None`: the user's saved choice, else the defaults.
    pub columns: Option<Vec<C>>,
}

impl<C: ListColumn> Default for ListQuery<C> {
    fn default() -> Self {
        ListQuery {
            search: String::new(),
            chosen: vec![Vec::new(); C::FILTERS.len()],
            sort: None,
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            columns: None,
        }
    }
}

impl<C: ListColumn> ListQuery<C> {
    /// Reads the view from the URL's query, given a lookup of its parameters.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ListQuery<C> {
        let list = |key: &str| -> Vec<String> {
            get(key)
                .map(|value| {
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|item| !item.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        let defaults = ListQuery::<C>::default();
        ListQuery {
            search: get("search").unwrap_or_default().trim().to_string(),
            chosen: C::FILTERS
                .iter()
                .map(|filter| {
                    parsed(list(filter.key), |value| {
                        filter.option(value).map(|option| option.value)
                    })
                })
                .collect(),
            sort: get("orderBy").and_then(|order_by| parse_sort(&order_by)),
            page: get("page")
                .and_then(|page| page.parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(defaults.page),
            page_size: get("pageSize")
                .and_then(|size| size.parse().ok())
                .filter(|size| PAGE_SIZES.contains(size))
                .unwrap_or(defaults.page_size),
            columns: get("columns")
                .map(|_| parsed(list("columns"), C::from_property))
                .filter(|columns| !columns.is_empty()),
        }
    }

    /// The query string (with `?`, or empty for the default view) that reproduces this view.
    pub fn to_query_string(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.search.is_empty() {
            query.append_pair("search", &self.search);
        }
        for (filter, values) in C::FILTERS.iter().zip(&self.chosen) {
            if !values.is_empty() {
                query.append_pair(filter.key, &values.join(","));
            }
        }
        if let Some((column, direction)) = self.sort {
            query.append_pair("orderBy", &sort_text(column, direction));
        }
        let defaults = ListQuery::<C>::default();
        if self.page != defaults.page {
            query.append_pair("page", &self.page.to_string());
        }
        if self.page_size != defaults.page_size {
            query.append_pair("pageSize", &self.page_size.to_string());
        }
        if let Some(columns) = &self.columns {
            let properties: Vec<_> = columns.iter().map(|column| column.property()).collect();
            query.append_pair("columns", &properties.join(","));
        }
        let query = query.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// The API request (query string without `?`) for this view's page, with its count.
    pub fn api_page_query(&self) -> String {
        let mut query = self.api_query();
        query.append_pair("$top", &self.page_size.to_string());
        query.append_pair(
            "$skip",
            &(u64::from(self.page - 1) * u64::from(self.page_size)).to_string(),
        );
        query.append_pair("$count", "true");
        query.finish()
    }

    /// The API request (query string without `?`) exporting every row of this view as CSV,
    /// with `columns` in order.
    pub fn api_export_query(&self, columns: &[C]) -> String {
        let mut query = self.api_query();
        let properties: Vec<_> = columns.iter().map(|column| column.property()).collect();
        query.append_pair("$select", &properties.join(","));
        query.append_pair("$format", "csv");
        query.finish()
    }

    fn api_query(&self) -> form_urlencoded::Serializer<'static, String> {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(filter) = self.odata_filter() {
            query.append_pair("$filter", &filter);
        }
        if !self.search.is_empty() {
            query.append_pair("$search", &format!("\"{}\"", self.search));
        }
        if let Some((column, direction)) = self.sort {
            query.append_pair("$orderby", &sort_text(column, direction));
        }
        query
    }

    /// OR within one filter, AND across filters.
    pub fn odata_filter(&self) -> Option<String> {
        let clauses: Vec<String> = C::FILTERS
            .iter()
            .zip(&self.chosen)
            .filter_map(|(filter, values)| {
                let matches: Vec<&str> = values
                    .iter()
                    .filter_map(|value| filter.option(value))
                    .flat_map(|option| option.matches)
                    .collect();
                any_of(filter.property, matches)
            })
            .collect();
        (!clauses.is_empty()).then(|| clauses.join(" and "))
    }

    /// The values chosen in the filter with URL parameter `key`.
    pub fn chosen(&self, key: &str) -> &[&'static str] {
        C::FILTERS
            .iter()
            .position(|filter| filter.key == key)
            .and_then(|index| self.chosen.get(index))
            .map_or(&[], Vec::as_slice)
    }

    /// Adds `value` to the filter with URL parameter `key`, or removes it if chosen already;
    /// values the filter does not offer change nothing.
    pub fn toggle(&mut self, key: &str, value: &str) {
        let Some(index) = C::FILTERS.iter().position(|filter| filter.key == key) else {
            return;
        };
        let Some(option) = C::FILTERS[index].option(value) else {
            return;
        };
        let values = &mut self.chosen[index];
        match values.iter().position(|chosen| *chosen == option.value) {
            Some(at) => {
                values.remove(at);
            }
            None => values.push(option.value),
        }
    }

    /// This view with `value` chosen in the filter with URL parameter `key`.
    pub fn filtered(mut self, key: &str, value: &str) -> Self {
        if !self.chosen(key).contains(&value) {
            self.toggle(key, value);
        }
        self
    }

    /// Removes the `index`-th pill of [`Self::filter_pills`].
    pub fn remove_filter_pill(&mut self, mut index: usize) {
        for values in &mut self.chosen {
            if index < values.len() {
                values.remove(index);
                return;
            }
            index -= values.len();
        }
    }

    pub fn clear_filters(&mut self) {
        self.chosen.iter_mut().for_each(Vec::clear);
    }

    /// Every active filter as (filter name, value label), in the order the filter pane lists them.
    pub fn filter_pills(&self) -> Vec<(&'static str, &'static str)> {
        C::FILTERS
            .iter()
            .zip(&self.chosen)
            .flat_map(|(filter, values)| {
                values.iter().filter_map(|value| {
                    filter
                        .option(value)
                        .map(|option| (filter.label, option.label))
                })
            })
            .collect()
    }

    /// The same view sorted on `column`: ascending, or descending when it was ascending already;
    /// back to its first page.
    pub fn sorted_on(mut self, column: C) -> Self {
        self.sort = Some(match self.sort {
            Some((current, SortDirection::Ascending)) if current == column => {
                (column, SortDirection::Descending)
            }
            _ => (column, SortDirection::Ascending),
        });
        self.page = 1;
        self
    }

    /// The `aria-sort` of `column`'s header.
    pub fn aria_sort(&self, column: C) -> &'static str {
        match self.sort {
            Some((sorted, direction)) if sorted == column => direction.aria(),
            _ => "none",
        }
    }
}

/// `property eq 'a'` or `property in ('a', 'b')`; nothing for no values.
fn any_of(property: &str, values: Vec<&str>) -> Option<String> {
    let quoted: Vec<String> = values
        .iter()
        .map(|value| format!("'{}'", value.replace('\'', "''")))
        .collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("{property} eq {one}")),
        many => Some(format!("{property} in ({})", many.join(", "))),
    }
}

fn sort_text<C: ListColumn>(column: C, direction: SortDirection) -> String {
    match direction {
        SortDirection::Ascending => column.property().to_string(),
        SortDirection::Descending => format!("{} desc", column.property()),
    }
}

fn parse_sort<C: ListColumn>(text: &str) -> Option<(C, SortDirection)> {
    let mut words = text.split_whitespace();
    let column = C::from_property(words.next()?)?;
    let direction = match words.next() {
        None | Some("asc") => SortDirection::Ascending,
        Some("desc") => SortDirection::Descending,
        Some(_) => return None,
    };
    words.next().is_none().then_some((column, direction))
}

/// Known values in URL order, each once.
fn parsed<T: PartialEq>(values: Vec<String>, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    let mut known = Vec::new();
    for value in values.iter().filter_map(|value| parse(value)) {
        if !known.contains(&value) {
            known.push(value);
        }
    }
    known
}
