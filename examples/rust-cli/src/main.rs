//! `twochat-cli-example`: sends a WhatsApp message through 2Chat and lists the conversation's latest
//! messages, page after page, with the typed client.
//!
//! ```sh
//! export TWOCHAT_API_KEY=UAK-…                    # your key (never printed)
//! export TWOCHAT_BASE_URL=http://127.0.0.1:8080   # optional: twochat-mock, or a proxy
//! cargo run -p twochat-cli-example -- +595981048477 +5215512345432 "Hello from Rust"
//! ```
//!
//! Exit status: 0 when the message went out, 1 on an API error (printed with its code), 2 on bad
//! usage.

use std::process::ExitCode;

use futures_util::StreamExt;
use twochat::types::{MessagesListParams, SendMessageParams};
use twochat::{Client, ClientOptions, ErrorCode};

const USAGE: &str = "usage: twochat-cli-example FROM_NUMBER TO_NUMBER TEXT [--list N]";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (from, to, text) = match args.as_slice() {
        [from, to, text, ..] => (from.clone(), to.clone(), text.clone()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let list = match args.iter().position(|a| a == "--list").and_then(|i| args.get(i + 1)) {
        Some(n) => match n.parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                eprintln!("--list takes a number\n{USAGE}");
                return ExitCode::from(2);
            }
        },
        None => 10,
    };
    let Ok(key) = std::env::var("TWOCHAT_API_KEY") else {
        eprintln!("set TWOCHAT_API_KEY to your 2Chat API key");
        return ExitCode::from(2);
    };
    let mut options = ClientOptions::new(key);
    if let Ok(url) = std::env::var("TWOCHAT_BASE_URL") {
        options = options.base_url(url);
    }
    match run(options, from, to, text, list).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `Display` never holds the key; the code is what a script branches on.
            eprintln!("error: {e}");
            if e.code() == ErrorCode::InvalidInput {
                eprintln!("(nothing was sent)");
            }
            ExitCode::from(1)
        }
    }
}

async fn run(options: ClientOptions, from: String, to: String, text: String, list: usize) -> Result<(), twochat::Error> {
    let client = Client::new(options)?;
    let params = SendMessageParams { from_number: from.clone(), to_number: Some(to.clone()), text: Some(text), ..Default::default() };
    let sent = client.messages().send(&params).await?;
    println!("sent {}", sent.message_uuid.as_deref().unwrap_or("(no uuid in the answer)"));

    // The conversation, newest first: pages are fetched as the stream is read, and `take` stops
    // asking once it has enough.
    let filter = MessagesListParams { remote_number: Some(to), ..Default::default() };
    let mut messages = Box::pin(client.messages().iterate(&from, &filter).take(list));
    while let Some(message) = messages.next().await {
        let m = message?;
        let when = m.created_at.as_ref().and_then(|t| t.epoch_ms()).map_or_else(String::new, |ms| format!("{ms:.0}"));
        let what = m.message.text.as_deref().unwrap_or("(media)");
        println!("{} {when} {what}", m.uuid);
    }
    Ok(())
}
