use endpoint_admin_model::{Collection, device::ManagedDevice, json};
fn main() {
    let text = std::fs::read_to_string("/tmp/page1000.json").unwrap();
    let t = std::time::Instant::now();
    for _ in 0..20 {
        let page: Collection<ManagedDevice> = json::from_str(&text).unwrap();
        assert_eq!(page.value.len(), 1000);
    }
    println!("full decode: {:?} per page", t.elapsed() / 20);
    let t = std::time::Instant::now();
    for _ in 0..20 {
        let tree = json::parse(&text).unwrap();
        std::hint::black_box(tree);
    }
    println!("parse only: {:?} per page", t.elapsed() / 20);
    let text = std::fs::read_to_string("/tmp/page1000-select.json").unwrap();
    let t = std::time::Instant::now();
    for _ in 0..20 {
        let tree = json::parse(&text).unwrap();
        std::hint::black_box(tree);
    }
    println!(
        "parse of the selected columns: {:?} per page",
        t.elapsed() / 20
    );
}
