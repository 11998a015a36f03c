//! The built SPA: its files by name, and `index.html` for every other path (the SPA's own routes).

use axum::{
    body::Body,
    extract::{Request, State},
    response::{IntoResponse, Response},
};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::AppState;

/// The longest file name Linux allows; a longer path segment can name no file of ours.
const NAME_MAX: usize = 255;

pub async fn static_file(State(state): State<AppState>, request: Request) -> Response {
    let index = ServeFile::new(state.dist.join("index.html"));
    // The file system would refuse such a name with an error (ENAMETOOLONG), not "not found".
    let names_a_file = request
        .uri()
        .path()
        .split('/')
        .all(|segment| segment.len() <= NAME_MAX);
    let answer = if names_a_file {
        // A directory is no page of ours: no redirect to its `…/` (which for `//public` read as
        // the host "public"), the SPA instead.
        ServeDir::new(&state.dist)
            .append_index_html_on_directories(false)
            .fallback(index)
            .oneshot(request)
            .await
    } else {
        index.oneshot(request).await
    };
    match answer {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
    .into_response()
}
