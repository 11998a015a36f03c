//! Managed devices: bulk insert for the demo tenant and the counts behind the Devices overview.

use std::collections::BTreeMap;

use endpoint_admin_model::{
    device::{ComplianceState, ManagedBy, ManagedDevice, ManagementAgent},
    overview::{CountOf, ManagedDeviceOverview},
};
use sqlx::{QueryBuilder, Sqlite};

use super::Store;

/// Rows per INSERT: 500 rows × 31 columns stays under SQLite's 32,766 bound parameters.
const INSERT_BATCH: usize = 500;

impl Store {
    /// Inserts devices in one transaction, many rows per statement.
    pub async fn insert_devices(
        &self,
        devices: impl IntoIterator<Item = ManagedDevice>,
    ) -> Result<u64, sqlx::Error> {
        let mut transaction = self.pool.begin().await?;
        let mut devices = devices.into_iter().peekable();
        let mut inserted = 0;
        while devices.peek().is_some() {
            let batch: Vec<ManagedDevice> = devices.by_ref().take(INSERT_BATCH).collect();
            inserted += batch.len() as u64;
            insert_statement(batch)
                .build()
                .execute(&mut *transaction)
                .await?;
        }
        transaction.commit().await?;
        Ok(inserted)
    }

    /// Counts for the Devices overview, read from the per-combination counts table.
    pub async fn managed_device_overview(&self) -> Result<ManagedDeviceOverview, sqlx::Error> {
        let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT management_agent, compliance_state, operating_system, sum(device_count)
             FROM managed_device_counts
             GROUP BY management_agent, compliance_state, operating_system",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut total = 0;
        let mut by_managed_by = BTreeMap::<ManagedBy, u64>::new();
        let mut by_compliance = BTreeMap::<ComplianceState, u64>::new();
        let mut by_os = BTreeMap::<String, u64>::new();
        for (agent, compliance, os, count) in rows {
            let count = count.max(0) as u64;
            total += count;
            if let Some(agent) = ManagementAgent::from_wire_name(&agent) {
                *by_managed_by.entry(agent.managed_by()).or_default() += count;
            }
            if let Some(compliance) = ComplianceState::from_wire_name(&compliance) {
                *by_compliance.entry(compliance).or_default() += count;
            }
            *by_os.entry(os).or_default() += count;
        }
        Ok(ManagedDeviceOverview {
            enrolled_device_count: total,
            managed_by_counts: counts(by_managed_by),
            compliance_state_counts: counts(by_compliance),
            operating_system_counts: counts(by_os),
        })
    }
}

fn counts<T>(map: BTreeMap<T, u64>) -> Vec<CountOf<T>> {
    map.into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(value, count)| CountOf { value, count })
        .collect()
}

fn insert_statement(batch: Vec<ManagedDevice>) -> QueryBuilder<'static, Sqlite> {
    let mut insert = QueryBuilder::new(
        "INSERT INTO managed_devices (id, device_name, managed_device_name, management_agent,
         managed_device_owner_type, compliance_state, management_state, operating_system,
         os_version, device_type, user_principal_name, user_display_name, email_address,
         enrolled_date_time, last_sync_date_time, serial_number, manufacturer, model, imei,
         phone_number, wi_fi_mac_address, total_storage_space_in_bytes,
         free_storage_space_in_bytes, device_category_display_name, join_type, is_encrypted,
         cm_client_identifier, cm_client_version, cm_is_blocked, is_online) ",
    );
    insert.push_values(batch, |mut row, device| {
        let client = device.configuration_manager_client_information;
        row.push_bind(device.id)
            .push_bind(device.device_name)
            .push_bind(device.managed_device_name)
            .push_bind(device.management_agent.wire_name())
            .push_bind(device.managed_device_owner_type.wire_name())
            .push_bind(device.compliance_state.wire_name())
            .push_bind(device.management_state.wire_name())
            .push_bind(device.operating_system)
            .push_bind(device.os_version)
            .push_bind(device.device_type)
            .push_bind(device.user_principal_name)
            .push_bind(device.user_display_name)
            .push_bind(device.email_address)
            .push_bind(device.enrolled_date_time.timestamp())
            .push_bind(device.last_sync_date_time.timestamp())
            .push_bind(device.serial_number)
            .push_bind(device.manufacturer)
            .push_bind(device.model)
            .push_bind(device.imei)
            .push_bind(device.phone_number)
            .push_bind(device.wi_fi_mac_address)
            .push_bind(device.total_storage_space_in_bytes)
            .push_bind(device.free_storage_space_in_bytes)
            .push_bind(device.device_category_display_name)
            .push_bind(device.join_type.wire_name())
            .push_bind(device.is_encrypted)
            .push_bind(client.as_ref().map(|c| c.client_identifier.clone()))
            .push_bind(client.as_ref().map(|c| c.client_version.clone()))
            .push_bind(client.as_ref().map(|c| c.is_blocked))
            .push_bind(device.is_online);
    });
    insert
}
