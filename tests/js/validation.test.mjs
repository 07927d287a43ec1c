// Every input rule of the SDK, tripped through the built package: the call rejects with a
// TwoChatError (`invalid_input`) whose message starts with the offending field, and nothing at all
// reaches 2Chat (here twochat-mock: the account's request log stays empty).
//
// One row per rule: [what, field the message must start with, (client) => call]. Adding a rule is
// adding a line.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { SEED, TwoChatError, clientFor, received, register } from "./mock.mjs";

const { PY, MX, GROUP, WABA, PY_UUID } = SEED;
const URL_ = "https://example.com/a.jpg";
const HOOK = "https://hooks.example.com/2chat";
const eleven = Array.from({ length: 11 }, (_, i) => `+1202555${String(100 + i).padStart(4, "0")}`);
const ten = eleven.slice(0, 10);
const tpl = { from_number: WABA, to_number: MX };
const groupOk = { from_number: PY, participants: ["+12025550123"] };
const FROM = { from_number: PY };

/** Runs one row: rejects with invalid_input naming `field`, and the mock saw nothing. */
async function refused(field, call) {
  const key = await register();
  const client = clientFor(key);
  let promise;
  try {
    promise = call(client);
  } catch (e) {
    assert.fail(`threw synchronously instead of returning a rejected Promise: ${e?.message ?? e}`);
  }
  assert.ok(promise instanceof Promise, "every method returns a Promise");
  const e = await promise.then(
    (v) => assert.fail(`resolved instead of rejecting: ${JSON.stringify(v)}`),
    (e) => e,
  );
  assert.ok(e instanceof TwoChatError, `a TwoChatError, got ${e?.constructor?.name}: ${e?.message}`);
  assert.ok(e instanceof Error);
  assert.equal(e.code, "invalid_input", e.message);
  assert.equal(e.status, undefined, "no HTTP status: nothing was sent");
  assert.ok(
    e.message.startsWith(`${field}: `),
    `message should start with "${field}: ", got ${JSON.stringify(e.message)}`,
  );
  assert.deepEqual(await received(key), [], "the mock must receive no request");
}

function table(name, rows) {
  describe(name, () => {
    for (const [what, field, call, options = {}] of rows) {
      test(`${what} → ${field}`, options, () => refused(field, call));
    }
  });
}

// ---------------------------------------------------------------------------------------------
table("groups: at most 10 participants per call", [
  ["create with 11", "group.participants", (c) => c.groups.create({ from_number: PY, group: { name: "g", participants: eleven } })],
  ["addParticipants with 11", "participants", (c) => c.groups.addParticipants(GROUP, { from_number: PY, participants: eleven })],
  ["removeParticipants with 11", "participants", (c) => c.groups.removeParticipants(GROUP, { from_number: PY, participants: eleven })],
  ["promoteParticipants with 11", "participants", (c) => c.groups.promoteParticipants(GROUP, { from_number: PY, participants: eleven })],
  ["demoteParticipants with 11", "participants", (c) => c.groups.demoteParticipants(GROUP, { from_number: PY, participants: eleven })],
  ["create with none", "group.participants", (c) => c.groups.create({ from_number: PY, group: { name: "g", participants: [] } })],
  ["addParticipants without the list", "participants", (c) => c.groups.addParticipants(GROUP, { from_number: PY })],
  ["create without a name", "group.name", (c) => c.groups.create({ from_number: PY, group: { participants: ten } })],
  ["create without group", "group", (c) => c.groups.create({ from_number: PY })],
  ["setDescription without description", "description", (c) => c.groups.setDescription(GROUP, { from_number: PY })],
  ["setPicture with a non-URL", "url", (c) => c.groups.setPicture(GROUP, { from_number: PY, url: "pic.jpg" })],
]);

table("waba.sendMessage: a template (template_uuid + params) xor text", [
  ["both template and text", "text", (c) => c.waba.sendMessage({ ...tpl, template_uuid: "TMP1", params: {}, text: "hi" })],
  ["neither template nor text", "template_uuid", (c) => c.waba.sendMessage({ ...tpl })],
  ["template without params", "params", (c) => c.waba.sendMessage({ ...tpl, template_uuid: "TMP1" })],
  ["params without template", "template_uuid", (c) => c.waba.sendMessage({ ...tpl, params: { body: ["x"] } })],
  ["params with text, no template", "params", (c) => c.waba.sendMessage({ ...tpl, text: "hi", params: {} })],
  ["params as an array", "params", (c) => c.waba.sendMessage({ ...tpl, template_uuid: "TMP1", params: ["x"] })],
  ["params.body with a number", "params.body[0]", (c) => c.waba.sendMessage({ ...tpl, template_uuid: "TMP1", params: { body: [1] } })],
  ["from_number not E.164", "from_number", (c) => c.waba.sendMessage({ ...tpl, from_number: "16173518454", text: "hi" })],
  ["to_number not E.164", "to_number", (c) => c.waba.sendMessage({ ...tpl, to_number: "+52 155", text: "hi" })],
  ["4 reply buttons", "payload.interactive.action.buttons", (c) =>
    c.waba.sendMessage({ ...tpl, payload: { interactive: { type: "button", body: { text: "?" }, action: { buttons: [1, 2, 3, 4].map((i) => ({ type: "reply", reply: { id: `${i}`, title: `b${i}` } })) } } } })],
]);

table("messages.send: pins carry latitude/longitude as strings", [
  ["latitude as a number", "pin.latitude", (c) => c.messages.send({ from_number: PY, to_number: MX, pin: { latitude: -25.28, longitude: "-57.63" } })],
  ["longitude as a number", "pin.longitude", (c) => c.messages.send({ from_number: PY, to_number: MX, pin: { latitude: "-25.28", longitude: -57.63 } })],
  ["latitude out of range", "pin.latitude", (c) => c.messages.send({ from_number: PY, to_number: MX, pin: { latitude: "90.5", longitude: "0" } })],
  ["longitude out of range", "pin.longitude", (c) => c.messages.send({ from_number: PY, to_number: MX, pin: { latitude: "0", longitude: "-180.01" } })],
  ["latitude not a number", "pin.latitude", (c) => c.messages.send({ from_number: PY, to_number: MX, pin: { latitude: "north", longitude: "0" } })],
  ["latitude missing", "pin.latitude", (c) => c.messages.send({ from_number: PY, to_number: MX, pin: { longitude: "0" } })],
  ["pin not an object", "pin", (c) => c.messages.send({ from_number: PY, to_number: MX, pin: "-25.28,-57.63" })],
  ["an empty message", "text", (c) => c.messages.send({ from_number: PY, to_number: MX })],
  ["a blank text only", "text", (c) => c.messages.send({ from_number: PY, to_number: MX, text: "   " })],
  ["both to_number and to_group_uuid", "to_number", (c) => c.messages.send({ from_number: PY, to_number: MX, to_group_uuid: GROUP, text: "x" })],
  ["no recipient", "to_number", (c) => c.messages.send({ from_number: PY, text: "x" })],
  ["a url that is not http(s)", "url", (c) => c.messages.send({ from_number: PY, to_number: MX, url: "file:///etc/passwd" })],
  ["text as a number", "text", (c) => c.messages.send({ from_number: PY, to_number: MX, text: 42 })],
]);

table("voice.createAccessToken: ttl within 60–86400 s", [
  ["ttl 59", "ttl", (c) => c.voice.createAccessToken({ user_uuid: SEED.USER_UUID, ttl: 59 })],
  ["ttl 86401", "ttl", (c) => c.voice.createAccessToken({ user_uuid: SEED.USER_UUID, ttl: 86401 })],
  ["ttl fractional", "ttl", (c) => c.voice.createAccessToken({ user_uuid: SEED.USER_UUID, ttl: 600.5 })],
  ["ttl as a string", "ttl", (c) => c.voice.createAccessToken({ user_uuid: SEED.USER_UUID, ttl: "600" })],
  ["no user_uuid", "user_uuid", (c) => c.voice.createAccessToken({ ttl: 600 })],
  ["no params", "params", (c) => c.voice.createAccessToken()],
]);

// 2chat-api.md, "Pagination": contacts take 1–100 a page; get-numbers (default 50), virtual
// numbers and caller IDs (default 200) document no maximum, so only "at least 1" is checked.
const contactsPerPage = [
  ["contacts.list", (c, p) => c.contacts.list(p)],
  ["contacts.search", (c, p) => c.contacts.search({ query: "ana", ...p })],
];
const perPage = [
  ...contactsPerPage,
  ["numbers.list", (c, p) => c.numbers.list(p)],
  ["calls.listVirtualNumbers", (c, p) => c.calls.listVirtualNumbers(p)],
  ["calls.listCallerIds", (c, p) => c.calls.listCallerIds(p)],
];
table("results_per_page: a whole number of at least 1", perPage.flatMap(([name, f]) => [
  [`${name} 0`, "results_per_page", (c) => f(c, { results_per_page: 0 })],
  [`${name} "10"`, "results_per_page", (c) => f(c, { results_per_page: "10" })],
]));
table("contacts: results_per_page at most 100", contactsPerPage.map(([name, f]) => [`${name} 101`, "results_per_page", (c) => f(c, { results_per_page: 101 })]));

const paged = [
  ...perPage,
  ["messages.list", (c, p) => c.messages.list(PY, p)],
  ["conversations.list", (c, p) => c.conversations.list(PY_UUID, p)],
  ["groups.messages", (c, p) => c.groups.messages(GROUP, p)],
  ["calls.history", (c, p) => c.calls.history(p)],
];
table("page_number: a whole number ≥ 0", [
  ...paged.flatMap(([name, f]) => [
    [`${name} -1`, "page_number", (c) => f(c, { page_number: -1 })],
    [`${name} 1.5`, "page_number", (c) => f(c, { page_number: 1.5 })],
  ]),
  ["waba.listTemplates page -1", "page", (c) => c.waba.listTemplates(WABA, { page: -1 })],
  ["waba.listTemplates page 0.5", "page", (c) => c.waba.listTemplates(WABA, { page: 0.5 })],
]);

// Non-finite numbers cannot be JSON. Turned into null they would mean "absent" — and for #18,
// `url: null` means "remove the picture" — so they are refused.
table("non-finite numbers are refused, not sent as null", [
  ["numbers.list page_number NaN", "page_number", (c) => c.numbers.list({ page_number: Number.NaN })],
  ["contacts.list results_per_page NaN", "results_per_page", (c) => c.contacts.list({ results_per_page: Number.NaN })],
  ["voice.createAccessToken ttl Infinity", "ttl", (c) => c.voice.createAccessToken({ user_uuid: SEED.USER_UUID, ttl: Infinity })],
  ["profile.setPicture url NaN (would remove the picture)", "url", (c) => c.profile.setPicture(PY, { url: Number.NaN })],
  // An `undefined` property is absent, as in JSON.stringify; for #18 it must not become null ("remove").
  ["profile.setPicture url undefined (would remove the picture)", "url", (c) => c.profile.setPicture(PY, { url: undefined })],
  ["catalog.deleteProductImage index NaN", "imageIndex", (c) => c.catalog.deleteProductImage("123", Number.NaN, FROM)],
  ["groups.get(NaN)", "groupUuid", (c) => c.groups.get(Number.NaN)],
]);

table("enumerations", [
  ["calls.history direction sideways", "direction", (c) => c.calls.history({ direction: "sideways" })],
  ["calls.history direction I (the response's code, not the query's)", "direction", (c) => c.calls.history({ direction: "I" })],
  ["calls.history direction Inbound (case)", "direction", (c) => c.calls.history({ direction: "Inbound" })],
  ["webhooks.subscribe time_period decade", "time_period", (c) =>
    c.webhooks.subscribe("whatsapp.conversation.new", { hook_url: HOOK, on_number: PY, time_period: "decade" })],
  ["webhooks.subscribe time_period on another event", "time_period", (c) =>
    c.webhooks.subscribe("whatsapp.message.received", { hook_url: HOOK, on_number: PY, time_period: "day" })],
  ["webhooks.subscribe to_group_uuid on a non-group event", "to_group_uuid", (c) =>
    c.webhooks.subscribe("whatsapp.message.received", { hook_url: HOOK, on_number: PY, to_group_uuid: GROUP })],
  ["webhooks.subscribe unknown event", "eventName", (c) => c.webhooks.subscribe("whatsapp.nope", { hook_url: HOOK, on_number: PY })],
  ["webhooks.subscribe call event with on_number", "on_number", (c) => c.webhooks.subscribe("call.status.update", { hook_url: HOOK, on_number: PY })],
  ["webhooks.subscribe call event without channel_uuid", "channel_uuid", (c) => c.webhooks.subscribe("call.status.update", { hook_url: HOOK })],
  ["webhooks.subscribe WhatsApp event with channel_uuid only", "on_number", (c) =>
    c.webhooks.subscribe("whatsapp.message.received", { hook_url: HOOK, channel_uuid: PY_UUID })],
  ["webhooks.subscribe hook_url not http(s)", "hook_url", (c) => c.webhooks.subscribe("whatsapp.message.received", { hook_url: "ftp://x", on_number: PY })],
  ["numbers.list status online", "status", (c) => c.numbers.list({ status: "online" })],
  ["contacts.create detail type X", "contact_detail[0].type", (c) => c.contacts.create({ first_name: "A", contact_detail: [{ type: "X", value: "v" }] })],
  ["contacts.create email without @", "contact_detail[0].value", (c) => c.contacts.create({ first_name: "A", contact_detail: [{ type: "E", value: "ana.example.com" }] })],
  ["waba interactive type carousel", "payload.interactive.type", (c) => c.waba.sendMessage({ ...tpl, payload: { interactive: { type: "carousel" } } })],
]);

table("required fields", [
  ["channels.create without friendly_name", "friendly_name", (c) => c.channels.create({ phone_number: "+12025550188" })],
  ["channels.create without phone_number", "phone_number", (c) => c.channels.create({ friendly_name: "x" })],
  ["contacts.search without a term", "query", (c) => c.contacts.search({ page_number: 0 })],
  ["contacts.search with a blank term", "query", (c) => c.contacts.search({ query: "  " })],
  ["contacts.search with query and q", "q", (c) => c.contacts.search({ query: "a", q: "b" })],
  ["contacts.search without params", "params", (c) => c.contacts.search()],
  ["contacts.create without first_name", "first_name", (c) => c.contacts.create({ contact_detail: [{ type: "PH", value: MX }] })],
  ["contacts.create without details", "contact_detail", (c) => c.contacts.create({ first_name: "A" })],
  ["contacts.create with an empty detail list", "contact_detail", (c) => c.contacts.create({ first_name: "A", contact_detail: [] })],
  ["contacts.create with both spellings", "contact_details", (c) =>
    c.contacts.create({ first_name: "A", contact_detail: [{ type: "PH", value: MX }], contact_details: [{ type: "PH", value: MX }] })],
  ["contacts.update with no fields", "params", (c) => c.contacts.update("CON1", {})],
  ["contacts.update with only nulls", "params", (c) => c.contacts.update("CON1", { last_name: null })],
  ["contacts.update first_name null", "first_name", (c) => c.contacts.update("CON1", { first_name: null })],
  ["sms.send without text", "text", (c) => c.sms.send({ from_number: SEED.SMS, to_number: MX })],
  ["sms.send with a blank text", "text", (c) => c.sms.send({ from_number: SEED.SMS, to_number: MX, text: "" })],
  ["phoneNumbers.regions without country", "country", (c) => c.phoneNumbers.regions({})],
  ["phoneNumbers.regions with USA", "country", (c) => c.phoneNumbers.regions({ country: "USA" })],
  ["phoneNumbers.regions without params", "params", (c) => c.phoneNumbers.regions()],
  ["phoneNumbers.cities with country 1", "country", (c) => c.phoneNumbers.cities({ country: 1 })],
  ["phoneNumbers.requirements with country U1", "country", (c) => c.phoneNumbers.requirements({ country: "U1" })],
  ["phoneNumbers.searchGroups without country", "country", (c) => c.phoneNumbers.searchGroups({ did_type: "local" })],
  ["phoneNumbers.searchGroups region_id -1", "region_id", (c) => c.phoneNumbers.searchGroups({ country: "US", region_id: -1 })],
  ["phoneNumbers.available without group_id", "group_id", (c) => c.phoneNumbers.available({ number_contains: "555" })],
  ["phoneNumbers.available number_contains letters", "number_contains", (c) => c.phoneNumbers.available({ group_id: 1, number_contains: "CAFE" })],
  ["phoneNumbers.reserve without group_id", "group_id", (c) => c.phoneNumbers.reserve({ number: "+12025550123" })],
  ["phoneNumbers.purchase group_id as an object", "group_id", (c) => c.phoneNumbers.purchase({ group_id: {} })],
  ["catalog.createProduct without image_url", "product.image_url", (c) => c.catalog.createProduct({ from_number: PY, product: { name: "Chipa" } })],
  ["catalog.createProduct without name", "product.name", (c) => c.catalog.createProduct({ from_number: PY, product: { image_url: URL_ } })],
  ["catalog.createProduct price as a number", "product.price", (c) => c.catalog.createProduct({ from_number: PY, product: { name: "x", image_url: URL_, price: 10 } })],
  ["catalog.createProduct without product", "product", (c) => c.catalog.createProduct({ from_number: PY })],
  ["catalog.updateProduct name null", "product.name", (c) => c.catalog.updateProduct("123", { from_number: PY, product: { name: null } })],
  ["catalog.updateProduct image_url null", "product.image_url", (c) => c.catalog.updateProduct("123", { from_number: PY, product: { image_url: null } })],
  ["catalog.addProductImages with 3", "product.image_urls", (c) => c.catalog.addProductImages("123", { from_number: PY, product: { image_urls: [URL_, URL_, URL_] } })],
  ["catalog.addProductImages with a non-URL", "product.image_urls[0]", (c) => c.catalog.addProductImages("123", { from_number: PY, product: { image_urls: ["x"] } })],
  ["catalog.deleteProductImage index 0", "imageIndex", (c) => c.catalog.deleteProductImage("123", 0, FROM)],
  ["catalog.deleteProductImage index -1", "imageIndex", (c) => c.catalog.deleteProductImage("123", -1, FROM)],
  ["catalog.deleteProductImage index 1.5", "imageIndex", (c) => c.catalog.deleteProductImage("123", 1.5, FROM)],
  ["catalog.deleteProductImage index missing", "imageIndex", (c) => c.catalog.deleteProductImage("123", undefined, FROM)],
  ["catalog.deleteProductImage without from_number", "from_number", (c) => c.catalog.deleteProductImage("123", 1, {})],
  ["catalog.deleteProduct without params", "params", (c) => c.catalog.deleteProduct("123")],
  ["catalog.createCollection without product_ids", "collection.product_ids", (c) => c.catalog.createCollection({ from_number: PY, collection: { name: "c" } })],
  ["catalog.updateCollection with neither add nor remove ids", "collection.add_product_ids", (c) =>
    c.catalog.updateCollection("1051239876543210", { from_number: PY, collection: {} })],
  ["catalog.updateCollection with two empty lists", "collection.add_product_ids", (c) =>
    c.catalog.updateCollection("1051239876543210", { from_number: PY, collection: { add_product_ids: [], remove_product_ids: [] } })],
  ["catalog.updateCollection with a bad id", "collection.remove_product_ids[0]", (c) =>
    c.catalog.updateCollection("1051239876543210", { from_number: PY, collection: { remove_product_ids: [null] } })],
  ["profile.setPicture without url", "url", (c) => c.profile.setPicture(PY, {})],
  ["profile.setPicture url not http(s)", "url", (c) => c.profile.setPicture(PY, { url: "javascript:alert(1)" })],
  ["profile.setPicture url as a number", "url", (c) => c.profile.setPicture(PY, { url: 1 })],
  ["profile.setStatus without status", "status", (c) => c.profile.setStatus(PY, {})],
  ["status.postText with a bad backgroundColor", "params.backgroundColor", (c) => c.status.postText(PY, { text: "hi", params: { backgroundColor: "red" } })],
  ["status.postText with backgroundColor #12345", "params.backgroundColor", (c) => c.status.postText(PY, { text: "hi", params: { backgroundColor: "#12345" } })],
  ["status.postText with font 1.5", "params.font", (c) => c.status.postText(PY, { text: "hi", params: { font: 1.5 } })],
  ["status.postText without text", "text", (c) => c.status.postText(PY, { params: { backgroundColor: "#fff" } })],
  ["status.postText params as a string", "params", (c) => c.status.postText(PY, { text: "hi", params: "#fff" })],
  ["status.postImage without image_url", "image_url", (c) => c.status.postImage(PY, {})],
  ["numbers.check extra_information as a string", "extra_information", (c) => c.numbers.check(PY, MX, { extra_information: "yes" })],
  ["conversations.list phone_number of 2 digits", "phone_number", (c) => c.conversations.list(PY_UUID, { phone_number: "12" })],
  ["conversations.list phone_number with letters", "phone_number", (c) => c.conversations.list(PY_UUID, { phone_number: "55abc" })],
]);

table("E.164 numbers in paths", [
  ["numbers.check from without +", "fromNumber", (c) => c.numbers.check("595981048477", "+12025550123")],
  ["numbers.check target with spaces", "numberToCheck", (c) => c.numbers.check(PY, "+1 202 555 0123")],
  ["numbers.check target too short", "numberToCheck", (c) => c.numbers.check(PY, "+1234567")],
  ["messages.list number with a leading 0", "number", (c) => c.messages.list("+0595981048477")],
  ["messages.list remote_number too long", "remote_number", (c) => c.messages.list(PY, { remote_number: "+1234567890123456" })],
  ["profile.setPicture number", "number", (c) => c.profile.setPicture("0981048477", { url: URL_ })],
  ["profile.setStatus number", "number", (c) => c.profile.setStatus("+59598104847a", { status: "x" })],
  ["status.postText number", "number", (c) => c.status.postText("595981048477", { text: "hi" })],
  ["status.postImage number", "number", (c) => c.status.postImage("+", { image_url: URL_ })],
  ["groups.list number", "number", (c) => c.groups.list("+595 981 048477")],
  ["catalog.listProducts from", "fromNumber", (c) => c.catalog.listProducts("595981048477")],
  ["catalog.listProducts target_number", "target_number", (c) => c.catalog.listProducts(PY, { target_number: "5215512345432" })],
  ["catalog.listCollections from", "fromNumber", (c) => c.catalog.listCollections("++595981048477")],
  ["catalog.listCollections target_number", "target_number", (c) => c.catalog.listCollections(PY, { target_number: "+52/1551" })],
  ["waba.listTemplates phone number without +", "phoneNumber", (c) => c.waba.listTemplates("16173518454")],
  ["waba.syncTemplates phone number", "phoneNumber", (c) => c.waba.syncTemplates("+1617351845x")],
]);

table("E.164 numbers in bodies", [
  ["messages.send from_number", "from_number", (c) => c.messages.send({ from_number: "595981048477", to_number: MX, text: "x" })],
  ["messages.send to_number", "to_number", (c) => c.messages.send({ from_number: PY, to_number: "5512345432", text: "x" })],
  ["channels.create phone_number", "phone_number", (c) => c.channels.create({ phone_number: "2025550188", friendly_name: "x" })],
  ["groups.create from_number", "from_number", (c) => c.groups.create({ from_number: "PY", group: { name: "g", participants: ten } })],
  ["groups.create a participant", "group.participants[1]", (c) => c.groups.create({ from_number: PY, group: { name: "g", participants: [MX, "5215512345432"] } })],
  ["groups.addParticipants a participant", "participants[0]", (c) => c.groups.addParticipants(GROUP, { from_number: PY, participants: [12025550123] })],
  ["groups.removeParticipants from_number", "from_number", (c) => c.groups.removeParticipants(GROUP, { from_number: "+1", participants: [MX] })],
  ["groups.setDescription from_number", "from_number", (c) => c.groups.setDescription(GROUP, { from_number: "x", description: "d" })],
  ["sms.send from_number", "from_number", (c) => c.sms.send({ from_number: "14155550199", to_number: MX, text: "x" })],
  ["sms.send to_number", "to_number", (c) => c.sms.send({ from_number: SEED.SMS, to_number: "+52 1 55 1234 5432", text: "x" })],
  ["contacts.create a PH detail", "contact_detail[0].value", (c) => c.contacts.create({ first_name: "A", contact_detail: [{ type: "PH", value: "5512345432" }] })],
  ["contacts.update a WAPH detail", "contact_details[0].value", (c) => c.contacts.update("CON1", { contact_details: [{ type: "WAPH", value: "+0" }] })],
  ["webhooks.subscribe on_number", "on_number", (c) => c.webhooks.subscribe("whatsapp.message.received", { hook_url: HOOK, on_number: "595981048477" })],
  ["catalog.createProduct from_number", "from_number", (c) => c.catalog.createProduct({ from_number: "595981048477", product: { name: "x", image_url: URL_ } })],
  ["catalog.deleteProduct from_number", "from_number", (c) => c.catalog.deleteProduct("123", { from_number: "595981048477" })],
  ["catalog.deleteCollection from_number", "from_number", (c) => c.catalog.deleteCollection("123", { from_number: "" })],
  ["catalog.createCollection from_number", "from_number", (c) => c.catalog.createCollection({ from_number: 595981048477, collection: { name: "c", product_ids: ["1"] } })],
]);

// Every method that puts a caller-supplied id into the path, with valid other arguments.
const idMethods = [
  ["channels.get", "channelUuid", (c, id) => c.channels.get(id)],
  ["channels.status", "channelUuid", (c, id) => c.channels.status(id)],
  ["channels.connect", "channelUuid", (c, id) => c.channels.connect(id)],
  ["channels.disconnect", "channelUuid", (c, id) => c.channels.disconnect(id)],
  ["channels.delete", "channelUuid", (c, id) => c.channels.delete(id)],
  ["conversations.list", "channelUuid", (c, id) => c.conversations.list(id, { page_number: 0 })],
  ["messages.get session key", "sessionKey", (c, id) => c.messages.get(id, SEED.MESSAGE_UUID)],
  ["messages.get uuid", "messageUuid", (c, id) => c.messages.get(SEED.SESSION_KEY, id)],
  ["messages.delete session key", "sessionKey", (c, id) => c.messages.delete(id, SEED.MESSAGE_UUID)],
  ["messages.delete uuid", "messageUuid", (c, id) => c.messages.delete(SEED.SESSION_KEY, id)],
  ["groups.get", "groupUuid", (c, id) => c.groups.get(id)],
  ["groups.addParticipants", "groupUuid", (c, id) => c.groups.addParticipants(id, groupOk)],
  ["groups.removeParticipants", "groupUuid", (c, id) => c.groups.removeParticipants(id, groupOk)],
  ["groups.promoteParticipants", "groupUuid", (c, id) => c.groups.promoteParticipants(id, groupOk)],
  ["groups.demoteParticipants", "groupUuid", (c, id) => c.groups.demoteParticipants(id, groupOk)],
  ["groups.setDescription", "groupUuid", (c, id) => c.groups.setDescription(id, { from_number: PY, description: "d" })],
  ["groups.setPicture", "groupUuid", (c, id) => c.groups.setPicture(id, { from_number: PY, url: URL_ })],
  ["groups.messages", "groupUuid", (c, id) => c.groups.messages(id)],
  ["catalog.updateProduct", "productId", (c, id) => c.catalog.updateProduct(id, { from_number: PY, product: { description: "d" } })],
  ["catalog.deleteProduct", "productId", (c, id) => c.catalog.deleteProduct(id, FROM)],
  ["catalog.addProductImages", "productId", (c, id) => c.catalog.addProductImages(id, { from_number: PY, product: { image_urls: [URL_] } })],
  ["catalog.deleteProductImage", "productId", (c, id) => c.catalog.deleteProductImage(id, 1, FROM)],
  ["catalog.updateCollection", "collectionId", (c, id) => c.catalog.updateCollection(id, { from_number: PY, collection: { add_product_ids: ["1"] } })],
  ["catalog.deleteCollection", "collectionId", (c, id) => c.catalog.deleteCollection(id, FROM)],
  ["contacts.get", "contactUuid", (c, id) => c.contacts.get(id)],
  ["contacts.update", "contactUuid", (c, id) => c.contacts.update(id, { last_name: "L" })],
  ["contacts.delete", "contactUuid", (c, id) => c.contacts.delete(id)],
  ["webhooks.list channel_uuid", "channel_uuid", (c, id) => c.webhooks.list({ channel_uuid: id })],
  ["webhooks.delete", "webhookUuid", (c, id) => c.webhooks.delete(id)],
  ["webhooks.subscribe event name", "eventName", (c, id) => c.webhooks.subscribe(id, { hook_url: HOOK, on_number: PY })],
  ["waba.getNumber", "wabaUuid", (c, id) => c.waba.getNumber(id)],
  ["waba.deleteTemplate", "templateUuid", (c, id) => c.waba.deleteTemplate(id)],
  ["calls.get", "callUuid", (c, id) => c.calls.get(id)],
  ["calls.deleteVirtualNumber", "virtualNumberUuid", (c, id) => c.calls.deleteVirtualNumber(id)],
  ["phoneNumbers.cancelReservation", "reservationUuid", (c, id) => c.phoneNumbers.cancelReservation(id)],
];
const traversal = ["../x", "a/b", "..", "%2F", ".", "..%2Fadmin", "a\\b", "a?b=1", "a#frag", "a b", "line\nbreak", ""];
table("path-traversal ids are refused for every method taking an id",
  idMethods.flatMap(([name, field, f]) => traversal.map((bad) => [`${name}(${JSON.stringify(bad)})`, field, (c) => f(c, bad)])));

// #38's index also lands in the path.
table("catalog.deleteProductImage: the index is a path segment too", [
  ["index '../1'", "imageIndex", (c) => c.catalog.deleteProductImage("123", "../1", FROM)],
  ["index '1/2'", "imageIndex", (c) => c.catalog.deleteProductImage("123", "1/2", FROM)],
  ["index '%31'", "imageIndex", (c) => c.catalog.deleteProductImage("123", "%31", FROM)],
]);

table("wrong JS types and missing arguments", [
  ["a number for a group uuid", "groupUuid", (c) => c.groups.get(12)],
  ["a number for a channel uuid", "channelUuid", (c) => c.channels.get(42)],
  ["a number for a contact uuid", "contactUuid", (c) => c.contacts.delete(7)],
  ["a boolean for a webhook uuid", "webhookUuid", (c) => c.webhooks.delete(true)],
  ["an object for a call uuid", "callUuid", (c) => c.calls.get({ uuid: "CDR1" })],
  ["an array for a template uuid", "templateUuid", (c) => c.waba.deleteTemplate(["TMP1"])],
  ["a number for a product id", "productId", (c) => c.catalog.deleteProduct(6562709013816345, FROM)],
  ["a number for a phone number", "number", (c) => c.groups.list(595981048477)],
  ["a number for a session key", "sessionKey", (c) => c.messages.get(1, SEED.MESSAGE_UUID)],
  ["an array for params (contacts.list)", "params", (c) => c.contacts.list([1])],
  ["an array for params (messages.send)", "params", (c) => c.messages.send([{ from_number: PY, to_number: MX, text: "x" }])],
  ["an array for params (numbers.list)", "params", (c) => c.numbers.list(["connected"])],
  ["a string for params (calls.history)", "params", (c) => c.calls.history("inbound")],
  ["a number for params (phoneNumbers.purchase)", "params", (c) => c.phoneNumbers.purchase(5)],
  ["a Date for params", "params", (c) => c.contacts.list(new Date())],
  ["a Map for params", "params", (c) => c.numbers.list(new Map([["status", "all"]]))],
  ["a function for params", "params", (c) => c.calls.history(() => ({}))],
  ["a symbol for a uuid", "groupUuid", (c) => c.groups.get(Symbol("g"))],
  ["a bigint for a uuid", "callUuid", (c) => c.calls.get(10n)],
  ["a blank group uuid", "groupUuid", (c) => c.groups.get("   ")],
  // `;` starts path parameters on some servers and proxies: "..;" climbs a level there.
  ["a contact uuid of '..;'", "contactUuid", (c) => c.contacts.get("..;")],
  ["a group uuid with ';'", "groupUuid", (c) => c.groups.get("a;b")],
  ["a session key with ';'", "sessionKey", (c) => c.messages.get("WW-1@c.us;x=1", SEED.MESSAGE_UUID)],
  ["groups.get()", "groupUuid", (c) => c.groups.get()],
  ["groups.get(null)", "groupUuid", (c) => c.groups.get(null)],
  ["channels.status()", "channelUuid", (c) => c.channels.status()],
  ["numbers.check(from) without the number to check", "numberToCheck", (c) => c.numbers.check(PY)],
  ["numbers.check()", "fromNumber", (c) => c.numbers.check()],
  ["messages.list()", "number", (c) => c.messages.list()],
  ["messages.get(key) without the uuid", "messageUuid", (c) => c.messages.get(SEED.SESSION_KEY)],
  ["messages.send()", "params", (c) => c.messages.send()],
  ["channels.create()", "params", (c) => c.channels.create()],
  ["groups.create()", "params", (c) => c.groups.create()],
  ["groups.addParticipants(uuid)", "params", (c) => c.groups.addParticipants(GROUP)],
  ["contacts.create()", "params", (c) => c.contacts.create()],
  ["contacts.update(uuid)", "params", (c) => c.contacts.update("CON1")],
  ["webhooks.subscribe()", "eventName", (c) => c.webhooks.subscribe()],
  ["webhooks.subscribe(event)", "params", (c) => c.webhooks.subscribe("whatsapp.message.received")],
  ["profile.setPicture(number)", "params", (c) => c.profile.setPicture(PY)],
  ["status.postImage(number)", "params", (c) => c.status.postImage(PY)],
  ["catalog.createProduct()", "params", (c) => c.catalog.createProduct()],
  ["catalog.deleteCollection(id)", "params", (c) => c.catalog.deleteCollection("1051239876543210")],
  ["waba.sendMessage()", "params", (c) => c.waba.sendMessage()],
  ["waba.getNumber()", "wabaUuid", (c) => c.waba.getNumber()],
  ["waba.listTemplates()", "phoneNumber", (c) => c.waba.listTemplates()],
  ["sms.send()", "params", (c) => c.sms.send()],
  ["phoneNumbers.cities()", "params", (c) => c.phoneNumbers.cities()],
  ["phoneNumbers.available()", "params", (c) => c.phoneNumbers.available()],
  ["phoneNumbers.reserve()", "params", (c) => c.phoneNumbers.reserve()],
  ["phoneNumbers.cancelReservation()", "reservationUuid", (c) => c.phoneNumbers.cancelReservation()],
  ["calls.deleteVirtualNumber()", "virtualNumberUuid", (c) => c.calls.deleteVirtualNumber()],
  ["voice.createAccessToken(user uuid string)", "params", (c) => c.voice.createAccessToken(SEED.USER_UUID)],
  ["contacts.create last_name as a number", "last_name", (c) => c.contacts.create({ first_name: "A", last_name: 5, contact_detail: [{ type: "PH", value: MX }] })],
  ["contacts.list channel_uuid as a number", "channel_uuid", (c) => c.contacts.list({ channel_uuid: 5 })],
  ["options not an object", "options", (c) => c.account.info(5)],
  ["an unknown per-call option", "retries", (c) => c.users.list({ retries: 3 })],
  ["a per-call timeoutMs of 0", "timeoutMs", (c) => c.waba.listNumbers({ timeoutMs: 0 })],
  ["a per-call header with a line break", "headers.x-trace", (c) => c.phoneNumbers.didTypes({ headers: { "x-trace": "a\r\nx-user-api-key: stolen" } })],
  ["a per-call signal that is not an AbortSignal", "signal", (c) => c.phoneNumbers.listReservations({ signal: {} })],
]);
