// Every one of the 75 endpoints of the 2Chat contract, called through the built package against
// twochat-mock, with the request the mock received checked exactly: method, raw path (numbers keep
// their literal `+`), raw query (a `+` travels as `%2B`), JSON body, endpoint id and API key.
// Each test has its own account, so request logs never mix. The last suite checks that the
// endpoint table, the client's methods and these tests cover the same 75 endpoints.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { endpoints } from "../../pkg/index.mjs";
import { SEED, Session, clientFor, keysUsed, received, register } from "./mock.mjs";
import { DATA, fill, runSetup } from "./support/endpoint-rows.mjs";

const { PY, PY_UUID, MX, MX_UUID, GROUP, WABA, WABA_UUID, SMS, PRODUCT_IDS, COLLECTION_ID } = SEED;
const HOOK = "https://hooks.example.com/2chat/inbox";
const IMG = "https://cdn.example.com/pics/avatar.jpg";

const prefixed = (value, prefix) => assert.ok(typeof value === "string" && value.startsWith(prefix), `${JSON.stringify(value)} should start with ${prefix}`);

// ---------------------------------------------------------------------------------------------
describe("account (#1, #2)", () => {
  test("#1 ping is outside /open; #2 info returns the account", async () => {
    const s = await Session.open();
    const ping = await s.call(s.client.account.ping(), { method: "GET", path: "/ping", endpoint: 1 });
    assert.equal(ping.success, true);
    const info = await s.call(s.client.account.info(), { method: "GET", path: "/open/info", endpoint: 2 });
    assert.equal(info.success, true);
    prefixed(info.account.uuid, "ACC");
    assert.equal(typeof info.limits.requests_per_minute, "number");
    assert.equal(typeof info.usage.api_request_count, "number");
  });
});

describe("users and voice (#3, #4)", () => {
  test("#3 lists users; #4 mints a Voice SDK token for one (outside /open)", async () => {
    const s = await Session.open();
    const users = await s.call(s.client.users.list(), { method: "GET", path: "/open/users", endpoint: 3 });
    assert.equal(users.success, true);
    assert.ok(users.data.users.length > 0);
    const user = users.data.users[0];
    prefixed(user.uuid, "USR");
    const token = await s.call(s.client.voice.createAccessToken({ user_uuid: user.uuid, label: "desk 4", ttl: 600 }), {
      method: "POST", path: "/sdk/voip/access-token", endpoint: 4, body: { user_uuid: user.uuid, label: "desk 4", ttl: 600 },
    });
    assert.equal(token.success, true);
    assert.equal(token.token.split(".").length, 3, "a JWT");
    assert.equal(token.user_uuid, user.uuid);
    assert.equal(token.label, "desk 4");
    assert.match(token.expires_at, /\+00:00$/);
  });

  test("#4 without label or ttl sends only user_uuid", async () => {
    const s = await Session.open();
    const token = await s.call(s.client.voice.createAccessToken({ user_uuid: SEED.USER_UUID }), {
      method: "POST", path: "/sdk/voip/access-token", endpoint: 4, body: { user_uuid: SEED.USER_UUID },
    });
    assert.equal(token.label, null);
  });
});

describe("numbers (#5, #11)", () => {
  test("#5 get-numbers with status and paging in the query", async () => {
    const s = await Session.open();
    const all = await s.call(s.client.numbers.list(), { method: "GET", path: "/open/whatsapp/get-numbers", endpoint: 5 });
    assert.ok(all.numbers.some((n) => n.phone_number === PY && n.uuid === PY_UUID));
    const page = await s.call(s.client.numbers.list({ status: "connected", page_number: 0, results_per_page: 1 }), {
      method: "GET", path: "/open/whatsapp/get-numbers", query: "status=connected&page_number=0&results_per_page=1", endpoint: 5,
    });
    assert.equal(page.numbers.length, 1);
    assert.equal(page.numbers[0].connection_status, "C");
    prefixed(page.numbers[0].uuid, "WPN");
  });

  test("#11 check-number keeps a literal + in both path numbers", async () => {
    const s = await Session.open();
    const plain = await s.call(s.client.numbers.check(PY, "+12025550123"), {
      method: "GET", path: "/open/whatsapp/check-number/+595981048477/+12025550123", endpoint: 11,
    });
    assert.equal(plain.is_valid, true);
    assert.equal(plain.on_whatsapp, true);
    assert.equal(plain.number.iso_country_code, "US");
    assert.equal(plain.whatsapp_info, undefined);
    const extra = await s.call(s.client.numbers.check(PY, "+12025550123", { extra_information: true }), {
      method: "GET", path: "/open/whatsapp/check-number/+595981048477/+12025550123", query: "extra-information=true", endpoint: 11,
    });
    assert.equal(typeof extra.whatsapp_info.is_business, "boolean");
    const absent = await s.call(s.client.numbers.check(PY, "+12025550000", { extra_information: false }), {
      method: "GET", path: "/open/whatsapp/check-number/+595981048477/+12025550000", endpoint: 11,
    });
    assert.equal(absent.on_whatsapp, false);
  });
});

describe("channels (#6–#10)", () => {
  test("#6 get and #8 status of a connected channel", async () => {
    const s = await Session.open();
    const got = await s.call(s.client.channels.get(PY_UUID), { method: "GET", path: `/open/whatsapp/channel/${PY_UUID}`, endpoint: 6 });
    assert.equal(got.channel.uuid, PY_UUID);
    assert.equal(got.channel.phone_number, PY);
    const status = await s.call(s.client.channels.status(PY_UUID), { method: "GET", path: `/open/whatsapp/channel/${PY_UUID}/status`, endpoint: 8 });
    assert.equal(status.connection_status, "C");
    assert.equal(status.qr_code, undefined);
  });

  test("#7 create → #8 status (QR) → #9 disconnect / connect → #10 delete", async () => {
    const s = await Session.open();
    const created = await s.call(s.client.channels.create({ phone_number: "+12025550188", friendly_name: "e2e line" }), {
      method: "POST", path: "/open/whatsapp/channel/create", endpoint: 7, body: { phone_number: "+12025550188", friendly_name: "e2e line" },
    });
    const uuid = created.channel.uuid;
    prefixed(uuid, "WPN");
    assert.equal(created.channel.connection_status, "D");
    const base = `/open/whatsapp/channel/${uuid}`;
    const waiting = await s.call(s.client.channels.status(uuid), { method: "GET", path: `${base}/status`, endpoint: 8 });
    assert.equal(typeof waiting.qr_code, "string");
    assert.deepEqual(await s.call(s.client.channels.disconnect(uuid), { method: "POST", path: `${base}/disconnect`, endpoint: 9 }), { success: true });
    const off = await s.call(s.client.channels.status(uuid), { method: "GET", path: `${base}/status`, endpoint: 8 });
    assert.equal(off.qr_code, undefined);
    assert.deepEqual(await s.call(s.client.channels.connect(uuid), { method: "POST", path: `${base}/connect`, endpoint: 9 }), { success: true });
    assert.deepEqual(await s.call(s.client.channels.delete(uuid), { method: "DELETE", path: base, endpoint: 10 }), { success: true });
    await s.fails(s.client.channels.get(uuid), { method: "GET", path: base, endpoint: 6 }, { code: "not_found", status: 404 });
  });
});

describe("messages and conversations (#12–#17)", () => {
  test("#12 a text to a number", async () => {
    const s = await Session.open();
    const sent = await s.call(s.client.messages.send({ from_number: PY, to_number: MX, text: "hola 👋" }), {
      method: "POST", path: "/open/whatsapp/send-message", endpoint: 12, body: { from_number: PY, to_number: MX, text: "hola 👋" },
    });
    assert.equal(sent.success, true);
    prefixed(sent.message_uuid, "MSG");
  });

  test("#12 a location pin (coordinates as strings) to a group, with the empty text 2Chat expects", async () => {
    const s = await Session.open();
    const pin = { latitude: "-25.2637", longitude: "-57.5759", name: "Asunción" };
    const sent = await s.call(s.client.messages.send({ from_number: PY, to_group_uuid: GROUP, pin }), {
      method: "POST", path: "/open/whatsapp/send-message", endpoint: 12, body: { from_number: PY, to_group_uuid: GROUP, pin, text: "" },
    });
    prefixed(sent.message_uuid, "MSG");
  });

  test("#12 media by url", async () => {
    const s = await Session.open();
    const url = "https://cdn.example.com/files/menu.pdf";
    const sent = await s.call(s.client.messages.send({ from_number: PY, to_number: MX, url, text: "our menu" }), {
      method: "POST", path: "/open/whatsapp/send-message", endpoint: 12, body: { from_number: PY, to_number: MX, url, text: "our menu" },
    });
    prefixed(sent.message_uuid, "MSG");
  });

  test("#12 send → #13 list → #14 list with a remote number → #15 get → #16 delete", async () => {
    const s = await Session.open();
    const sent = await s.call(s.client.messages.send({ from_number: PY, to_number: MX, text: "to be deleted" }), {
      method: "POST", path: "/open/whatsapp/send-message", endpoint: 12, body: { from_number: PY, to_number: MX, text: "to be deleted" },
    });
    const all = await s.call(s.client.messages.list(PY), { method: "GET", path: "/open/whatsapp/messages/+595981048477", endpoint: 13 });
    assert.equal(all.messages[0].uuid, sent.message_uuid, "newest first");
    const withMx = await s.call(s.client.messages.list(PY, { remote_number: MX, page_number: 0 }), {
      method: "GET", path: "/open/whatsapp/messages/+595981048477/+5215512345432", query: "page_number=0", endpoint: 14,
    });
    assert.equal(withMx.page_number, 0);
    const mine = withMx.messages.find((m) => m.uuid === sent.message_uuid);
    assert.ok(mine, "the sent message is listed");
    assert.ok(withMx.messages.every((m) => m.remote_phone_number === MX));
    const key = mine.session_key;
    assert.equal(key, `WW-${PY_UUID}-5215512345432@c.us`);
    const path = `/open/whatsapp/message/${key}/${sent.message_uuid}`; // '@' stays literal
    const one = await s.call(s.client.messages.get(key, sent.message_uuid), { method: "GET", path, endpoint: 15 });
    assert.equal(one.message.uuid, sent.message_uuid);
    assert.equal(one.message.message.text, "to be deleted");
    assert.equal(typeof one.message.wa_msg_ack, "number");
    const deleted = await s.call(s.client.messages.delete(key, sent.message_uuid), { method: "DELETE", path, endpoint: 16 });
    assert.equal(deleted.message_uuid, sent.message_uuid);
    assert.equal(typeof deleted.whatsapp_message_id, "string");
    await s.fails(s.client.messages.get(key, sent.message_uuid), { method: "GET", path, endpoint: 15 }, { code: "not_found", status: 404 });
  });

  test("#17 conversations of a channel, searched by a number with its + (%2B in the query)", async () => {
    const s = await Session.open();
    const page = await s.call(s.client.conversations.list(PY_UUID, { page_number: 0, phone_number: "+52155" }), {
      method: "GET", path: `/open/whatsapp/conversations/${PY_UUID}`, query: "page_number=0&phone_number=%2B52155", endpoint: 17,
    });
    assert.equal(page.success, true);
    assert.equal(page.search_term, "+52155");
    assert.ok(page.total >= 1);
    assert.ok(page.sessions.some((x) => x.phone_number === MX));
    const plain = await s.call(s.client.conversations.list(PY_UUID), { method: "GET", path: `/open/whatsapp/conversations/${PY_UUID}`, endpoint: 17 });
    assert.ok(plain.total >= page.total);
  });
});

describe("profile and status (#18–#21)", () => {
  test("#18 set-profile-picture with a url, then url: null (sent as null) removes it", async () => {
    const s = await Session.open();
    const path = "/open/whatsapp/set-profile-picture/+595981048477";
    const set = await s.call(s.client.profile.setPicture(PY, { url: IMG }), { method: "POST", path, endpoint: 18, body: { url: IMG } });
    assert.equal(set.success, true);
    const shown = await s.call(s.client.channels.get(PY_UUID), { method: "GET", path: `/open/whatsapp/channel/${PY_UUID}`, endpoint: 6 });
    assert.equal(shown.channel.profile_pic_url, IMG);
    const removed = await s.call(s.client.profile.setPicture(PY, { url: null }), { method: "POST", path, endpoint: 18, body: { url: null } });
    assert.equal(removed.success, true);
    const log = await received(s.key);
    assert.equal(log.at(-1).body_text.replace(/\s/g, ""), '{"url":null}', "null is sent, not dropped");
    const gone = await s.call(s.client.channels.get(PY_UUID), { method: "GET", path: `/open/whatsapp/channel/${PY_UUID}`, endpoint: 6 });
    assert.equal(gone.channel.profile_pic_url, null);
  });

  test("#19 set-status", async () => {
    const s = await Session.open();
    const r = await s.call(s.client.profile.setStatus(MX, { status: "Open 9–18 🕘" }), {
      method: "POST", path: "/open/whatsapp/set-status/+5215512345432", endpoint: 19, body: { status: "Open 9–18 🕘" },
    });
    assert.equal(r.success, true);
  });

  test("#20 text status with params, #21 image status", async () => {
    const s = await Session.open();
    const body = { text: "Back at 3pm", params: { backgroundColor: "#1f2937", font: 2 } };
    const t = await s.call(s.client.status.postText(PY, body), { method: "POST", path: "/open/whatsapp/set-text-status/+595981048477", endpoint: 20, body });
    assert.equal(t.success, true);
    const i = await s.call(s.client.status.postImage(PY, { image_url: IMG }), {
      method: "POST", path: "/open/whatsapp/set-image-status/+595981048477", endpoint: 21, body: { image_url: IMG },
    });
    assert.equal(i.success, true);
    const ch = await s.call(s.client.channels.get(PY_UUID), { method: "GET", path: `/open/whatsapp/channel/${PY_UUID}`, endpoint: 6 });
    assert.equal(ch.channel.status_updates.length, 2);
  });
});

describe("groups (#22–#31)", () => {
  test("#22 list a number's groups, #23 get one with participants", async () => {
    const s = await Session.open();
    const list = await s.call(s.client.groups.list(PY), { method: "GET", path: "/open/whatsapp/groups/+595981048477", endpoint: 22 });
    assert.ok(list.data.some((g) => g.uuid === GROUP));
    const one = await s.call(s.client.groups.get(GROUP), { method: "GET", path: `/open/whatsapp/group/${GROUP}`, endpoint: 23 });
    assert.equal(one.data.uuid, GROUP);
    assert.match(one.data.wa_group_id, /@g\.us$/);
    assert.ok(one.data.participants.length > 0);
  });

  test("#24 create a group, then #23 get it", async () => {
    const s = await Session.open();
    const body = { from_number: PY, group: { name: "e2e group", description: "made by tests", participants: [MX, "+12025550123"] } };
    const created = await s.call(s.client.groups.create(body), { method: "POST", path: "/open/whatsapp/group/create", endpoint: 24, body });
    prefixed(created.group.uuid, "WAG");
    assert.deepEqual(created.group.accepted_numbers.sort(), [MX, "+12025550123"].sort());
    const got = await s.call(s.client.groups.get(created.group.uuid), { method: "GET", path: `/open/whatsapp/group/${created.group.uuid}`, endpoint: 23 });
    assert.equal(got.data.wa_group_name, "e2e group");
  });

  test("#25 add → #27 promote → #28 demote → #26 remove a participant", async () => {
    const s = await Session.open();
    const base = `/open/whatsapp/group/${GROUP}`;
    const body = { from_number: PY, participants: ["+12025550123"] };
    const added = await s.call(s.client.groups.addParticipants(GROUP, body), { method: "POST", path: `${base}/add-participant`, endpoint: 25, body });
    assert.equal(added.participants["+12025550123"].statusCode, 200);
    const promoted = await s.call(s.client.groups.promoteParticipants(GROUP, body), { method: "POST", path: `${base}/promote-participant`, endpoint: 27, body });
    assert.equal(promoted.success, true);
    let group = await s.call(s.client.groups.get(GROUP), { method: "GET", path: base, endpoint: 23 });
    assert.equal(group.data.participants.find((p) => p.phone_number === "+12025550123").wa_is_admin, true);
    const demoted = await s.call(s.client.groups.demoteParticipants(GROUP, body), { method: "POST", path: `${base}/demote-participant`, endpoint: 28, body });
    assert.equal(demoted.success, true);
    const removed = await s.call(s.client.groups.removeParticipants(GROUP, body), { method: "POST", path: `${base}/remove-participant`, endpoint: 26, body });
    assert.deepEqual(removed.participants.accepted_numbers, ["+12025550123"]);
    group = await s.call(s.client.groups.get(GROUP), { method: "GET", path: base, endpoint: 23 });
    assert.ok(!group.data.participants.some((p) => p.phone_number === "+12025550123"));
  });

  test("#29 set-description and #30 set-picture", async () => {
    const s = await Session.open();
    const base = `/open/whatsapp/group/${GROUP}`;
    const d = { from_number: PY, description: "rules: be kind" };
    assert.equal((await s.call(s.client.groups.setDescription(GROUP, d), { method: "POST", path: `${base}/set-description`, endpoint: 29, body: d })).success, true);
    const p = { from_number: PY, url: IMG };
    assert.equal((await s.call(s.client.groups.setPicture(GROUP, p), { method: "POST", path: `${base}/set-picture`, endpoint: 30, body: p })).success, true);
    const got = await s.call(s.client.groups.get(GROUP), { method: "GET", path: base, endpoint: 23 });
    assert.equal(got.data.wa_subject, "rules: be kind");
    assert.equal(got.data.profile_pic_url, IMG);
  });

  test("#31 a group's messages, with their authors", async () => {
    const s = await Session.open();
    const page = await s.call(s.client.groups.messages(GROUP, { page_number: 0 }), {
      method: "GET", path: `/open/whatsapp/groups/messages/${GROUP}`, query: "page_number=0", endpoint: 31,
    });
    assert.ok(page.messages.length > 0);
    assert.ok(page.messages.every((m) => typeof m.participant.phone_number === "string"));
  });
});

describe("catalog (#32–#43)", () => {
  const FROM = { from_number: PY };
  test("#32 / #33 products, own and another Business number's (from_number in the query as %2B)", async () => {
    const s = await Session.open();
    const own = await s.call(s.client.catalog.listProducts(PY), {
      method: "GET", path: "/open/whatsapp/catalog/products", query: "from_number=%2B595981048477", endpoint: 32,
    });
    assert.deepEqual(own.products.map((p) => p.id), PRODUCT_IDS);
    const other = await s.call(s.client.catalog.listProducts(PY, { target_number: MX }), {
      method: "GET", path: "/open/whatsapp/catalog/products/+5215512345432", query: "from_number=%2B595981048477", endpoint: 33,
    });
    assert.ok(Array.isArray(other.products));
  });

  test("#39 / #40 collections, own and another number's", async () => {
    const s = await Session.open();
    const own = await s.call(s.client.catalog.listCollections(PY), {
      method: "GET", path: "/open/whatsapp/catalog/collections", query: "from_number=%2B595981048477", endpoint: 39,
    });
    assert.equal(own.collections[0].id, COLLECTION_ID);
    assert.ok(Array.isArray(own.collections[0].products));
    const other = await s.call(s.client.catalog.listCollections(PY, { target_number: MX }), {
      method: "GET", path: "/open/whatsapp/catalog/collections/+5215512345432", query: "from_number=%2B595981048477", endpoint: 40,
    });
    assert.ok(Array.isArray(other.collections));
  });

  test("#34 create → #35 update → #37 add images → #38 delete an image → #36 delete (DELETEs carry a JSON body)", async () => {
    const s = await Session.open();
    const product = { name: "Sopa paraguaya", image_url: IMG, price: "18000", description: "cornbread" };
    const created = await s.call(s.client.catalog.createProduct({ from_number: PY, product }), {
      method: "POST", path: "/open/whatsapp/catalog/product", endpoint: 34, body: { from_number: PY, product },
    });
    const id = created.product.id;
    assert.match(id, /^\d+$/);
    const upd = { from_number: PY, product: { description: "baked cornbread", price: "19000" } };
    const updated = await s.call(s.client.catalog.updateProduct(id, upd), { method: "PUT", path: `/open/whatsapp/catalog/product/${id}`, endpoint: 35, body: upd });
    assert.equal(updated.product.price, "19000");
    const imgs = { from_number: PY, product: { image_urls: ["https://cdn.example.com/2.jpg", "https://cdn.example.com/3.jpg"] } };
    const added = await s.call(s.client.catalog.addProductImages(id, imgs), { method: "POST", path: `/open/whatsapp/catalog/product/image/${id}`, endpoint: 37, body: imgs });
    assert.equal(added.product.images.length, 3);
    await s.call(s.client.catalog.deleteProductImage(id, 2, FROM), { method: "DELETE", path: `/open/whatsapp/catalog/product/image/${id}/2`, endpoint: 38, body: FROM });
    await s.call(s.client.catalog.deleteProduct(id, FROM), { method: "DELETE", path: `/open/whatsapp/catalog/product/${id}`, endpoint: 36, body: FROM });
    const left = await s.call(s.client.catalog.listProducts(PY), {
      method: "GET", path: "/open/whatsapp/catalog/products", query: "from_number=%2B595981048477", endpoint: 32,
    });
    assert.ok(!left.products.some((p) => p.id === id));
  });

  test("#41 create → #42 update (the id changes) → #43 delete a collection", async () => {
    const s = await Session.open();
    const body = { from_number: PY, collection: { name: "Breakfast", product_ids: [PRODUCT_IDS[0]] } };
    const created = await s.call(s.client.catalog.createCollection(body), { method: "POST", path: "/open/whatsapp/catalog/collection", endpoint: 41, body });
    const id = created.collection.id;
    assert.match(id, /^\d+$/);
    const upd = { from_number: PY, collection: { add_product_ids: [PRODUCT_IDS[1]], remove_product_ids: [PRODUCT_IDS[0]] } };
    const updated = await s.call(s.client.catalog.updateCollection(id, upd), { method: "PUT", path: `/open/whatsapp/catalog/collection/${id}`, endpoint: 42, body: upd });
    const newId = updated.collection.id;
    assert.notEqual(newId, id, "2Chat gives a collection a new id on every edit");
    assert.deepEqual(updated.collection.products.map((p) => p.id), [PRODUCT_IDS[1]]);
    await s.call(s.client.catalog.deleteCollection(newId, FROM), { method: "DELETE", path: `/open/whatsapp/catalog/collection/${newId}`, endpoint: 43, body: FROM });
  });
});

describe("contacts (#44–#49)", () => {
  test("#44 create → #47 get → #48 update → #45 list → #46 search → #49 delete", async () => {
    const s = await Session.open();
    const body = { first_name: "Ana", last_name: "Gómez", channel_uuid: PY_UUID, contact_detail: [{ type: "WAPH", value: MX }, { type: "E", value: "ana@example.com" }] };
    const created = await s.call(s.client.contacts.create(body), { method: "POST", path: "/open/contacts", endpoint: 44, body, status: 201 });
    const uuid = created.contact.uuid;
    prefixed(uuid, "CON");
    assert.equal(created.contact.details.length, 2);
    const path = `/open/contacts/${uuid}`;
    const got = await s.call(s.client.contacts.get(uuid), { method: "GET", path, endpoint: 47 });
    assert.equal(got.contact.first_name, "Ana");
    assert.match(got.contact.last_updated, /Z$/);
    const upd = { last_name: "Gómez Ruiz", contact_details: [{ type: "PH", value: "+595981000111" }] };
    const updated = await s.call(s.client.contacts.update(uuid, upd), { method: "PUT", path, endpoint: 48, body: upd });
    assert.equal(updated.contact.last_name, "Gómez Ruiz");
    const list = await s.call(s.client.contacts.list({ page_number: 0, results_per_page: 10, channel_uuid: PY_UUID }), {
      method: "GET", path: "/open/contacts", query: `page_number=0&results_per_page=10&channel_uuid=${PY_UUID}`, endpoint: 45,
    });
    assert.ok(list.contacts.some((c) => c.uuid === uuid));
    const found = await s.call(s.client.contacts.search({ query: "+595981000", page_number: 0, results_per_page: 5 }), {
      method: "GET", path: "/open/contacts/search", query: "query=%2B595981000&page_number=0&results_per_page=5", endpoint: 46,
    });
    assert.deepEqual(found.contacts.map((c) => c.uuid), [uuid]);
    const utf8 = await s.call(s.client.contacts.search({ query: "gómez ruiz" }), {
      method: "GET", path: "/open/contacts/search", query: "query=g%C3%B3mez%20ruiz", endpoint: 46,
    });
    assert.deepEqual(utf8.contacts.map((c) => c.uuid), [uuid]);
    assert.deepEqual(await s.call(s.client.contacts.delete(uuid), { method: "DELETE", path, endpoint: 49 }), { success: true });
    await s.fails(s.client.contacts.get(uuid), { method: "GET", path, endpoint: 47 }, { code: "not_found", status: 404 });
  });

  test("#48 a property set to undefined is left out, like a missing one", async () => {
    const s = await Session.open();
    const body = { first_name: "Cy", contact_detail: [{ type: "PH", value: "+12025550123" }] };
    const { contact } = await s.call(s.client.contacts.create(body), { method: "POST", path: "/open/contacts", endpoint: 44, status: 201, body });
    const form = { first_name: undefined, last_name: "Young" };
    const updated = await s.call(s.client.contacts.update(contact.uuid, form), {
      method: "PUT", path: `/open/contacts/${contact.uuid}`, endpoint: 48, body: { last_name: "Young" },
    });
    assert.equal(updated.contact.first_name, "Cy");
  });

  test("#44 contact_details is sent as contact_detail; #46 q is sent as query", async () => {
    const s = await Session.open();
    const created = await s.call(s.client.contacts.create({ first_name: "Bo", contact_details: [{ type: "PH", value: "+12025550123" }] }), {
      method: "POST", path: "/open/contacts", endpoint: 44, status: 201, body: { first_name: "Bo", contact_detail: [{ type: "PH", value: "+12025550123" }] },
    });
    prefixed(created.contact.uuid, "CON");
    const found = await s.call(s.client.contacts.search({ q: "bo" }), { method: "GET", path: "/open/contacts/search", query: "query=bo", endpoint: 46 });
    assert.equal(found.contacts[0].uuid, created.contact.uuid);
  });
});

describe("webhooks (#50–#53)", () => {
  test("#50 subscribe → #51 list → #52 list by channel → #53 delete", async () => {
    const s = await Session.open();
    const body = { hook_url: HOOK, on_number: PY };
    const sub = await s.call(s.client.webhooks.subscribe("whatsapp.message.received", body), {
      method: "POST", path: "/open/webhooks/subscribe/whatsapp.message.received", endpoint: 50, body,
    });
    const uuid = sub.data.uuid;
    prefixed(uuid, "WHK");
    assert.equal(sub.data.channel_uuid, PY_UUID);
    const all = await s.call(s.client.webhooks.list(), { method: "GET", path: "/open/webhooks", endpoint: 51 });
    assert.deepEqual(all.webhooks.map((w) => w.uuid), [uuid]);
    const mine = await s.call(s.client.webhooks.list({ channel_uuid: PY_UUID }), { method: "GET", path: `/open/webhooks/channel/${PY_UUID}`, endpoint: 52 });
    assert.deepEqual(mine.webhooks.map((w) => w.uuid), [uuid]);
    const other = await s.call(s.client.webhooks.list({ channel_uuid: MX_UUID }), { method: "GET", path: `/open/webhooks/channel/${MX_UUID}`, endpoint: 52 });
    assert.deepEqual(other.webhooks, []);
    assert.equal((await s.call(s.client.webhooks.delete(uuid), { method: "DELETE", path: `/open/webhooks/${uuid}`, endpoint: 53 })).success, true);
    const none = await s.call(s.client.webhooks.list(), { method: "GET", path: "/open/webhooks", endpoint: 51 });
    assert.deepEqual(none.webhooks, []);
  });

  test("#50 conversation.new with time_period; a call event with a virtual number's channel_uuid", async () => {
    const s = await Session.open();
    const conv = { hook_url: HOOK, on_number: MX, time_period: "day" };
    const a = await s.call(s.client.webhooks.subscribe("whatsapp.conversation.new", conv), {
      method: "POST", path: "/open/webhooks/subscribe/whatsapp.conversation.new", endpoint: 50, body: conv,
    });
    prefixed(a.data.uuid, "WHK");
    const dids = await s.call(s.client.calls.listVirtualNumbers(), { method: "GET", path: "/open/voip/virtual-numbers", endpoint: 62 });
    const did = dids.numbers[0].uuid;
    const call = { hook_url: HOOK, channel_uuid: did };
    const b = await s.call(s.client.webhooks.subscribe("call.status.update", call), {
      method: "POST", path: "/open/webhooks/subscribe/call.status.update", endpoint: 50, body: call,
    });
    assert.equal(b.data.channel_uuid, did);
  });
});

describe("WABA (#54–#59)", () => {
  test("#54 list numbers, #55 get one", async () => {
    const s = await Session.open();
    const list = await s.call(s.client.waba.listNumbers(), { method: "GET", path: "/open/waba/numbers", endpoint: 54 });
    assert.ok(list.numbers.some((n) => n.phone_number === WABA));
    const one = await s.call(s.client.waba.getNumber(WABA_UUID), { method: "GET", path: `/open/waba/numbers/${WABA_UUID}`, endpoint: 55 });
    assert.equal(one.number.uuid, WABA_UUID);
    prefixed(one.number.uuid, "WAN");
  });

  test("#56 templates page by page (phone_number as %2B…), #57 sync, #58 delete", async () => {
    const s = await Session.open();
    const first = await s.call(s.client.waba.listTemplates(WABA), {
      method: "GET", path: "/open/waba/templates", query: "phone_number=%2B16173518454", endpoint: 56,
    });
    assert.equal(first.next_page, 1);
    assert.equal(typeof first.total, "number");
    prefixed(first.templates[0].uuid, "TMP");
    const last = Math.ceil(first.total / first.templates.length) - 1;
    const end = await s.call(s.client.waba.listTemplates(WABA, { page: last }), {
      method: "GET", path: "/open/waba/templates", query: `phone_number=%2B16173518454&page=${last}`, endpoint: 56,
    });
    assert.equal(end.next_page, null);
    const sync = await s.call(s.client.waba.syncTemplates(WABA), {
      method: "POST", path: "/open/waba/templates/sync", query: "phone_number=%2B16173518454", endpoint: 57,
    });
    assert.equal(sync.is_syncing, true);
    const uuid = first.templates[0].uuid;
    const del = await s.call(s.client.waba.deleteTemplate(uuid), { method: "DELETE", path: `/open/waba/templates/${uuid}`, endpoint: 58 });
    assert.equal(del.success, true);
    assert.equal(typeof del.message, "string");
    const after = await s.call(s.client.waba.listTemplates(WABA), {
      method: "GET", path: "/open/waba/templates", query: "phone_number=%2B16173518454", endpoint: 56,
    });
    assert.equal(after.total, first.total - 1);
  });

  test("#59 a template message, then a session text", async () => {
    const s = await Session.open();
    const tpls = await s.call(s.client.waba.listTemplates(WABA, { page: 0 }), {
      method: "GET", path: "/open/waba/templates", query: "phone_number=%2B16173518454&page=0", endpoint: 56,
    });
    const template = { from_number: WABA, to_number: MX, template_uuid: tpls.templates[0].uuid, params: { body: ["Ana", "#1042"] } };
    const a = await s.call(s.client.waba.sendMessage(template), { method: "POST", path: "/open/waba/send-message", endpoint: 59, body: template });
    prefixed(a.message_uuid, "MSG");
    const text = { from_number: WABA, to_number: MX, text: "Thanks, Ana!" };
    const b = await s.call(s.client.waba.sendMessage(text), { method: "POST", path: "/open/waba/send-message", endpoint: 59, body: text });
    prefixed(b.message_uuid, "MSG");
  });
});

describe("calls (#60–#64)", () => {
  test("#60 history filtered by direction → #61 one call", async () => {
    const s = await Session.open();
    const page = await s.call(s.client.calls.history({ page_number: 0, direction: "inbound" }), {
      method: "GET", path: "/open/voip/call-history", query: "page_number=0&direction=inbound", endpoint: 60,
    });
    assert.ok(page.cdrs.length > 0);
    assert.ok(page.cdrs.every((c) => c.direction === "I"));
    const uuid = page.cdrs[0].uuid;
    prefixed(uuid, "CDR");
    const one = await s.call(s.client.calls.get(uuid), { method: "GET", path: `/open/voip/call/${uuid}`, endpoint: 61 });
    assert.equal(one.cdr.uuid, uuid);
    const all = await s.call(s.client.calls.history(), { method: "GET", path: "/open/voip/call-history", endpoint: 60 });
    assert.ok(all.cdrs.some((c) => c.direction === "O"));
  });

  test("#62 virtual numbers → #64 delete one (pending cancellation); #63 caller ids", async () => {
    const s = await Session.open();
    const list = await s.call(s.client.calls.listVirtualNumbers({ page_number: 0, results_per_page: 100 }), {
      method: "GET", path: "/open/voip/virtual-numbers", query: "page_number=0&results_per_page=100", endpoint: 62,
    });
    const victim = list.numbers.find((n) => n.phone_number !== SMS);
    prefixed(victim.uuid, "DID");
    await s.call(s.client.calls.deleteVirtualNumber(victim.uuid), { method: "DELETE", path: `/open/voip/virtual-numbers/${victim.uuid}`, endpoint: 64 });
    const after = await s.call(s.client.calls.listVirtualNumbers(), { method: "GET", path: "/open/voip/virtual-numbers", endpoint: 62 });
    assert.equal(after.numbers.find((n) => n.uuid === victim.uuid).status_text, "PENDING_CANCELLATION");
    const ids = await s.call(s.client.calls.listCallerIds({ results_per_page: 1 }), {
      method: "GET", path: "/open/voip/caller-ids", query: "results_per_page=1", endpoint: 63,
    });
    assert.equal(ids.caller_ids.length, 1);
    prefixed(ids.caller_ids[0].uuid, "VCI");
  });
});

describe("SMS (#65)", () => {
  test("#65 send from the SMS-enabled number: 202 with a message id", async () => {
    const s = await Session.open();
    const body = { from_number: SMS, to_number: MX, text: "Your code is 4821" };
    const sent = await s.call(s.client.sms.send(body), { method: "POST", path: "/open/sms/send", endpoint: 65, body, status: 202 });
    assert.equal(sent.success, true);
    assert.ok(typeof (sent.message_id ?? sent.message_uuid) === "string", "message_id or message_uuid");
  });
});

describe("buying numbers (#66–#75)", () => {
  test("#66 regions (country upper-cased) → #67 cities → #68 DID types → #69 requirements → #70 groups", async () => {
    const s = await Session.open();
    const regions = await s.call(s.client.phoneNumbers.regions({ country: "us" }), { method: "GET", path: "/open/numbers/regions", query: "country=US", endpoint: 66 });
    const ca = regions.data.regions.find((r) => r.region_name === "California");
    assert.ok(ca);
    const cities = await s.call(s.client.phoneNumbers.cities({ country: "US", region: ca.id }), {
      method: "GET", path: "/open/numbers/cities", query: `country=US&region=${ca.id}`, endpoint: 67,
    });
    const sf = cities.data.cities.find((c) => c.city_name === "San Francisco");
    assert.ok(sf);
    const types = await s.call(s.client.phoneNumbers.didTypes(), { method: "GET", path: "/open/numbers/did-types", endpoint: 68 });
    assert.ok(types.data.did_types.some((t) => t.name === "local"));
    const reqs = await s.call(s.client.phoneNumbers.requirements({ country: "GB", did_type: "local" }), {
      method: "GET", path: "/open/numbers/requirements", query: "country=GB&did_type=local", endpoint: 69,
    });
    assert.ok(reqs.data.requirements.length > 0);
    const groups = await s.call(s.client.phoneNumbers.searchGroups({ country: "US", region_id: ca.id, city_id: sf.id, city_name_or_prefix: "San Fran", did_type: "local" }), {
      method: "GET", path: "/open/numbers/groups", query: `country=US&region_id=${ca.id}&city_id=${sf.id}&city_name_or_prefix=San%20Fran&did_type=local`, endpoint: 70,
    });
    assert.equal(groups.data.groups.length, 1);
    assert.equal(typeof groups.data.groups[0].price.monthly_price, "string");
  });

  test("#71 available → #72 reserve (201) → #73 reservations → #74 cancel", async () => {
    const s = await Session.open();
    const groups = await s.call(s.client.phoneNumbers.searchGroups({ country: "US", did_type: "local" }), {
      method: "GET", path: "/open/numbers/groups", query: "country=US&did_type=local", endpoint: 70,
    });
    const group = groups.data.groups.find((g) => g.allow_number_selection);
    const avail = await s.call(s.client.phoneNumbers.available({ group_id: group.id, number_contains: "55" }), {
      method: "GET", path: "/open/numbers/available", query: `group_id=${group.id}&number_contains=55`, endpoint: 71,
    });
    const number = avail.data.numbers[0].number;
    const res = await s.call(s.client.phoneNumbers.reserve({ group_id: group.id, number }), {
      method: "POST", path: "/open/numbers/reservations", endpoint: 72, status: 201, body: { group_id: group.id, number },
    });
    const uuid = res.data.reservation_details.uuid;
    assert.equal(res.data.reservation_details.number, number);
    const list = await s.call(s.client.phoneNumbers.listReservations(), { method: "GET", path: "/open/numbers/reservations", endpoint: 73 });
    assert.deepEqual(list.data.reservations.map((r) => r.uuid), [uuid]);
    const cancelled = await s.call(s.client.phoneNumbers.cancelReservation(uuid), { method: "DELETE", path: `/open/numbers/reservations/${uuid}`, endpoint: 74 });
    assert.equal(typeof cancelled.message, "string");
    const empty = await s.call(s.client.phoneNumbers.listReservations(), { method: "GET", path: "/open/numbers/reservations", endpoint: 73 });
    assert.deepEqual(empty.data.reservations, []);
  });

  test("#72 reserve a random number → #75 purchase it (201); it joins the virtual numbers", async () => {
    const s = await Session.open();
    const groupId = "6f0c1a2b-1415-4c3d-8e4f-5a6b7c8d9e01";
    const res = await s.call(s.client.phoneNumbers.reserve({ group_id: groupId }), {
      method: "POST", path: "/open/numbers/reservations", endpoint: 72, status: 201, body: { group_id: groupId },
    });
    const number = res.data.reservation_details.number;
    const bought = await s.call(s.client.phoneNumbers.purchase({ group_id: groupId, number }), {
      method: "POST", path: "/open/numbers/purchase", endpoint: 75, status: 201, body: { group_id: groupId, number },
    });
    assert.equal(bought.success, true);
    assert.deepEqual(bought.purchased, [number]);
    const dids = await s.call(s.client.calls.listVirtualNumbers(), { method: "GET", path: "/open/voip/virtual-numbers", endpoint: 62 });
    assert.ok(dids.numbers.some((n) => n.phone_number === number));
  });

  test("#75 purchase with no arguments sends {} (buys every reservation)", async () => {
    const s = await Session.open();
    const groupId = "6f0c1a2b-1212-4c3d-8e4f-5a6b7c8d9e02";
    await s.call(s.client.phoneNumbers.reserve({ group_id: groupId }), {
      method: "POST", path: "/open/numbers/reservations", endpoint: 72, status: 201, body: { group_id: groupId },
    });
    const bought = await s.call(s.client.phoneNumbers.purchase(), { method: "POST", path: "/open/numbers/purchase", endpoint: 75, status: 201, body: {} });
    assert.equal(bought.purchased.length, 1);
  });
});

// ---------------------------------------------------------------------------------------------
// The endpoint table, the client and these tests cannot drift apart.

// Every JS method of the client, as [class, method] (class → getter: PhoneNumbers → phoneNumbers,
// the others with a lower-case first letter).
// The rows come from the declarations (endpoints()); nothing here keeps its own list of methods.
const ROWS = endpoints();
const ALL_IDS = [...new Set(ROWS.map((r) => r.id))].sort((a, b) => a - b);

// Every row of tests/endpoints.json through the client's own methods (the tools suite runs the
// same rows through callTool, the typed Rust suite through its typed methods): the positional
// arguments by their wire names, the rest as the params object, and exactly the request the row
// says. A new endpoint needs only its row there to be covered here.
describe("every row of tests/endpoints.json through the client's methods", () => {
  const byTool = new Map(ROWS.map((r) => [r.tool, r]));
  for (const [tool, row] of Object.entries(DATA)) {
    test(tool, async () => {
      const e = byTool.get(tool);
      assert.ok(e, `${tool} is not a tool of the endpoint table`);
      const key = await register();
      const client = clientFor(key);
      const ctx = await runSetup(row, async (name, args) => {
        const r = await client.callTool(name, args);
        assert.equal(r.error, null, `setup ${name}: ${r.error}`);
        return r.data;
      });
      for (const call of [row, ...(row.also ?? [])]) {
        const args = fill(call.good, ctx);
        const positional = e.args.map((a) => args[a]);
        const rest = Object.fromEntries(Object.entries(args).filter(([k]) => !e.args.includes(k)));
        const before = (await received(key)).length;
        await client[e.resource][e.method](...positional, Object.keys(rest).length ? rest : undefined);
        const log = await received(key);
        assert.equal(log.length, before + 1, "one request");
        const req = log.at(-1);
        const want = fill(call.request, ctx);
        assert.deepEqual(
          { method: req.method, path: req.path, query: req.query, status: req.status, body: req.body },
          { method: want.method, path: want.path, query: want.query ?? null, status: want.status ?? 200, body: want.body ?? null },
        );
      }
    });
  }
});

describe("the endpoint table, the client and these tests agree", () => {
  test("endpoints(): ids from 1 up without gaps, each method + path once, paths under /open (and the two outside it)", () => {
    assert.deepEqual(ALL_IDS, Array.from({ length: ALL_IDS.length }, (_, i) => i + 1));
    assert.deepEqual(ROWS.filter((r) => r.id === 9).map((r) => r.path.split("/").pop()).sort(), ["connect", "disconnect"]);
    assert.equal(new Set(ROWS.map((r) => `${r.httpMethod} ${r.path}`)).size, ROWS.length);
    for (const r of ROWS) {
      assert.ok(["GET", "POST", "PUT", "DELETE"].includes(r.httpMethod), JSON.stringify(r));
      assert.ok(r.path === "/ping" || r.path.startsWith("/open/") || r.path === "/sdk/voip/access-token", r.path);
    }
  });

  test("endpoints(): every row has the documented fields, of their types, and each call builds a fresh table", () => {
    const FIELDS = ["id", "httpMethod", "path", "resource", "method", "tool", "effect", "args"];
    for (const r of ROWS) {
      assert.deepEqual(Object.keys(r), FIELDS, `#${r.id}`);
      assert.ok(Number.isInteger(r.id) && r.id > 0, `#${r.id}`);
      for (const f of FIELDS.slice(1, -1)) assert.ok(typeof r[f] === "string" && r[f].length > 0, `#${r.id} ${f}`);
      assert.ok(Array.isArray(r.args) && r.args.every((a) => typeof a === "string" && /^[a-z_]+$/.test(a)), `#${r.id} args`);
    }
    // A path parameter is an argument, and a row without one has none (or only query arguments).
    const row = (id) => ROWS.find((r) => r.id === id);
    assert.deepEqual(row(2).args, []);
    assert.deepEqual(row(16).args, ["session_key", "message_uuid"]);
    assert.ok(row(22).args.includes("number"), JSON.stringify(row(22)));
    const again = endpoints();
    assert.deepEqual(again, ROWS);
    again[0].path = "/changed";
    assert.notEqual(endpoints()[0].path, "/changed", "a caller's change stays in its own copy");
  });

  test("every row's client[resource][method] is a function, and each resource has exactly the table's methods and iterators", () => {
    const client = clientFor("UAK-table-check");
    for (const r of ROWS) {
      assert.equal(typeof client[r.resource]?.[r.method], "function", `#${r.id} client.${r.resource}.${r.method}`);
    }
    for (const resource of new Set(ROWS.map((r) => r.resource))) {
      const fromTable = new Set(ROWS.filter((r) => r.resource === resource).map((r) => r.method));
      // The methods live on the resource's prototype (shared by every client).
      const own = Object.getOwnPropertyNames(Object.getPrototypeOf(client[resource])).filter((k) => typeof client[resource][k] === "function");
      const methods = own.filter((k) => !k.startsWith("iterate"));
      assert.deepEqual(methods.sort(), [...fromTable].sort(), `client.${resource}`);
      for (const it of own.filter((k) => k.startsWith("iterate"))) {
        const list = it === "iterate" ? "list" : it.replace(/^iterate/, "");
        const target = [...fromTable].find((m) => m === list || m.toLowerCase() === list.toLowerCase() || m.toLowerCase() === `list${list}`.toLowerCase());
        assert.ok(target, `client.${resource}.${it} walks no list method of the table`);
      }
    }
  });

  test("per-call options are the last argument, whatever the arity", async () => {
    const s = await Session.open();
    const opts = (n) => ({ headers: { "x-e2e-call": String(n) }, timeoutMs: 5000, maxRetries: 0 });
    const calls = [
      [(c) => c.account.info(opts(0)), "/open/info"],
      [(c) => c.numbers.list(undefined, opts(1)), "/open/whatsapp/get-numbers"],
      [(c) => c.groups.get(GROUP, opts(2)), `/open/whatsapp/group/${GROUP}`],
      [(c) => c.numbers.check(PY, MX, undefined, opts(3)), "/open/whatsapp/check-number/+595981048477/+5215512345432"],
      [(c) => c.messages.get(SEED.SESSION_KEY, SEED.MESSAGE_UUID, opts(4)), `/open/whatsapp/message/${SEED.SESSION_KEY}/${SEED.MESSAGE_UUID}`],
      [(c) => c.catalog.listProducts(PY, undefined, opts(5)), "/open/whatsapp/catalog/products"],
      [(c) => c.phoneNumbers.purchase(undefined, opts(6)), null],
    ];
    for (const [call] of calls) await call(s.client).catch(() => {}); // #75 without reservations is a 422
    const log = await received(s.key);
    assert.equal(log.length, calls.length);
    calls.forEach(([, path], i) => {
      assert.equal(log[i].headers["x-e2e-call"], String(i), `call ${i}: the options reached the request`);
      if (path) assert.equal(log[i].path, path);
    });
  });

  test("these tests reached every endpoint id and every row of the table, each with a success status", async () => {
    const logs = (await Promise.all(keysUsed.map(received))).flat();
    const ok = logs.filter((r) => r.status >= 200 && r.status < 300);
    const seen = new Set(ok.map((r) => r.endpoint));
    assert.deepEqual(ALL_IDS.filter((id) => !seen.has(id)), [], "endpoint ids never called successfully");
    assert.deepEqual([...seen].filter((id) => !ALL_IDS.includes(id)), [], "unexpected endpoint ids");
    const rows = ROWS;
    const matches = (row, req) =>
      row.httpMethod === req.method && new RegExp(`^${row.path.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`).test(req.path);
    for (const row of rows) {
      assert.ok(ok.some((req) => req.endpoint === row.id && matches(row, req)), `row #${row.id} ${row.httpMethod} ${row.path} never called`);
    }
    const statuses = Object.fromEntries(ok.map((r) => [r.endpoint, r.status]));
    assert.equal(statuses[44], 201);
    assert.equal(statuses[65], 202);
    assert.equal(statuses[72], 201);
    assert.equal(statuses[75], 201);
  });
});
