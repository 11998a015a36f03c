//! `GET …/managedDevices/{id}/applications`: the applications the ConfigMgr site deploys to a
//! tenant-attached device or its primary user, each with the actions allowed now and why not,
//! with the same OData options as All devices and a count per install state for the Status filter;
//! `POST …/applications/{appId}/{action}`: an application action, through the pipeline.

use axum::{
    Json,
    body::Body,
    extract::{Path, RawQuery, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use endpoint_admin_model::{
    Collection,
    application::{
        Application, ApplicationActionName, ApplicationFacts, InstallState, InstallStateCounts,
        application_actions, application_column_label,
    },
    auth::Permission,
    device::ManagedDevice,
    device_action::{PipelineLogLine, SITE_REFUSAL_EXPLANATION},
    i18n::Messages,
};
use serde_json::{Map, Value, json};

use super::{
    COLLECTION_PATH,
    device::find,
    export::defuse_formula,
    list::{collection_options, next_link},
};
use crate::{
    AppState,
    auth::CurrentUser,
    demo::{DemoApplication, demo_applications},
    error::ApiError,
    now,
    odata::{APPLICATION, Format, Property, SkipToken},
    pipeline::{log::log_lines, now_ms},
    routes::ParameterlessBody,
    routes::language::RequestLanguage,
    routes::service_root::ServiceRoot,
    store::ApplicationChanges,
};

#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDevices/{id}/applications",
    tag = "applications",
    summary = "A ConfigMgr device's applications",
    params(
        ("id" = String, Path, description = "The device's id"),
        crate::openapi::CollectionOptions,
    ),
    responses(
        (status = 200, description = "A page of applications with the counts per install state, or the CSV export", content((endpoint_admin_model::application::ApplicationList = "application/json"), (String = "text/csv"))),
    ),
    security(("bearer" = [])),
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    root: ServiceRoot,
    language: RequestLanguage,
    Path(id): Path<String>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    user.require(Permission::ReadDevices)?;
    let raw_query = raw_query.unwrap_or_default();
    let options = collection_options(&raw_query, APPLICATION)?;
    if options.after.is_some() {
        // A device's applications are paged by position; keys are All devices' own.
        return Err(ApiError::BadRequest(
            "Invalid $skiptoken: not a token of this collection; follow @odata.nextLink as it is."
                .to_string(),
        ));
    }
    let device = find(&state.store, &id).await?;
    let m = language.messages();
    let applications = device_applications(&state, &user, &device, m).await?;
    let csv = options.format == Format::Csv;
    let page = state
        .store
        .page_applications(&applications, &options, csv)
        .await?;
    let shown = page.rows.iter().map(|&row| &applications[row]);
    if csv {
        return Ok(csv_response(m, shown, options.select.as_deref(), &device));
    }
    let mut body = Map::new();
    body.insert(
        "@odata.context".into(),
        json!(root.context(&format!(
            "deviceManagement/managedDevices('{id}')/applications"
        ))),
    );
    if let Some(count) = page.count {
        body.insert("@odata.count".into(), json!(count));
    }
    body.insert(
        "installStateCounts".into(),
        install_state_counts(&applications),
    );
    let value: Vec<Value> = shown
        .map(|application| selected(application, options.select.as_deref()))
        .collect();
    body.insert("value".into(), Value::Array(value));
    if page.more {
        let next_skip = options.skip + u64::from(options.top);
        body.insert(
            "@odata.nextLink".into(),
            json!(next_link(
                &root,
                &format!("{COLLECTION_PATH}/{id}/applications"),
                &raw_query,
                SkipToken::Skip(next_skip)
            )),
        );
    }
    Ok(Json(Value::Object(body)).into_response())
}

/// `POST …/applications/{appId}/{action}`: 202 once the action is written to the pipeline; 409 with
/// the reason when its prerequisites do not hold now.
#[utoipa::path(
    post,
    path = "/beta/deviceManagement/managedDevices/{id}/applications/{application_id}/{action}",
    tag = "applications",
    summary = "Install, reinstall, re-evaluate, uninstall or repair an application",
    params(
        ("id" = String, Path, description = "The device's id"),
        ("application_id" = String, Path, description = "The application's id"),
        ("action" = String, Path, description = "`install`, `reinstall`, `reevaluate`, `uninstall` or `repair`"),
    ),
    responses(
        (status = 202, description = "Accepted: the action is on its way through the pipeline"),
        (status = 409, description = "Its prerequisites do not hold now", body = endpoint_admin_model::error::ErrorEnvelope),
    ),
    security(("bearer" = [])),
)]
pub async fn act(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, application_id, action)): Path<(String, String, String)>,
    body: ParameterlessBody,
) -> Result<Response, ApiError> {
    user.require(Permission::ManageDeviceApplications)?;
    body?;
    let action = ApplicationActionName::from_wire_name(&action).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "'{action}' is not an application action; the actions are install, reinstall, reevaluate, uninstall and repair."
        ))
    })?;
    let device = find(&state.store, &id).await?;
    let applications = device_applications(&state, &user, &device, Messages::english()).await?;
    let application = applications
        .iter()
        .find(|application| application.id == application_id)
        .ok_or_else(|| no_such_application(&application_id, &device))?;
    let refusal = application
        .actions
        .iter()
        .find(|allowed| allowed.name == action)
        .and_then(|allowed| allowed.reason.clone());
    if let Some(reason) = refusal {
        return Err(ApiError::Conflict(format!(
            "{} is not possible for {}: {reason}",
            action.label(Messages::english()),
            application.name
        )));
    }
    let recorded = state
        .store
        .record_application_action(
            &id,
            &application_id,
            action,
            &user.0.user_principal_name,
            now_ms(),
            state.pipeline.hop_delay_ms(),
        )
        .await?;
    if !recorded {
        // Another request for this application got there first.
        return Err(ApiError::Conflict(format!(
            "{} is not possible for {}: an earlier action on this application has not finished yet.",
            action.label(Messages::english()),
            application.name
        )));
    }
    state.pipeline.wake();
    Ok(StatusCode::ACCEPTED.into_response())
}

/// `GET …/applications/{appId}/logs`: what the site's components and the client logged about the
/// latest action on the application (none yet: an empty list).
#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDevices/{id}/applications/{application_id}/logs",
    tag = "applications",
    summary = "An application action's pipeline log",
    params(
        ("id" = String, Path, description = "The device's id"),
        ("application_id" = String, Path, description = "The application's id"),
    ),
    responses(
        (status = 200, description = "The log lines so far", body = Collection<PipelineLogLine>),
    ),
    security(("bearer" = [])),
)]
pub async fn log(
    State(state): State<AppState>,
    user: CurrentUser,
    root: ServiceRoot,
    Path((id, application_id)): Path<(String, String)>,
) -> Result<Json<Collection<PipelineLogLine>>, ApiError> {
    user.require(Permission::ReadDevices)?;
    let device = find(&state.store, &id).await?;
    let applications = device_applications(&state, &user, &device, Messages::english()).await?;
    let application = applications
        .iter()
        .find(|application| application.id == application_id)
        .ok_or_else(|| no_such_application(&application_id, &device))?;
    let source = state
        .store
        .application_log_source(&id, &application_id, &application.name)
        .await?;
    Ok(Json(Collection {
        context: root.context(&format!(
            "deviceManagement/managedDevices('{id}')/applications('{application_id}')/logs"
        )),
        count: None,
        value: source.as_ref().map(log_lines).unwrap_or_default(),
        next_link: None,
    }))
}

fn no_such_application(application_id: &str, device: &ManagedDevice) -> ApiError {
    ApiError::NotFound(format!(
        "No application with the id '{application_id}' is deployed to {}.",
        device.device_name
    ))
}

/// The device's applications with the actions allowed now; 400 for a device without a ConfigMgr
/// client, 403 for an account the site does not know.
async fn device_applications(
    state: &AppState,
    user: &CurrentUser,
    device: &ManagedDevice,
    m: &Messages,
) -> Result<Vec<Application>, ApiError> {
    if !device.management_agent.has_configuration_manager_client() {
        return Err(ApiError::BadRequest(format!(
            "Applications are listed for Configuration Manager and co-managed devices; {} is managed by {}.",
            device.device_name,
            device.management_agent.label(Messages::english())
        )));
    }
    if !user.0.on_premises_sync_enabled {
        return Err(ApiError::AccessDenied(SITE_REFUSAL_EXPLANATION.to_string()));
    }
    let client_version = device
        .configuration_manager_client_information
        .as_ref()
        .map_or("", |client| client.client_version.as_str());
    let changes = state.store.application_changes(&device.id).await?;
    Ok(demo_applications(device, now())
        .into_iter()
        .map(|demo| application(m, demo, &changes, device.is_online, client_version))
        .collect())
}

/// The demo's application as the client last reported it, while an action is on its way: an
/// install shows as requested until the client has the task, then as installing.
fn application(
    m: &Messages,
    demo: DemoApplication,
    changes: &ApplicationChanges,
    client_online: bool,
    client_version: &str,
) -> Application {
    let mut install_state = demo.install_state;
    let mut error_code = demo.error_code;
    let mut changed_at = demo.last_state_change_date_time;
    if let Some(reported) = changes
        .reported
        .iter()
        .find(|reported| reported.application_id == demo.id)
    {
        install_state = reported.install_state;
        error_code = reported.error_code;
        changed_at =
            chrono::DateTime::from_timestamp_millis(reported.changed_at).unwrap_or(changed_at);
    }
    // Newest first, and only the newest can be unfinished.
    let last_action = changes
        .actions
        .iter()
        .find(|action| action.application_id == demo.id);
    let in_flight = last_action.filter(|action| action.in_flight());
    if let Some(in_flight) = in_flight.filter(|action| action.result.action_name.installs()) {
        if in_flight.at_client() {
            install_state = InstallState::Installing;
        } else if in_flight.result.action_name != ApplicationActionName::Repair {
            install_state = InstallState::InstallRequested;
        }
    }
    let facts = ApplicationFacts {
        install_state,
        deployment_intent: demo.deployment_intent,
        has_uninstall_command: demo.uninstall_command.is_some(),
        has_repair_command: demo.repair_command.is_some(),
        action_in_flight: in_flight.is_some(),
        client_online,
        client_version,
    };
    Application {
        actions: application_actions(m, &facts),
        id: demo.id,
        name: demo.name.to_string(),
        publisher: demo.publisher.to_string(),
        version: demo.version.to_string(),
        application_type: demo.application_type,
        install_state,
        deployment_intent: demo.deployment_intent,
        targeted_to: demo.targeted_to,
        is_approval_required: demo.is_approval_required,
        deadline_date_time: demo.deadline_date_time,
        last_state_change_date_time: changed_at,
        error_code,
        last_action: last_action.map(|action| action.result.clone()),
    }
}

/// How many of the device's applications are in each install state, all nine (zeros too), for
/// the Status filter: `{"available": 3, "installed": 12, …}`.
fn install_state_counts(applications: &[Application]) -> Value {
    let mut counts = InstallStateCounts::default();
    for application in applications {
        *counts.of_mut(application.install_state) += 1;
    }
    json!(counts)
}

/// The application as JSON, reduced to the `$select`ed properties when there are some (`actions`
/// always comes along: the page needs it to show what may be done).
fn selected(application: &Application, select: Option<&[&'static Property]>) -> Value {
    let full = serde_json::to_value(application).unwrap_or(Value::Null);
    let Some(select) = select else {
        return full;
    };
    let mut reduced = Map::new();
    for name in select
        .iter()
        .map(|property| property.name)
        .chain(["id", "actions"])
    {
        reduced.insert(name.to_string(), full[name].clone());
    }
    Value::Object(reduced)
}

/// The export: the grid's columns (or the `$select`ed ones) under their labels, cells as the grid
/// shows them, every row of the view.
fn csv_response<'a>(
    m: &Messages,
    applications: impl Iterator<Item = &'a Application>,
    select: Option<&[&'static Property]>,
    device: &ManagedDevice,
) -> Response {
    let properties: Vec<&Property> = match select {
        Some(select) => select.to_vec(),
        None => APPLICATION.iter().take(7).collect(),
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = properties
        .iter()
        .map(|property| application_column_label(m, property.name).unwrap_or(property.label))
        .collect();
    let mut rows = vec![writer.write_record(&header)];
    for application in applications {
        let json = serde_json::to_value(application).unwrap_or(Value::Null);
        let record: Vec<String> = properties
            .iter()
            .map(|property| defuse_formula(cell(m, application, &json, property.name)))
            .collect();
        rows.push(writer.write_record(&record));
    }
    let body = match (
        rows.into_iter().collect::<Result<(), _>>(),
        writer.into_inner(),
    ) {
        (Ok(()), Ok(bytes)) => bytes,
        _ => return ApiError::Internal("writing the CSV failed".into()).into_response(),
    };
    let file_name: String = device
        .device_name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}-applications.csv\""),
            ),
        ],
        Body::from(body),
    )
        .into_response()
}

/// A cell as the grid shows it: labels for the enums, Yes/No, dates as sent.
fn cell(m: &Messages, application: &Application, json: &Value, name: &str) -> String {
    match name {
        "installState" => application.install_state.label(m).to_string(),
        "deploymentIntent" => application.deployment_intent.label(m).to_string(),
        "targetedTo" => application.targeted_to.label(m).to_string(),
        "type" => application.application_type.label(m).to_string(),
        "isApprovalRequired" if application.is_approval_required => m.yes.to_string(),
        "isApprovalRequired" => m.no.to_string(),
        _ => match &json[name] {
            Value::Null => String::new(),
            Value::String(text) => text.clone(),
            other => other.to_string(),
        },
    }
}
