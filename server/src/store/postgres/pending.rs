//! Methods not written yet for PostgreSQL: each answers an error, so the server starts but the API
//! answers 500 until it is written. Deleted method by method as they are.

use super::PostgresStore;
use crate::store::*;
use crate::{
    odata::QueryOptions,
    pipeline::{hop::Hop, log::ActionLogSource},
};
use endpoint_admin_model::{
    application::{Application, ApplicationActionName},
    device::ManagedDevice,
    device_action::DeviceActionResult,
    organization::Organization,
    overview::ManagedDeviceOverview,
};

impl PostgresStore {
    pub async fn database_bytes(&self) -> Result<i64, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: database_bytes".into(),
        ))
    }
    pub async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: checkpoint".into(),
        ))
    }
    pub async fn analyze(&self) -> Result<(), sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: analyze".into(),
        ))
    }
    pub async fn is_empty(&self) -> Result<bool, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: is_empty".into(),
        ))
    }
    pub async fn insert_organization(
        &self,
        _organization: &Organization,
    ) -> Result<(), sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: insert_organization".into(),
        ))
    }
    pub async fn organizations(&self) -> Result<Vec<Organization>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: organizations".into(),
        ))
    }
    pub async fn set_mdm_authority_to_intune(
        &self,
        _organization_id: &str,
        _changed_by: &str,
        _now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: set_mdm_authority_to_intune".into(),
        ))
    }
    pub async fn insert_user(
        &self,
        _user_principal_name: &str,
        _display_name: &str,
        _role: endpoint_admin_model::auth::Role,
        _on_premises_sync_enabled: bool,
        _password_hash: &str,
    ) -> Result<(), sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: insert_user".into(),
        ))
    }
    pub async fn find_user_for_sign_in(
        &self,
        _user_principal_name: &str,
    ) -> Result<Option<(UserAccount, String)>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: find_user_for_sign_in".into(),
        ))
    }
    pub async fn insert_access_token(
        &self,
        _token_hash: &str,
        _user_id: i64,
        _expires: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: insert_access_token".into(),
        ))
    }
    pub async fn find_user_by_token(
        &self,
        _token_hash: &str,
        _now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<UserAccount>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: find_user_by_token".into(),
        ))
    }
    pub async fn list_managed_devices(
        &self,
        _options: &QueryOptions,
    ) -> Result<DevicePage, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: list_managed_devices".into(),
        ))
    }
    pub async fn managed_device(&self, _id: &str) -> Result<Option<ManagedDevice>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: managed_device".into(),
        ))
    }
    pub async fn insert_devices(
        &self,
        _devices: impl IntoIterator<Item = ManagedDevice>,
    ) -> Result<u64, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: insert_devices".into(),
        ))
    }
    pub async fn bulk_load_devices(
        &self,
        _devices: impl IntoIterator<Item = ManagedDevice>,
    ) -> Result<u64, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: bulk_load_devices".into(),
        ))
    }
    pub async fn managed_device_overview(&self) -> Result<ManagedDeviceOverview, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: managed_device_overview".into(),
        ))
    }
    pub async fn record_device_action(
        &self,
        _action: &NewAction,
        _now_ms: i64,
        _hop_delay_ms: i64,
    ) -> Result<Recorded, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: record_device_action".into(),
        ))
    }
    pub async fn record_bulk_action_by_ids(
        &self,
        _bulk: &BulkAction,
        _device_ids: &[String],
    ) -> Result<Vec<(String, BulkOutcome)>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: record_bulk_action_by_ids".into(),
        ))
    }
    pub async fn record_bulk_action_by_query(
        &self,
        _bulk: &BulkAction,
        _view: &QueryOptions,
        _expected_count: u64,
    ) -> Result<Result<BulkCounts, BulkCounts>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: record_bulk_action_by_query".into(),
        ))
    }
    pub async fn device_action_results(
        &self,
        _device_id: &str,
    ) -> Result<Vec<DeviceActionResult>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: device_action_results".into(),
        ))
    }
    pub async fn action_log_source(
        &self,
        _device_id: &str,
        _result_id: &str,
    ) -> Result<Option<ActionLogSource>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: action_log_source".into(),
        ))
    }
    pub async fn application_log_source(
        &self,
        _device_id: &str,
        _application_id: &str,
        _application_name: &str,
    ) -> Result<Option<ActionLogSource>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: application_log_source".into(),
        ))
    }
    pub async fn simulate_check_in(
        &self,
        _device_id: &str,
        _now_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: simulate_check_in".into(),
        ))
    }
    pub async fn application_changes(
        &self,
        _device_id: &str,
    ) -> Result<ApplicationChanges, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: application_changes".into(),
        ))
    }
    pub async fn record_application_action(
        &self,
        _device_id: &str,
        _application_id: &str,
        _action: ApplicationActionName,
        _requested_by: &str,
        _now_ms: i64,
        _hop_delay_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: record_application_action".into(),
        ))
    }
    pub async fn page_applications(
        &self,
        _applications: &[Application],
        _options: &QueryOptions,
        _all: bool,
    ) -> Result<ApplicationPage, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: page_applications".into(),
        ))
    }
    pub async fn claim_due_hops(
        &self,
        _now_ms: i64,
        _lease_ms: i64,
        _token: i64,
        _limit: i64,
    ) -> Result<Vec<ClaimedHop>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: claim_due_hops".into(),
        ))
    }
    pub async fn complete_hops(
        &self,
        _token: i64,
        _now_ms: i64,
        _hop_delay_ms: i64,
        _hops: &[(ClaimedHop, Hop)],
    ) -> Result<u64, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: complete_hops".into(),
        ))
    }
    pub async fn next_hop_due_at(&self) -> Result<Option<i64>, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: next_hop_due_at".into(),
        ))
    }
    pub async fn apply_client_churn(
        &self,
        _slot: i64,
        _online: &[i64],
        _offline: &[i64],
    ) -> Result<bool, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: apply_client_churn".into(),
        ))
    }
    pub async fn set_client_online(
        &self,
        _device_id: &str,
        _online: bool,
    ) -> Result<bool, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: set_client_online".into(),
        ))
    }
    pub async fn max_device_seq(&self) -> Result<i64, sqlx::Error> {
        let _ = &self.pool;
        Err(sqlx::Error::Protocol(
            "not yet for PostgreSQL: max_device_seq".into(),
        ))
    }
    pub fn export_managed_devices(
        &self,
        _options: &QueryOptions,
        _columns: &[&'static str],
    ) -> impl futures_util::Stream<Item = Result<Vec<ManagedDevice>, ExportError>> + Send + 'static
    {
        futures_util::stream::empty()
    }
}
