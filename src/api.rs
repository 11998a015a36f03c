//! The typed API client: one function per endpoint, each returning `Result<T, ApiError>` with the
//! server's Graph error `code` and `message`.

use endpoint_admin_model::{
    Collection,
    auth::{Me, TokenRequest, TokenResponse},
    error::ErrorEnvelope,
    organization::Organization,
    overview::ManagedDeviceOverview,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::session::Session;

/// A failed call, as the user should hear about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status; 0 when the server could not be reached.
    pub status: u16,
    pub code: String,
    pub message: String,
}

impl ApiError {
    fn network(error: gloo_net::Error) -> ApiError {
        ApiError {
            status: 0,
            code: "network".to_string(),
            message: format!("The server could not be reached ({error})."),
        }
    }
}

/// Signs in; the only call without a bearer token.
pub async fn sign_in(request: &TokenRequest) -> Result<TokenResponse, ApiError> {
    let request = Request::post("/auth/token")
        .json(request)
        .map_err(ApiError::network)?;
    decode(request.send().await.map_err(ApiError::network)?).await
}

/// Authenticated calls; a 401 ends the session, which sends the user to sign-in.
#[derive(Debug, Clone, Copy)]
pub struct Api {
    session: Session,
}

pub fn use_api() -> Api {
    Api {
        session: crate::session::use_session(),
    }
}

impl Api {
    pub async fn me(self) -> Result<Me, ApiError> {
        self.get("/beta/me").await
    }

    pub async fn organizations(self) -> Result<Collection<Organization>, ApiError> {
        self.get("/beta/organization").await
    }

    pub async fn managed_device_overview(self) -> Result<ManagedDeviceOverview, ApiError> {
        self.get("/beta/deviceManagement/managedDeviceOverview")
            .await
    }

    async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        self.send(Request::get(path)).await
    }

    async fn send<T: DeserializeOwned>(self, request: RequestBuilder) -> Result<T, ApiError> {
        let token = self.session.token().unwrap_or_default();
        let response = request
            .header("Authorization", &format!("Bearer {token}"))
            .send()
            .await
            .map_err(ApiError::network)?;
        if response.status() == 401 {
            self.session.sign_out();
        }
        decode(response).await
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if response.ok() {
        return response.json().await.map_err(|error| ApiError {
            status,
            code: "invalidResponse".to_string(),
            message: format!("The server's answer could not be read ({error})."),
        });
    }
    match response.json::<ErrorEnvelope>().await {
        Ok(envelope) => Err(ApiError {
            status,
            code: envelope.error.code,
            message: envelope.error.message,
        }),
        Err(_) => Err(ApiError {
            status,
            code: "httpError".to_string(),
            message: format!("The server answered {status} {}.", response.status_text()),
        }),
    }
}

/// A resource over an API call, for pages to show with [`crate::components::fetched`].
pub type ApiResource<T> = LocalResource<Result<T, ApiError>>;
