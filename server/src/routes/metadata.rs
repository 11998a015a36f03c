//! `GET /beta/$metadata`: the CSDL document of the API's entity sets, served without a token as
//! Graph serves it, so that OData clients can read the model before signing in.

use axum::http::header;

use super::Operation;
use crate::odata::csdl::DOCUMENT;

pub fn operations() -> Vec<Operation> {
    vec![Operation::get("/beta/$metadata", document).without_sign_in()]
}

#[utoipa::path(
    get,
    path = "/beta/$metadata",
    operation_id = "metadata",
    tag = "metadata",
    summary = "The OData CSDL document of the entity sets",
    responses(
        (status = 200, description = "The CSDL (OData v4 XML) document", body = String, content_type = "application/xml"),
    ),
)]
pub async fn document() -> ([(header::HeaderName, &'static str); 1], &'static str) {
    (
        [(header::CONTENT_TYPE, "application/xml")],
        DOCUMENT.as_str(),
    )
}
