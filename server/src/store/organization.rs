//! The tenant's organization record, its MDM authority and the authority's change history.

use chrono::{DateTime, Utc};
use endpoint_admin_model::organization::{MdmAuthority, MdmAuthorityChange, Organization};

use super::{
    Store,
    dialect::{Backend, on_pool},
};

impl Store {
    pub async fn insert_organization(
        &self,
        organization: &Organization,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            sqlx::query(
                "INSERT INTO organization (id, display_name, mobile_device_management_authority,
                                           is_coexistence_enabled)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(&organization.id)
            .bind(&organization.display_name)
            .bind(organization.mobile_device_management_authority.wire_name())
            .bind(organization.is_coexistence_enabled)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    pub async fn organizations(&self) -> Result<Vec<Organization>, sqlx::Error> {
        let (rows, changes): (Vec<OrganizationRow>, Vec<AuthorityChangeRow>) =
            on_pool!(self.pool(), |pool: B| {
                (
                    sqlx::query_as(
                        "SELECT id, display_name, mobile_device_management_authority,
                                is_coexistence_enabled
                         FROM organization ORDER BY id",
                    )
                    .fetch_all(pool)
                    .await?,
                    sqlx::query_as(
                        "SELECT organization_id, from_authority, to_authority, changed_by,
                                changed_at
                         FROM mdm_authority_changes ORDER BY id",
                    )
                    .fetch_all(pool)
                    .await?,
                )
            });
        Ok(organizations_from(rows, &changes))
    }

    /// Makes Intune the MDM authority of `organization_id` (turning on coexistence when it was
    /// Office 365) and records the change; nothing changes when it already is. False when no
    /// such organization exists. The row is locked first, so that two servers changing it at once
    /// record one change.
    pub async fn set_mdm_authority_to_intune(
        &self,
        organization_id: &str,
        changed_by: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            let mut transaction = B::begin_write(pool).await?;
            let current: Option<(String,)> = sqlx::query_as(&format!(
                "SELECT mobile_device_management_authority FROM organization WHERE id = $1{}",
                B::FOR_UPDATE
            ))
            .bind(organization_id)
            .fetch_optional(&mut *transaction)
            .await?;
            let Some((current,)) = current else {
                return Ok(false);
            };
            let from = authority_from(&current);
            if from != MdmAuthority::Intune {
                sqlx::query(
                    "UPDATE organization
                     SET mobile_device_management_authority = $1,
                         is_coexistence_enabled = is_coexistence_enabled OR $2
                     WHERE id = $3",
                )
                .bind(MdmAuthority::Intune.wire_name())
                .bind(from == MdmAuthority::Office365)
                .bind(organization_id)
                .execute(&mut *transaction)
                .await?;
                sqlx::query(
                    "INSERT INTO mdm_authority_changes
                     (organization_id, from_authority, to_authority, changed_by, changed_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(organization_id)
                .bind(from.wire_name())
                .bind(MdmAuthority::Intune.wire_name())
                .bind(changed_by)
                .bind(now.timestamp())
                .execute(&mut *transaction)
                .await?;
            }
            transaction.commit().await?;
        });
        Ok(true)
    }
}

/// An `organization` row: id, display name, MDM authority, coexistence.
type OrganizationRow = (String, String, String, bool);

/// An `mdm_authority_changes` row: organization, from, to, changed by, when (Unix seconds).
type AuthorityChangeRow = (String, String, String, String, i64);

/// The organizations of `rows`, each with its changes from `changes` (in the order given).
fn organizations_from(
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

fn authority_from(wire_name: &str) -> MdmAuthority {
    MdmAuthority::from_wire_name(wire_name).unwrap_or(MdmAuthority::Unknown)
}
