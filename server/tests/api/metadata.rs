//! `GET /beta/$metadata` (and `/v1.0/$metadata`): the CSDL document, served without a token,
//! well-formed, and describing every property of the `MANAGED_DEVICE` schema table.

use axum::http::{Method, StatusCode, header};
use endpoint_admin_model::organization::MdmAuthority;
use endpoint_admin_server::odata::{MANAGED_DEVICE, PropertyKind};
use roxmltree::{Document, Node};

use crate::common::TestServer;

const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// The document at `path`, fetched without a token.
async fn metadata(path: &str) -> String {
    let server = TestServer::start_tenant(0, MdmAuthority::Intune).await;
    let answer = server.call(Method::GET, path, None, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}");
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/xml");
    String::from_utf8(answer.body).unwrap()
}

fn element<'a, 'input>(
    parent: Node<'a, 'input>,
    tag: &str,
    name: &str,
) -> Option<Node<'a, 'input>> {
    parent
        .children()
        .find(|node| node.has_tag_name((EDM, tag)) && node.attribute("Name") == Some(name))
}

fn schema<'a, 'input>(document: &'a Document<'input>) -> Node<'a, 'input> {
    document
        .descendants()
        .find(|node| node.has_tag_name((EDM, "Schema")))
        .expect("a Schema")
}

/// The type `Property` `name` of the structured type `owner` has, if it has it.
fn property_type<'a>(owner: Node<'a, '_>, name: &str) -> Option<&'a str> {
    element(owner, "Property", name).and_then(|property| property.attribute("Type"))
}

#[tokio::test]
async fn the_metadata_is_a_csdl_document_served_without_a_token() {
    let text = metadata("/beta/$metadata").await;
    let document = Document::parse(&text).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "Edmx");
    assert_eq!(root.attribute("Version"), Some("4.0"));
    let schema = schema(&document);
    assert_eq!(schema.attribute("Namespace"), Some("microsoft.graph"));

    let container = element(schema, "EntityContainer", "GraphService").expect("the container");
    let singleton = element(container, "Singleton", "deviceManagement").expect("deviceManagement");
    assert_eq!(
        singleton.attribute("Type"),
        Some("microsoft.graph.deviceManagement")
    );
    let organization = element(container, "EntitySet", "organization").expect("organization");
    assert_eq!(
        organization.attribute("EntityType"),
        Some("microsoft.graph.organization")
    );

    let device_management = element(schema, "EntityType", "deviceManagement").unwrap();
    let devices = element(device_management, "NavigationProperty", "managedDevices").unwrap();
    assert_eq!(
        devices.attribute("Type"),
        Some("Collection(microsoft.graph.managedDevice)")
    );
    assert_eq!(devices.attribute("ContainsTarget"), Some("true"));
    let overview = element(
        device_management,
        "NavigationProperty",
        "managedDeviceOverview",
    );
    assert_eq!(
        overview.and_then(|overview| overview.attribute("Type")),
        Some("microsoft.graph.managedDeviceOverview")
    );
    let terms: Vec<_> = devices
        .children()
        .filter_map(|annotation| annotation.attribute("Term"))
        .collect();
    for term in ["FilterRestrictions", "SortRestrictions"] {
        assert!(
            terms.contains(&format!("Org.OData.Capabilities.V1.{term}").as_str()),
            "{term}"
        );
    }

    for entity in ["managedDevice", "deviceManagement", "organization"] {
        let entity = element(schema, "EntityType", entity).expect(entity);
        let keys: Vec<_> = entity
            .descendants()
            .filter(|node| node.has_tag_name((EDM, "PropertyRef")))
            .filter_map(|key| key.attribute("Name"))
            .collect();
        assert_eq!(keys, ["id"]);
        let id = element(entity, "Property", "id").unwrap();
        assert_eq!(id.attribute("Nullable"), Some("false"));
    }
}

#[tokio::test]
async fn the_managed_device_type_has_every_property_of_the_schema_table() {
    let text = metadata("/beta/$metadata").await;
    let document = Document::parse(&text).unwrap();
    let schema = schema(&document);
    let device = element(schema, "EntityType", "managedDevice").unwrap();
    for property in MANAGED_DEVICE {
        let (owner, name) = match property.name.split_once('/') {
            None => (device, property.name),
            Some((parent, name)) => {
                assert_eq!(
                    property_type(device, parent),
                    Some(format!("microsoft.graph.{parent}").as_str()),
                    "{}",
                    property.name
                );
                let complex = element(schema, "ComplexType", parent).expect(parent);
                (complex, name)
            }
        };
        let declared = property_type(owner, name).unwrap_or_else(|| panic!("{}", property.name));
        match property.kind {
            PropertyKind::String => assert_eq!(declared, "Edm.String", "{}", property.name),
            PropertyKind::Integer => assert_eq!(declared, "Edm.Int64", "{}", property.name),
            PropertyKind::Boolean => assert_eq!(declared, "Edm.Boolean", "{}", property.name),
            PropertyKind::DateTime => {
                assert_eq!(declared, "Edm.DateTimeOffset", "{}", property.name)
            }
            // Computed or complex: declared, with the type the document knows for it.
            PropertyKind::SelectOnly(_) => {}
            PropertyKind::Enum(values) => {
                let enum_name = declared.strip_prefix("microsoft.graph.").unwrap();
                let enum_type = element(schema, "EnumType", enum_name).expect(enum_name);
                let members: Vec<_> = enum_type
                    .children()
                    .filter_map(|member| member.attribute("Name"))
                    .collect();
                assert_eq!(members, values, "{}", property.name);
            }
        }
    }
    assert_eq!(
        property_type(device, "deviceActionResults"),
        Some("Collection(microsoft.graph.deviceActionResult)")
    );
    assert_eq!(
        property_type(device, "managementAgent"),
        Some("microsoft.graph.managementAgentType")
    );
}

#[tokio::test]
async fn every_type_the_document_names_is_declared_in_it() {
    let text = metadata("/beta/$metadata").await;
    let document = Document::parse(&text).unwrap();
    let schema = schema(&document);
    let declared: Vec<String> = schema
        .children()
        .filter(|node| {
            ["EnumType", "ComplexType", "EntityType"]
                .iter()
                .any(|tag| node.has_tag_name((EDM, *tag)))
        })
        .filter_map(|node| node.attribute("Name"))
        .map(|name| format!("microsoft.graph.{name}"))
        .collect();
    let mut named = 0;
    for node in schema.descendants() {
        for attribute in ["Type", "EntityType"] {
            let Some(type_name) = node.attribute(attribute) else {
                continue;
            };
            let element_type = type_name
                .strip_prefix("Collection(")
                .and_then(|inner| inner.strip_suffix(')'))
                .unwrap_or(type_name);
            if element_type.starts_with("Edm.") {
                continue;
            }
            assert!(
                declared.iter().any(|name| name == element_type),
                "{type_name} is named but not declared"
            );
            named += 1;
        }
    }
    assert!(named > 10, "{named}");
}

#[tokio::test]
async fn the_device_actions_are_bound_actions_with_their_parameters() {
    let text = metadata("/beta/$metadata").await;
    let document = Document::parse(&text).unwrap();
    let schema = schema(&document);
    let device = "microsoft.graph.managedDevice";
    let devices = "Collection(microsoft.graph.managedDevice)";
    for (action, bound_to, parameters) in [
        ("syncDevice", device, &[][..]),
        ("rebootNow", device, &[]),
        ("setDeviceName", device, &["deviceName"]),
        ("retire", device, &[]),
        ("wipe", device, &["keepEnrollmentData", "keepUserData"]),
        (
            "triggerConfigurationManagerAction",
            device,
            &["configurationManagerAction"],
        ),
        (
            "executeAction",
            devices,
            &[
                "actionName",
                "deviceIds",
                "keepEnrollmentData",
                "keepUserData",
            ],
        ),
        (
            "setMobileDeviceManagementAuthority",
            "microsoft.graph.organization",
            &[],
        ),
    ] {
        let node = element(schema, "Action", action).expect(action);
        assert_eq!(node.attribute("IsBound"), Some("true"), "{action}");
        let declared: Vec<_> = node
            .children()
            .filter(|child| child.has_tag_name((EDM, "Parameter")))
            .collect();
        assert_eq!(declared[0].attribute("Name"), Some("bindingParameter"));
        assert_eq!(declared[0].attribute("Type"), Some(bound_to), "{action}");
        let names: Vec<_> = declared[1..]
            .iter()
            .filter_map(|parameter| parameter.attribute("Name"))
            .collect();
        for parameter in parameters {
            assert!(names.contains(parameter), "{action}: {parameter}");
        }
    }
}

/// Passes once `/v1.0/` is served as an alias of `/beta/` (issue 17, part 1).
#[tokio::test]
async fn the_v1_0_metadata_is_the_same_document() {
    assert_eq!(
        metadata("/v1.0/$metadata").await,
        metadata("/beta/$metadata").await
    );
}
