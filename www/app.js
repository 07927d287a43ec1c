// The demo page: every 2Chat call goes through the wasm `TwoChat` client, as in a user's app.
// Only the live feed and the "simulate" buttons talk to the mock's own control API (/__mock/…).
import init, { TwoChat, TwoChatError, parseWebhook, WebhookRouter, parseTimestamp } from "./pkg/web/index.js";

const $ = (id) => document.getElementById(id);
const state = {
  gen: 0, // bumped on every connect: answers of an older connection are dropped
  client: null,
  apiKey: "",
  mock: false, // connected to the local twochat-mock (same origin, with its control API)
  numbers: [],
  selected: null,
  groups: [],
  selectedGroup: null,
  virtualNumbers: [],
  wabaNumbers: [],
  msgWalker: null,
  msgCount: 0,
  conv: { page: 0, loaded: 0, total: 0 },
  contactsQuery: "",
  feedSeen: new Set(),
  feedCount: 0,
  hookUrlEdited: false,
};

const MESSAGES_PAGE = 100;
const FEED_MAX = 100;
const SAMPLE_PHOTO = new URL("assets/sample-photo.svg", location.href).href;

// The 27 webhook events, grouped as in 2Chat's docs.
const EVENT_GROUPS = [
  ["WhatsApp messages", ["whatsapp.message.received", "whatsapp.message.new", "whatsapp.message.sent", "whatsapp.message.reaction",
    "whatsapp.message.edited", "whatsapp.message.receipt.sent", "whatsapp.message.receipt.received", "whatsapp.message.receipt.read",
    "whatsapp.audio.transcribed"]],
  ["Conversations and orders", ["whatsapp.conversation.new", "whatsapp.order.received"]],
  ["WhatsApp groups", ["whatsapp.group.message.received", "whatsapp.group.message.reaction", "whatsapp.group.join",
    "whatsapp.group.leave", "whatsapp.group.remove"]],
  ["WhatsApp calls and number status", ["whatsapp.call.received", "whatsapp.call.made", "whatsapp.number.status"]],
  ["WhatsApp Business API (WABA)", ["whatsapp.waba.message.received", "whatsapp.waba.message.sent",
    "whatsapp.waba.message.receipt.sent", "whatsapp.waba.message.receipt.received"]],
  ["Phone calls (virtual numbers)", ["call.status.update", "call.incoming.completed", "call.outbound.completed", "call.outgoing.completed"]],
];
const DETAIL_TYPES = { WAPH: "WhatsApp", PH: "Phone", E: "Email", A: "Address" };

// ----- small DOM helpers ------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "role" || k === "for") node.setAttribute(k, v === true ? "" : v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node[k] = v;
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

const ICONS = {
  message: ["M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"],
  chat: ["M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z", "M12 7v6M9 10h6"],
  cart: ["M3 3h2.5l2.6 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21.5 7H6.2", "M10 20.5h.01M18 20.5h.01"],
  join: ["M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2", "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M19 8v6M16 11h6"],
  leave: ["M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2", "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M16 11h6"],
  group: ["M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2", "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M23 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8"],
  phone: ["M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8.1 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z"],
  status: ["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z", "M12 6v6l4 2"],
  check: ["M20 6 9 17l-5-5"],
  code: ["M16 18l6-6-6-6M8 6l-6 6 6 6"],
  alert: ["M12 3l9.5 17h-19z", "M12 10v4M12 17h.01"],
  file: ["M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z", "M14 2v6h6"],
  trash: ["M3 6h18M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6"],
};

function icon(name, cls = "icon") {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", cls);
  svg.setAttribute("aria-hidden", "true");
  for (const d of ICONS[name] ?? ICONS.code) {
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}

function errorBox(err) {
  if (err instanceof TwoChatError) {
    const status = err.status ? ` · HTTP ${err.status}` : "";
    return el("div", { class: "error", role: "alert", "data-code": err.code, "data-testid": "error" },
      el("code", {}, err.code), ` ${err.message}${status}`);
  }
  return el("div", { class: "error", role: "alert", "data-testid": "error" }, String(err?.message ?? err));
}

const okBox = (testid, ...children) => el("div", { class: "ok", "data-testid": testid }, icon("check"), el("span", {}, ...children));

async function busy(button, work) {
  const label = button.textContent;
  button.disabled = true;
  button.classList.add("loading");
  button.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    button.disabled = !state.client;
    button.classList.remove("loading");
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}

/** Runs an event handler and shows its error instead of leaving an unhandled rejection. */
const guard = (fn) => (ev) => { Promise.resolve(fn(ev)).catch((e) => console.error(e)); };

function setStatus(text, kind) {
  const s = $("status");
  s.textContent = text;
  s.className = `pill pill-${kind}`;
}

const skeletons = (n, tag = "li") => Array.from({ length: n }, () => el(tag, { class: "skeleton", "aria-hidden": "true" }));
const emptyItem = (text, tag = "li") => el(tag, { class: "muted empty-note" }, text);

function initials(name) {
  const words = String(name ?? "").replace(/[^\p{L}\p{N} ]/gu, " ").trim().split(/\s+/).filter(Boolean);
  if (!words.length) return "#";
  return (words[0][0] + (words[1]?.[0] ?? "")).toUpperCase();
}
const avatar = (name, kind = "") => el("span", { class: `avatar ${kind}`, "aria-hidden": "true" }, kind === "group" ? icon("group") : initials(name));

/** Any 2Chat timestamp (ISO, "YYYY-MM-DD HH:MM:SS", epoch seconds) in local time, via parseTimestamp. */
function fmtTime(value, { seconds = false, full = false } = {}) {
  const ms = typeof value === "number" && value > 1e12 ? value : parseTimestamp(value ?? null);
  if (ms === null || ms === undefined) return "";
  const d = new Date(ms);
  const today = !full && new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}) })
    : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

let regionNames;
function country(iso) {
  if (!iso) return "";
  try {
    regionNames ??= new Intl.DisplayNames(["en"], { type: "region" });
    return `${regionNames.of(iso)} (${iso})`;
  } catch {
    return iso;
  }
}

function fileName(url) {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").pop()) || url;
  } catch {
    return String(url);
  }
}

/** An image thumbnail (falling back to a file chip when it cannot load) or a file chip. */
function mediaView(media, cls = "thumb") {
  if (!media?.url) return null;
  const chip = () => el("a", { class: "file-chip", href: media.url, target: "_blank", rel: "noopener noreferrer" },
    icon("file"), el("span", {}, `${media.type ?? "file"} · ${fileName(media.url)}`));
  if ((media.type ?? "").startsWith("image") || /^image\//.test(media.mime_type ?? "")) {
    const img = el("img", { class: cls, src: media.url, alt: `${media.type ?? "image"} attachment`, loading: "lazy", decoding: "async", "data-testid": "media-thumb" });
    const link = el("a", { href: media.url, target: "_blank", rel: "noopener noreferrer", class: "thumb-link" }, img);
    img.addEventListener("error", () => link.replaceWith(chip()), { once: true });
    return link;
  }
  return chip();
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const maskToken = (url) => String(url).replace(/([?&]token=)[^&]+/, "$1••••••");

// ----- account -----------------------------------------------------------------------------------

function bar(label, used, max, testid) {
  const pct = max ? Math.min(100, Math.round(((used ?? 0) / max) * 100)) : 0;
  return el("div", { class: "meter", "data-testid": testid },
    el("div", { class: "meter-label" }, el("span", {}, label), el("span", { class: "muted" }, `${used ?? 0} / ${max ?? "∞"}`)),
    el("div", { class: "meter-track", role: "progressbar", "aria-label": label, "aria-valuemin": "0", "aria-valuemax": String(max ?? 0), "aria-valuenow": String(used ?? 0) },
      el("div", { class: `meter-fill ${pct > 85 ? "hot" : ""}`, style: `width:${pct}%` })));
}

async function loadAccount() {
  const gen = state.gen;
  const box = $("account");
  box.replaceChildren(...skeletons(3, "div"));
  try {
    const info = await state.client.account.info();
    if (gen !== state.gen) return false;
    const a = info.account ?? {};
    box.classList.remove("empty");
    const expires = a.expires_at ? fmtTime(a.expires_at) : "";
    box.replaceChildren(
      el("div", { class: "account-name", "data-testid": "account-name" }, a.name ?? "—"),
      el("div", { class: "muted small mono ellipsis", title: a.uuid ?? "" }, a.uuid ?? ""),
      el("div", { class: "badges" },
        el("span", { class: `pill ${a.on_trial ? "pill-warn" : "pill-ok"}` }, a.on_trial ? "trial" : "paid"),
        el("span", { class: `pill ${a.blocked ? "pill-bad" : "pill-ok"}` }, a.blocked ? "blocked" : "active"),
        el("span", { class: "pill pill-idle", "data-testid": "rate-limit" }, `${info.limits?.requests_per_minute ?? "?"} req/min`)),
      bar("API requests", info.usage?.api_request_count, info.usage?.max_api_request_count, "usage-requests"),
      bar("Number checks", info.usage?.number_check_count, info.usage?.max_number_check_count, "usage-checks"),
      el("dl", { class: "facts small" },
        el("dt", {}, "Created"), el("dd", {}, fmtTime(a.created_at, { full: true }) || "—"),
        expires ? [el("dt", {}, a.on_trial ? "Trial ends" : "Expires"), el("dd", {}, expires)] : null),
    );
    return true;
  } catch (e) {
    if (gen === state.gen) box.replaceChildren(errorBox(e));
    return false;
  }
}

// ----- numbers and check-number ------------------------------------------------------------------

const channelUuid = (number) => state.numbers.find((n) => n.phone_number === number)?.uuid;
const isConnected = (n) => n.connection_status === "C";

function fillSelect(select, options, keep = true) {
  const previous = select.value;
  select.replaceChildren(...options.map(([value, label]) => el("option", { value }, label)));
  if (keep && options.some(([v]) => v === previous)) select.value = previous;
}

async function loadNumbers() {
  const gen = state.gen;
  const list = $("numbers");
  list.replaceChildren(...skeletons(3));
  try {
    const { numbers } = await state.client.numbers.list({ status: "all" });
    if (gen !== state.gen) return;
    state.numbers = numbers;
    list.classList.remove("empty");
    const connected = numbers.filter(isConnected).map((n) => [n.phone_number, `${n.phone_number} · ${n.friendly_name ?? ""}`]);
    fillSelect($("send-from"), connected.length ? connected : [["", "no connected number"]]);
    fillSelect($("check-from"), connected.length ? connected : [["", "no connected number"]]);
    updateWebhookTargets();
    if (!numbers.length) list.replaceChildren(emptyItem("No numbers on this account."));
    else list.replaceChildren(...numbers.map((n) => {
      const item = el("li", { class: "number", tabIndex: 0, role: "button", "aria-pressed": "false", "data-number": n.phone_number, "data-testid": "number" },
        el("div", { class: "number-main" },
          el("strong", {}, n.phone_number),
          el("span", { class: "muted small" }, [n.friendly_name, country(n.iso_country_code), n.is_business_profile ? "business" : null].filter(Boolean).join(" · "))),
        el("span", { class: `pill ${isConnected(n) ? "pill-ok" : "pill-bad"}` }, isConnected(n) ? "connected" : "disconnected"));
      item.addEventListener("click", () => selectNumber(n.phone_number));
      item.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectNumber(n.phone_number); }
      });
      return item;
    }));
    const keep = numbers.find((n) => n.phone_number === state.selected) ?? numbers.find(isConnected);
    if (keep) selectNumber(keep.phone_number);
  } catch (e) {
    if (gen === state.gen) list.replaceChildren(el("li", {}, errorBox(e)));
  }
}

function selectNumber(number) {
  const changed = state.selected !== number;
  state.selected = number;
  for (const li of document.querySelectorAll("#numbers .number")) {
    const on = li.dataset.number === number;
    li.classList.toggle("selected", on);
    li.setAttribute("aria-pressed", String(on));
  }
  for (const id of ["send-from", "check-from", "webhook-number"]) {
    const select = $(id);
    if ([...select.options].some((o) => o.value === number)) select.value = number;
  }
  $("messages-of").textContent = `· ${number}`;
  $("groups-of").textContent = `· ${number}`;
  if (changed) state.selectedGroup = null;
  loadMessages();
  loadConversations();
  loadGroups();
}

async function checkNumber(ev) {
  ev.preventDefault();
  const from = $("check-from").value;
  const target = $("check-number").value.trim();
  const extra = $("check-extra").checked;
  const out = $("check-result");
  await busy($("check-button"), async () => {
    out.replaceChildren(el("div", { class: "skeleton", "aria-hidden": "true" }));
    try {
      const r = await state.client.numbers.check(from, target, extra ? { extra_information: true } : {});
      const yes = (v) => (v === undefined ? "—" : v ? "yes" : "no");
      const w = r.whatsapp_info;
      out.replaceChildren(el("div", { class: "check-out", "data-testid": "check-output" },
        el("div", { class: `verdict ${r.on_whatsapp ? "good" : "bad"}`, "data-testid": "check-verdict" },
          icon(r.on_whatsapp ? "check" : "alert"), el("span", {}, `${target} ${r.on_whatsapp ? "is on WhatsApp" : r.is_valid ? "is not on WhatsApp" : "is not a valid number"}`)),
        el("dl", { class: "facts" },
          el("dt", {}, "Valid number"), el("dd", { "data-testid": "check-valid" }, yes(r.is_valid)),
          el("dt", {}, "On WhatsApp"), el("dd", { "data-testid": "check-on-whatsapp" }, yes(r.on_whatsapp)),
          el("dt", {}, "Country"), el("dd", { "data-testid": "check-country" }, [country(r.number?.iso_country_code), r.number?.region].filter(Boolean).join(" · ") || "—"),
          r.number?.timezone?.length ? [el("dt", {}, "Time zone"), el("dd", {}, r.number.timezone.join(", "))] : null,
          r.number?.carrier ? [el("dt", {}, "Carrier"), el("dd", {}, r.number.carrier)] : null,
          w ? [el("dt", {}, "Business"), el("dd", { "data-testid": "check-business" },
            w.is_business ? `yes${w.verified_name ? ` · ${w.verified_name}` : ""}${w.verified_level ? ` (verified level ${w.verified_level})` : ""}` : "no, a personal account",
            w.is_enterprise ? " · enterprise" : "")] : null,
          extra && !w ? [el("dt", {}, "Business"), el("dd", { "data-testid": "check-business" }, "—")] : null)));
      loadAccount();
    } catch (e) {
      out.replaceChildren(errorBox(e));
    }
  });
}

// ----- messages and conversations ----------------------------------------------------------------

function describeMessage(m) {
  const body = m.message ?? {};
  const parts = [];
  if (body.media) parts.push(mediaView(body.media));
  if (body.text) parts.push(el("span", { class: "text" }, body.text));
  if (body.pin) parts.push(el("span", {}, `Location: ${body.pin.name ?? ""} (${body.pin.latitude}, ${body.pin.longitude})`));
  if (!parts.length) parts.push(el("code", { class: "small" }, JSON.stringify(body)));
  return parts;
}

const messageItem = (m) => el("li", { class: `message ${m.sent_by === "user" ? "in" : "out"}`, "data-uuid": m.uuid, "data-testid": "message" },
  el("div", { class: "bubble" }, describeMessage(m)),
  el("div", { class: "meta muted small" }, [m.sent_by === "user" ? `from ${m.remote_phone_number ?? "?"}` : `${m.sent_by ?? "sent"} → ${m.remote_phone_number ?? "?"}`,
    fmtTime(m.created_at ?? m.timestamp)].filter(Boolean).join(" · ")));

/** Up to `n` items from an async iterator; `done` when the iteration ended first. */
async function take(iterator, n) {
  const items = [];
  while (items.length < n) {
    const { value, done } = await iterator.next();
    if (done) return { items, done: true };
    items.push(value);
  }
  return { items, done: false };
}

async function loadMessages() {
  const number = state.selected;
  if (!number || !state.client) return;
  const list = $("messages");
  const more = $("messages-more");
  more.hidden = true;
  list.replaceChildren(...skeletons(3));
  list.setAttribute("aria-busy", "true");
  // The async iterable of `for await`: pages of 100 are fetched only when the loop needs them.
  const iterator = state.client.messages.iterate(number, { limit: 1000 })[Symbol.asyncIterator]();
  state.msgWalker = iterator;
  state.msgCount = 0;
  try {
    const { items, done } = await take(iterator, MESSAGES_PAGE);
    if (state.msgWalker !== iterator) return;
    list.classList.remove("empty");
    list.replaceChildren(...(items.length ? items.map(messageItem) : [emptyItem("No messages yet.")]));
    state.msgCount = items.length;
    more.hidden = done;
    $("messages-count").textContent = items.length > 1 ? `${state.msgCount} shown` : "";
  } catch (e) {
    if (state.msgWalker === iterator) list.replaceChildren(el("li", {}, errorBox(e)));
  } finally {
    list.removeAttribute("aria-busy");
  }
}

async function moreMessages() {
  const iterator = state.msgWalker;
  if (!iterator) return;
  const more = $("messages-more");
  await busy(more, async () => {
    try {
      const { items, done } = await take(iterator, MESSAGES_PAGE);
      if (state.msgWalker !== iterator) return;
      $("messages").append(...items.map(messageItem));
      state.msgCount += items.length;
      $("messages-count").textContent = `${state.msgCount} shown${done ? " · that's all" : ""}`;
      if (done) more.hidden = true;
    } catch (e) {
      $("messages").append(el("li", {}, errorBox(e)));
    }
  });
}

function conversationItem(s) {
  const name = s.friendly_name || s.phone_number || "unknown";
  const group = s.is_group === true || String(s.session_key ?? "").endsWith("@g.us");
  return el("li", { class: "conversation", "data-testid": "conversation", "data-session": s.session_key },
    avatar(name, group ? "group" : ""),
    el("div", { class: "conv-main" },
      el("div", { class: "conv-name" }, el("strong", {}, name), group ? el("span", { class: "pill pill-idle" }, "group") : null),
      el("div", { class: "muted small ellipsis" }, [s.phone_number && s.phone_number !== name ? s.phone_number : null, s.region_name, s.device].filter(Boolean).join(" · ") || s.session_key)),
    el("time", { class: "muted small" }, fmtTime(s.last_activity ?? s.updated_at ?? s.created_at)));
}

async function loadConversations(append = false) {
  const number = state.selected;
  const channel = channelUuid(number);
  const list = $("conversations");
  const more = $("conversations-more");
  if (!channel || !state.client) return;
  const page = append ? state.conv.page + 1 : 0;
  if (!append) {
    more.hidden = true;
    list.replaceChildren(...skeletons(3));
    $("conversations-count").textContent = "";
  }
  try {
    const res = await state.client.conversations.list(channel, { page_number: page });
    if (number !== state.selected) return;
    const sessions = res.sessions ?? [];
    list.classList.remove("empty");
    if (!append) list.replaceChildren();
    list.append(...sessions.map(conversationItem));
    const loaded = (append ? state.conv.loaded : 0) + sessions.length;
    const total = res.total ?? loaded;
    state.conv = { page, loaded, total };
    if (!loaded) list.replaceChildren(emptyItem("No conversations on this number yet."));
    more.hidden = loaded >= total || sessions.length === 0;
    $("conversations-count").textContent = loaded ? `${loaded} of ${total}` : "";
  } catch (e) {
    if (number === state.selected) list.append(el("li", {}, errorBox(e)));
  }
}

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const activate = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => activate(tab, false));
    tab.addEventListener("keydown", (ev) => {
      const step = ev.key === "ArrowRight" ? 1 : ev.key === "ArrowLeft" ? -1 : 0;
      if (step) { ev.preventDefault(); activate(tabs[(i + step + tabs.length) % tabs.length], true); }
      if (ev.key === "Home") { ev.preventDefault(); activate(tabs[0], true); }
      if (ev.key === "End") { ev.preventDefault(); activate(tabs[tabs.length - 1], true); }
    });
  });
}

// ----- sending -----------------------------------------------------------------------------------

async function send(ev) {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const params = { from_number: f.get("from_number") };
  if (f.get("to_kind") === "group") params.to_group_uuid = String(f.get("to_group_uuid") ?? "");
  else params.to_number = String(f.get("to_number") ?? "").trim();
  if (f.get("text")) params.text = f.get("text");
  if (String(f.get("url") ?? "").trim()) params.url = f.get("url").trim();
  if (f.get("latitude").trim() || f.get("longitude").trim()) params.pin = { latitude: f.get("latitude").trim(), longitude: f.get("longitude").trim() };
  const result = $("send-result");
  await busy($("send-button"), async () => {
    try {
      const res = await state.client.messages.send(params);
      result.replaceChildren(el("div", { class: "ok", "data-testid": "sent" }, "Queued ✓ ", el("code", {}, res.message_uuid ?? "")));
      $("send-text").value = "";
      await Promise.all([loadMessages(), loadConversations(), loadAccount()]);
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
  });
}

function toggleRecipient() {
  const group = document.querySelector('input[name="to_kind"]:checked').value === "group";
  $("to-number-label").hidden = group;
  $("to-group-label").hidden = !group;
}

// ----- contacts ----------------------------------------------------------------------------------

function addDetailRow(type = "WAPH", value = "") {
  const select = el("select", { "aria-label": "Detail type", "data-testid": "contact-detail-type" },
    Object.entries(DETAIL_TYPES).map(([code, label]) => el("option", { value: code, title: code }, label)));
  select.value = type;
  const input = el("input", { value, "aria-label": "Detail value", placeholder: "+5215512345678", autocomplete: "off", "data-testid": "contact-detail-value" });
  const placeholders = { WAPH: "+5215512345678", PH: "+5215512345678", E: "ana@example.com", A: "Av. Reforma 222, CDMX" };
  select.addEventListener("change", () => { input.placeholder = placeholders[select.value]; });
  input.placeholder = placeholders[type];
  const row = el("div", { class: "detail-row" }, select, input,
    el("button", { type: "button", class: "icon-button", "aria-label": "Remove this detail", title: "Remove this detail", onclick: () => {
      row.remove();
      if (!$("contact-details").children.length) addDetailRow();
    } }, "×"));
  $("contact-details").append(row);
  return input;
}

function contactRow(c) {
  const name = [c.first_name, c.last_name].filter(Boolean).join(" ") || "(no name)";
  const del = el("button", { type: "button", class: "ghost danger", "data-testid": "contact-delete", "aria-label": `Delete ${name}` }, "Delete");
  let armed = null;
  del.addEventListener("click", guard(async () => {
    if (!armed) { // two steps instead of confirm(): click again within 4 s
      del.textContent = "Confirm";
      del.classList.add("armed");
      armed = setTimeout(() => { armed = null; del.textContent = "Delete"; del.classList.remove("armed"); }, 4000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    await busy(del, async () => {
      try {
        await state.client.contacts.delete(c.uuid);
        row.remove();
        $("contact-result").replaceChildren(okBox("contact-deleted", `Deleted ${name}.`));
        await refreshContacts();
      } catch (e) {
        $("contact-result").replaceChildren(errorBox(e));
      }
    });
  }));
  const row = el("tr", { "data-uuid": c.uuid, "data-testid": "contact-row" },
    el("td", { "data-label": "Name" }, el("div", { class: "who" }, avatar(name), el("strong", { "data-testid": "contact-name" }, name))),
    el("td", { "data-label": "Details" }, el("div", { class: "chips" },
      (c.details ?? []).length ? (c.details ?? []).map((d) => el("span", { class: "chip", title: DETAIL_TYPES[d.type] ?? d.type }, el("b", {}, d.type), d.value))
        : el("span", { class: "muted" }, "—"))),
    el("td", { "data-label": "UUID", class: "mono small uuid", title: c.uuid }, c.uuid),
    el("td", { class: "actions" }, del));
  return row;
}

function renderContacts(contacts, caption) {
  $("contacts-caption").textContent = caption;
  const body = $("contacts");
  if (!contacts.length) body.replaceChildren(el("tr", {}, el("td", { colSpan: 4, class: "muted empty-note" }, state.contactsQuery ? "No contact matches." : "No contacts yet: create one.")));
  else body.replaceChildren(...contacts.map(contactRow));
}

async function loadContacts() {
  const gen = state.gen;
  state.contactsQuery = "";
  const body = $("contacts");
  body.replaceChildren(...skeletons(2, "tr").map((tr) => { tr.append(el("td", { colSpan: 4 })); return tr; }));
  try {
    const res = await state.client.contacts.list({ results_per_page: 50 });
    if (gen !== state.gen || state.contactsQuery) return;
    const total = res.total ?? res.contacts.length;
    renderContacts(res.contacts, total > res.contacts.length ? `All contacts · first ${res.contacts.length} of ${total}` : `All contacts · ${total}`);
  } catch (e) {
    if (gen === state.gen) body.replaceChildren(el("tr", {}, el("td", { colSpan: 4 }, errorBox(e))));
  }
}

async function searchContacts(query) {
  state.contactsQuery = query;
  const body = $("contacts");
  body.replaceChildren(...skeletons(2, "tr").map((tr) => { tr.append(el("td", { colSpan: 4 })); return tr; }));
  try {
    const res = await state.client.contacts.search({ query, results_per_page: 50 });
    if (state.contactsQuery !== query) return;
    renderContacts(res.contacts, `${res.contacts.length} result${res.contacts.length === 1 ? "" : "s"} for “${query}”`);
  } catch (e) {
    body.replaceChildren(el("tr", {}, el("td", { colSpan: 4 }, errorBox(e))));
  }
}

const refreshContacts = () => (state.contactsQuery ? searchContacts(state.contactsQuery) : loadContacts());

async function createContact(ev) {
  ev.preventDefault();
  const first = $("contact-first").value.trim();
  const last = $("contact-last").value.trim();
  const details = [...document.querySelectorAll("#contact-details .detail-row")]
    .map((row) => ({ type: row.querySelector("select").value, value: row.querySelector("input").value.trim() }))
    .filter((d) => d.value);
  const result = $("contact-result");
  await busy($("contact-create"), async () => {
    try {
      const { contact } = await state.client.contacts.create({ first_name: first, ...(last ? { last_name: last } : {}), contact_detail: details });
      result.replaceChildren(okBox("contact-created", `Created ${[contact.first_name, contact.last_name].filter(Boolean).join(" ")} `, el("code", {}, contact.uuid)));
      ev.target.reset();
      $("contact-details").replaceChildren();
      addDetailRow();
      await refreshContacts();
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
  });
}

// ----- groups ------------------------------------------------------------------------------------

async function loadGroups() {
  const number = state.selected;
  if (!number || !state.client) return;
  const list = $("groups");
  list.replaceChildren(...skeletons(2));
  try {
    const { data } = await state.client.groups.list(number);
    if (number !== state.selected) return;
    state.groups = data ?? [];
    list.classList.remove("empty");
    const options = state.groups.map((g) => [g.uuid, g.wa_group_name ?? g.uuid]);
    fillSelect($("send-group"), options.length ? options : [["", "no groups on this number"]]);
    fillSelect($("webhook-group"), [["", "any group"], ...options]);
    if (!state.groups.length) {
      list.replaceChildren(emptyItem("This number is in no group."));
      $("group-detail").replaceChildren(el("p", { class: "muted empty-note" }, "No group to show."));
      return;
    }
    list.replaceChildren(...state.groups.map((g) => {
      const item = el("li", {},
        el("button", { type: "button", class: "group-item", "data-uuid": g.uuid, "data-testid": "group-item", "aria-pressed": "false", onclick: () => showGroup(g.uuid) },
          avatar(g.wa_group_name, "group"),
          el("span", { class: "group-main" },
            el("strong", { class: "ellipsis" }, g.wa_group_name ?? g.uuid),
            el("span", { class: "muted small ellipsis" }, g.wa_subject ?? "")),
          el("span", { class: "group-badges" },
            el("span", { class: "pill pill-idle" }, `${g.size ?? "?"} members`),
            g.channel_is_owner ? el("span", { class: "pill pill-ok" }, "owner") : null,
            g.is_read_only ?? g.read_only ? el("span", { class: "pill pill-warn" }, "read-only") : null,
            g.is_muted ? el("span", { class: "pill pill-idle" }, "muted") : null)));
      return item;
    }));
    if (state.selectedGroup && state.groups.some((g) => g.uuid === state.selectedGroup)) showGroup(state.selectedGroup);
    else $("group-detail").replaceChildren(el("p", { class: "muted empty-note" }, "Pick a group to see its participants (", el("code", {}, "client.groups.get"), ")."));
  } catch (e) {
    if (number === state.selected) {
      list.replaceChildren(el("li", {}, errorBox(e)));
      state.groups = [];
    }
  }
}

async function showGroup(uuid) {
  state.selectedGroup = uuid;
  for (const b of document.querySelectorAll("#groups .group-item")) {
    const on = b.dataset.uuid === uuid;
    b.classList.toggle("selected", on);
    b.setAttribute("aria-pressed", String(on));
  }
  const box = $("group-detail");
  box.replaceChildren(...skeletons(4, "div"));
  try {
    const { data: g } = await state.client.groups.get(uuid);
    if (state.selectedGroup !== uuid) return;
    const participants = [...(g.participants ?? [])].sort((a, b) =>
      Number(b.wa_is_super_admin ?? 0) - Number(a.wa_is_super_admin ?? 0) || Number(b.wa_is_admin ?? 0) - Number(a.wa_is_admin ?? 0));
    box.replaceChildren(
      el("div", { class: "group-head" },
        avatar(g.wa_group_name, "group big"),
        el("div", {},
          el("h3", { "data-testid": "group-name" }, g.wa_group_name ?? g.uuid),
          el("p", { class: "muted", "data-testid": "group-subject" }, g.wa_subject || "no subject"),
          el("p", { class: "muted small mono ellipsis" }, g.uuid))),
      el("h4", { class: "list-title" }, `${participants.length} participant${participants.length === 1 ? "" : "s"}`),
      el("ul", { class: "participants", "data-testid": "participants" }, participants.map((p) => {
        const contactName = [p.contact?.first_name, p.contact?.last_name].filter(Boolean).join(" ");
        const name = contactName || p.wa_pushname || p.phone_number || p.wa_participant_id;
        return el("li", { class: "participant", "data-testid": "participant", "data-phone": p.phone_number ?? "" },
          avatar(name),
          el("div", { class: "participant-main" },
            el("div", { class: "participant-name" },
              el("strong", {}, name),
              p.wa_is_super_admin ? el("span", { class: "pill pill-accent", "data-testid": "admin-badge" }, "super admin")
                : p.wa_is_admin ? el("span", { class: "pill pill-ok", "data-testid": "admin-badge" }, "admin") : null),
            el("span", { class: "muted small ellipsis" }, [p.formatted_phone_number ?? p.phone_number, p.wa_pushname && p.wa_pushname !== name ? `“${p.wa_pushname}”` : null,
              p.phone_number === state.selected ? "this number" : null].filter(Boolean).join(" · "))));
      })));
  } catch (e) {
    if (state.selectedGroup === uuid) box.replaceChildren(errorBox(e));
  }
}

// ----- webhook subscriptions ---------------------------------------------------------------------

const isCallEvent = (e) => e.startsWith("call.");
const isWabaEvent = (e) => e.startsWith("whatsapp.waba.");
const isGroupEvent = (e) => e.startsWith("whatsapp.group.");
const defaultHookUrl = (event) => (state.mock ? `${location.origin}/__mock/inbox/${event}` : "");

function fillEvents() {
  $("webhook-event").replaceChildren(...EVENT_GROUPS.map(([label, names]) =>
    el("optgroup", { label }, names.map((n) => el("option", { value: n }, n)))));
  $("webhook-event").value = "whatsapp.message.received";
}

function updateWebhookTargets() {
  const event = $("webhook-event").value;
  const label = $("webhook-number-label");
  const select = $("webhook-number");
  let options;
  if (isCallEvent(event)) {
    label.firstChild.textContent = "On virtual number ";
    options = state.virtualNumbers.map((v) => [v.uuid, `${v.phone_number} · ${v.friendly_name ?? ""} (${v.status_text ?? ""})`]);
  } else if (isWabaEvent(event)) {
    label.firstChild.textContent = "On WABA number ";
    options = state.wabaNumbers.map((w) => [w.phone_number, `${w.phone_number} · ${w.friendly_name ?? w.verified_name ?? ""}`]);
  } else {
    label.firstChild.textContent = "On number ";
    options = state.numbers.map((n) => [n.phone_number, `${n.phone_number} · ${n.friendly_name ?? ""}${isConnected(n) ? "" : " (disconnected)"}`]);
  }
  fillSelect(select, options.length ? options : [["", state.client ? "none on this account" : "connect first"]]);
  if (!isCallEvent(event) && !isWabaEvent(event) && state.selected && options.some(([v]) => v === state.selected) && select.dataset.touched !== "1") select.value = state.selected;
  $("webhook-group-label").hidden = !isGroupEvent(event);
  $("webhook-period-label").hidden = event !== "whatsapp.conversation.new";
  if (!state.hookUrlEdited) $("webhook-url").value = defaultHookUrl(event);
  $("webhook-url").placeholder = "https://your-server.example/hooks/" + event;
}

async function loadWebhookTargets() {
  const gen = state.gen;
  // Both lists are optional here: an account without WABA or virtual numbers still subscribes.
  const [vn, waba] = await Promise.allSettled([state.client.calls.listVirtualNumbers({ results_per_page: 100 }), state.client.waba.listNumbers()]);
  if (gen !== state.gen) return;
  state.virtualNumbers = vn.status === "fulfilled" ? vn.value.numbers ?? [] : [];
  state.wabaNumbers = waba.status === "fulfilled" ? waba.value.numbers ?? [] : [];
  updateWebhookTargets();
  const active = state.virtualNumbers.filter((v) => (v.status_text ?? "ACTIVE") === "ACTIVE");
  fillSelect($("sim-virtual"), active.length ? active.map((v) => [v.phone_number, `${v.phone_number} · ${v.friendly_name ?? ""}`]) : [["", "no virtual number"]]);
}

async function loadWebhooks() {
  const gen = state.gen;
  const list = $("webhooks");
  list.replaceChildren(...skeletons(2));
  try {
    const { webhooks } = await state.client.webhooks.list();
    if (gen !== state.gen) return;
    if (!webhooks.length) {
      list.replaceChildren(emptyItem("No subscriptions yet."));
      return;
    }
    list.replaceChildren(...webhooks.map((w) => {
      const del = el("button", { type: "button", class: "ghost danger", "data-testid": "webhook-delete", "aria-label": `Delete the ${w.event_name} subscription` }, "Delete");
      del.addEventListener("click", guard(() => busy(del, async () => {
        try {
          await state.client.webhooks.delete(w.uuid);
          $("webhook-result").replaceChildren(okBox("webhook-deleted", `Unsubscribed from ${w.event_name}.`));
          await loadWebhooks();
        } catch (e) {
          $("webhook-result").replaceChildren(errorBox(e));
        }
      })));
      const target = w.on_number ?? state.virtualNumbers.find((v) => v.uuid === w.channel_uuid)?.phone_number ?? w.channel_uuid;
      return el("li", { class: "webhook", "data-uuid": w.uuid, "data-event": w.event_name, "data-testid": "webhook-item" },
        el("div", { class: "webhook-main" },
          el("div", { class: "webhook-line" }, el("code", { class: "event-chip" }, w.event_name), el("span", { class: "muted small" }, `on ${target}`),
            w.time_period ? el("span", { class: "pill pill-idle" }, w.time_period) : null),
          el("div", { class: "muted small mono ellipsis", title: maskToken(w.hook_url) }, "→ ", maskToken(w.hook_url)),
          el("div", { class: "muted small" }, [fmtTime(w.created_at), w.uuid].filter(Boolean).join(" · "))),
        del);
    }));
  } catch (e) {
    if (gen === state.gen) list.replaceChildren(el("li", {}, errorBox(e)));
  }
}

async function subscribe(ev) {
  ev?.preventDefault();
  const event = $("webhook-event").value;
  const target = $("webhook-number").value;
  const hookUrl = $("webhook-url").value.trim();
  const params = {};
  if ($("webhook-token").checked) {
    // The SDK builds `${url}/${event}?token=…`, the URL a WebhookRouter with that token accepts.
    params.router = { url: hookUrl.replace(new RegExp(`/${escapeRegExp(event)}/?$`), ""), token: WebhookRouter.generateToken() };
  } else {
    params.hook_url = hookUrl;
  }
  if (isCallEvent(event)) params.channel_uuid = target;
  else params.on_number = target;
  if (isGroupEvent(event) && $("webhook-group").value) params.to_group_uuid = $("webhook-group").value;
  if (event === "whatsapp.conversation.new" && $("webhook-period").value) params.time_period = $("webhook-period").value;
  const result = $("webhook-result");
  await busy($("webhook-subscribe"), async () => {
    try {
      const { data } = await state.client.webhooks.subscribe(event, params);
      result.replaceChildren(okBox("webhook-subscribed", `Subscribed to ${data.event_name} `, el("code", {}, data.uuid)));
      await loadWebhooks();
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
  });
}

// ----- live feed (local mock only) ---------------------------------------------------------------

const mockUrl = (path) => new URL(path, location.origin).href;

function whoOf(p) {
  const c = p.contact;
  const name = c?.name || [c?.first_name, c?.last_name].filter(Boolean).join(" ");
  const number = p.remote_phone_number ?? p.participant?.phone_number;
  return name ? `${name} (${number ?? "?"})` : number ?? "someone";
}

function describeEvent(ev) {
  const p = ev.payload ?? {};
  const name = ev.event;
  if (name === "unknown") {
    return { kind: "unknown", icon: "code", title: `An event this SDK version does not know: ${ev.name ?? "(no name)"}`, body: [el("pre", { class: "raw" }, JSON.stringify(p, null, 2))] };
  }
  if (name === "whatsapp.order.received") {
    const order = p.message?.order ?? {};
    const products = order.products ?? [];
    const currency = order.currency ?? products.find((x) => x.currency)?.currency ?? "";
    const money = (v) => `${Number(v ?? 0).toLocaleString()} ${currency}`.trim();
    const sum = products.reduce((s, x) => s + Number(x.price ?? 0) * Number(x.quantity ?? 1), 0);
    return {
      kind: "order", icon: "cart", title: `Order from ${whoOf(p)}`,
      body: [
        el("ul", { class: "order-lines", "data-testid": "order-lines" }, products.map((x) => el("li", {},
          el("span", {}, `${x.quantity ?? 1} × ${x.name ?? x.id}`), el("span", { class: "mono" }, money(Number(x.price ?? 0) * Number(x.quantity ?? 1)))))),
        el("div", { class: "order-total", "data-testid": "order-total" },
          el("span", {}, order.total ? "Total" : "Total (items)"), el("strong", { class: "mono" }, money(order.total || sum))),
      ],
    };
  }
  if (name === "whatsapp.conversation.new") {
    return {
      kind: "conversation", icon: "chat", title: `New conversation with ${whoOf(p)}${p.time_period ? ` · first in ${p.time_period === "all-time" ? "all time" : `a ${p.time_period}`}` : ""}`,
      body: [p.message?.text ? el("p", { class: "event-text", "data-testid": "feed-text" }, p.message.text) : null, mediaView(p.message?.media)],
    };
  }
  if (name === "whatsapp.group.join" || name === "whatsapp.group.leave" || name === "whatsapp.group.remove") {
    const verb = { "whatsapp.group.join": "joined", "whatsapp.group.leave": "left", "whatsapp.group.remove": "was removed from" }[name];
    const who = p.participant?.pushname ? `${p.participant.pushname} (${p.participant.phone_number})` : p.participant?.phone_number ?? "someone";
    return { kind: "group", icon: name.endsWith("join") ? "join" : "leave", title: `${who} ${verb} ${p.group?.wa_group_name ?? "a group"}` };
  }
  if (name.startsWith("call.") || name.startsWith("whatsapp.call.")) {
    const inbound = (p.direction ?? (name.includes("received") || name.includes("incoming") ? "I" : "O")) === "I";
    const other = inbound ? p.from : p.to_number ?? p.from;
    const ours = p.received_on_number ?? p.channel_phone_number ?? "";
    return {
      kind: "call", icon: "phone", title: `${inbound ? "Incoming" : "Outgoing"} call ${inbound ? "from" : "to"} ${other ?? "?"}${ours ? ` ${inbound ? "to" : "from"} ${ours}` : ""}`,
      body: [el("div", { class: "chips" },
        p.status ? el("span", { class: `pill ${p.status === "COMPLETED" || p.status === "ANSWERED" ? "pill-ok" : "pill-warn"}` }, p.status.toLowerCase()) : null,
        typeof p.duration === "number" ? el("span", { class: "pill pill-idle" }, `${p.duration} s`) : null,
        p.agent?.full_name ? el("span", { class: "pill pill-idle" }, `agent ${p.agent.full_name}`) : null,
        p.recording_url ? el("a", { class: "file-chip", href: p.recording_url, target: "_blank", rel: "noopener noreferrer" }, icon("file"), el("span", {}, "recording")) : null)],
    };
  }
  if (name === "whatsapp.number.status") {
    return { kind: "status", icon: "status", title: `Number status: ${p.status ?? "?"}` };
  }
  // Every other event carries a message envelope: received, new, sent, receipts, reactions, group and WABA messages.
  const incoming = (p.sent_by ?? "user") === "user";
  const where = p.channel_phone_number ?? p.channel?.phone_number;
  const title = name.includes(".receipt.")
    ? `Receipt (${name.split(".").pop()}) for a message to ${p.remote_phone_number ?? "?"}`
    : incoming
      ? `From ${name.includes(".group.") && p.participant ? p.participant.pushname ?? p.participant.phone_number : whoOf(p)}${where ? ` to ${where}` : ""}`
      : `Sent by ${p.sent_by} to ${p.remote_phone_number ?? p.to_group_uuid ?? "?"}${where ? ` from ${where}` : ""}`;
  return {
    kind: "message", icon: "message", title,
    body: [p.message?.text ? el("p", { class: "event-text", "data-testid": "feed-text" }, p.message.text) : null, mediaView(p.message?.media)],
  };
}

function deliveryFoot(d) {
  if (d.skipped) return el("span", { class: "warn-text" }, `not delivered: ${d.skipped}`);
  if (d.error) return el("span", { class: "warn-text" }, `delivery failed: ${d.error}`);
  let path = d.hook_url;
  try { const u = new URL(d.hook_url); path = u.origin === location.origin ? u.pathname : maskToken(d.hook_url); } catch { /* keep */ }
  return el("span", {}, `POSTed to ${maskToken(path)} → `, el("b", { class: d.status >= 200 && d.status < 300 ? "good-text" : "warn-text" }, String(d.status ?? "?")));
}

function feedCard(d) {
  let ev;
  try {
    ev = parseWebhook(d.payload, { event: d.event });
  } catch (e) {
    return el("li", { class: "event kind-error", "data-testid": "feed-item", "data-event": d.event, "data-kind": "error" },
      el("span", { class: "event-icon" }, icon("alert")),
      el("div", { class: "event-body" }, el("div", { class: "event-head" }, el("code", { class: "event-name" }, d.event)), errorBox(e)));
  }
  const view = describeEvent(ev);
  const ms = ev.createdAt ?? parseTimestamp(d.delivered_at);
  return el("li", { class: `event kind-${view.kind}`, "data-testid": "feed-item", "data-event": ev.event === "unknown" ? ev.name ?? "unknown" : ev.event, "data-kind": view.kind, "data-uuid": ev.uuid ?? "" },
    el("span", { class: "event-icon" }, icon(view.icon)),
    el("div", { class: "event-body" },
      el("div", { class: "event-head" },
        el("code", { class: "event-name" }, ev.event === "unknown" ? `unknown: ${ev.name ?? "?"}` : ev.event),
        ms ? el("time", { class: "muted small", dateTime: new Date(ms).toISOString(), title: new Date(ms).toLocaleString(), "data-testid": "feed-time" }, fmtTime(ms, { seconds: true })) : null),
      el("div", { class: "event-title", "data-testid": "feed-title" }, view.title),
      view.body ?? null,
      el("details", { class: "payload" }, el("summary", { class: "muted small" }, "Payload"), el("pre", { class: "raw" }, JSON.stringify(ev.payload, null, 2))),
      el("div", { class: "event-foot muted small" }, deliveryFoot(d))));
}

function setFeedCount() {
  $("feed-count").textContent = state.feedCount ? `${state.feedCount} event${state.feedCount === 1 ? "" : "s"}` : "";
  $("feed-clear").hidden = !state.feedCount;
}

async function pollFeed(gen) {
  if (gen !== state.gen) return;
  try {
    const r = await fetch(mockUrl(`/__mock/deliveries?api_key=${encodeURIComponent(state.apiKey)}`), { cache: "no-store" });
    if (gen !== state.gen) return;
    if (r.ok) {
      const { deliveries } = await r.json();
      const fresh = deliveries.filter((d) => !state.feedSeen.has(d.id));
      if (fresh.length) {
        const feed = $("feed");
        feed.querySelector(".empty-note")?.remove();
        for (const d of fresh) {
          state.feedSeen.add(d.id);
          feed.prepend(feedCard(d));
          state.feedCount++;
        }
        while (feed.children.length > FEED_MAX) feed.lastElementChild.remove();
        setFeedCount();
      }
      $("live-dot").className = "live-dot on";
    } else {
      $("live-dot").className = "live-dot off";
    }
  } catch {
    $("live-dot").className = "live-dot off";
  }
  if (gen === state.gen) setTimeout(() => pollFeed(gen), 1000);
}

async function clearFeed() {
  try {
    await fetch(mockUrl(`/__mock/deliveries?api_key=${encodeURIComponent(state.apiKey)}`), { method: "DELETE" });
  } catch { /* the list is cleared on screen anyway */ }
  state.feedCount = 0;
  $("feed").replaceChildren(emptyItem("Cleared. New deliveries appear here."));
  setFeedCount();
}

const SUGGESTED = {
  inbound_message: "whatsapp.message.received", order: "whatsapp.order.received", group_join: "whatsapp.group.join", call: "call.incoming.completed",
};

async function simulate(kind, button) {
  const from = $("sim-from").value.trim();
  const body = { api_key: state.apiKey, kind };
  const group = state.selectedGroup ?? state.groups[0]?.uuid;
  if (kind === "inbound_message" || kind === "order") {
    Object.assign(body, { number: state.selected, from });
    const text = $("sim-text").value.trim();
    if (text && kind === "inbound_message") body.text = text;
    if (kind === "inbound_message" && $("sim-photo").checked) body.media = { url: SAMPLE_PHOTO };
  } else if (kind === "group_join") {
    Object.assign(body, { group_uuid: group, participant: from, pushname: "Simulated guest" });
  } else if (kind === "call") {
    Object.assign(body, { number: $("sim-virtual").value, from });
  }
  const out = $("sim-result");
  await busy(button, async () => {
    try {
      const r = await fetch(mockUrl("/__mock/simulate"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const answer = await r.json().catch(() => ({}));
      if (!r.ok || !answer.ok) {
        out.replaceChildren(el("div", { class: "error", "data-testid": "simulate-error" }, el("code", {}, `mock ${r.status}`), ` ${answer.error ?? r.statusText}`));
        return;
      }
      const n = answer.deliveries_scheduled ?? 0;
      const what = { inbound_message: "An inbound message", order: "An order", group_join: "A group join", call: "A call" }[kind];
      if (n) {
        out.replaceChildren(okBox("simulated", `${what} happened: ${n} deliver${n === 1 ? "y" : "ies"} on the way.`));
      } else {
        const suggested = SUGGESTED[kind];
        out.replaceChildren(el("div", { class: "note", "data-testid": "simulated" }, `${what} happened, but no subscription matches it. `,
          el("button", { type: "button", class: "link", onclick: () => prepareSubscription(suggested, kind) }, `Subscribe to ${suggested}`), "."));
      }
      if (kind === "inbound_message" || kind === "order") { loadMessages(); loadConversations(); }
      if (kind === "group_join" && state.selectedGroup === group) showGroup(group);
    } catch (e) {
      out.replaceChildren(errorBox(e));
    }
  });
}

function prepareSubscription(event, kind) {
  $("webhook-event").value = event;
  updateWebhookTargets();
  if (kind === "call") {
    const vn = state.virtualNumbers.find((v) => v.phone_number === $("sim-virtual").value);
    if (vn) $("webhook-number").value = vn.uuid;
  }
  $("webhook-event").focus();
  $("webhook-form").scrollIntoView({ behavior: "smooth", block: "center" });
}

// ----- connecting --------------------------------------------------------------------------------

function resetViews() {
  state.numbers = []; state.groups = []; state.selected = null; state.selectedGroup = null;
  state.virtualNumbers = []; state.wabaNumbers = []; state.msgWalker = null; state.feedCount = 0;
  $("numbers").replaceChildren(emptyItem("No numbers loaded yet."));
  $("messages").replaceChildren(emptyItem("No messages loaded yet."));
  $("conversations").replaceChildren(emptyItem("No conversations loaded yet."));
  $("groups").replaceChildren(emptyItem("No groups loaded yet."));
  $("webhooks").replaceChildren(emptyItem("No subscriptions loaded yet."));
  $("contacts").replaceChildren(el("tr", {}, el("td", { colSpan: 4, class: "muted empty-note" }, "No contacts loaded yet.")));
  $("feed").replaceChildren(emptyItem("Nothing delivered yet. Subscribe to an event, then make it happen."));
  $("messages-more").hidden = true;
  $("conversations-more").hidden = true;
  $("messages-count").textContent = "";
  $("conversations-count").textContent = "";
  $("messages-of").textContent = "";
  $("groups-of").textContent = "";
  $("live-dot").className = "live-dot";
  for (const id of ["send-result", "check-result", "contact-result", "webhook-result", "sim-result"]) $(id).replaceChildren();
  setFeedCount();
}

async function mockAvailable() {
  try {
    const r = await fetch(mockUrl("/__mock/health"), { cache: "no-store" });
    return r.ok && (await r.json()).ok === true;
  } catch {
    return false;
  }
}

async function connect(ev) {
  ev?.preventDefault();
  const gen = ++state.gen;
  resetViews();
  const baseUrl = $("base-url").value.trim();
  const apiKey = $("api-key").value.trim();
  state.client = null;
  for (const b of document.querySelectorAll("[data-needs-client]")) b.disabled = true;
  let local = false;
  try {
    // A key in a page can be read by anyone; that is acceptable only against the local mock.
    // Against a proxy that adds the key server-side, leave the key empty.
    local = new URL(baseUrl, location.href).origin === location.origin;
    state.client = new TwoChat({ baseUrl, ...(apiKey ? { apiKey } : {}), dangerouslyAllowBrowser: local });
  } catch (e) {
    setStatus(e.code ?? "error", "bad");
    $("account").replaceChildren(errorBox(e));
    return;
  }
  state.apiKey = apiKey;
  setStatus("connecting…", "idle");
  const [ok, mock] = await Promise.all([loadAccount(), local && apiKey ? mockAvailable() : false]);
  if (gen !== state.gen) return;
  state.mock = ok && mock;
  setStatus(ok ? "connected" : "connection failed", ok ? "ok" : "bad");
  for (const b of document.querySelectorAll("[data-needs-client]")) b.disabled = !ok;
  $("simulate").hidden = !state.mock;
  $("feed-note").replaceChildren(state.mock
    ? el("span", {}, "What the mock POSTs to this account's hook URLs, polled every second and parsed with ", el("code", {}, "parseWebhook"), ".")
    : el("span", {}, "The live feed needs the local ", el("code", {}, "twochat-mock"), " (same origin, with a key). In production 2Chat POSTs events to your hook URL: see ",
      el("code", {}, "examples/worker"), " and ", el("code", {}, "WebhookRouter"), "."));
  if (!state.hookUrlEdited) $("webhook-url").value = defaultHookUrl($("webhook-event").value);
  if (!ok) { state.client = null; return; }
  await Promise.all([loadNumbers(), loadContacts(), loadWebhooks(), loadWebhookTargets()]);
  if (state.mock && gen === state.gen) pollFeed(gen);
}

// ----- theme -------------------------------------------------------------------------------------

function setupTheme() {
  const modes = ["auto", "light", "dark"];
  const glyph = { auto: "◐", light: "☀", dark: "☾" };
  let mode = localStorage.getItem("twochat-theme") ?? "auto";
  const apply = () => {
    if (mode === "auto") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = mode;
    const b = $("theme");
    b.textContent = glyph[mode] ?? "◐";
    b.title = b.ariaLabel = `Colour theme: ${mode === "auto" ? "automatic" : mode}`;
  };
  apply();
  $("theme").addEventListener("click", () => {
    mode = modes[(modes.indexOf(mode) + 1) % modes.length];
    localStorage.setItem("twochat-theme", mode);
    apply();
  });
}

// ----- start -------------------------------------------------------------------------------------

setupTheme();
await init();
const query = new URLSearchParams(location.search);
$("base-url").value = query.get("baseUrl") ?? location.origin;
$("api-key").value = query.get("apiKey") ?? "UAK-mock-demo";
fillEvents();
addDetailRow();
setupTabs();
updateWebhookTargets();

$("connect-form").addEventListener("submit", guard(connect));
$("send-form").addEventListener("submit", guard(send));
$("check-form").addEventListener("submit", guard(checkNumber));
$("contact-form").addEventListener("submit", guard(createContact));
$("webhook-form").addEventListener("submit", guard(subscribe));
$("contact-search-form").addEventListener("submit", guard((ev) => {
  ev.preventDefault();
  const q = $("contact-search").value.trim();
  return busy($("contact-search-button"), () => (q ? searchContacts(q) : loadContacts()));
}));
$("contact-search").addEventListener("search", guard(() => { if (!$("contact-search").value && state.client) return loadContacts(); }));
$("add-detail").addEventListener("click", () => addDetailRow().focus());
for (const r of document.querySelectorAll('input[name="to_kind"]')) r.addEventListener("change", toggleRecipient);
$("send-from").addEventListener("change", () => $("send-from").value && selectNumber($("send-from").value));
$("webhook-event").addEventListener("change", updateWebhookTargets);
$("webhook-number").addEventListener("change", () => { $("webhook-number").dataset.touched = "1"; });
$("webhook-url").addEventListener("input", () => { state.hookUrlEdited = $("webhook-url").value.trim() !== ""; });
$("refresh-account").addEventListener("click", guard((e) => busy(e.currentTarget, loadAccount)));
$("refresh-numbers").addEventListener("click", guard((e) => busy(e.currentTarget, loadNumbers)));
$("refresh-messages").addEventListener("click", guard((e) => busy(e.currentTarget, () => Promise.all([loadMessages(), loadConversations()]))));
$("refresh-contacts").addEventListener("click", guard((e) => busy(e.currentTarget, refreshContacts)));
$("refresh-groups").addEventListener("click", guard((e) => busy(e.currentTarget, loadGroups)));
$("refresh-webhooks").addEventListener("click", guard((e) => busy(e.currentTarget, loadWebhooks)));
$("messages-more").addEventListener("click", guard(moreMessages));
$("conversations-more").addEventListener("click", guard((e) => busy(e.currentTarget, () => loadConversations(true))));
$("feed-clear").addEventListener("click", guard(clearFeed));
$("simulate").addEventListener("submit", guard((ev) => { ev.preventDefault(); return simulate("inbound_message", $("sim-message")); }));
$("sim-order").addEventListener("click", guard((e) => simulate("order", e.currentTarget)));
$("sim-join").addEventListener("click", guard((e) => simulate("group_join", e.currentTarget)));
$("sim-call").addEventListener("click", guard((e) => simulate("call", e.currentTarget)));
connect();
