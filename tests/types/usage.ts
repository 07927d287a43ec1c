// Type-checked with `tsc --strict` in `make test`: correct calls must compile, and every line
// marked @ts-expect-error must be a type error (tsc fails if it is not).
import { TwoChat, TwoChatError } from "twochat";
import type { SendMessageParams, TwoChatErrorCode, AccountInfo, WebhookEventName } from "twochat";

export async function correct(client: TwoChat, signal: AbortSignal): Promise<void> {
  const info: AccountInfo = await client.account.info({ signal, timeoutMs: 5000 });
  const rpm: number = info.limits.requests_per_minute;
  const { numbers } = await client.numbers.list({ status: "connected", results_per_page: 20 });
  const first: string = numbers[0]?.phone_number ?? "";
  const check = await client.numbers.check("+595981048477", "+12025550123", { extra_information: true });
  const onWhatsapp: boolean | undefined = check.on_whatsapp;
  const sent = await client.messages.send({ from_number: "+595981048477", to_number: "+5215512345432", text: "hi" });
  const uuid: string | undefined = sent.message_uuid;
  await client.messages.send({ from_number: "+595981048477", to_group_uuid: "WAG1", pin: { latitude: "-25.2", longitude: "-57.5" } });
  const { messages } = await client.messages.list("+595981048477", { remote_number: "+5215512345432", page_number: 0 });
  const text: string | undefined = messages[0]?.message.text;
  const groups = await client.groups.list("+595981048477");
  const group = await client.groups.get(groups.data[0]?.uuid ?? "");
  const participants = group.data.participants?.length;
  const contact = await client.contacts.create({ first_name: "Ana", contact_detail: [{ type: "WAPH", value: "+5215512345432" }] });
  const contactUuid: string = contact.contact.uuid;
  await client.contacts.list({ page_number: 0, results_per_page: 50 });
  const event: WebhookEventName = "whatsapp.message.received";
  const sub = await client.webhooks.subscribe(event, { hook_url: "https://example.com/hook", on_number: "+595981048477" });
  await client.webhooks.list({ channel_uuid: sub.data.channel_uuid });
  await client.webhooks.delete(sub.data.uuid);
  const raw: unknown = await client.request("GET", "/open/info", { query: { a: 1 } });
  void [rpm, first, onWhatsapp, uuid, text, participants, contactUuid, raw];
}

export function errors(e: unknown): TwoChatErrorCode | undefined {
  if (e instanceof TwoChatError) {
    const retry: number | undefined = e.retryAfterMs;
    void retry;
    return e.code;
  }
  return undefined;
}

export async function mistakes(client: TwoChat): Promise<void> {
  // @ts-expect-error both recipients
  const both: SendMessageParams = { from_number: "+595981048477", to_number: "+5215512345432", to_group_uuid: "WAG1", text: "x" };
  // @ts-expect-error no recipient
  const none: SendMessageParams = { from_number: "+595981048477", text: "x" };
  // @ts-expect-error a number without its +
  await client.messages.send({ from_number: "595981048477", to_number: "+5215512345432", text: "x" });
  // @ts-expect-error pin coordinates are strings
  await client.messages.send({ from_number: "+595981048477", to_number: "+5215512345432", pin: { latitude: 1, longitude: 2 } });
  // @ts-expect-error unknown event name
  await client.webhooks.subscribe("whatsapp.message.nope", { hook_url: "https://e.com", on_number: "+595981048477" });
  // @ts-expect-error detail types are E, A, PH, WAPH
  await client.contacts.create({ first_name: "A", contact_detail: [{ type: "FAX", value: "1" }] });
  // @ts-expect-error status values are connected, disconnected, all
  await client.numbers.list({ status: "online" });
  // @ts-expect-error per-call options are typed
  await client.account.info({ timeout: 5 });
  // @ts-expect-error responses are typed: no such field
  (await client.account.info()).limits.requests_per_minute.toUpperCase();
  void [both, none];
}
