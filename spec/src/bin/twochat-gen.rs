//! Prints one generated surface: `twochat-gen ts|tables|readme|tools`.
use std::io::Write as _;

fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    let text = match what.as_str() {
        "ts" => twochat_spec::gen::ts::declarations(),
        "tables" => twochat_spec::gen::runtime::tables(),
        "readme" => twochat_spec::gen::readme::coverage(),
        "tools" => twochat_spec::gen::tools::json(),
        _ => {
            eprintln!("usage: twochat-gen ts|tables|readme|tools");
            std::process::exit(2);
        }
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
}
