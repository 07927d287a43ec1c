//! The webhook events 2Chat sends and the payload each carries. The payload models are also the
//! checks `parseWebhook` makes: a field declared here that is present and not `null` must have
//! its declared kind (a string, a number…), every [`Ty::Timestamp`] field is read into epoch
//! milliseconds, and any field not declared is passed through untouched — a delivery never fails
//! on a field the SDK does not read and type.

use crate::models::{STR, STR_NULL, TS_NULL};
use crate::Ty::*;
use crate::*;

/// A webhook event: its name, and the model of its payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// The name 2Chat uses (`whatsapp.message.received`).
    pub name: &'static str,
    /// The payload's model.
    pub payload: &'static Model,
    /// The variant name in Rust (`MessageReceived`).
    pub variant: &'static str,
    /// Where the name comes from (2Chat's docs, or only its n8n node).
    pub note: &'static str,
}

const fn ev(name: &'static str, variant: &'static str, payload: &'static Model) -> Event {
    Event { name, payload, variant, note: "" }
}

/// The contact a delivery refers to (its fields may be null).
pub const WEBHOOK_CONTACT: Model = model(
    "WebhookContact",
    "The other party, when they are one of your contacts; its fields may be null.",
    Obj(&open(&[
        opt("uuid", STR),
        opt("first_name", STR_NULL),
        opt("last_name", STR_NULL),
        opt("name", STR_NULL),
        opt("profile_pic_url", STR_NULL),
        opt("channel_uuid", STR_NULL),
        opt("last_updated", TS_NULL),
    ])),
);

/// A catalog order.
pub const WEBHOOK_ORDER: Model = model(
    "WebhookOrder",
    "A catalog order.",
    Obj(&open(&[
        opt("subtotal", Num),
        opt("total", Num),
        opt("currency", STR_NULL),
        opt("created_at", Timestamp).doc("Epoch seconds."),
        opt(
            "products",
            Array {
                of: &Obj(&open(&[
                    req("id", Id),
                    opt("name", STR_NULL),
                    opt("price", Num),
                    opt("currency", STR_NULL),
                    opt("quantity", Num),
                    opt("data", Unknown),
                    opt("thumbnail_url", STR_NULL),
                ])),
                min: 0,
                max: 0,
            },
        ),
    ])),
);

/// The message of a message event.
pub const WEBHOOK_MESSAGE: Model = model(
    "WebhookMessage",
    "What was sent or received: a text, a media file or an order.",
    Obj(&open(&[
        opt("text", STR),
        opt("media", Obj(&open(&[opt("url", STR), opt("type", STR), opt("mime_type", STR)]))),
        opt("order", Ref(&WEBHOOK_ORDER)),
    ])),
);

/// The time periods of `whatsapp.conversation.new` subscriptions.
pub const TIME_PERIODS: &[&str] = &["all-time", "hour", "day", "week", "month", "year"];

/// The envelope of WhatsApp message events.
pub const MESSAGE_EVENT_PAYLOAD: Model = model(
    "MessageEventPayload",
    "The envelope of WhatsApp message events (received, sent, new, receipts, reactions, orders, WABA…).",
    Obj(&open(&[
        opt("id", Id).doc("2Chat's message records use whole-number ids."),
        opt("uuid", STR),
        opt("event", STR),
        opt("session_key", STR),
        opt("message", Ref(&WEBHOOK_MESSAGE)),
        opt("created_at", Timestamp),
        opt("updated_at", Timestamp),
        opt("timestamp", Timestamp),
        opt("remote_phone_number", STR_NULL),
        opt("channel_phone_number", STR_NULL).doc("Your number; missing in the oldest payloads."),
        opt("sent_by", OpenEnum(&["user", "api", "agent"])),
        opt("contact", Nullable(&Ref(&WEBHOOK_CONTACT)))
            .doc("Only when the other party is one of your contacts; its fields may be null."),
        opt(
            "channel",
            Nullable(&Obj(&open(&[
                opt("uuid", STR),
                opt("friendly_name", STR),
                opt("iso_country_code", STR),
                opt("phone_number", STR),
                opt("connection_status", STR),
                opt("created_at", Timestamp),
                opt("updated_at", Timestamp),
            ]))),
        ),
        opt(
            "participant",
            Nullable(&Obj(&open(&[
                opt("phone_number", STR),
                opt("device", STR_NULL),
                opt("pushname", STR_NULL),
                opt("created_at", Timestamp),
            ]))),
        ),
        opt("to_number", STR),
        opt("to_group_uuid", STR),
        opt("time_period", OpenEnum(TIME_PERIODS)),
        opt("_2chat_link", STR),
    ])),
);

/// `whatsapp.order.received`: a message event whose message carries an order.
pub const ORDER_EVENT_PAYLOAD: Model = model(
    "OrderEventPayload",
    "A catalog order received: a message event whose `message.order` holds the order.",
    Ref(&MESSAGE_EVENT_PAYLOAD),
);

/// `whatsapp.conversation.new`: a message event with the subscription's `time_period`.
pub const CONVERSATION_EVENT_PAYLOAD: Model = model(
    "ConversationEventPayload",
    "A new conversation: a message event with the subscription's `time_period`.",
    Ref(&MESSAGE_EVENT_PAYLOAD),
);

/// Group membership changes.
pub const GROUP_MEMBERSHIP_PAYLOAD: Model = model(
    "GroupMembershipPayload",
    "Someone joined, left or was removed from a group.",
    Obj(&open(&[
        opt("id", Id),
        opt("uuid", STR),
        opt("event", STR),
        opt("type", OpenEnum(&["join", "leave", "remove"])),
        opt("created_at", Timestamp),
        opt("updated_at", Timestamp),
        opt("timestamp", Timestamp),
        opt("channel_phone_number", STR),
        opt(
            "group",
            Nullable(&Obj(&open(&[
                opt("uuid", STR),
                opt("wa_group_id", STR),
                opt("wa_group_name", STR),
                opt("created_at", Timestamp),
            ]))),
        ),
        opt(
            "participant",
            Nullable(&Obj(&open(&[
                opt("phone_number", STR),
                opt("pushname", STR_NULL),
                opt("contact", Nullable(&Ref(&WEBHOOK_CONTACT))),
                opt("created_at", Timestamp),
            ]))),
        ),
    ])),
);

/// Phone-call events.
pub const CALL_EVENT_PAYLOAD: Model = model(
    "CallEventPayload",
    "Phone-call events: the call detail record. Statuses arrive upper case (ANSWERED, COMPLETED…).",
    Obj(&open(&[
        opt("id", Id),
        opt("uuid", STR),
        opt("event", STR),
        opt("account_uuid", STR),
        opt("callid", STR),
        opt("direction", OpenEnum(&["I", "O"])),
        opt("active", Bool),
        opt("from", STR),
        opt("iso_country_code", STR),
        opt("received_on_number", STR),
        opt("received_on_number_uuid", STR),
        opt("is_toll_free", Bool),
        opt("status", STR),
        opt("recording_url", STR_NULL),
        opt("to_number", STR_NULL),
        opt("duration", Nullable(&Num)),
        opt("start_time", TS_NULL),
        opt("end_time", TS_NULL),
        opt("created_at", Timestamp),
        opt("updated_at", Timestamp),
        opt("timestamp", Timestamp),
        opt("contact", Nullable(&Ref(&WEBHOOK_CONTACT))),
        opt(
            "agent",
            Nullable(&Obj(&open(&[
                opt("uuid", STR),
                opt("first_name", STR),
                opt("last_name", STR),
                opt("full_name", STR),
            ]))),
        ),
    ])),
);

/// A channel's connection changed.
pub const NUMBER_STATUS_PAYLOAD: Model = model(
    "NumberStatusPayload",
    "A channel's connection changed (ready, disconnected, qr-received…); the QR code while waiting for a scan.",
    Obj(&open(&[
        opt("id", Id),
        opt("uuid", STR),
        opt("event", STR),
        opt("status", STR),
        opt("qr_code", STR_NULL),
        opt("created_at", Timestamp),
        opt("updated_at", Timestamp),
        opt("timestamp", Timestamp),
    ])),
);

/// Events whose payload 2Chat does not document.
pub const OTHER_EVENT_PAYLOAD: Model = model(
    "OtherEventPayload",
    "An event whose payload 2Chat does not document: only the common fields are read.",
    Obj(&open(&[
        opt("id", Id),
        opt("uuid", STR),
        opt("event", STR),
        opt("created_at", Timestamp),
        opt("updated_at", Timestamp),
        opt("timestamp", Timestamp),
    ])),
);

/// Every event name a webhook can be subscribed to: the 25 of 2Chat's docs plus the two spellings
/// only 2Chat's n8n node uses (`whatsapp.waba.message.received`, `call.outgoing.completed`).
pub const EVENTS: &[Event] = &[
    ev("whatsapp.message.new", "MessageNew", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.message.received", "MessageReceived", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.message.sent", "MessageSent", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.message.reaction", "MessageReaction", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.message.edited", "MessageEdited", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.message.receipt.sent", "MessageReceiptSent", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.message.receipt.received", "MessageReceiptReceived", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.message.receipt.read", "MessageReceiptRead", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.conversation.new", "ConversationNew", &CONVERSATION_EVENT_PAYLOAD),
    ev("whatsapp.order.received", "OrderReceived", &ORDER_EVENT_PAYLOAD),
    ev("whatsapp.audio.transcribed", "AudioTranscribed", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.call.received", "CallReceived", &OTHER_EVENT_PAYLOAD),
    ev("whatsapp.call.made", "CallMade", &OTHER_EVENT_PAYLOAD),
    ev("whatsapp.group.message.received", "GroupMessageReceived", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.group.message.reaction", "GroupMessageReaction", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.group.join", "GroupJoin", &GROUP_MEMBERSHIP_PAYLOAD),
    ev("whatsapp.group.leave", "GroupLeave", &GROUP_MEMBERSHIP_PAYLOAD),
    ev("whatsapp.group.remove", "GroupRemove", &GROUP_MEMBERSHIP_PAYLOAD),
    ev("whatsapp.number.status", "NumberStatus", &NUMBER_STATUS_PAYLOAD),
    ev("whatsapp.waba.message.sent", "WabaMessageSent", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.waba.message.receipt.sent", "WabaMessageReceiptSent", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.waba.message.receipt.received", "WabaMessageReceiptReceived", &MESSAGE_EVENT_PAYLOAD),
    ev("whatsapp.waba.message.received", "WabaMessageReceived", &MESSAGE_EVENT_PAYLOAD),
    ev("call.status.update", "CallStatusUpdate", &CALL_EVENT_PAYLOAD),
    ev("call.incoming.completed", "CallIncomingCompleted", &CALL_EVENT_PAYLOAD),
    ev("call.outbound.completed", "CallOutboundCompleted", &CALL_EVENT_PAYLOAD),
    ev("call.outgoing.completed", "CallOutgoingCompleted", &CALL_EVENT_PAYLOAD),
];

/// The event names, in the order of [`EVENTS`].
pub const NAMES: &[&str] = &[
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

/// Every payload model, for the generators.
pub const PAYLOADS: &[&Model] = &[
    &WEBHOOK_CONTACT,
    &WEBHOOK_ORDER,
    &WEBHOOK_MESSAGE,
    &MESSAGE_EVENT_PAYLOAD,
    &ORDER_EVENT_PAYLOAD,
    &CONVERSATION_EVENT_PAYLOAD,
    &GROUP_MEMBERSHIP_PAYLOAD,
    &CALL_EVENT_PAYLOAD,
    &NUMBER_STATUS_PAYLOAD,
    &OTHER_EVENT_PAYLOAD,
];

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
    fn names_follow_events() {
        let names: Vec<&str> = EVENTS.iter().map(|e| e.name).collect();
        assert_eq!(names, NAMES);
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 27);
    }
}
