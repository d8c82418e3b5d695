//! What a session's technical data says to its owner: the browser, operating system and kind of
//! device (from the user agent, by woothee's rules) and an approximate address (the network, not
//! the host).

use std::net::IpAddr;

/// Browser, operating system and device class, e.g. ("Firefox 128.0", "Linux", "Computer").
pub fn describe(user_agent: &str) -> (String, String, String) {
    let Some(found) = woothee::parser::Parser::new().parse(user_agent) else {
        return ("Unknown browser".into(), "Unknown system".into(), "Unknown device".into());
    };
    let browser = if found.version.is_empty() || found.version == "UNKNOWN" { found.name.to_owned() } else { format!("{} {}", found.name, found.version) };
    let device = match found.category {
        "pc" => "Computer",
        "smartphone" => "Phone",
        "mobilephone" => "Mobile phone",
        "appliance" => "Appliance",
        "crawler" => "Robot",
        _ => "Unknown device",
    };
    let known = |s: &str| !s.is_empty() && s != "UNKNOWN";
    let browser = if known(found.name) { browser } else { "Unknown browser".to_owned() };
    let os = if known(found.os) { found.os.to_owned() } else { "Unknown system".to_owned() };
    (browser, os, device.to_owned())
}

/// The network an address belongs to: its /24 for IPv4, its /48 for IPv6.
pub fn approximate(ip: &str) -> String {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
        Err(_) => "Unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_cut_to_their_network() {
        assert_eq!(approximate("203.0.113.77"), "203.0.113.0/24");
        assert_eq!(approximate("2001:db8:abcd:12:1:2:3:4"), "2001:db8:abcd::/48");
        assert_eq!(approximate("not an ip"), "Unknown");
    }

    #[test]
    fn user_agents_name_browser_system_and_device() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        let (browser, os, device) = describe(firefox);
        assert!(browser.starts_with("Firefox"), "{browser}");
        assert_eq!((os.as_str(), device.as_str()), ("Linux", "Computer"));
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(describe(iphone).2, "Phone");
        assert_eq!(describe("").0, "Unknown browser");
    }
}
