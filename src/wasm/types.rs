//! TypeScript declarations for what crosses the JS boundary. Field names are 2Chat's own
//! snake_case; every response type also admits fields this version does not know yet.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r##"
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

/** A `fetch`-compatible function. It receives the built Request and `{ signal }` (the attempt's
 * AbortSignal, also in the Request): pass both on — `(request, init) => fetch(request, init)` — so an
 * abort or a timeout reaches the connection in every runtime. */
export type FetchLike = (input: Request, init: { signal: AbortSignal }) => Promise<Response>;

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
  /** Silences the warning printed when a key is used in a browser page, where anyone can read it. */
  dangerouslyAllowBrowser?: boolean;
  /** Client-side pacing: calls are spread so that at most this many go out a minute (trial accounts: 10). */
  requestsPerMinute?: number;
  /** How much to log (default "warn"): "debug" logs every attempt. The API key is never logged. */
  logLevel?: "off" | "error" | "warn" | "info" | "debug";
  /** Where logs go (default: the global console). */
  logger?: TwoChatLogger;
}

export interface TwoChatLogger {
  error?: (message: string) => void; warn?: (message: string) => void; info?: (message: string) => void; debug?: (message: string) => void;
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
export interface NumbersListParams { status?: "connected" | "disconnected" | "all";
  /** @integer @minimum 0 */ page_number?: number;
  /** 2Chat's default is 50; it documents no maximum. @integer @minimum 1 */ results_per_page?: number }
export interface NumbersListResponse extends SuccessResponse { numbers: ConnectedNumber[] }

export interface CheckNumberParams {
  /** Adds `whatsapp_info`; billed as two calls. */ extra_information?: boolean }
export interface CheckNumberResponse {
  is_valid: boolean; on_whatsapp?: boolean;
  number?: { iso_country_code: string; region?: string; carrier?: string; timezone?: string[]; [field: string]: unknown };
  whatsapp_info?: { is_business?: boolean; is_enterprise?: boolean; profile_pic?: string | null; verified_level?: number; verified_name?: string | null; [field: string]: unknown };
  [field: string]: unknown;
}

/** A location pin; 2Chat wants the coordinates as strings. */
export interface Pin {
  /** A decimal number as a string, e.g. "-25.2637". @pattern ^-?[0-9]+(\\.[0-9]+)?$ */ latitude: string;
  /** @pattern ^-?[0-9]+(\\.[0-9]+)?$ */ longitude: string; name?: string; address?: string; url?: string }
interface SendMessageCommon {
  /** A connected number of the account. */ from_number: E164;
  /** @maxLength 65536 */ text?: string;
  /** A public media URL (at most 16 MB). @pattern ^https?:// */ url?: string;
  pin?: Pin;
}
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
export interface MessagesListParams { remote_number?: E164;
  /** 0 is the newest 100. @integer @minimum 0 */ page_number?: number }
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
export interface ContactsListParams {
  /** @integer @minimum 0 */ page_number?: number;
  /** @integer @minimum 1 @maximum 100 */ results_per_page?: number; channel_uuid?: string }
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
  /** Public http(s) URL 2Chat will POST to (or give `router` instead). @pattern ^https?:// */
  hook_url?: string;
  /** A `WebhookRouter` endpoint: the hook URL is built as `${url}/${event}?token=${token}`. */
  router?: { url: string; token: string };
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

/** A row of the endpoint table (`endpoints()`). */
export interface EndpointInfo {
  id: number; httpMethod: "GET" | "POST" | "PUT" | "DELETE"; path: string; resource: string; method: string;
  /** The LLM tool that calls it (see `twochat/tools`). */ tool: string;
  /** One sentence: what it does. */ summary: string;
  /** What calling it does: "read" changes nothing; "create" adds to the account; "send" reaches
   * people outside it (messages, SMS, status posts, group members); "update" overwrites;
   * "remove" deletes or disconnects; "purchase" spends money. */
  effect: "read" | "create" | "send" | "update" | "remove" | "purchase";
}

/** The envelope `client.callTool` always resolves with (it never rejects). */
export type ToolResult =
  | { successful: true; data: unknown; error: null }
  | { successful: false; data: null;
  /** "<code>: <message>", e.g. "invalid_input: to_number: must be an E.164 number…" */ error: string };

/** Options of every `iterate…()` method. */
export interface IterateOptions {
  /** Stop after this many items (default 1000, at most 1000000). */ limit?: number }
export interface PageParams {
  /** @integer @minimum 0 */ page_number?: number }
export interface PerPageParams {
  /** @integer @minimum 0 */ page_number?: number;
  /** 2Chat's default is 200; it documents no maximum. @integer @minimum 1 */ results_per_page?: number }

export type PingResponse = { [field: string]: unknown };
export interface BatchedResponse extends SuccessResponse { batched?: boolean }
export interface MessageResponse extends SuccessResponse { message?: string }

// ----- users and the Voice SDK
export interface User { uuid: string; first_name: string | null; last_name: string | null; email: string; [field: string]: unknown }
export interface UsersListResponse extends SuccessResponse { data: { users: User[]; [field: string]: unknown } }
export interface VoiceAccessTokenParams {
  /** A user (USR…) of the account. */ user_uuid: string; label?: string;
  /** Seconds, 60–86400 (default 3600). @integer @minimum 60 @maximum 86400 */ ttl?: number }
export interface VoiceAccessTokenResponse extends SuccessResponse { token: string; user_uuid: string; label: string | null; expires_at: Timestamp }

// ----- channels
export interface Channel extends Partial<ConnectedNumber> { uuid: string; timezone?: string | null; lang?: string | null; [field: string]: unknown }
export interface ChannelGetResponse extends SuccessResponse { channel?: Channel }
export interface ChannelCreateParams { phone_number: E164; friendly_name: string }
export interface ChannelCreateResponse extends SuccessResponse { channel: Channel }
export interface ChannelEvent { event: string; created_at?: Timestamp; [field: string]: unknown }
export interface ChannelStatusResponse extends SuccessResponse {
  connection_status: ConnectionStatus;
  /** Present only while the last event is `qr-received`. */
  qr_code?: string | null;
  events?: ChannelEvent[];
}

// ----- messages and conversations
export interface MessageDetails extends Message {
  id?: string | number; is_from_api?: boolean; is_from_agent?: boolean; is_from_chatter?: boolean; is_from_flow_run?: boolean;
  wa_msg_id?: string | null;
  /** 0 created, 1 sent, 2 received, 3 read. */ wa_msg_ack?: 0 | 1 | 2 | 3 | number; sent?: boolean;
}
export interface MessageGetResponse extends SuccessResponse { message: MessageDetails }
export interface MessageDeleteResponse extends SuccessResponse { message_uuid?: string; whatsapp_message_id?: string | null }
export interface ConversationsListParams {
  /** @integer @minimum 0 */ page_number?: number;
  /** 3–20 digits contained in the remote number. @pattern ^\\+?[0-9]{3,20}$ */ phone_number?: string }
export interface Conversation {
  session_key: string; friendly_name?: string | null; region_name?: string | null; iso_country_code?: string | null; device?: string | null;
  channel_uuid?: string; phone_number?: string; timezone?: string | null; profile_pic_url?: string | null; [field: string]: unknown;
}
export interface ConversationsListResponse extends SuccessResponse { page_number?: number; total?: number; search_term?: string | null; sessions: Conversation[] }

// ----- profile and status
export interface SetProfilePictureParams {
  /** A public image URL, or `null` to remove the picture. */ url: string | null }
export interface SetProfileStatusParams { status: string }
export interface TextStatusParams { text: string; params?: {
  /** "#RRGGBB" */ backgroundColor?: string; font?: number } }
export interface ImageStatusParams { image_url: string }

// ----- groups
export interface GroupCreateParams { from_number: E164; group: { name: string; description?: string;
  /** 1–10 numbers. @minItems 1 @maxItems 10 */ participants: E164[] } }
export interface ParticipantResult { statusCode?: number; message?: string; isGroupCreator?: boolean; isInviteV4Sent?: boolean; [field: string]: unknown }
export interface GroupCreateResponse extends SuccessResponse {
  group: { uuid: string; name: string; wa_group_id?: string; participants?: { [number: string]: ParticipantResult }; accepted_numbers?: string[]; unaccepted_numbers?: string[]; [field: string]: unknown };
}
export interface GroupParticipantsParams { from_number: E164;
  /** 1–10 numbers. @minItems 1 @maxItems 10 */ participants: E164[] }
export interface GroupParticipantsResponse extends SuccessResponse { participants?: { [key: string]: unknown }; unaccepted_numbers?: string[] }
export interface GroupDescriptionParams { from_number: E164; description: string }
export interface GroupPictureParams { from_number: E164; url: string }
export interface GroupMessage extends Message { participant?: { phone_number?: string; pushname?: string | null; [field: string]: unknown } }
export interface GroupMessagesResponse extends SuccessResponse { page_number?: number; messages: GroupMessage[] }

// ----- catalog
export type ApprovalStatus = "PENDING" | "OUTDATED" | "REJECTED" | "APPROVED" | (string & {});
export interface Product {
  id: string; name: string; description?: string | null; price?: string | number | null; currency?: string | null; availability?: string | null;
  images?: unknown[]; is_hidden?: boolean; url?: string | null; retailer_id?: string | null; approval_status?: ApprovalStatus; [field: string]: unknown;
}
export interface CatalogListParams {
  /** List another business's catalog. */ target_number?: E164 }
export interface ProductsListResponse extends SuccessResponse { products: Product[] }
export interface ProductInput { name?: string; image_url?: string; description?: string;
  /** A decimal string, e.g. "19.90". */ price?: string; currency?: string; is_hidden?: boolean; url?: string; retailer_id?: string }
export interface ProductCreateParams { from_number: E164; product: ProductInput & { name: string; image_url: string } }
export interface ProductUpdateParams { from_number: E164; product: ProductInput }
export interface ProductResponse extends SuccessResponse { product?: Product }
export interface FromNumberParams { from_number: E164 }
export interface ProductImagesParams { from_number: E164; product: {
  /** One or two image URLs. @minItems 1 @maxItems 2 */ image_urls: string[] } }
export interface Collection { id: string; name: string; is_approved?: boolean; approval_status?: ApprovalStatus; products?: Product[]; [field: string]: unknown }
export interface CollectionsListResponse extends SuccessResponse { collections: Collection[] }
export interface CollectionCreateParams { from_number: E164; collection: { name: string; product_ids: string[] } }
export interface CollectionUpdateParams { from_number: E164; collection: { add_product_ids?: string[]; remove_product_ids?: string[] } }
/** After an edit, `collection.id` is the collection's NEW id. */
export interface CollectionResponse extends SuccessResponse { collection?: Collection }

// ----- contacts (more)
export interface ContactsSearchParams {
  /** The search term (`q` is accepted too). */ query?: string; q?: string;
  /** @integer @minimum 0 */ page_number?: number;
  /** @integer @minimum 1 @maximum 100 */ results_per_page?: number; channel_uuid?: string }
export interface ContactsSearchResponse extends SuccessResponse { page?: number; count?: number; contacts: Contact[] }
export interface ContactGetResponse extends SuccessResponse { contact: Contact & { last_updated?: Timestamp } }
export interface ContactUpdateParams {
  first_name?: string; last_name?: string; profile_pic_url?: string; channel_uuid?: string;
  contact_details?: ContactDetailInput[]; contact_detail?: ContactDetailInput[];
}

// ----- WABA
export interface WabaNumber {
  uuid?: string; friendly_name?: string; phone_number: string; connection_status?: ConnectionStatus; iso_country_code?: string;
  verified_name?: string | null; channel_type?: string; created_at?: Timestamp; updated_at?: Timestamp; [field: string]: unknown;
}
export interface WabaNumbersListResponse extends SuccessResponse { numbers: WabaNumber[] }
export interface WabaNumberResponse extends SuccessResponse { number: WabaNumber }
export interface TemplatesListParams {
  /** 0-based. @integer @minimum 0 */ page?: number }
export type TemplateStatus = "APPROVED" | "PENDING" | "REJECTED" | "FAILED" | (string & {});
export interface WabaTemplate {
  uuid: string; name: string; status: TemplateStatus; category?: "UTILITY" | "MARKETING" | "AUTHENTICATION" | (string & {});
  template_content?: string; description?: string | null; updated_at?: Timestamp; waba?: WabaNumber; [field: string]: unknown;
}
export interface TemplatesListResponse extends SuccessResponse { templates: WabaTemplate[]; total?: number;
  /** `null` on the last page. */ next_page: number | null }
export interface TemplatesSyncResponse extends SuccessResponse { is_syncing: boolean; start_time_syncing?: Timestamp | null; message?: string }
export interface TemplateParams {
  /** Values for {{1}}, {{2}}… */ body?: string[];
  /** A TEXT header: an array (newer docs) or a single value (older docs). */ header?: string | string[];
  header_media_url?: string; header_media_filename?: string; buttons?: unknown[]; [field: string]: unknown;
}
interface WabaSendCommon { from_number: E164; to_number: E164; url?: string; payload?: { interactive?: { [field: string]: unknown }; [field: string]: unknown } }
/** A template (`template_uuid` + `params`, `{}` without variables) or a session `text` — never both. */
export type WabaSendMessageParams =
  | (WabaSendCommon & { template_uuid: string; params: TemplateParams; text?: never })
  | (WabaSendCommon & { text: string; template_uuid?: never; params?: never });

// ----- calls
export interface CallHistoryParams {
  /** @integer @minimum 0 */ page_number?: number; direction?: "inbound" | "outbound" }
export interface CallRecord {
  uuid: string; account_uuid?: string; callid?: string; direction: "I" | "O" | (string & {}); active?: boolean; from?: string;
  status?: string; to_number?: string | null; duration?: number | null; recording_url?: string | null; start_time?: Timestamp | null;
  end_time?: Timestamp | null; created_at?: Timestamp; [field: string]: unknown;
}
export interface CallHistoryResponse extends SuccessResponse { count?: number; page?: number; cdrs: CallRecord[] }
export interface CallGetResponse extends SuccessResponse { cdr: CallRecord & { agent?: { uuid?: string; first_name?: string; last_name?: string; full_name?: string; profile_pic_url?: string | null; [field: string]: unknown } | null } }
export interface VirtualNumber {
  uuid: string; phone_number: string; friendly_name?: string | null; iso_country_code?: string; status_text?: string;
  provider_type?: string; created_at?: Timestamp; expires_at?: Timestamp | null; [field: string]: unknown;
}
export interface VirtualNumbersListResponse extends SuccessResponse { count?: number; page?: number; numbers: VirtualNumber[] }
export interface CallerId { uuid: string; phone_number: string; type?: "VN" | "WW" | "WA" | "CI" | (string & {}); verified?: boolean; [field: string]: unknown }
export interface CallerIdsListResponse extends SuccessResponse { count?: number; page?: number; caller_ids: CallerId[] }

// ----- SMS
export interface SmsSendParams { from_number: E164; to_number: E164; text: string }
/** 2Chat's docs name the id `message_id`, its tools `message_uuid`. */
export interface SmsSendResponse extends SuccessResponse { message_id?: string; message_uuid?: string }

// ----- buying numbers
export interface CountryParams {
  /** ISO 3166 two-letter code, e.g. "US". @pattern ^[A-Za-z]{2}$ */ country: string }
export interface CitiesParams extends CountryParams { region?: string | number }
export interface RequirementsParams extends CountryParams { /** An id from `didTypes()` (string or number). */ did_type?: string | number }
export interface NumberGroupsParams extends CountryParams { region_id?: string | number; city_id?: string | number; city_name_or_prefix?: string; /** A type name from `didTypes()` ("local", "mobile"…), or "all". */ did_type?: string }
export interface AvailableNumbersParams { group_id: string | number; number_contains?: string }
export interface ReserveParams { group_id: string | number; number?: string }
export interface PurchaseParams { group_id?: string | number; number?: string }
export interface RegionsResponse extends SuccessResponse { data: { regions: { id: string | number; region_name: string; iso_country_code: string; [field: string]: unknown }[] } }
export interface CitiesResponse extends SuccessResponse { data: { cities: { id: string | number; city_name: string; iso_country_code: string; [field: string]: unknown }[] } }
export interface DidTypesResponse extends SuccessResponse { data: { did_types: { id: string | number; name: string; [field: string]: unknown }[] } }
export interface RequirementsResponse extends SuccessResponse { data: { requirements: { description: string; did_type?: string; [field: string]: unknown }[] } }
export interface NumberGroup {
  id: string | number; prefix?: string; location?: string; price?: { setup_price?: string; monthly_price?: string; ppm?: string; [field: string]: unknown };
  type?: string; requirements?: unknown[]; allow_number_selection?: boolean; is_eligible_for_free_number?: boolean; features?: string[]; [field: string]: unknown;
}
export interface NumberGroupsResponse extends SuccessResponse { data: { groups: NumberGroup[] } }
export interface AvailableNumbersResponse extends SuccessResponse { data: { numbers: { id: string | number; number: string; [field: string]: unknown }[] } }
export interface ReservationResponse extends SuccessResponse { data: { reservation_details: { uuid: string; number: string; created_at?: Timestamp; expires_at?: Timestamp; [field: string]: unknown } } }
export interface Reservation { uuid: string; number: string; [field: string]: unknown }
export interface ReservationsListResponse extends SuccessResponse { data: { reservations: Reservation[] } }
export interface PurchaseResponse extends SuccessResponse { purchased?: string[]; failed?: unknown[] }

// ----- webhooks received
export interface ParseWebhookOptions {
  /** The event name, when the payload has no `event` field (older payloads). */ event?: WebhookEventName | (string & {}) }
export type WebhookRouterOptions = WebhookRouterLimits & (
  | { /** Required in the hook URL's `token` query parameter (at least 16 URL-safe characters; `WebhookRouter.generateToken()` makes one). */
      token: string; allowUnauthenticated?: false }
  | { /** Accept deliveries without a token: only for a route protected some other way (2Chat signs nothing). */
      allowUnauthenticated: true; token?: undefined });
export interface WebhookRouterLimits {
  /** Larger bodies are answered 413, counted while the body is read (default 1 MiB). @integer @minimum 1 @maximum 67108864 */
  maxBodyBytes?: number;
  /** A delivery whose `uuid` was handled this recently is acknowledged without running handlers (default 10 min). @integer @minimum 0 */
  dedupeWindowMs?: number;
  /** How many handled uuids this isolate remembers (default 10000; in-memory de-duplication only). @integer @minimum 0 @maximum 1000000 */
  dedupeCapacity?: number;
  /** Remember handled deliveries in a store every isolate shares (Workers KV, a Durable Object…)
   * instead of this isolate's memory: see `twochat/cloudflare`. */
  dedupe?: DedupeStore;
}
/** A de-duplication memory shared between isolates or processes. Keys are at most 64 characters. */
export interface DedupeStore {
  /** Claims `key` for `ttlMs`: `true` when this is the first claim (the delivery is handled),
   * `false` when it was claimed before and not released (acknowledged as a duplicate). */
  claim(key: string, ttlMs: number): boolean | Promise<boolean>;
  /** Gives a claim back after the handlers failed, so 2Chat's next attempt runs them again. */
  release(key: string): void | Promise<void>;
}

export interface WebhookContact { uuid?: string; first_name?: string | null; last_name?: string | null; name?: string | null; profile_pic_url?: string | null; channel_uuid?: string | null; [field: string]: unknown }
export interface WebhookOrder {
  subtotal?: number; total?: number; currency?: string | null;
  /** Epoch seconds. */ created_at?: number;
  products?: { id: string | number; name?: string; price?: number; currency?: string | null; quantity?: number; data?: unknown; thumbnail_url?: string | null; [field: string]: unknown }[];
  [field: string]: unknown;
}
/** The envelope of WhatsApp message events (received, sent, new, receipts, reactions, orders, WABA…). */
export interface MessageEventPayload {
  /** 2Chat's message records use whole-number ids. */ id?: string | number; uuid?: string; session_key?: string; event?: string;
  message?: { text?: string; media?: { url: string; type?: string; mime_type?: string; [field: string]: unknown }; order?: WebhookOrder; [field: string]: unknown };
  created_at?: Timestamp; remote_phone_number?: string | null;
  /** Your number; missing in the oldest payloads. */ channel_phone_number?: string | null;
  sent_by?: "user" | "api" | "agent" | (string & {});
  /** Only when the other party is one of your contacts; its fields may be null. */ contact?: WebhookContact | null;
  channel?: { uuid?: string; friendly_name?: string; phone_number?: string; connection_status?: string; [field: string]: unknown } | null;
  participant?: { phone_number?: string; device?: string | null; pushname?: string | null; [field: string]: unknown } | null;
  to_number?: string; to_group_uuid?: string; time_period?: TimePeriod | (string & {}); _2chat_link?: string;
  [field: string]: unknown;
}
export interface OrderEventPayload extends MessageEventPayload { message?: MessageEventPayload["message"] & { order?: WebhookOrder } }
export interface ConversationEventPayload extends MessageEventPayload { time_period?: TimePeriod | (string & {}) }
export interface GroupMembershipPayload {
  type?: "join" | "leave" | "remove" | (string & {}); uuid?: string; event?: string; created_at?: Timestamp; channel_phone_number?: string;
  group?: { uuid?: string; wa_group_id?: string; wa_group_name?: string; [field: string]: unknown } | null;
  participant?: { phone_number?: string; pushname?: string | null; contact?: WebhookContact | null; [field: string]: unknown } | null;
  [field: string]: unknown;
}
/** Phone-call events: the call detail record. Statuses arrive upper case (ANSWERED, COMPLETED…). */
export interface CallEventPayload {
  uuid?: string; account_uuid?: string; callid?: string; direction?: "I" | "O" | (string & {}); active?: boolean; from?: string;
  iso_country_code?: string; received_on_number?: string; received_on_number_uuid?: string; is_toll_free?: boolean; status?: string;
  start_time?: Timestamp | null; end_time?: Timestamp | null; duration?: number | null; recording_url?: string | null;
  created_at?: Timestamp; updated_at?: Timestamp; contact?: WebhookContact | null; agent?: { [field: string]: unknown } | null;
  [field: string]: unknown;
}
export interface NumberStatusPayload { status?: string; qr_code?: string | null; [field: string]: unknown }
export type OtherEventPayload = { [field: string]: unknown };

/** The payload type of every event name. */
export interface WebhookPayloads {
  "whatsapp.message.new": MessageEventPayload; "whatsapp.message.received": MessageEventPayload; "whatsapp.message.sent": MessageEventPayload;
  "whatsapp.message.reaction": MessageEventPayload; "whatsapp.message.edited": MessageEventPayload;
  "whatsapp.message.receipt.sent": MessageEventPayload; "whatsapp.message.receipt.received": MessageEventPayload; "whatsapp.message.receipt.read": MessageEventPayload;
  "whatsapp.conversation.new": ConversationEventPayload; "whatsapp.order.received": OrderEventPayload; "whatsapp.audio.transcribed": MessageEventPayload;
  "whatsapp.call.received": OtherEventPayload; "whatsapp.call.made": OtherEventPayload;
  "whatsapp.group.message.received": MessageEventPayload; "whatsapp.group.message.reaction": MessageEventPayload;
  "whatsapp.group.join": GroupMembershipPayload; "whatsapp.group.leave": GroupMembershipPayload; "whatsapp.group.remove": GroupMembershipPayload;
  "whatsapp.number.status": NumberStatusPayload;
  "whatsapp.waba.message.sent": MessageEventPayload; "whatsapp.waba.message.receipt.sent": MessageEventPayload;
  "whatsapp.waba.message.receipt.received": MessageEventPayload; "whatsapp.waba.message.received": MessageEventPayload;
  "call.status.update": CallEventPayload; "call.incoming.completed": CallEventPayload;
  "call.outbound.completed": CallEventPayload; "call.outgoing.completed": CallEventPayload;
}
interface WebhookEventBase {
  /** The payload's `uuid` (or `id`), used for de-duplication. */ uuid: string | null;
  /** `created_at` in epoch milliseconds, whatever format it came in. */ createdAt: number | null;
  /** Every known timestamp field present, by path (e.g. "message.order.created_at"), in epoch milliseconds. */
  timestamps: { [path: string]: number };
}
/** A delivery of a known event: `event` tells which, and `payload` is typed accordingly. */
export type KnownWebhookEvent = { [K in keyof WebhookPayloads]: WebhookEventBase & { event: K; name: K; payload: WebhookPayloads[K] } }[keyof WebhookPayloads];
/** A delivery this version does not know: the name as sent (or null) and the payload as sent. */
export interface UnknownWebhookEvent extends WebhookEventBase { event: "unknown"; name: string | null; payload: { [field: string]: unknown } }
export type WebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;
/**
 * A listener for Node's `http.createServer(listener)`. Typed without Node's own types, so projects
 * without `@types/node` (Workers, browsers) still type-check; it is assignable to `RequestListener`.
 */
export type NodeRequestListener = (req: unknown, res: unknown) => void;

/** Options of `createProxy`. */
export interface ProxyOptions {
  /** The 2Chat API key the proxy adds to each forwarded call; it never reaches the page. */
  apiKey: string;
  /** The exact origins whose pages may call the proxy ("https://app.example.com"); every other
   * origin, and a request without one, gets 403. Required: there is no "*". @minItems 1 */
  origins: string[];
  /** What is forwarded: tool names ("list_messages") or "METHOD /template" rows of the endpoint
   * table ("GET /open/contacts/{contact_uuid}"). Default: every read except webhook
   * subscriptions, which are never forwarded. Anything beyond reads requires `authorize`. */
  allow?: string[];
  /** The site's own check of who is asking (a session cookie, a JWT…): resolve `true` to forward.
   * Required to allow anything beyond reads, and recommended for reads: an `Origin` header
   * stops other sites' pages, not a script that sets one. */
  authorize?: (request: Request, call: ProxyCall) => boolean | Promise<boolean>;
  /** Where 2Chat is (default https://api.p.2chat.io). */
  baseUrl?: string;
  /** The path the proxy is mounted under, e.g. "/proxy" (pages then use `baseUrl: ".../proxy"`). */
  prefix?: string;
  /** Larger request bodies are answered 413, counted while read (default 65536). @integer @minimum 0 @maximum 1048576 */
  maxBodyBytes?: number;
  /** How long to wait for 2Chat (default 30000 ms). @integer @minimum 1 @maximum 600000 */
  timeoutMs?: number;
  /** The fetch to call 2Chat with (default: the global one). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}
/** The endpoint a proxied request matched, as `authorize` sees it. */
export interface ProxyCall { id: number; tool: string; method: "GET" | "POST" | "PUT" | "DELETE"; path: string }
/** A fetch handler: `export default { fetch: proxy }` in a Worker, `Deno.serve(proxy)`, `Bun.serve({ fetch: proxy })`. */
export interface ProxyHandler {
  (request: Request): Promise<Response>;
  /** The same proxy as a listener for Node's `http.createServer`. */
  nodeListener(): NodeRequestListener;
}
"##;
