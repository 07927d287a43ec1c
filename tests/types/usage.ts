// Every method called with correctly typed arguments. `tsc --strict` must accept this file, and
// tests/types/run.mjs then runs it against the mock, so the types and the runtime validation
// cannot drift apart: a call the types allow but the SDK refuses fails the run.
import { TwoChat, TwoChatError, parseTimestamp, endpoints } from "twochat";
import type {
  AccountInfo, SendMessageParams, TwoChatErrorCode, WebhookEventName, Message, Contact, WabaTemplate, CallRecord, EndpointInfo,
} from "twochat";

const FROM = "+595981048477";
const TO = "+5215512345432";
const GROUP = "WAG768beeef-2b96-4bc7-9b7f-045078568723";
const WABA = "+16173518454";

export async function everyMethod(client: TwoChat, signal: AbortSignal): Promise<string[]> {
  const called: string[] = [];
  const step = async <T>(name: string, p: Promise<T>): Promise<T> => {
    const v = await p;
    called.push(name);
    return v;
  };

  // account, users, voice
  await step("account.ping", client.account.ping());
  const info: AccountInfo = await step("account.info", client.account.info({ signal, timeoutMs: 5000 }));
  const rpm: number = info.limits.requests_per_minute;
  const users = await step("users.list", client.users.list());
  const userUuid: string = users.data.users[0]?.uuid ?? "";
  const token = await step("voice.createAccessToken", client.voice.createAccessToken({ user_uuid: userUuid, label: "web", ttl: 600 }));
  const jwt: string = token.token;

  // numbers and channels
  const { numbers } = await step("numbers.list", client.numbers.list({ status: "connected", results_per_page: 20 }));
  const channelUuid: string = numbers.find((n) => n.phone_number === FROM)?.uuid ?? "";
  const check = await step("numbers.check", client.numbers.check(FROM, "+12025550123", { extra_information: true }));
  const onWhatsapp: boolean | undefined = check.on_whatsapp;
  await step("channels.get", client.channels.get(channelUuid));
  const created = await step("channels.create", client.channels.create({ phone_number: "+34600111222", friendly_name: "Madrid" }));
  const newChannel: string = created.channel.uuid;
  await step("channels.connect", client.channels.connect(newChannel));
  const st = await step("channels.status", client.channels.status(newChannel));
  const qr: string | null | undefined = st.qr_code;
  await step("channels.disconnect", client.channels.disconnect(newChannel));
  await step("channels.delete", client.channels.delete(newChannel));

  // messages and conversations
  const params: SendMessageParams = { from_number: FROM, to_number: TO, text: "hi" };
  const sent = await step("messages.send", client.messages.send(params));
  const uuid: string | undefined = sent.message_uuid;
  await client.messages.send({ from_number: FROM, to_group_uuid: GROUP, pin: { latitude: "-25.2", longitude: "-57.5" } });
  const { messages } = await step("messages.list", client.messages.list(FROM, { remote_number: TO, page_number: 0 }));
  const first: Message | undefined = messages[0];
  const text: string | undefined = first?.message.text;
  if (first) {
    const one = await step("messages.get", client.messages.get(first.session_key, first.uuid));
    const ack: number | undefined = one.message.wa_msg_ack;
    await step("messages.delete", client.messages.delete(first.session_key, first.uuid));
    void ack;
  }
  await step("conversations.list", client.conversations.list(channelUuid, { page_number: 0 }));

  // profile and status
  await step("profile.setPicture", client.profile.setPicture(FROM, { url: null }));
  await step("profile.setStatus", client.profile.setStatus(FROM, { status: "Available" }));
  await step("status.postText", client.status.postText(FROM, { text: "Open today", params: { backgroundColor: "#25D366", font: 1 } }));
  await step("status.postImage", client.status.postImage(FROM, { image_url: "https://example.com/story.jpg" }));

  // groups
  const groups = await step("groups.list", client.groups.list(FROM));
  const group = await step("groups.get", client.groups.get(groups.data[0]?.uuid ?? GROUP));
  const participants: number | undefined = group.data.participants?.length;
  const made = await step("groups.create", client.groups.create({ from_number: FROM, group: { name: "Team", participants: ["+5215512345432"] } }));
  const g: string = made.group.uuid;
  await step("groups.addParticipants", client.groups.addParticipants(g, { from_number: FROM, participants: ["+447700176576"] }));
  await step("groups.promoteParticipants", client.groups.promoteParticipants(g, { from_number: FROM, participants: ["+447700176576"] }));
  await step("groups.demoteParticipants", client.groups.demoteParticipants(g, { from_number: FROM, participants: ["+447700176576"] }));
  await step("groups.removeParticipants", client.groups.removeParticipants(g, { from_number: FROM, participants: ["+447700176576"] }));
  await step("groups.setDescription", client.groups.setDescription(g, { from_number: FROM, description: "Our team" }));
  await step("groups.setPicture", client.groups.setPicture(g, { from_number: FROM, url: "https://example.com/team.jpg" }));
  await step("groups.messages", client.groups.messages(GROUP, { page_number: 0 }));

  // catalog
  const products = await step("catalog.listProducts", client.catalog.listProducts(FROM));
  const product = await step("catalog.createProduct", client.catalog.createProduct({
    from_number: FROM, product: { name: "Mate", image_url: "https://example.com/mate.jpg", price: "19.90", currency: "USD" },
  }));
  const productId: string = product.product?.id ?? products.products[0]?.id ?? "";
  await step("catalog.updateProduct", client.catalog.updateProduct(productId, { from_number: FROM, product: { price: "21.00" } }));
  await step("catalog.addProductImages", client.catalog.addProductImages(productId, { from_number: FROM, product: { image_urls: ["https://example.com/mate2.jpg"] } }));
  await step("catalog.deleteProductImage", client.catalog.deleteProductImage(productId, 1, { from_number: FROM }));
  const collections = await step("catalog.listCollections", client.catalog.listCollections(FROM));
  const col = await step("catalog.createCollection", client.catalog.createCollection({ from_number: FROM, collection: { name: "Summer", product_ids: [productId] } }));
  const edited = await step("catalog.updateCollection", client.catalog.updateCollection(col.collection?.id ?? collections.collections[0]?.id ?? "", {
    from_number: FROM, collection: { remove_product_ids: [productId] },
  }));
  await step("catalog.deleteCollection", client.catalog.deleteCollection(edited.collection?.id ?? "", { from_number: FROM }));
  await step("catalog.deleteProduct", client.catalog.deleteProduct(productId, { from_number: FROM }));

  // contacts
  const contact = await step("contacts.create", client.contacts.create({ first_name: "Ana", contact_detail: [{ type: "WAPH", value: TO }] }));
  const contactUuid: string = contact.contact.uuid;
  await step("contacts.list", client.contacts.list({ page_number: 0, results_per_page: 50 }));
  const found = await step("contacts.search", client.contacts.search({ query: "Ana" }));
  const ana: Contact | undefined = found.contacts[0];
  await step("contacts.get", client.contacts.get(contactUuid));
  await step("contacts.update", client.contacts.update(contactUuid, { last_name: "Gómez", contact_details: [{ type: "E", value: "ana@example.com" }] }));
  await step("contacts.delete", client.contacts.delete(contactUuid));

  // webhooks
  const event: WebhookEventName = "whatsapp.message.received";
  const sub = await step("webhooks.subscribe", client.webhooks.subscribe(event, { hook_url: "https://example.com/hook", on_number: FROM }));
  await step("webhooks.list", client.webhooks.list({ channel_uuid: sub.data.channel_uuid }));
  await step("webhooks.delete", client.webhooks.delete(sub.data.uuid));

  // WABA
  const waba = await step("waba.listNumbers", client.waba.listNumbers());
  await step("waba.getNumber", client.waba.getNumber(waba.numbers[0]?.uuid ?? ""));
  const templates = await step("waba.listTemplates", client.waba.listTemplates(WABA, { page: 0 }));
  const template: WabaTemplate | undefined = templates.templates[0];
  const next: number | null = templates.next_page;
  await step("waba.syncTemplates", client.waba.syncTemplates(WABA));
  await step("waba.sendMessage", client.waba.sendMessage({ from_number: WABA, to_number: TO, template_uuid: template?.uuid ?? "", params: { body: ["Ana"] } }));
  await client.waba.sendMessage({ from_number: WABA, to_number: TO, text: "Thanks!" });
  await step("waba.deleteTemplate", client.waba.deleteTemplate(template?.uuid ?? ""));

  // calls and SMS
  const history = await step("calls.history", client.calls.history({ direction: "inbound" }));
  const call: CallRecord | undefined = history.cdrs[0];
  await step("calls.get", client.calls.get(call?.uuid ?? ""));
  const dids = await step("calls.listVirtualNumbers", client.calls.listVirtualNumbers({ results_per_page: 10 }));
  await step("calls.listCallerIds", client.calls.listCallerIds());
  const smsFrom = dids.numbers.find((d) => /^\+1415/.test(d.phone_number))?.phone_number ?? "+14155550199";
  const sms = await step("sms.send", client.sms.send({ from_number: smsFrom as `+${string}`, to_number: TO, text: "Your code is 123456" }));
  const smsId: string | undefined = sms.message_id ?? sms.message_uuid;
  await step("calls.deleteVirtualNumber", client.calls.deleteVirtualNumber(dids.numbers[0]?.uuid ?? ""));

  // buying numbers
  await step("phoneNumbers.regions", client.phoneNumbers.regions({ country: "US" }));
  await step("phoneNumbers.cities", client.phoneNumbers.cities({ country: "US" }));
  await step("phoneNumbers.didTypes", client.phoneNumbers.didTypes());
  await step("phoneNumbers.requirements", client.phoneNumbers.requirements({ country: "US", did_type: "local" }));
  const numberGroups = await step("phoneNumbers.searchGroups", client.phoneNumbers.searchGroups({ country: "US" }));
  const selectable = numberGroups.data.groups.find((x) => x.allow_number_selection) ?? numberGroups.data.groups[0];
  await step("phoneNumbers.available", client.phoneNumbers.available({ group_id: selectable?.id ?? 0 }));
  const reservation = await step("phoneNumbers.reserve", client.phoneNumbers.reserve({ group_id: selectable?.id ?? 0 }));
  await step("phoneNumbers.listReservations", client.phoneNumbers.listReservations());
  await step("phoneNumbers.cancelReservation", client.phoneNumbers.cancelReservation(reservation.data.reservation_details.uuid));
  await client.phoneNumbers.reserve({ group_id: selectable?.id ?? 0 });
  await step("phoneNumbers.purchase", client.phoneNumbers.purchase());

  // raw requests, iterators, helpers
  const raw: unknown = await client.request("GET", "/open/info", { query: { a: 1 } });
  let walked = 0;
  for await (const m of client.messages.iterate(FROM, { limit: 5 })) {
    const u: string = m.uuid;
    walked += u ? 1 : 0;
  }
  for await (const c of client.contacts.iterate({ limit: 3 })) void (c.uuid as string);
  for await (const t of client.waba.iterateTemplates(WABA, { limit: 3 })) void (t.name as string);
  for await (const r of client.calls.iterateHistory({ direction: "outbound", limit: 2 })) void (r.direction as string);
  const ms: number | null = parseTimestamp("2024-03-09T22:00:08");
  const table: EndpointInfo[] = endpoints();

  void [rpm, jwt, onWhatsapp, qr, uuid, text, participants, ana, next, smsId, raw, walked, ms, table];
  return called;
}

export function codeOf(e: unknown): TwoChatErrorCode | undefined {
  if (e instanceof TwoChatError) {
    const retry: number | undefined = e.retryAfterMs;
    void retry;
    return e.code;
  }
  return undefined;
}
