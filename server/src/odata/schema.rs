//! What a resource exposes to OData: its properties, their SQL columns, types and grid labels.

use super::ODataError;

/// One scalar property a client may filter, sort, select or export.
#[derive(Debug, PartialEq, Eq)]
pub struct Property {
    /// The Graph name, e.g. `deviceName` or `configurationManagerClientInformation/clientVersion`.
    pub name: &'static str,
    /// The SQL column holding it; only ever taken from here, never from the request.
    pub column: &'static str,
    pub kind: PropertyKind,
    /// The grid's column label, e.g. `Device name`; the CSV export's header.
    pub label: &'static str,
}

impl Property {
    /// One property a line in a schema's table.
    pub const fn new(
        name: &'static str,
        column: &'static str,
        kind: PropertyKind,
        label: &'static str,
    ) -> Property {
        Property {
            name,
            column,
            kind,
            label,
        }
    }
}

/// The type of a property, which decides the literals and operators `$filter` accepts for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyKind {
    String,
    /// A Graph string enum, with its allowed wire values.
    Enum(&'static [&'static str]),
    Integer,
    /// Stored as INTEGER 0/1.
    Boolean,
    /// Stored as INTEGER unix seconds.
    DateTime,
}

/// A resource's properties.
pub type Schema = &'static [Property];

/// The property named `name` in any case (Graph reads `OperatingSystem` and `serialnumber` as
/// OData 4.01 allows), or an error for `option` naming it.
pub fn lookup(
    schema: Schema,
    name: &str,
    option: &'static str,
) -> Result<&'static Property, ODataError> {
    schema
        .iter()
        .find(|property| property.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| ODataError::new(option, format!("unknown property '{name}'")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: Schema = &[Property {
        name: "deviceName",
        column: "device_name",
        kind: PropertyKind::String,
        label: "Device name",
    }];

    #[test]
    fn a_property_is_found_by_its_graph_name() {
        let property = lookup(SCHEMA, "deviceName", "$select").map(|p| p.column);
        assert_eq!(property, Ok("device_name"));
    }

    #[test]
    fn property_names_ignore_case_and_an_unknown_one_is_named() {
        for spelling in ["devicename", "DeviceName", "DEVICENAME"] {
            let property = lookup(SCHEMA, spelling, "$orderby").map(|p| p.name);
            assert_eq!(property, Ok("deviceName"), "{spelling}");
        }
        let error = lookup(SCHEMA, "device_name", "$orderby").err();
        assert_eq!(
            error.map(|e| e.to_string()),
            Some("Invalid $orderby: unknown property 'device_name'.".to_owned())
        );
    }
}
