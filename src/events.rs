//! The webhook event names 2Chat documents.

/// Every event name a webhook can be subscribed to: the 25 of 2Chat's docs plus the two spellings
/// only 2Chat's n8n node uses (`whatsapp.waba.message.received`, `call.outgoing.completed`).
pub const EVENT_NAMES: [&str; 27] = [
    "whatsapp.message.new",
    "whatsapp.message.received",
    "whatsapp.message.sent",
    "whatsapp.message.reaction",
    "whatsapp.message.edited",
    "whatsapp.message.receipt.sent",
    "whatsapp.message.receipt.received",
    "whatsapp.message.receipt.read",
    "whatsapp.conversation.new",
    "whatsapp.order.received",
    "whatsapp.audio.transcribed",
    "whatsapp.call.received",
    "whatsapp.call.made",
    "whatsapp.group.message.received",
    "whatsapp.group.message.reaction",
    "whatsapp.group.join",
    "whatsapp.group.leave",
    "whatsapp.group.remove",
    "whatsapp.number.status",
    "whatsapp.waba.message.sent",
    "whatsapp.waba.message.receipt.sent",
    "whatsapp.waba.message.receipt.received",
    "whatsapp.waba.message.received",
    "call.status.update",
    "call.incoming.completed",
    "call.outbound.completed",
    "call.outgoing.completed",
];

/// The `time_period` values of `whatsapp.conversation.new` subscriptions.
pub const TIME_PERIODS: [&str; 6] = ["all-time", "hour", "day", "week", "month", "year"];

/// Whether `name` is a known event name.
pub fn is_event_name(name: &str) -> bool {
    EVENT_NAMES.contains(&name)
}

/// Phone-call events are subscribed with a virtual number's `channel_uuid` instead of `on_number`.
pub fn is_call_event(name: &str) -> bool {
    name.starts_with("call.")
}

/// Group events accept a `to_group_uuid` filter.
pub fn is_group_event(name: &str) -> bool {
    name.starts_with("whatsapp.group.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut v = EVENT_NAMES.to_vec();
        v.sort_unstable();
        v.dedup();
        assert_eq!(v.len(), EVENT_NAMES.len());
    }

    #[test]
    fn families() {
        assert!(is_call_event("call.status.update"));
        assert!(!is_call_event("whatsapp.call.made"));
        assert!(is_group_event("whatsapp.group.join"));
        assert!(is_event_name("whatsapp.conversation.new"));
        assert!(!is_event_name("whatsapp.message"));
    }
}
