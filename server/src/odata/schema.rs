//! What a resource exposes to OData: its properties, their SQL columns, types and grid labels.

use super::ODataError;

/// One property a client may select or export, and filter and sort on unless it is
/// [`PropertyKind::SelectOnly`].
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

    /// A property that can be selected but neither filtered nor sorted on, for the reason `why`;
    /// its value comes from the whole row ([`WHOLE_ROW`]).
    pub const fn select_only(name: &'static str, why: SelectOnly, label: &'static str) -> Property {
        Property::new(name, WHOLE_ROW, PropertyKind::SelectOnly(why), label)
    }
}

/// The "column" of a [`PropertyKind::SelectOnly`] property: read from the whole row, so reading it
/// reads every column. Never reaches a `WHERE` or `ORDER BY`: those refuse the property.
pub const WHOLE_ROW: &str = "*";

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
    /// Selectable only: `$filter` and `$orderby` refuse it, saying why.
    SelectOnly(SelectOnly),
}

/// Why a property can be selected but neither filtered nor sorted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectOnly {
    /// An object or a collection, which Graph does not compare either.
    Complex,
    /// Derived from the stored row when it is read: the database has nothing to compare.
    Computed,
}

impl SelectOnly {
    fn reason(self) -> &'static str {
        match self {
            SelectOnly::Complex => "it is a complex value",
            SelectOnly::Computed => "it is computed when the device is read, not stored",
        }
    }
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

/// The property named `name` that `option` (`$filter`, `$orderby`) compares; a
/// [`PropertyKind::SelectOnly`] one is refused, naming it and why.
pub fn lookup_queryable(
    schema: Schema,
    name: &str,
    option: &'static str,
) -> Result<&'static Property, ODataError> {
    let property = lookup(schema, name, option)?;
    match property.kind {
        PropertyKind::SelectOnly(why) => Err(ODataError::new(
            option,
            format!(
                "'{}' can be selected but not filtered or sorted on: {}",
                property.name,
                why.reason()
            ),
        )),
        _ => Ok(property),
    }
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
    fn a_select_only_property_is_selected_but_refused_to_filters_and_sorts_saying_why() {
        const WITH_HARDWARE: Schema = &[Property::select_only(
            "hardwareInformation",
            SelectOnly::Complex,
            "Hardware information",
        )];
        let selected = lookup(WITH_HARDWARE, "hardwareInformation", "$select").map(|p| p.column);
        assert_eq!(selected, Ok(WHOLE_ROW));
        let error = lookup_queryable(WITH_HARDWARE, "hardwareInformation", "$filter").err();
        assert_eq!(
            error.map(|e| e.to_string()),
            Some(
                "Invalid $filter: 'hardwareInformation' can be selected but not filtered or \
                 sorted on: it is a complex value."
                    .to_owned()
            )
        );
        let stored = lookup_queryable(SCHEMA, "deviceName", "$orderby").map(|p| p.column);
        assert_eq!(stored, Ok("device_name"));
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
