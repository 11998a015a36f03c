//! The built SPA: its files by name, and `index.html` for every other path (the SPA's own routes).

use std::{convert::Infallible, path::Path};

use axum::{
    body::Body,
    extract::Request,
    response::{IntoResponse, Response},
};
use tower::{Service, ServiceExt, service_fn};
use tower_http::services::{ServeDir, ServeFile};

/// The longest file name Linux allows; a longer path segment can name no file of ours.
const NAME_MAX: usize = 255;

/// Serves `dist`: built once, answering every request the API's routes do not.
pub fn service(
    dist: &Path,
) -> impl Service<Request, Response = Response, Error = Infallible, Future: Send> + Clone + use<> {
    let index = ServeFile::new(dist.join("index.html"));
    // A directory is no page of ours: no redirect to its `…/` (which for `//public` read as the
    // host "public"), the SPA instead.
    let files = ServeDir::new(dist)
        .append_index_html_on_directories(false)
        .fallback(index.clone());
    service_fn(move |request: Request| {
        let (files, index) = (files.clone(), index.clone());
        async move {
            // The file system would refuse such a name with an error (ENAMETOOLONG), not "not
            // found".
            let names_a_file = request
                .uri()
                .path()
                .split('/')
                .all(|segment| segment.len() <= NAME_MAX);
            let answer = if names_a_file {
                files.oneshot(request).await
            } else {
                index.oneshot(request).await
            };
            Ok(match answer {
                Ok(response) => response.map(Body::new).into_response(),
                Err(never) => match never {},
            })
        }
    })
}
