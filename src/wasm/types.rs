//! TypeScript declarations for what crosses the JS boundary. Field names are 2Chat's own
//! snake_case; every response type also admits fields this version does not know yet.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** The stable codes a `TwoChatError` carries. */
export type TwoChatErrorCode =
  | "invalid_input" | "unauthorized" | "payment_required" | "forbidden" | "not_found"
  | "conflict" | "unprocessable" | "rate_limited" | "server_error" | "timeout" | "aborted"
  | "network" | "decode" | "invalid_webhook";

/** Every rejection of the SDK. A real `Error`; branch on `code`. Never contains the API key. */
export class TwoChatError extends Error {
  private constructor();
  readonly name: "TwoChatError";
  readonly code: TwoChatErrorCode;
  /** The HTTP status, when 2Chat answered. */
  readonly status?: number;
  /** How long 2Chat asked to wait before retrying (rate limits, "retry soon" answers). */
  readonly retryAfterMs?: number;
  toJSON(): { name: "TwoChatError"; code: TwoChatErrorCode; message: string; status?: number; retryAfterMs?: number };
}

/** A `fetch`-compatible function. */
export type FetchLike = (input: Request) => Promise<Response>;

export interface TwoChatOptions {
  /** Sent as `X-User-API-Key`. Omit it when a proxy injects the key. */
  apiKey?: string;
  /** Defaults to `https://api.p.2chat.io`; a proxy or the local mock also fit here. */
  baseUrl?: string;
  /** Per attempt, default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt (0–10, default 2). */
  maxRetries?: number;
  /** Used instead of the global `fetch`. */
  fetch?: FetchLike;
  /** Sent with every request. */
  defaultHeaders?: Record<string, string>;
}

/** Per-call options, the last argument of every method. */
export interface RequestOptions {
  /** Cancels the call at once; it rejects with code `aborted`. */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

export interface RawRequest {
  query?: Record<string, string | number | boolean | null | undefined | Array<string | number | boolean>>;
  body?: JsonValue;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What `JSON.stringify(client)` shows. */
export interface TwoChatSummary { baseUrl: string; apiKey: "[redacted]" | null; timeoutMs: number; maxRetries: number }

/** An E.164 phone number: `+` and 8–15 digits, e.g. `"+595981048477"`. */
export type E164 = `+${string}`;

/** Timestamps come in several formats (ISO with or without zone, `YYYY-MM-DD HH:MM:SS`, epoch seconds). */
export type Timestamp = string | number;

export interface SuccessResponse { success: boolean; [field: string]: unknown }

export interface AccountInfo extends SuccessResponse {
  account: {
    name: string; uuid: string; on_trial: boolean; blocked: boolean; block_reason?: string | null;
    created_at: Timestamp; expires_at?: Timestamp | null; [field: string]: unknown;
  };
  limits: { requests_per_minute: number; [field: string]: unknown };
  usage?: {
    api_request_count: number; max_api_request_count: number;
    number_check_count: number; max_number_check_count: number; [field: string]: unknown;
  };
}

/** `C` connected, `D` disconnected, `F` failed. */
export type ConnectionStatus = "C" | "D" | "F" | (string & {});

export interface ConnectedNumber {
  uuid: string; friendly_name: string; phone_number: E164; iso_country_code: string; pushname?: string | null;
  server?: string; platform?: string | null; connection_status: ConnectionStatus; enabled: boolean;
  is_business_profile: boolean; channel_type: "WW" | "IG" | "SMS" | (string & {}); sync_contacts?: boolean;
  created_at: Timestamp; updated_at?: Timestamp | null; [field: string]: unknown;
}
export interface NumbersListParams { status?: "connected" | "disconnected" | "all"; page_number?: number; results_per_page?: number }
export interface NumbersListResponse extends SuccessResponse { numbers: ConnectedNumber[] }

export interface CheckNumberParams { /** Adds `whatsapp_info`; billed as two calls. */ extra_information?: boolean }
export interface CheckNumberResponse {
  is_valid: boolean; on_whatsapp?: boolean;
  number?: { iso_country_code: string; region?: string; carrier?: string; timezone?: string[]; [field: string]: unknown };
  whatsapp_info?: { is_business?: boolean; is_enterprise?: boolean; profile_pic?: string | null; verified_level?: number; verified_name?: string | null; [field: string]: unknown };
  [field: string]: unknown;
}

/** A location pin; 2Chat wants the coordinates as strings. */
export interface Pin { latitude: string; longitude: string; name?: string; address?: string; url?: string }
interface SendMessageCommon { from_number: E164; text?: string; url?: string; pin?: Pin }
/** Exactly one recipient, and at least one of `text`, `url`, `pin`. */
export type SendMessageParams =
  | (SendMessageCommon & { to_number: E164; to_group_uuid?: never })
  | (SendMessageCommon & { to_group_uuid: string; to_number?: never });
export interface SendMessageResponse extends SuccessResponse { message_uuid?: string; batched?: boolean }

export interface MessageContent {
  text?: string;
  media?: { url: string; type: string; mime_type?: string; [field: string]: unknown };
  [field: string]: unknown;
}
export interface Message {
  uuid: string; session_key: string; message: MessageContent; remote_phone_number?: E164;
  sent_by?: "api" | "agent" | "user" | (string & {}); timestamp?: number; created_at?: Timestamp; [field: string]: unknown;
}
export interface MessagesListParams { remote_number?: E164; page_number?: number }
export interface MessagesListResponse extends SuccessResponse { page_number?: number; messages: Message[] }

export interface ContactRef { uuid?: string; first_name?: string | null; last_name?: string | null; channel_uuid?: string | null; profile_pic_url?: string | null; [field: string]: unknown }
export interface Group {
  uuid: string; wa_group_name: string; size?: number; is_muted?: boolean; is_read_only?: boolean; read_only?: boolean;
  channel_is_owner?: boolean; profile_pic_url?: string | null; owner_contact?: ContactRef | null; [field: string]: unknown;
}
export interface GroupParticipant {
  wa_participant_id: string; wa_pushname?: string | null; wa_is_admin?: boolean; wa_is_super_admin?: boolean;
  phone_number?: E164; formatted_phone_number?: string; iso_country_code?: string; contact?: ContactRef; [field: string]: unknown;
}
export interface GroupDetails extends Group { participants?: GroupParticipant[] }
export interface GroupsListResponse extends SuccessResponse { data: Group[] }
export interface GroupGetResponse extends SuccessResponse { data: GroupDetails }

/** `E` email, `A` address, `PH` phone, `WAPH` phone on WhatsApp. */
export type ContactDetailType = "E" | "A" | "PH" | "WAPH";
export interface ContactDetailInput { type: ContactDetailType; value: string }
export interface ContactDetail { id: number; type: ContactDetailType; value: string; created_at?: Timestamp; updated_at?: Timestamp; [field: string]: unknown }
interface ContactCreateCommon { first_name: string; last_name?: string; profile_pic_url?: string; channel_uuid?: string }
/** `contact_detail` is what 2Chat's examples send; `contact_details` (its field table) is accepted too. */
export type ContactCreateParams =
  | (ContactCreateCommon & { contact_detail: ContactDetailInput[]; contact_details?: never })
  | (ContactCreateCommon & { contact_details: ContactDetailInput[]; contact_detail?: never });
export interface Contact { uuid: string; first_name: string; last_name?: string | null; channel_uuid?: string | null; profile_pic_url?: string | null; details?: ContactDetail[]; [field: string]: unknown }
export interface ContactCreateResponse extends SuccessResponse { contact: Contact }
export interface ContactsListParams { page_number?: number; results_per_page?: number; channel_uuid?: string }
export interface ContactsListResponse extends SuccessResponse { contacts: Contact[]; count?: number; page_number?: number }

export type WebhookEventName =
  | "whatsapp.message.new" | "whatsapp.message.received" | "whatsapp.message.sent" | "whatsapp.message.reaction"
  | "whatsapp.message.edited" | "whatsapp.message.receipt.sent" | "whatsapp.message.receipt.received"
  | "whatsapp.message.receipt.read" | "whatsapp.conversation.new" | "whatsapp.order.received"
  | "whatsapp.audio.transcribed" | "whatsapp.call.received" | "whatsapp.call.made"
  | "whatsapp.group.message.received" | "whatsapp.group.message.reaction" | "whatsapp.group.join"
  | "whatsapp.group.leave" | "whatsapp.group.remove" | "whatsapp.number.status"
  | "whatsapp.waba.message.sent" | "whatsapp.waba.message.receipt.sent" | "whatsapp.waba.message.receipt.received"
  | "whatsapp.waba.message.received" | "call.status.update" | "call.incoming.completed"
  | "call.outbound.completed" | "call.outgoing.completed";
export type TimePeriod = "all-time" | "hour" | "day" | "week" | "month" | "year";
export interface WebhookSubscribeParams {
  /** Public http(s) URL 2Chat will POST to. */
  hook_url: string;
  /** The connected number, for WhatsApp and WABA events. */
  on_number?: E164;
  /** The virtual number (DID…), for phone-call events. */
  channel_uuid?: string;
  /** Group events only. */
  to_group_uuid?: string;
  /** `whatsapp.conversation.new` only. */
  time_period?: TimePeriod;
}
export interface WebhookSubscription {
  uuid: string; event_name: WebhookEventName | (string & {}); channel_uuid: string; hook_url: string;
  hook_params?: { [field: string]: unknown } | null; created_at: Timestamp; [field: string]: unknown;
}
export interface WebhookSubscribeResponse extends SuccessResponse { data: WebhookSubscription }
export interface WebhooksListParams { channel_uuid?: string }
export interface WebhooksListResponse extends SuccessResponse { webhooks: WebhookSubscription[] }
"#;
