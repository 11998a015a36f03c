//! `GET /beta/$openapi`: the OpenAPI 3.1 document, generated from the handlers, against the route
//! table: a route the document lacks fails here.

use axum::http::StatusCode;
use endpoint_admin_server::routes::operations;
use serde_json::Value;

use crate::common::TestServer;

#[tokio::test]
async fn the_document_describes_every_operation_of_the_route_table_and_no_other() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let answer = server.get("/beta/$openapi", &token).await;
    assert_eq!(answer.status, StatusCode::OK);
    let document = answer.json();
    assert!(
        document["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        document["openapi"]
    );
    let documented: Vec<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|key| ["get", "post", "put", "patch", "delete"].contains(&key.as_str()))
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let routed: Vec<(String, String)> = operations()
        .iter()
        .map(|operation| (operation.method.to_string(), operation.path.clone()))
        .collect();
    for route in &routed {
        assert!(
            documented.contains(route),
            "{route:?} is routed but not documented"
        );
    }
    for operation in &documented {
        assert!(
            routed.contains(operation),
            "{operation:?} is documented but not routed"
        );
    }
}

#[tokio::test]
async fn every_operation_documents_the_error_envelope_and_its_parameters() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let document = server.get("/beta/$openapi", &token).await.json();
    let envelope = &document["components"]["schemas"]["ErrorEnvelope"];
    assert_eq!(envelope["type"], "object", "{envelope}");
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for status in ["400", "401", "403", "404", "413", "503"] {
                let answer = &operation["responses"][status];
                assert_eq!(
                    answer["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ErrorEnvelope",
                    "{method} {path} {status}"
                );
            }
            for name in path_parameters(path) {
                let declared = operation["parameters"]
                    .as_array()
                    .is_some_and(|parameters| {
                        parameters
                            .iter()
                            .any(|parameter| parameter["name"] == name && parameter["in"] == "path")
                    });
                assert!(declared, "{method} {path}: path parameter {name}");
            }
        }
    }
    let list = &document["paths"]["/beta/deviceManagement/managedDevices"]["get"];
    let options: Vec<&Value> = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|parameter| &parameter["name"])
        .collect();
    for option in [
        "$filter", "$search", "$orderby", "$select", "$top", "$skip", "$count", "$format",
    ] {
        assert!(options.contains(&&Value::from(option)), "{option}");
    }
    // Schemathesis found a wipe without a body accepted while the document required one: the
    // options are optional.
    let wipe = &document["paths"]["/beta/deviceManagement/managedDevices/{id}/wipe"]["post"];
    assert_ne!(wipe["requestBody"]["required"], true, "{wipe}");
    let agent = &document["components"]["schemas"]["ManagementAgent"]["enum"];
    assert!(
        agent
            .as_array()
            .unwrap()
            .contains(&Value::from("configurationManagerClient")),
        "{agent}"
    );
}

fn path_parameters(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn the_bodies_are_documented_as_graph_reads_them() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let document = server.get("/beta/$openapi", &token).await.json();
    let schemas = &document["components"]["schemas"];
    let execute = &schemas["ExecuteAction"]["properties"];
    let names = execute["actionName"]["enum"].as_array().unwrap();
    for name in [
        "collectDiagnostics",
        "signatureUpdate",
        "setDeviceName",
        "refreshMachinePolicy",
    ] {
        assert!(names.contains(&Value::from(name)), "{name}: {names:?}");
    }
    assert!(names.contains(&Value::from("cleanWindowsDevice")));
    assert!(execute["deviceName"].is_object(), "{execute}");
    let wipe = &schemas["WipeOptions"]["properties"];
    for (body, member) in [
        (wipe, "keepEnrollmentData"),
        (wipe, "keepUserData"),
        (wipe, "persistEsimDataPlan"),
        (wipe, "useProtectedWipe"),
        (execute, "keepUserData"),
        (execute, "persistEsimDataPlan"),
    ] {
        let types = body[member]["type"].as_array().unwrap();
        assert!(
            types.contains(&Value::from("boolean")) && types.contains(&Value::from("string")),
            "{member}: {}",
            body[member]
        );
        assert!(
            body[member]["pattern"]
                .as_str()
                .unwrap()
                .contains("[Tt][Rr][Uu][Ee]")
        );
    }
    for member in ["macOsUnlockCode", "obliterationBehavior"] {
        assert!(wipe[member].is_object(), "{member}: {wipe}");
    }
}

#[tokio::test]
async fn the_bounded_count_is_documented_with_its_cap_and_its_answer() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let document = server.get("/beta/$openapi", &token).await.json();
    let count = &document["paths"]["/beta/deviceManagement/managedDevices/$count"]["get"];
    let at_most = count["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|parameter| parameter["name"] == "atMost")
        .unwrap_or_else(|| panic!("{count}"));
    assert_eq!(at_most["in"], "query", "{at_most}");
    assert_eq!(at_most["schema"]["maximum"], 100_000, "{at_most}");
    assert!(
        count["description"]
            .as_str()
            .is_some_and(|text| text.contains("Prefer")),
        "the design's why: {count}"
    );
    let content = &count["responses"]["200"]["content"];
    assert_eq!(
        content["application/json"]["schema"]["$ref"], "#/components/schemas/BoundedCount",
        "{content}"
    );
    assert!(content["text/plain"].is_object(), "{content}");
    let schema = &document["components"]["schemas"]["BoundedCount"];
    assert_eq!(schema["required"], serde_json::json!(["count", "isExact"]));
}

#[tokio::test]
async fn the_managed_device_schema_has_every_property_the_api_selects() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let document = server.get("/beta/$openapi", &token).await.json();
    let schemas = &document["components"]["schemas"];
    let properties = schemas["ManagedDevice"]["properties"].as_object().unwrap();
    for property in endpoint_admin_server::odata::MANAGED_DEVICE {
        let name = property.name.split('/').next().unwrap();
        assert!(properties.contains_key(name), "{name}");
    }
    for complex in [
        "HardwareInformation",
        "LoggedOnUser",
        "DeviceHealthAttestationState",
    ] {
        assert_eq!(schemas[complex]["type"], "object", "{complex}");
    }
    let required: Vec<&str> = schemas["ManagedDevice"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for nullable in ["azureADDeviceId", "userId", "hardwareInformation", "notes"] {
        assert!(!required.contains(&nullable), "{nullable} may be null");
    }
}
