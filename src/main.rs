//! Mounts the Endpoint Admin app on the page's body.

fn main() {
    leptos::mount::mount_to_body(endpoint_admin::App);
}
