//! The tenant's organization record, its MDM authority and the authority's change history.

use chrono::{DateTime, Utc};
use endpoint_admin_model::organization::{MdmAuthority, Organization};

use super::SqliteStore;
use crate::store::organization::{
    AuthorityChangeRow, OrganizationRow, authority_from, organizations_from,
};

impl SqliteStore {
    pub async fn insert_organization(
        &self,
        organization: &Organization,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO organization (id, display_name, mobile_device_management_authority,
                                       is_coexistence_enabled)
             VALUES (?, ?, ?, ?)",
        )
        .bind(&organization.id)
        .bind(&organization.display_name)
        .bind(organization.mobile_device_management_authority.wire_name())
        .bind(organization.is_coexistence_enabled)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn organizations(&self) -> Result<Vec<Organization>, sqlx::Error> {
        let rows: Vec<OrganizationRow> = sqlx::query_as(
            "SELECT id, display_name, mobile_device_management_authority, is_coexistence_enabled
             FROM organization ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        let changes: Vec<AuthorityChangeRow> = sqlx::query_as(
            "SELECT organization_id, from_authority, to_authority, changed_by, changed_at
             FROM mdm_authority_changes ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(organizations_from(rows, &changes))
    }

    /// Makes Intune the MDM authority of `organization_id` (turning on coexistence when it was
    /// Office 365) and records the change; nothing changes when it already is. False when no
    /// such organization exists.
    pub async fn set_mdm_authority_to_intune(
        &self,
        organization_id: &str,
        changed_by: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current: Option<(String,)> = sqlx::query_as(
            "SELECT mobile_device_management_authority FROM organization WHERE id = ?",
        )
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
                 SET mobile_device_management_authority = ?,
                     is_coexistence_enabled = is_coexistence_enabled OR ?
                 WHERE id = ?",
            )
            .bind(MdmAuthority::Intune.wire_name())
            .bind(from == MdmAuthority::Office365)
            .bind(organization_id)
            .execute(&mut *transaction)
            .await?;
            sqlx::query(
                "INSERT INTO mdm_authority_changes
                 (organization_id, from_authority, to_authority, changed_by, changed_at)
                 VALUES (?, ?, ?, ?, ?)",
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
        Ok(true)
    }
}
