//! The tenant's organization record and its MDM authority.

use endpoint_admin_model::organization::{MdmAuthority, Organization};

use super::Store;

impl Store {
    pub async fn insert_organization(
        &self,
        organization: &Organization,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO organization (id, display_name, mobile_device_management_authority)
             VALUES (?, ?, ?)",
        )
        .bind(&organization.id)
        .bind(&organization.display_name)
        .bind(organization.mobile_device_management_authority.wire_name())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn organizations(&self) -> Result<Vec<Organization>, sqlx::Error> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT id, display_name, mobile_device_management_authority FROM organization",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, display_name, authority)| Organization {
                id,
                display_name,
                mobile_device_management_authority: MdmAuthority::from_wire_name(&authority)
                    .unwrap_or(MdmAuthority::Unknown),
            })
            .collect())
    }
}
