//! The demo tenant as the API shows it: overview counts and the organization.

use std::collections::HashMap;

use crate::common::{DEVICES, TestServer};
use axum::http::StatusCode;
use endpoint_admin_model::{device::ManagedBy, organization::MdmAuthority};
use endpoint_admin_server::{
    demo::demo_device,
    seed::{DemoTenant, seed_demo_tenant_if_empty},
};
use serde_json::{Value, json};

fn counts(list: &Value) -> HashMap<String, u64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["value"].as_str().unwrap().to_string(),
                row["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_overview_counts_every_device_by_managed_by_compliance_and_os() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let overview = server
        .get("/beta/deviceManagement/managedDeviceOverview", &token)
        .await
        .json();
    assert_eq!(overview["enrolledDeviceCount"], DEVICES);

    let now = chrono::Utc::now();
    let devices: Vec<_> = (0..DEVICES)
        .map(|index| demo_device(index, DEVICES, now))
        .collect();
    let mut managed_by = HashMap::<String, u64>::new();
    let mut compliance = HashMap::<String, u64>::new();
    let mut os = HashMap::<String, u64>::new();
    for device in &devices {
        let key = serde_json::to_value(device.management_agent.managed_by()).unwrap();
        *managed_by
            .entry(key.as_str().unwrap().to_string())
            .or_default() += 1;
        *compliance
            .entry(device.compliance_state.wire_name().to_string())
            .or_default() += 1;
        *os.entry(device.operating_system.clone()).or_default() += 1;
    }
    assert_eq!(counts(&overview["managedByCounts"]), managed_by);
    assert_eq!(counts(&overview["complianceStateCounts"]), compliance);
    assert_eq!(counts(&overview["operatingSystemCounts"]), os);
    assert!(
        managed_by[ManagedBy::ConfigMgr.wire_name()] > managed_by[ManagedBy::Intune.wire_name()]
    );
}

#[tokio::test]
async fn the_organization_is_contoso_with_its_mdm_authority() {
    let server = TestServer::start().await;
    let token = server.token("helpdesk@contoso.com").await;
    let answer = server.get("/beta/organization", &token).await;
    assert_eq!(answer.status, StatusCode::OK);
    let organizations = answer.json();
    assert_eq!(organizations["value"].as_array().unwrap().len(), 1);
    assert_eq!(organizations["value"][0]["displayName"], "Contoso");
    assert_eq!(
        organizations["value"][0]["mobileDeviceManagementAuthority"],
        json!("intune")
    );
}

#[tokio::test]
async fn a_database_that_holds_a_tenant_is_not_seeded_again() {
    let server = TestServer::start().await;
    let again = DemoTenant {
        device_count: 10,
        mdm_authority: MdmAuthority::Unknown,
        password: "other".to_string(),
    };
    assert!(
        !seed_demo_tenant_if_empty(&server.store, &again)
            .await
            .unwrap()
    );
    let token = server.token("admin@contoso.com").await;
    let overview = server
        .get("/beta/deviceManagement/managedDeviceOverview", &token)
        .await
        .json();
    assert_eq!(overview["enrolledDeviceCount"], DEVICES);
}

#[tokio::test]
async fn a_database_keeps_the_tenant_across_restarts() {
    let (url, _scratch) = crate::common::shared_database().await;
    let tenant = DemoTenant {
        device_count: 25,
        mdm_authority: MdmAuthority::Office365,
        password: "demo".to_string(),
    };
    {
        let store = endpoint_admin_server::store::Store::connect(&url)
            .await
            .unwrap();
        assert!(seed_demo_tenant_if_empty(&store, &tenant).await.unwrap());
    }
    let store = endpoint_admin_server::store::Store::connect(&url)
        .await
        .unwrap();
    assert!(!seed_demo_tenant_if_empty(&store, &tenant).await.unwrap());
    assert_eq!(
        store
            .managed_device_overview()
            .await
            .unwrap()
            .enrolled_device_count,
        25
    );
    assert_eq!(
        store.organizations().await.unwrap()[0].mobile_device_management_authority,
        MdmAuthority::Office365
    );
}

#[tokio::test]
async fn connections_opened_before_the_demo_tenant_was_loaded_can_add_devices() {
    let scratch = crate::common::tempdir::Dist::new();
    let url = format!("sqlite://{}", scratch.0.join("tenant.db").display());
    let store = endpoint_admin_server::store::Store::connect(&url)
        .await
        .unwrap();
    // Many reads at once: the pool opens all its connections, which read the schema before the
    // bulk load drops and creates the device table's triggers and indexes.
    let reads = futures_util::future::join_all((0..16).map(|_| store.is_empty())).await;
    assert!(reads.into_iter().all(|empty| empty.unwrap()));
    let tenant = DemoTenant {
        device_count: 50,
        mdm_authority: MdmAuthority::Intune,
        password: "demo".to_string(),
    };
    assert!(seed_demo_tenant_if_empty(&store, &tenant).await.unwrap());
    let now = chrono::Utc::now();
    let device = |index: u64| {
        let mut device = endpoint_admin_server::demo::demo_device(index, 100, now);
        device.id = format!("added-{index}");
        device
    };
    let inserts = (60..76).map(|index| store.insert_devices([device(index)]));
    for inserted in futures_util::future::join_all(inserts).await {
        inserted.unwrap();
    }
}
