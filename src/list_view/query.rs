//! A list's view as it lives in the URL: search, filters, sort, page, page size, columns.
//!
//! [`ListQuery`] parses from and renders to the query string, so a link or a reload reproduces
//! the view, and it writes the API request for the view's page and its export. A list describes
//! itself once, as data ([`ListSpec`]): its columns and its filters ([`ListFilter`]).
//! Values the list does not know are dropped rather than failing the page.

use std::fmt;

pub use endpoint_admin_model::device_column::Column;
use endpoint_admin_model::i18n::{Key, Messages};

pub const PAGE_SIZES: [u32; 6] = [25, 50, 100, 250, 500, 1000];
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// A list described as data: its columns and its filters. The views of every list are the same
/// type, [`ListQuery`], and so are their grid, filter pane and column chooser: the wasm holds
/// them once, however many lists there are.
pub struct ListSpec {
    /// What the list counts, e.g. `devices`; also its key for saved column choices.
    pub name: &'static str,
    /// Every column, in the order the column chooser lists them.
    pub columns: &'static [Column],
    /// The property of the column whose cell links to the row.
    pub name_column: &'static str,
    /// The filters, in the Filter pane's order.
    pub filters: &'static [ListFilter],
}

impl ListSpec {
    /// The column with this property, as the list spells it.
    pub fn column(&self, property: &str) -> Option<&'static Column> {
        self.columns
            .iter()
            .find(|column| column.property == property)
    }

    pub fn default_columns(&self) -> Vec<&'static str> {
        self.columns
            .iter()
            .filter(|column| column.is_default)
            .map(|column| column.property)
            .collect()
    }

    fn filter(&self, key: &str) -> Option<usize> {
        self.filters.iter().position(|filter| filter.key == key)
    }
}

/// One filter of a list, as data: the Filter pane, the pills, the URL and the `$filter` all read
/// it from here.
pub struct ListFilter {
    /// Its parameter in the page's URL, e.g. `managedBy`.
    pub key: &'static str,
    /// Its legend in the Filter pane and its name on the pills.
    pub label: Key,
    /// The API property it filters on.
    pub property: &'static str,
    /// Every value it offers, labelled in a catalogue's language.
    pub options: fn(&Messages) -> Vec<FilterOption>,
    /// Shown on the page itself, above the grid, rather than in the Filter pane.
    pub on_page: bool,
}

/// A value a filter offers.
pub struct FilterOption {
    /// As the URL spells it.
    pub value: &'static str,
    pub label: String,
    /// The API values it stands for (*Co-managed* stands for two management agents).
    pub matches: Vec<&'static str>,
}

impl FilterOption {
    /// The options of an enum filter, each standing for its own wire name.
    pub fn each<T: Copy>(
        all: &[T],
        wire_name: fn(T) -> &'static str,
        label: fn(T, &Messages) -> &str,
        m: &Messages,
    ) -> Vec<FilterOption> {
        all.iter()
            .map(|value| FilterOption {
                value: wire_name(*value),
                label: label(*value, m).to_string(),
                matches: vec![wire_name(*value)],
            })
            .collect()
    }
}

impl ListFilter {
    fn option(&self, m: &Messages, value: &str) -> Option<FilterOption> {
        (self.options)(m)
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

/// A list's view as it lives in the URL.
#[derive(Clone)]
pub struct ListQuery {
    pub spec: &'static ListSpec,
    pub search: String,
    /// The values chosen in each filter of the spec (same order), each once, in URL order.
    pub chosen: Vec<Vec<&'static str>>,
    /// The property sorted on and whether descending; `None`: the server's order.
    pub sort: Option<(&'static str, SortDirection)>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
    /// Visible columns (properties) in order; `None`: the user's saved choice, else the defaults.
    pub columns: Option<Vec<&'static str>>,
}

impl PartialEq for ListQuery {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.spec, other.spec)
            && self.search == other.search
            && self.chosen == other.chosen
            && self.sort == other.sort
            && self.page == other.page
            && self.page_size == other.page_size
            && self.columns == other.columns
    }
}

impl fmt::Debug for ListQuery {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_struct("ListQuery")
            .field("list", &self.spec.name)
            .field("search", &self.search)
            .field("chosen", &self.chosen)
            .field("sort", &self.sort)
            .field("page", &self.page)
            .field("page_size", &self.page_size)
            .field("columns", &self.columns)
            .finish()
    }
}

impl ListQuery {
    /// The list's default view: no search, no filter, the server's order, the first page.
    pub fn new(spec: &'static ListSpec) -> ListQuery {
        ListQuery {
            spec,
            search: String::new(),
            chosen: vec![Vec::new(); spec.filters.len()],
            sort: None,
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            columns: None,
        }
    }

    /// Reads the view from the URL's query, given a lookup of its parameters.
    pub fn from_query(spec: &'static ListSpec, get: impl Fn(&str) -> Option<String>) -> ListQuery {
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
        let defaults = ListQuery::new(spec);
        ListQuery {
            spec,
            search: get("search").unwrap_or_default().trim().to_string(),
            chosen: spec
                .filters
                .iter()
                .map(|filter| {
                    parsed(list(filter.key), |value| {
                        filter
                            .option(Messages::english(), value)
                            .map(|option| option.value)
                    })
                })
                .collect(),
            sort: get("orderBy").and_then(|order_by| parse_sort(spec, &order_by)),
            page: get("page")
                .and_then(|page| page.parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(defaults.page),
            page_size: get("pageSize")
                .and_then(|size| size.parse().ok())
                .filter(|size| PAGE_SIZES.contains(size))
                .unwrap_or(defaults.page_size),
            columns: get("columns")
                .map(|_| {
                    parsed(list("columns"), |property| {
                        spec.column(property).map(|column| column.property)
                    })
                })
                .filter(|columns| !columns.is_empty()),
        }
    }

    /// The query string (with `?`, or empty for the default view) that reproduces this view.
    pub fn to_query_string(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.search.is_empty() {
            query.append_pair("search", &self.search);
        }
        for (filter, values) in self.spec.filters.iter().zip(&self.chosen) {
            if !values.is_empty() {
                query.append_pair(filter.key, &values.join(","));
            }
        }
        if let Some((column, direction)) = self.sort {
            query.append_pair("orderBy", &sort_text(column, direction));
        }
        let defaults = ListQuery::new(self.spec);
        if self.page != defaults.page {
            query.append_pair("page", &self.page.to_string());
        }
        if self.page_size != defaults.page_size {
            query.append_pair("pageSize", &self.page_size.to_string());
        }
        if let Some(columns) = &self.columns {
            query.append_pair("columns", &columns.join(","));
        }
        let query = query.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// The API request (query string without `?`) for this view's page, with its count: for
    /// lists short enough to count with every page.
    pub fn api_page_query(&self) -> String {
        let mut query = self.api_rows();
        query.append_pair("$count", "true");
        query.finish()
    }

    /// The API request (query string without `?`) for this view's page alone, for a list whose
    /// count is asked apart ([`ListQuery::api_count_query`]) so that the rows never wait for it.
    pub fn api_rows_query(&self) -> String {
        self.api_rows().finish()
    }

    /// The API request (query string without `?`) of `$count` for this view: its filters and
    /// search, not its sort or page, so paging never counts again.
    pub fn api_count_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        self.append_matching(&mut query);
        query.finish()
    }

    fn api_rows(&self) -> form_urlencoded::Serializer<'static, String> {
        let mut query = self.api_query();
        query.append_pair("$top", &self.page_size.to_string());
        query.append_pair(
            "$skip",
            &(u64::from(self.page - 1) * u64::from(self.page_size)).to_string(),
        );
        query
    }

    /// The API request (query string without `?`) exporting every row of this view as CSV,
    /// with `columns` in order.
    pub fn api_export_query(&self, columns: &[&str]) -> String {
        let mut query = self.api_query();
        query.append_pair("$select", &columns.join(","));
        query.append_pair("$format", "csv");
        query.finish()
    }

    fn api_query(&self) -> form_urlencoded::Serializer<'static, String> {
        let mut query = form_urlencoded::Serializer::new(String::new());
        self.append_matching(&mut query);
        if let Some((column, direction)) = self.sort {
            query.append_pair("$orderby", &sort_text(column, direction));
        }
        query
    }

    /// `$filter` and `$search`: which rows the view matches.
    fn append_matching(&self, query: &mut form_urlencoded::Serializer<'static, String>) {
        if let Some(filter) = self.odata_filter() {
            query.append_pair("$filter", &filter);
        }
        if !self.search.is_empty() {
            query.append_pair("$search", &format!("\"{}\"", self.search));
        }
    }

    /// OR within one filter, AND across filters.
    pub fn odata_filter(&self) -> Option<String> {
        let clauses: Vec<String> = self
            .spec
            .filters
            .iter()
            .zip(&self.chosen)
            .filter_map(|(filter, values)| {
                let matches: Vec<&str> = values
                    .iter()
                    .filter_map(|value| filter.option(Messages::english(), value))
                    .flat_map(|option| option.matches)
                    .collect();
                any_of(filter.property, matches)
            })
            .collect();
        (!clauses.is_empty()).then(|| clauses.join(" and "))
    }

    /// The values chosen in the filter with URL parameter `key`.
    pub fn chosen(&self, key: &str) -> &[&'static str] {
        self.spec
            .filter(key)
            .and_then(|index| self.chosen.get(index))
            .map_or(&[], Vec::as_slice)
    }

    /// Adds `value` to the filter with URL parameter `key`, or removes it if chosen already;
    /// values the filter does not offer change nothing.
    pub fn toggle(&mut self, key: &str, value: &str) {
        let Some(index) = self.spec.filter(key) else {
            return;
        };
        let Some(option) = self.spec.filters[index].option(Messages::english(), value) else {
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
    pub fn filter_pills(&self, m: &Messages) -> Vec<(String, String)> {
        self.spec
            .filters
            .iter()
            .zip(&self.chosen)
            .flat_map(|(filter, values)| {
                values.iter().filter_map(|value| {
                    filter
                        .option(m, value)
                        .map(|option| ((filter.label)(m).to_string(), option.label))
                })
            })
            .collect()
    }

    /// The same view sorted on `column`: ascending, or descending when it was ascending already;
    /// back to its first page.
    pub fn sorted_on(mut self, column: &'static str) -> Self {
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
    pub fn aria_sort(&self, column: &str) -> &'static str {
        match self.sort {
            Some((sorted, direction)) if sorted == column => direction.aria(),
            _ => "none",
        }
    }
    /// The link to this view of the list at `path`.
    pub fn href(&self, path: &str) -> String {
        format!("{path}{}", self.to_query_string())
    }

    /// The visible columns: the view's, else `saved`, else the list's defaults.
    pub fn visible_columns(&self, saved: Option<Vec<&'static str>>) -> Vec<&'static str> {
        self.columns
            .clone()
            .or(saved)
            .unwrap_or_else(|| self.spec.default_columns())
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

fn sort_text(column: &str, direction: SortDirection) -> String {
    match direction {
        SortDirection::Ascending => column.to_string(),
        SortDirection::Descending => format!("{column} desc"),
    }
}

fn parse_sort(spec: &ListSpec, text: &str) -> Option<(&'static str, SortDirection)> {
    let mut words = text.split_whitespace();
    let column = spec.column(words.next()?)?.property;
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
