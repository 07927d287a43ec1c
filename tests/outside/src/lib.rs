//! A crate that uses twochat the way a dependent does. `make test` checks that it compiles natively
//! and for wasm32 with twochat's default features, runs its tests natively, and that its wasm
//! module exports its own function and nothing of twochat's JS surface (`TwoChat`,
//! `parseWebhook`, `WebhookRouter`… exist only with the `js` feature the npm build turns on).

use twochat::types::SendMessageParams;
use twochat::webhook::{self, Payload};

/// What an app does with a delivery: the text of an inbound message, if it is one.
pub fn inbound_text(body: &[u8], url: &str, token: &str) -> Result<Option<String>, twochat::Error> {
    if !webhook::verify_token(url, token) {
        return Ok(None);
    }
    let hint = url.split('?').next().and_then(|p| p.rsplit('/').next()).filter(|s| s.contains('.'));
    let event = webhook::parse(body, hint)?;
    Ok(match event.payload {
        Payload::MessageReceived(m) => m.message.and_then(|m| m.text),
        _ => None,
    })
}

/// The reply an app would send (typed params, validated by the client before sending).
pub fn reply(from: &str, to: &str, text: &str) -> SendMessageParams {
    SendMessageParams { from_number: from.into(), to_number: Some(to.into()), text: Some(text.into()), ..Default::default() }
}

/// On wasm32 the typed client needs no feature: it uses the runtime's `fetch`.
#[cfg(target_arch = "wasm32")]
pub async fn send_reply(key: &str, base_url: &str, params: &SendMessageParams) -> Result<Option<String>, twochat::Error> {
    let client = twochat::Client::new(twochat::ClientOptions::new(key).base_url(base_url))?;
    Ok(client.messages().send(params).await?.message_uuid)
}

/// This crate's own export: the only one its wasm module may have (besides memory and the
/// wasm-bindgen runtime's own).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn outside_inbound_text(body: &[u8], url: &str, token: &str) -> Option<String> {
    inbound_text(body, url, token).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delivery_reads_and_a_reply_serialises_with_default_features() {
        let body = br#"{"event":"whatsapp.message.received","uuid":"MSG1","message":{"text":"hola"},"remote_phone_number":"+5215512345432"}"#;
        let url = "https://app.example.com/hooks/whatsapp.message.received?token=s3cret";
        assert_eq!(inbound_text(body, url, "s3cret").unwrap().as_deref(), Some("hola"));
        assert_eq!(inbound_text(body, url, "wrong").unwrap(), None);
        assert!(inbound_text(b"{", url, "s3cret").is_err());
        let r = reply("+595981048477", "+5215512345432", "got it");
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"from_number": "+595981048477", "to_number": "+5215512345432", "text": "got it"})
        );
    }
}
