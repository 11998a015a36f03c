//! Fills an empty database with the demo tenant: its organization, accounts and devices.

use chrono::{DateTime, Utc};
use endpoint_admin_model::{
    auth::Role,
    device::ManagedDevice,
    organization::{MdmAuthority, Organization},
};

use crate::{auth::hash_password, demo::demo_device, store::Store};

/// Devices a generating thread hands to the load at a time.
const GENERATED_BATCH: u64 = 1_000;

/// A sign-in account of the demo tenant.
pub struct DemoAccount {
    pub user_principal_name: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    /// Synchronised from Active Directory, so the ConfigMgr site knows it; a cloud-only account
    /// is refused by the site.
    pub on_premises_sync_enabled: bool,
}

impl DemoAccount {
    /// How the start-up banner describes the account.
    pub fn description(&self) -> String {
        if self.on_premises_sync_enabled {
            self.role.display_name().to_string()
        } else {
            format!(
                "{}, cloud-only (the ConfigMgr site refuses its client actions)",
                self.role.display_name()
            )
        }
    }
}

pub const DEMO_ACCOUNTS: [DemoAccount; 4] = [
    DemoAccount {
        user_principal_name: "admin@contoso.com",
        display_name: "Contoso Administrator",
        role: Role::IntuneAdministrator,
        on_premises_sync_enabled: true,
    },
    DemoAccount {
        user_principal_name: "helpdesk@contoso.com",
        display_name: "Contoso Help Desk",
        role: Role::HelpDeskOperator,
        on_premises_sync_enabled: true,
    },
    DemoAccount {
        user_principal_name: "reader@contoso.com",
        display_name: "Contoso Reader",
        role: Role::ReadOnlyOperator,
        on_premises_sync_enabled: true,
    },
    DemoAccount {
        user_principal_name: "cloudadmin@contoso.com",
        display_name: "Contoso Cloud Administrator",
        role: Role::IntuneAdministrator,
        on_premises_sync_enabled: false,
    },
];

pub const DEMO_ORGANIZATION_ID: &str = "6c0d7e2a-3b1f-4f5e-9a8d-2c4b6e8f0a1d";

pub struct DemoTenant {
    pub device_count: u64,
    pub mdm_authority: MdmAuthority,
    pub password: String,
}

/// Why the demo tenant could not be created.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("hashing the demo password: {0}")]
    PasswordHash(String),
}

/// Creates the demo tenant unless the database already holds a tenant; true if it did. Servers
/// starting together on one empty database create it once: the others wait, then find it.
pub async fn seed_demo_tenant_if_empty(
    store: &Store,
    tenant: &DemoTenant,
) -> Result<bool, SeedError> {
    seed_demo_tenant_at(store, tenant, crate::now()).await
}

/// [`seed_demo_tenant_if_empty`] with the devices' dates relative to `now`, so that two stores
/// seeded apart hold the same tenant (the store parity test).
pub async fn seed_demo_tenant_at(
    store: &Store,
    tenant: &DemoTenant,
    now: DateTime<Utc>,
) -> Result<bool, SeedError> {
    let lock = store.lock_tenant_creation().await?;
    let created = if store.is_empty().await? {
        create_demo_tenant(store, tenant, now).await?;
        true
    } else {
        false
    };
    lock.release().await?;
    Ok(created)
}

async fn create_demo_tenant(
    store: &Store,
    tenant: &DemoTenant,
    now: DateTime<Utc>,
) -> Result<(), SeedError> {
    for account in DEMO_ACCOUNTS {
        let hash = hash_password(&tenant.password)
            .map_err(|error| SeedError::PasswordHash(error.to_string()))?;
        store
            .insert_user(
                account.user_principal_name,
                account.display_name,
                account.role,
                account.on_premises_sync_enabled,
                &hash,
            )
            .await?;
    }
    let count = tenant.device_count;
    store
        .bulk_load_devices(generated_devices(count, now))
        .await?;
    store.analyze().await?;
    // Last, so a seed interrupted half-way is retried on the next start.
    store
        .insert_organization(&Organization {
            id: DEMO_ORGANIZATION_ID.to_string(),
            display_name: "Contoso".to_string(),
            mobile_device_management_authority: tenant.mdm_authority,
            is_coexistence_enabled: false,
            mobile_device_management_authority_changes: Vec::new(),
        })
        .await?;
    Ok(())
}

/// The demo tenant's `count` devices, generated on a thread of their own a batch at a time while
/// the store loads the batches before: generating a million devices takes about 9 s of a core,
/// which the load no longer waits for. The load may wait on the next batch, briefly and only
/// while it runs ahead of the generator; when the load stops early the generator stops too.
fn generated_devices(count: u64, now: DateTime<Utc>) -> impl Iterator<Item = ManagedDevice> {
    let (batches, received) = std::sync::mpsc::sync_channel::<Vec<ManagedDevice>>(8);
    std::thread::spawn(move || {
        let mut start = 0;
        while start < count {
            let end = count.min(start + GENERATED_BATCH);
            let batch = (start..end)
                .map(|index| demo_device(index, count, now))
                .collect();
            if batches.send(batch).is_err() {
                return;
            }
            start = end;
        }
    });
    received.into_iter().flatten()
}
