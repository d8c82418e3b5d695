//! `Leptos.toml` (read by the server) and `Cargo.toml`'s cargo-leptos metadata (read by the build)
//! must agree where they meet.

#[test]
fn leptos_toml_and_the_build_metadata_agree_on_the_site_layout() {
    let runtime = leptos_config::get_configuration(Some("../Leptos.toml")).expect("Leptos.toml parses").leptos_options;
    let cargo: toml::Table = std::fs::read_to_string("../Cargo.toml").unwrap().parse().unwrap();
    let build = &cargo["workspace"]["metadata"]["leptos"].as_array().expect("[[workspace.metadata.leptos]]")[0];
    assert_eq!(build["name"].as_str(), Some(&*runtime.output_name));
    assert_eq!(build["site-root"].as_str(), Some(&*runtime.site_root));
    assert_eq!(build["site-pkg-dir"].as_str(), Some(&*runtime.site_pkg_dir));
    assert_eq!(build["site-addr"].as_str().map(str::to_owned), Some(runtime.site_addr.to_string()));
}

#[test]
fn the_stylesheet_link_matches_the_output_name() {
    let source = std::fs::read_to_string("../app/src/lib.rs").unwrap();
    assert!(source.contains("href=\"/pkg/nexacrm.css\""));
}
