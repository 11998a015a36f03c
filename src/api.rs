//! The typed API client: one function per endpoint, each returning `Result<T, ApiError>` with the
//! server's Graph error `code` and `message`.

use endpoint_admin_model::{
    BoundedCount, Collection,
    application::{ApplicationActionName, ApplicationList},
    audit::AuditEvent,
    auth::{Me, MeUpdate, TokenRequest, TokenResponse},
    device::ManagedDevice,
    device_action::{
        BulkActionResult, ConfigurationManagerAction, ConfigurationManagerActionType,
        DeviceActionName, DeviceActionResult, ExecuteAction, PipelineLogLine, SetDeviceName,
        TriggerConfigurationManagerAction, WipeOptions,
    },
    error::ErrorEnvelope,
    i18n::{Language, Messages},
    organization::Organization,
    overview::ManagedDeviceOverview,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;

use crate::{i18n::I18n, session::Session};

/// A failed call, as the user should hear about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status; 0 when the server could not be reached.
    pub status: u16,
    pub code: String,
    pub message: String,
    /// `Retry-After`, in seconds, when the server said when to try again.
    pub retry_after_seconds: Option<u64>,
}

impl ApiError {
    /// What a call answers when nobody is signed in, without asking the server.
    pub fn signed_out() -> ApiError {
        ApiError {
            status: 401,
            code: "unauthenticated".to_string(),
            message: "Sign in to continue.".to_string(),
            retry_after_seconds: None,
        }
    }

    /// What to tell the user, in their language, by the error's code (the server's message is
    /// English, for scripts and logs).
    pub fn text(&self, m: &Messages) -> String {
        match self.code.as_str() {
            "badRequest" => m.error_bad_request.to_string(),
            "unauthenticated" => m.error_unauthenticated.to_string(),
            "accessDenied" => m.error_access_denied.to_string(),
            "itemNotFound" => m.error_item_not_found.to_string(),
            "conflict" => m.error_conflict.to_string(),
            "tooManyRequests" => m.error_too_many_requests.to_string(),
            "network" => m.error_network.to_string(),
            "download" => m.error_download.to_string(),
            "invalidResponse" => m.error_invalid_response.to_string(),
            _ => endpoint_admin_model::i18n::fill(
                &m.error_other,
                &[("status", &self.status.to_string())],
            ),
        }
    }

    fn browser(message: &str) -> ApiError {
        ApiError {
            status: 0,
            code: "download".to_string(),
            message: message.to_string(),
            retry_after_seconds: None,
        }
    }

    fn network(error: gloo_net::Error) -> ApiError {
        ApiError {
            status: 0,
            code: "network".to_string(),
            message: format!("The server could not be reached ({error})."),
            retry_after_seconds: None,
        }
    }
}

/// Signs in; the only call without a bearer token.
pub async fn sign_in(request: &TokenRequest) -> Result<TokenResponse, ApiError> {
    let request = Request::post("/auth/token")
        .json(request)
        .map_err(ApiError::network)?;
    body_of(request.send().await.map_err(ApiError::network)?)
        .await?
        .decode()
}

/// Authenticated calls; a 401 ends the session, which sends the user to sign-in.
#[derive(Debug, Clone, Copy)]
pub struct Api {
    session: Session,
    i18n: I18n,
}

pub fn use_api() -> Api {
    Api {
        session: crate::session::use_session(),
        i18n: crate::i18n::use_i18n(),
    }
}

impl Api {
    /// Revokes the token on the server, then forgets it here whatever the server answered: the
    /// user asked to leave.
    pub async fn sign_out(self) {
        if let Ok(request) = Request::post("/auth/signout").build() {
            let _ = self.send_request(request).await;
        }
        self.session.sign_out();
    }

    pub async fn me(self) -> Result<Me, ApiError> {
        self.get("/beta/me").await
    }

    /// Remembers the user's language on the server, for their next sign-in anywhere.
    pub async fn set_preferred_language(self, language: Language) -> Result<(), ApiError> {
        let update = MeUpdate {
            preferred_language: Some(Some(language.tag().to_string())),
        };
        let request = Request::patch("/beta/me")
            .json(&update)
            .map_err(ApiError::network)?;
        accepted(self.send_request(request).await?).await
    }

    pub async fn organizations(self) -> Result<Collection<Organization>, ApiError> {
        self.get("/beta/organization").await
    }

    pub async fn audit_events(self, top: u32) -> Result<Collection<AuditEvent>, ApiError> {
        self.get(&format!("/beta/deviceManagement/auditEvents?$top={top}"))
            .await
    }

    pub async fn set_mobile_device_management_authority(
        self,
        organization_id: &str,
    ) -> Result<(), ApiError> {
        let id: String = form_urlencoded::byte_serialize(organization_id.as_bytes()).collect();
        let path = format!("/beta/organization/{id}/setMobileDeviceManagementAuthority");
        let _: endpoint_admin_model::organization::SetMdmAuthorityResult =
            self.fetch(Request::post(&path)).await?.decode()?;
        Ok(())
    }

    pub async fn managed_device_overview(self) -> Result<ManagedDeviceOverview, ApiError> {
        self.get("/beta/deviceManagement/managedDeviceOverview")
            .await
    }

    /// A page of All devices; `query` is [`crate::device_list_query::DeviceListQuery::api_page_query`].
    /// `abort` cancels it when a newer request supersedes it.
    pub async fn managed_devices(
        self,
        query: &str,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<Collection<ManagedDevice>, ApiError> {
        let request = Request::get(&format!("/beta/deviceManagement/managedDevices?{query}"))
            .abort_signal(abort);
        self.fetch(request).await?.decode()
    }

    /// How many devices an All devices view matches, quickly, counted no further than
    /// `at_most`; `query` is [`crate::list_view::ListQuery::api_count_query`].
    pub async fn count_managed_devices_up_to(
        self,
        query: &str,
        at_most: u64,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<BoundedCount, ApiError> {
        let request = Request::get(&format!(
            "/beta/deviceManagement/managedDevices/$count?{}atMost={at_most}",
            and_after(query)
        ))
        .abort_signal(abort);
        self.fetch(request).await?.decode()
    }

    /// Exactly how many devices an All devices view matches (Graph's `$count`, `text/plain`).
    pub async fn count_managed_devices(
        self,
        query: &str,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<u64, ApiError> {
        let request = Request::get(&format!(
            "/beta/deviceManagement/managedDevices/$count?{query}"
        ))
        .abort_signal(abort);
        let body = self.fetch(request).await?;
        body.text
            .trim()
            .parse()
            .map_err(|error| unreadable(body.status, &error))
    }

    /// `abort` cancels it when the page moves on to another device.
    pub async fn managed_device(
        self,
        id: &str,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<ManagedDevice, ApiError> {
        let request = Request::get(&format!(
            "/beta/deviceManagement/managedDevices/{}",
            encode(id)
        ))
        .abort_signal(abort);
        self.fetch(request).await?.decode()
    }

    /// Runs `action` on device `id`: `triggerConfigurationManagerAction`, Intune's actions, or
    /// `DELETE`. `new_name` is Rename's, `wipe` Wipe's options.
    pub async fn run_device_action(
        self,
        id: &str,
        action: DeviceActionName,
        new_name: &str,
        wipe: WipeOptions,
    ) -> Result<(), ApiError> {
        let device = format!("/beta/deviceManagement/managedDevices/{}", encode(id));
        let post = |path: &str| Request::post(&format!("{device}/{path}"));
        let request = match (action, ConfigurationManagerActionType::of(action)) {
            (_, Some(configuration_manager)) => {
                post("triggerConfigurationManagerAction").json(&TriggerConfigurationManagerAction {
                    configuration_manager_action: ConfigurationManagerAction {
                        action: configuration_manager,
                    },
                })
            }
            (DeviceActionName::Delete, _) => Request::delete(&device).build(),
            (DeviceActionName::SetDeviceName, _) => post("setDeviceName").json(&SetDeviceName {
                device_name: new_name.to_string(),
            }),
            (DeviceActionName::Wipe, _) => post("wipe").json(&wipe),
            (intune, _) => post(intune.wire_name()).build(),
        };
        let response = self
            .send_request(request.map_err(ApiError::network)?)
            .await?;
        accepted(response).await
    }

    /// A device's actions, newest first: what Device action status polls.
    pub async fn device_action_results(
        self,
        id: &str,
    ) -> Result<Collection<DeviceActionResult>, ApiError> {
        self.get(&format!(
            "/beta/deviceManagement/managedDevices/{}/deviceActionResults",
            encode(id)
        ))
        .await
    }

    /// What the site's components logged about one action.
    pub async fn device_action_log(
        self,
        id: &str,
        result_id: &str,
    ) -> Result<Collection<PipelineLogLine>, ApiError> {
        self.get(&format!(
            "/beta/deviceManagement/managedDevices/{}/deviceActionResults/{}/logs",
            encode(id),
            encode(result_id)
        ))
        .await
    }

    /// `executeAction`: one action on many devices.
    pub async fn execute_action(
        self,
        request: &ExecuteAction,
    ) -> Result<BulkActionResult, ApiError> {
        let request = Request::post("/beta/deviceManagement/managedDevices/executeAction")
            .json(request)
            .map_err(ApiError::network)?;
        body_of(self.send_request(request).await?).await?.decode()
    }

    /// The CSV of every row of an All devices view, as a blob to save.
    pub async fn export_managed_devices(self, query: &str) -> Result<web_sys::Blob, ApiError> {
        self.download(&format!("/beta/deviceManagement/managedDevices?{query}"))
            .await
    }

    /// A page of a ConfigMgr device's applications with the Status filter's counts; `query` is
    /// [`crate::list_view::ListQuery::api_page_query`].
    pub async fn device_applications(
        self,
        id: &str,
        query: &str,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<ApplicationList, ApiError> {
        let request = Request::get(&format!(
            "/beta/deviceManagement/managedDevices/{}/applications?{query}",
            encode(id)
        ))
        .abort_signal(abort);
        self.fetch(request).await?.decode()
    }

    /// The CSV of every application of a view of a device's applications.
    pub async fn export_device_applications(
        self,
        id: &str,
        query: &str,
    ) -> Result<web_sys::Blob, ApiError> {
        self.download(&format!(
            "/beta/deviceManagement/managedDevices/{}/applications?{query}",
            encode(id)
        ))
        .await
    }

    /// Asks the site to run `action` on application `application_id` of device `id` (202).
    pub async fn run_application_action(
        self,
        id: &str,
        application_id: &str,
        action: ApplicationActionName,
    ) -> Result<(), ApiError> {
        let request = Request::post(&format!(
            "/beta/deviceManagement/managedDevices/{}/applications/{}/{}",
            encode(id),
            encode(application_id),
            action.wire_name()
        ));
        accepted(self.send(request).await?).await
    }

    /// What the site and the client logged about the latest action on an application.
    pub async fn application_log(
        self,
        id: &str,
        application_id: &str,
    ) -> Result<Collection<PipelineLogLine>, ApiError> {
        self.get(&format!(
            "/beta/deviceManagement/managedDevices/{}/applications/{}/logs",
            encode(id),
            encode(application_id)
        ))
        .await
    }

    /// A file the API writes (CSV), as a blob to save.
    async fn download(self, path: &str) -> Result<web_sys::Blob, ApiError> {
        let request = Request::get(path);
        let response = self.send(request).await?;
        if !response.ok() {
            return Err(error_of(response).await);
        }
        let blob = web_sys::Response::from(response)
            .blob()
            .map_err(|_| ApiError::browser("The download could not be started."))?;
        wasm_bindgen_futures::JsFuture::from(blob)
            .await
            .map(wasm_bindgen::JsCast::unchecked_into)
            .map_err(|_| ApiError::browser("The download was interrupted."))
    }

    async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        self.fetch(Request::get(path)).await?.decode()
    }

    /// Sends and reads the body; only [`Body::decode`] depends on the answer's type.
    async fn fetch(self, request: RequestBuilder) -> Result<Body, ApiError> {
        body_of(self.send(request).await?).await
    }

    /// Sends with the bearer token; a 401 ends the session.
    async fn send(self, request: RequestBuilder) -> Result<Response, ApiError> {
        self.send_request(request.build().map_err(ApiError::network)?)
            .await
    }

    async fn send_request(self, request: gloo_net::http::Request) -> Result<Response, ApiError> {
        let token = self.session.token().unwrap_or_default();
        request
            .headers()
            .set("Authorization", &format!("Bearer {token}"));
        // Text the server writes for people (the CSV export, why an action is not possible)
        // follows the console's language.
        request
            .headers()
            .set("Accept-Language", self.i18n.language_untracked().tag());
        let response = request.send().await.map_err(ApiError::network)?;
        if response.status() == 401 {
            self.session.sign_out();
        }
        Ok(response)
    }
}

/// `query` followed by `&` when it is not empty, so that more parameters may follow.
fn and_after(query: &str) -> String {
    if query.is_empty() {
        String::new()
    } else {
        format!("{query}&")
    }
}

/// A path segment, percent-encoded.
fn encode(segment: &str) -> String {
    form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}

/// The body of a successful answer, read but not yet decoded. Reading is the same for every
/// endpoint, so it is compiled once; only the decoding is compiled per answer type.
struct Body {
    status: u16,
    text: String,
}

impl Body {
    fn decode<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        serde_json::from_str(&self.text).map_err(|error| unreadable(self.status, &error))
    }
}

/// The body of a successful response, or the error a failed one carries.
async fn body_of(response: Response) -> Result<Body, ApiError> {
    let status = response.status();
    if !response.ok() {
        return Err(error_of(response).await);
    }
    match response.text().await {
        Ok(text) => Ok(Body { status, text }),
        Err(error) => Err(unreadable(status, &error)),
    }
}

fn unreadable(status: u16, error: &dyn std::fmt::Display) -> ApiError {
    ApiError {
        status,
        code: "invalidResponse".to_string(),
        message: format!("The server's answer could not be read ({error})."),
        retry_after_seconds: None,
    }
}

/// The Graph error envelope of a failed response, or what can be said without one.
/// An answer with no body to read: `Ok` for a 2xx, else its error.
async fn accepted(response: Response) -> Result<(), ApiError> {
    if response.ok() {
        Ok(())
    } else {
        Err(error_of(response).await)
    }
}

async fn error_of(response: Response) -> ApiError {
    let status = response.status();
    let retry_after_seconds = response
        .headers()
        .get("Retry-After")
        .and_then(|seconds| seconds.trim().parse().ok());
    let envelope = match response.text().await {
        Ok(text) => serde_json::from_str::<ErrorEnvelope>(&text).ok(),
        Err(_) => None,
    };
    match envelope {
        Some(envelope) => ApiError {
            status,
            code: envelope.error.code,
            message: envelope.error.message,
            retry_after_seconds,
        },
        None => ApiError {
            status,
            code: "httpError".to_string(),
            message: format!("The server answered {status} {}.", response.status_text()),
            retry_after_seconds,
        },
    }
}
