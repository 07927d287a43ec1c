// Deliberate type errors: tests/types/run.mjs requires `tsc --strict` to FAIL on this file, with
// an error on every line marked `// error` and on no other line.
import { TwoChat } from "twochat";
import type { SendMessageParams, WabaSendMessageParams } from "twochat";

export async function mistakes(client: TwoChat): Promise<void> {
  const both: SendMessageParams = { from_number: "+595981048477", to_number: "+5215512345432", to_group_uuid: "WAG1", text: "x" }; // error
  const none: SendMessageParams = { from_number: "+595981048477", text: "x" }; // error
  await client.messages.send({ from_number: "595981048477", to_number: "+5215512345432", text: "x" }); // error
  await client.messages.send({ from_number: "+595981048477", to_number: "+5215512345432", pin: { latitude: 1, longitude: 2 } }); // error
  await client.webhooks.subscribe("whatsapp.message.nope", { hook_url: "https://e.com", on_number: "+595981048477" }); // error
  await client.contacts.create({ first_name: "A", contact_detail: [{ type: "FAX", value: "1" }] }); // error
  await client.contacts.create({ last_name: "A", contact_detail: [] }); // error
  await client.numbers.list({ status: "online" }); // error
  await client.account.info({ timeout: 5 }); // error
  (await client.account.info()).limits.requests_per_minute.toUpperCase(); // error
  const waba: WabaSendMessageParams = { from_number: "+16173518454", to_number: "+595981378890", template_uuid: "TMP1", params: {}, text: "x" }; // error
  await client.calls.history({ direction: "incoming" }); // error
  await client.groups.create({ from_number: "+595981048477", group: { participants: ["+5215512345432"] } }); // error
  await client.catalog.createProduct({ from_number: "+595981048477", product: { name: "x" } }); // error
  await client.catalog.createProduct({ from_number: "+595981048477", product: { name: "x", image_url: "https://e.com/x.jpg", price: 19.9 } }); // error
  await client.phoneNumbers.available({ number_contains: "55" }); // error
  await client.voice.createAccessToken({ label: "x" }); // error
  await client.channels.get(42); // error
  for await (const m of client.messages.iterate("+595981048477")) m.no_such_method(); // error
  void [both, none, waba];
}
