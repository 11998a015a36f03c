//! The CSDL document `GET /beta/$metadata` serves: the entity model as OData clients (Excel's and
//! Power BI's OData feed, OData client libraries) read it. The managedDevice type is generated from
//! the `MANAGED_DEVICE` schema table, so a property added there appears here without an edit.

use std::{io, sync::LazyLock};

use endpoint_admin_model::{
    device_action::{ActionState, ConfigurationManagerActionType, DeviceActionName},
    organization::MdmAuthority,
};
use quick_xml::{
    Writer,
    events::{BytesDecl, BytesText, Event},
};

use super::{MANAGED_DEVICE, PropertyKind, Schema};

/// The namespace of every type, as in Graph.
pub const NAMESPACE: &str = "microsoft.graph";
/// The entity container, as in Graph.
pub const CONTAINER: &str = "GraphService";

const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";
const CAPABILITIES: &str = "Org.OData.Capabilities.V1";
const CAPABILITIES_URI: &str =
    "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml";

/// Graph's names for enum types that are not named like the property holding them.
const GRAPH_ENUM_NAMES: &[(&str, &str)] = &[("managementAgent", "managementAgentType")];

/// The document, written once.
pub static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    // Writing XML into memory has no I/O that could fail.
    write_document(&Model::new(MANAGED_DEVICE)).expect("an XML document written in memory")
});

/// A property as CSDL declares it.
#[derive(Debug, Clone, PartialEq)]
struct Declared {
    name: String,
    /// `Edm.String`, `microsoft.graph.complianceState`, `Collection(Edm.String)`, …
    type_name: String,
    nullable: bool,
}

impl Declared {
    fn new(name: &str, type_name: impl Into<String>) -> Declared {
        Declared {
            name: name.to_string(),
            type_name: type_name.into(),
            nullable: true,
        }
    }

    fn key(name: &str) -> Declared {
        Declared {
            nullable: false,
            ..Declared::new(name, "Edm.String")
        }
    }
}

/// A named type of the schema and its members: an enum's values, a structured type's properties.
struct Named<T> {
    name: String,
    members: Vec<T>,
}

/// A member of a structured type built from a schema table: a scalar, or a complex property
/// grouped from the table's `parent/child` names.
enum Member {
    Scalar(&'static str, PropertyKind),
    Complex(&'static str, Vec<Member>),
}

/// The members of `schema` in its order, `parent/child` names grouped under `parent`.
fn members(schema: Schema) -> Vec<Member> {
    let mut members = Vec::new();
    for property in schema {
        // `configurationManagerClientInformation`, selectable whole, is declared by its members.
        let is_a_parent = schema.iter().any(|other| {
            other
                .name
                .strip_prefix(property.name)
                .is_some_and(|rest| rest.starts_with('/'))
        });
        if !is_a_parent {
            insert(&mut members, property.name, property.kind);
        }
    }
    members
}

fn insert(members: &mut Vec<Member>, path: &'static str, kind: PropertyKind) {
    let Some((parent, rest)) = path.split_once('/') else {
        members.push(Member::Scalar(path, kind));
        return;
    };
    let existing = members
        .iter()
        .position(|member| matches!(member, Member::Complex(name, _) if *name == parent));
    let index = existing.unwrap_or_else(|| {
        members.push(Member::Complex(parent, Vec::new()));
        members.len() - 1
    });
    if let Member::Complex(_, children) = &mut members[index] {
        insert(children, rest, kind);
    }
}

/// Every type the document declares besides the fixed entity types.
struct Model {
    schema: Schema,
    enums: Vec<Named<String>>,
    complex: Vec<Named<Declared>>,
    managed_device: Vec<Declared>,
}

impl Model {
    fn new(managed_device: Schema) -> Model {
        let mut model = Model {
            schema: managed_device,
            enums: Vec::new(),
            complex: Vec::new(),
            managed_device: Vec::new(),
        };
        model.managed_device = model.declare(members(managed_device));
        // The collection of complex values whose type the document declares itself.
        let action_results = collection(&qualified("deviceActionResult"));
        match model
            .managed_device
            .iter_mut()
            .find(|property| property.name == "deviceActionResults")
        {
            Some(property) => property.type_name = action_results,
            None => model
                .managed_device
                .push(Declared::new("deviceActionResults", action_results)),
        }
        if let Some(id) = model
            .managed_device
            .iter_mut()
            .find(|property| property.name == "id")
        {
            id.nullable = false;
        }
        let configuration_manager_actions: Vec<&str> = DeviceActionName::ALL
            .into_iter()
            .filter(|action| ConfigurationManagerActionType::of(*action).is_some())
            .map(DeviceActionName::wire_name)
            .collect();
        model.enum_type(
            "configurationManagerActionType",
            &configuration_manager_actions,
        );
        let states: Vec<&str> = ActionState::ALL.map(ActionState::wire_name).to_vec();
        model.enum_type("actionState", &states);
        let authorities = [
            MdmAuthority::Unknown,
            MdmAuthority::Intune,
            MdmAuthority::Office365,
        ]
        .map(MdmAuthority::wire_name);
        model.enum_type("mdmAuthority", &authorities);
        model.complex.extend(fixed_complex_types());
        model
    }

    /// Declares `members`, adding the complex and enum types they need.
    fn declare(&mut self, members: Vec<Member>) -> Vec<Declared> {
        members
            .into_iter()
            .map(|member| match member {
                Member::Scalar(name, kind) => {
                    let type_name = match kind {
                        PropertyKind::String => "Edm.String".to_string(),
                        PropertyKind::Integer => "Edm.Int64".to_string(),
                        PropertyKind::Boolean => "Edm.Boolean".to_string(),
                        PropertyKind::DateTime => "Edm.DateTimeOffset".to_string(),
                        // Computed from the row or complex: its shape is the OpenAPI
                        // document's; OData 4.01 says any value with `Edm.Untyped`.
                        PropertyKind::SelectOnly(_) => "Edm.Untyped".to_string(),
                        PropertyKind::Enum(values) => {
                            let graph_name = GRAPH_ENUM_NAMES
                                .iter()
                                .find(|(property, _)| *property == name)
                                .map_or(name, |(_, type_name)| type_name);
                            qualified(&self.enum_type(graph_name, values))
                        }
                    };
                    Declared::new(name, type_name)
                }
                Member::Complex(name, children) => {
                    let properties = self.declare(children);
                    self.complex.push(Named {
                        name: name.to_string(),
                        members: properties,
                    });
                    Declared::new(name, qualified(name))
                }
            })
            .collect()
    }

    /// The enum type of `values`: one already declared with the same values (an alias property
    /// shares its type), else a new one named `name`.
    fn enum_type(&mut self, name: &str, values: &[&str]) -> String {
        if let Some(existing) = self
            .enums
            .iter()
            .find(|existing| existing.members.iter().eq(values.iter()))
        {
            return existing.name.clone();
        }
        self.enums.push(Named {
            name: name.to_string(),
            members: values.iter().map(|value| value.to_string()).collect(),
        });
        name.to_string()
    }

    /// The managedDevice properties the list cannot filter or sort by: those outside the table.
    fn unqueryable(&self) -> Vec<&str> {
        self.managed_device
            .iter()
            .map(|property| property.name.as_str())
            .filter(|name| {
                !self.schema.iter().any(|property| {
                    property.name == *name && !matches!(property.kind, PropertyKind::SelectOnly(_))
                })
            })
            .filter(|name| {
                !self
                    .schema
                    .iter()
                    .any(|property| property.name.starts_with(&format!("{name}/")))
            })
            .collect()
    }
}

/// The complex types of the model crate's other bodies and answers.
fn fixed_complex_types() -> Vec<Named<Declared>> {
    let complex = |name: &str, members: Vec<Declared>| Named {
        name: name.to_string(),
        members,
    };
    let strings = || collection("Edm.String");
    vec![
        complex(
            "deviceActionResult",
            vec![
                Declared::new("id", "Edm.String"),
                Declared::new("actionName", "Edm.String"),
                Declared::new("actionState", qualified("actionState")),
                Declared::new("startDateTime", "Edm.DateTimeOffset"),
                Declared::new("lastUpdatedDateTime", "Edm.DateTimeOffset"),
                Declared::new("pipelineStage", "Edm.String"),
                Declared::new("errorMessage", "Edm.String"),
            ],
        ),
        complex(
            "configurationManagerAction",
            vec![Declared::new(
                "action",
                qualified("configurationManagerActionType"),
            )],
        ),
        complex(
            "bulkManagedDeviceActionResult",
            vec![
                Declared::new("successfulDeviceIds", strings()),
                Declared::new("failedDeviceIds", strings()),
                Declared::new("notFoundDeviceIds", strings()),
                Declared::new("notSupportedDeviceIds", strings()),
                Declared::new("successfulDeviceCount", "Edm.Int64"),
                Declared::new("failedDeviceCount", "Edm.Int64"),
                Declared::new("notFoundDeviceCount", "Edm.Int64"),
                Declared::new("notSupportedDeviceCount", "Edm.Int64"),
            ],
        ),
        complex(
            "valueCount",
            vec![
                Declared::new("value", "Edm.String"),
                Declared::new("count", "Edm.Int64"),
            ],
        ),
        complex(
            "mdmAuthorityChange",
            vec![
                Declared::new("fromAuthority", qualified("mdmAuthority")),
                Declared::new("toAuthority", qualified("mdmAuthority")),
                Declared::new("changedBy", "Edm.String"),
                Declared::new("changedDateTime", "Edm.DateTimeOffset"),
            ],
        ),
    ]
}

/// The entity types besides managedDevice, as the API answers them.
fn fixed_entity_types() -> Vec<Named<Declared>> {
    let counts = || collection(&qualified("valueCount"));
    vec![
        Named {
            name: "managedDeviceOverview".to_string(),
            members: vec![
                Declared::key("id"),
                Declared::new("enrolledDeviceCount", "Edm.Int64"),
                Declared::new("managedByCounts", counts()),
                Declared::new("complianceStateCounts", counts()),
                Declared::new("operatingSystemCounts", counts()),
                Declared::new("managementStateCounts", counts()),
            ],
        },
        Named {
            name: "organization".to_string(),
            members: vec![
                Declared::key("id"),
                Declared::new("displayName", "Edm.String"),
                Declared::new("mobileDeviceManagementAuthority", qualified("mdmAuthority")),
                Declared::new("isCoexistenceEnabled", "Edm.Boolean"),
                Declared::new(
                    "mobileDeviceManagementAuthorityChanges",
                    collection(&qualified("mdmAuthorityChange")),
                ),
            ],
        },
    ]
}

/// A bound action: its name, what it is bound to, its parameters and what it returns.
struct Action {
    name: &'static str,
    bound_to: String,
    parameters: Vec<Declared>,
    returns: Option<String>,
}

fn actions() -> Vec<Action> {
    let device = qualified("managedDevice");
    let on_device = |name, parameters| Action {
        name,
        bound_to: device.clone(),
        parameters,
        returns: None,
    };
    let keep = || {
        vec![
            Declared::new("keepEnrollmentData", "Edm.Boolean"),
            Declared::new("keepUserData", "Edm.Boolean"),
        ]
    };
    vec![
        on_device("syncDevice", vec![]),
        on_device("rebootNow", vec![]),
        on_device(
            "setDeviceName",
            vec![Declared::new("deviceName", "Edm.String")],
        ),
        on_device("retire", vec![]),
        on_device("wipe", keep()),
        on_device(
            "triggerConfigurationManagerAction",
            vec![Declared::new(
                "configurationManagerAction",
                qualified("configurationManagerAction"),
            )],
        ),
        Action {
            name: "executeAction",
            bound_to: collection(&device),
            parameters: [
                vec![
                    Declared::new("actionName", "Edm.String"),
                    Declared::new("deviceIds", collection("Edm.String")),
                ],
                keep(),
                // Our extension: the devices the All devices view matches, and how many the admin saw.
                vec![
                    Declared::new("filter", "Edm.String"),
                    Declared::new("search", "Edm.String"),
                    Declared::new("expectedCount", "Edm.Int64"),
                ],
            ]
            .concat(),
            returns: Some(qualified("bulkManagedDeviceActionResult")),
        },
        Action {
            name: "setMobileDeviceManagementAuthority",
            bound_to: qualified("organization"),
            parameters: vec![],
            returns: Some("Edm.Int32".to_string()),
        },
    ]
}

fn qualified(name: &str) -> String {
    format!("{NAMESPACE}.{name}")
}

fn collection(type_name: &str) -> String {
    format!("Collection({type_name})")
}

type Xml = Writer<Vec<u8>>;

fn write_document(model: &Model) -> io::Result<String> {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    xml.create_element("edmx:Edmx")
        .with_attributes([("Version", "4.0"), ("xmlns:edmx", EDMX)])
        .write_inner_content(|xml| {
            xml.create_element("edmx:Reference")
                .with_attribute(("Uri", CAPABILITIES_URI))
                .write_inner_content(|xml| {
                    xml.create_element("edmx:Include")
                        .with_attributes([("Namespace", CAPABILITIES), ("Alias", "Capabilities")])
                        .write_empty()
                        .map(drop)
                })?;
            xml.create_element("edmx:DataServices")
                .write_inner_content(|xml| {
                    xml.create_element("Schema")
                        .with_attributes([("Namespace", NAMESPACE), ("xmlns", EDM)])
                        .write_inner_content(|xml| write_schema(xml, model))
                        .map(drop)
                })
                .map(drop)
        })?;
    String::from_utf8(xml.into_inner()).map_err(io::Error::other)
}

fn write_schema(xml: &mut Xml, model: &Model) -> io::Result<()> {
    for enum_type in &model.enums {
        xml.create_element("EnumType")
            .with_attribute(("Name", enum_type.name.as_str()))
            .write_inner_content(|xml| {
                for (value, name) in enum_type.members.iter().enumerate() {
                    xml.create_element("Member")
                        .with_attributes([("Name", name.as_str()), ("Value", &value.to_string())])
                        .write_empty()?;
                }
                Ok(())
            })?;
    }
    for complex in &model.complex {
        xml.create_element("ComplexType")
            .with_attribute(("Name", complex.name.as_str()))
            .write_inner_content(|xml| write_properties(xml, &complex.members))?;
    }
    write_entity_type(xml, "managedDevice", &model.managed_device)?;
    for entity in fixed_entity_types() {
        write_entity_type(xml, &entity.name, &entity.members)?;
    }
    write_device_management(xml, model)?;
    for action in actions() {
        write_action(xml, &action)?;
    }
    xml.create_element("EntityContainer")
        .with_attribute(("Name", CONTAINER))
        .write_inner_content(|xml| {
            xml.create_element("Singleton")
                .with_attributes([
                    ("Name", "deviceManagement"),
                    ("Type", &qualified("deviceManagement")),
                ])
                .write_empty()?;
            xml.create_element("EntitySet")
                .with_attributes([
                    ("Name", "organization"),
                    ("EntityType", &qualified("organization")),
                ])
                .write_empty()
                .map(drop)
        })?;
    Ok(())
}

fn write_entity_type(xml: &mut Xml, name: &str, properties: &[Declared]) -> io::Result<()> {
    xml.create_element("EntityType")
        .with_attribute(("Name", name))
        .write_inner_content(|xml| {
            write_key(xml)?;
            write_properties(xml, properties)
        })?;
    Ok(())
}

fn write_key(xml: &mut Xml) -> io::Result<()> {
    xml.create_element("Key")
        .write_inner_content(|xml| {
            xml.create_element("PropertyRef")
                .with_attribute(("Name", "id"))
                .write_empty()
                .map(drop)
        })
        .map(drop)
}

fn write_properties(xml: &mut Xml, properties: &[Declared]) -> io::Result<()> {
    for property in properties {
        let element = xml.create_element("Property").with_attributes([
            ("Name", property.name.as_str()),
            ("Type", property.type_name.as_str()),
        ]);
        match property.nullable {
            true => element.write_empty()?,
            false => element
                .with_attribute(("Nullable", "false"))
                .write_empty()?,
        };
    }
    Ok(())
}

/// The `deviceManagement` singleton's type: the device collection and the overview, contained,
/// with what the collection's query options support.
fn write_device_management(xml: &mut Xml, model: &Model) -> io::Result<()> {
    let unqueryable = model.unqueryable();
    xml.create_element("EntityType")
        .with_attribute(("Name", "deviceManagement"))
        .write_inner_content(|xml| {
            write_key(xml)?;
            write_properties(xml, &[Declared::key("id")])?;
            xml.create_element("NavigationProperty")
                .with_attributes([
                    ("Name", "managedDevices"),
                    ("Type", &collection(&qualified("managedDevice"))),
                    ("ContainsTarget", "true"),
                ])
                .write_inner_content(|xml| {
                    write_restriction(
                        xml,
                        "FilterRestrictions",
                        "Filterable",
                        "NonFilterableProperties",
                        &unqueryable,
                    )?;
                    write_restriction(
                        xml,
                        "SortRestrictions",
                        "Sortable",
                        "NonSortableProperties",
                        &unqueryable,
                    )?;
                    write_annotation(xml, "SearchRestrictions", |xml| {
                        write_bool_value(xml, "Searchable")
                    })?;
                    write_annotation(xml, "CountRestrictions", |xml| {
                        write_bool_value(xml, "Countable")
                    })?;
                    for term in ["TopSupported", "SkipSupported"] {
                        xml.create_element("Annotation")
                            .with_attributes([
                                ("Term", format!("{CAPABILITIES}.{term}").as_str()),
                                ("Bool", "true"),
                            ])
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            xml.create_element("NavigationProperty")
                .with_attributes([
                    ("Name", "managedDeviceOverview"),
                    ("Type", &qualified("managedDeviceOverview")),
                    ("ContainsTarget", "true"),
                ])
                .write_empty()
                .map(drop)
        })
        .map(drop)
}

/// A Filter- or SortRestrictions annotation: supported, but not on the properties `excluded`.
fn write_restriction(
    xml: &mut Xml,
    term: &str,
    supported: &str,
    excluded_term: &str,
    excluded: &[&str],
) -> io::Result<()> {
    write_annotation(xml, term, |xml| {
        write_bool_value(xml, supported)?;
        xml.create_element("PropertyValue")
            .with_attribute(("Property", excluded_term))
            .write_inner_content(|xml| {
                xml.create_element("Collection")
                    .write_inner_content(|xml| {
                        for name in excluded {
                            xml.create_element("PropertyPath")
                                .write_text_content(BytesText::new(name))?;
                        }
                        Ok(())
                    })
                    .map(drop)
            })
            .map(drop)
    })
}

/// An `Org.OData.Capabilities.V1` annotation whose value is a record.
fn write_annotation(
    xml: &mut Xml,
    term: &str,
    record: impl FnOnce(&mut Xml) -> io::Result<()>,
) -> io::Result<()> {
    xml.create_element("Annotation")
        .with_attribute(("Term", format!("{CAPABILITIES}.{term}").as_str()))
        .write_inner_content(|xml| {
            xml.create_element("Record")
                .write_inner_content(record)
                .map(drop)
        })
        .map(drop)
}

fn write_bool_value(xml: &mut Xml, property: &str) -> io::Result<()> {
    xml.create_element("PropertyValue")
        .with_attributes([("Property", property), ("Bool", "true")])
        .write_empty()
        .map(drop)
}

fn write_action(xml: &mut Xml, action: &Action) -> io::Result<()> {
    xml.create_element("Action")
        .with_attributes([("Name", action.name), ("IsBound", "true")])
        .write_inner_content(|xml| {
            xml.create_element("Parameter")
                .with_attributes([
                    ("Name", "bindingParameter"),
                    ("Type", action.bound_to.as_str()),
                ])
                .write_empty()?;
            for parameter in &action.parameters {
                xml.create_element("Parameter")
                    .with_attributes([
                        ("Name", parameter.name.as_str()),
                        ("Type", parameter.type_name.as_str()),
                    ])
                    .write_empty()?;
            }
            if let Some(returns) = &action.returns {
                xml.create_element("ReturnType")
                    .with_attribute(("Type", returns.as_str()))
                    .write_empty()?;
            }
            Ok(())
        })
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::odata::Property;

    const SCHEMA: Schema = &[
        Property::new("id", "id", PropertyKind::String, "Id"),
        Property::new("a/b", "a_b", PropertyKind::Integer, "B"),
        Property::new("c", "c", PropertyKind::Enum(&["x", "y"]), "C"),
        Property::new("a/d", "a_d", PropertyKind::Boolean, "D"),
        Property::new("e", "e", PropertyKind::Enum(&["x", "y"]), "E"),
    ];

    #[test]
    fn parent_child_names_become_one_complex_type_in_table_order() {
        let model = Model::new(SCHEMA);
        let names: Vec<_> = model
            .managed_device
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["id", "a", "c", "e", "deviceActionResults"]);
        let a = model.complex.iter().find(|t| t.name == "a").unwrap();
        assert_eq!(
            a.members,
            [
                Declared::new("b", "Edm.Int64"),
                Declared::new("d", "Edm.Boolean")
            ]
        );
        assert_eq!(model.managed_device[1].type_name, "microsoft.graph.a");
    }

    #[test]
    fn enum_properties_with_the_same_values_share_one_type() {
        let model = Model::new(SCHEMA);
        assert_eq!(model.managed_device[2].type_name, "microsoft.graph.c");
        assert_eq!(model.managed_device[3].type_name, "microsoft.graph.c");
        assert_eq!(model.enums.iter().filter(|e| e.name == "c").count(), 1);
    }

    #[test]
    fn the_key_is_not_nullable() {
        let model = Model::new(SCHEMA);
        assert!(!model.managed_device[0].nullable);
        assert!(model.managed_device[1].nullable);
    }

    #[test]
    fn graph_names_the_management_agent_enum_type_after_its_type() {
        let model = Model::new(MANAGED_DEVICE);
        let agent = model
            .managed_device
            .iter()
            .find(|p| p.name == "managementAgent")
            .unwrap();
        assert_eq!(agent.type_name, "microsoft.graph.managementAgentType");
    }
}
