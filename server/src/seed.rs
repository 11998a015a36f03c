//! Fills an empty database with the demo tenant: its organization, accounts and devices.

use endpoint_admin_model::{
    auth::Role,
    organization::{MdmAuthority, Organization},
};

use crate::{auth::hash_password, demo::demo_device, store::Store};

/// The demo tenant's sign-in accounts: (user principal name, display name, role).
pub const DEMO_ACCOUNTS: [(&str, &str, Role); 3] = [
    (
        "admin@contoso.com",
        "Contoso Administrator",
        Role::IntuneAdministrator,
    ),
    (
        "helpdesk@contoso.com",
        "Contoso Help Desk",
        Role::HelpDeskOperator,
    ),
    (
        "reader@contoso.com",
        "Contoso Reader",
        Role::ReadOnlyOperator,
    ),
];

pub const DEMO_ORGANIZATION_ID: &str = "6c0d7e2a-3b1f-4f5e-9a8d-2c4b6e8f0a1d";

pub struct DemoTenant {
    pub device_count: u64,
    pub mdm_authority: MdmAuthority,
    pub password: String,
}

/// Creates the demo tenant unless the database already holds a tenant; true if it did.
pub async fn seed_demo_tenant_if_empty(
    store: &Store,
    tenant: &DemoTenant,
) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    if !store.is_empty().await? {
        return Ok(false);
    }
    for (user_principal_name, display_name, role) in DEMO_ACCOUNTS {
        let hash = hash_password(&tenant.password).map_err(|error| error.to_string())?;
        store
            .insert_user(user_principal_name, display_name, role, &hash)
            .await?;
    }
    let now = crate::now();
    let count = tenant.device_count;
    store
        .bulk_load_devices((0..count).map(|index| demo_device(index, count, now)))
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
    Ok(true)
}
