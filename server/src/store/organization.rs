//! The tenant's organization as both stores read it: its row and its MDM authority's history.

use chrono::DateTime;
use endpoint_admin_model::organization::{MdmAuthority, MdmAuthorityChange, Organization};

/// An `organization` row: id, display name, MDM authority, coexistence.
pub(super) type OrganizationRow = (String, String, String, bool);

/// An `mdm_authority_changes` row: organization, from, to, changed by, when (Unix seconds).
pub(super) type AuthorityChangeRow = (String, String, String, String, i64);

/// The organizations of `rows`, each with its changes from `changes` (in the order given).
pub(super) fn organizations_from(
    rows: Vec<OrganizationRow>,
    changes: &[AuthorityChangeRow],
) -> Vec<Organization> {
    rows.into_iter()
        .map(|(id, display_name, authority, is_coexistence_enabled)| {
            let history = changes
                .iter()
                .filter(|(organization, ..)| *organization == id)
                .map(|(_, from, to, changed_by, changed_at)| MdmAuthorityChange {
                    from_authority: authority_from(from),
                    to_authority: authority_from(to),
                    changed_by: changed_by.clone(),
                    changed_date_time: DateTime::from_timestamp(*changed_at, 0).unwrap_or_default(),
                })
                .collect();
            Organization {
                id,
                display_name,
                mobile_device_management_authority: authority_from(&authority),
                is_coexistence_enabled,
                mobile_device_management_authority_changes: history,
            }
        })
        .collect()
}

pub(super) fn authority_from(wire_name: &str) -> MdmAuthority {
    MdmAuthority::from_wire_name(wire_name).unwrap_or(MdmAuthority::Unknown)
}
