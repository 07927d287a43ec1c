// The demo page: every call goes through the wasm `TwoChat` client, as in a user's app.
import init, { TwoChat, TwoChatError } from "./pkg/web/index.js";

const $ = (id) => document.getElementById(id);
const state = { client: null, selected: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

function errorBox(err) {
  if (err instanceof TwoChatError) {
    const status = err.status ? ` · HTTP ${err.status}` : "";
    return el("div", { class: "error", "data-code": err.code }, el("code", {}, err.code), ` ${err.message}${status}`);
  }
  return el("div", { class: "error" }, String(err));
}

async function busy(button, work) {
  const label = button.textContent;
  button.disabled = true;
  button.classList.add("loading");
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.classList.remove("loading");
    button.textContent = label;
  }
}

function setStatus(text, kind) {
  const s = $("status");
  s.textContent = text;
  s.className = `pill pill-${kind}`;
}

function bar(label, used, max) {
  const pct = max ? Math.min(100, Math.round((used / max) * 100)) : 0;
  return el("div", { class: "meter" },
    el("div", { class: "meter-label" }, el("span", {}, label), el("span", { class: "muted" }, `${used ?? 0} / ${max ?? "∞"}`)),
    el("div", { class: "meter-track" }, el("div", { class: "meter-fill", style: `width:${pct}%` })));
}

async function loadAccount() {
  const box = $("account");
  box.replaceChildren(el("div", { class: "skeleton" }));
  try {
    const info = await state.client.account.info();
    const a = info.account ?? {};
    box.classList.remove("empty");
    box.replaceChildren(
      el("div", { class: "account-name", "data-testid": "account-name" }, a.name ?? "—"),
      el("div", { class: "muted small mono" }, a.uuid ?? ""),
      el("div", { class: "badges" },
        el("span", { class: `pill ${a.on_trial ? "pill-warn" : "pill-ok"}` }, a.on_trial ? "trial" : "paid"),
        el("span", { class: `pill ${a.blocked ? "pill-bad" : "pill-ok"}` }, a.blocked ? "blocked" : "active"),
        el("span", { class: "pill pill-idle" }, `${info.limits?.requests_per_minute ?? "?"} req/min`)),
      bar("API requests", info.usage?.api_request_count, info.usage?.max_api_request_count),
      bar("Number checks", info.usage?.number_check_count, info.usage?.max_number_check_count),
    );
    return true;
  } catch (e) {
    box.replaceChildren(errorBox(e));
    return false;
  }
}

async function loadNumbers() {
  const list = $("numbers");
  list.replaceChildren(el("li", { class: "skeleton" }));
  try {
    const { numbers } = await state.client.numbers.list({ status: "all" });
    list.classList.remove("empty");
    const from = $("send-from");
    from.replaceChildren(...numbers.filter((n) => n.connection_status === "C").map((n) => el("option", { value: n.phone_number }, `${n.phone_number} · ${n.friendly_name ?? ""}`)));
    if (!numbers.length) list.replaceChildren(el("li", { class: "muted" }, "No numbers on this account."));
    else list.replaceChildren(...numbers.map((n) => {
      const item = el("li", { class: "number", tabIndex: 0, "data-number": n.phone_number },
        el("div", {}, el("strong", {}, n.phone_number), " ", el("span", { class: "muted" }, n.friendly_name ?? "")),
        el("span", { class: `pill ${n.connection_status === "C" ? "pill-ok" : "pill-bad"}` }, n.connection_status === "C" ? "connected" : "disconnected"));
      item.addEventListener("click", () => selectNumber(n.phone_number));
      item.addEventListener("keydown", (ev) => ev.key === "Enter" && selectNumber(n.phone_number));
      return item;
    }));
    const first = numbers.find((n) => n.connection_status === "C");
    if (first) selectNumber(first.phone_number);
  } catch (e) {
    list.replaceChildren(el("li", {}, errorBox(e)));
  }
}

function selectNumber(number) {
  state.selected = number;
  for (const li of document.querySelectorAll("#numbers .number")) li.classList.toggle("selected", li.dataset.number === number);
  $("send-from").value = number;
  $("messages-of").textContent = `Newest first, for ${number}.`;
  loadMessages();
}

function describeMessage(m) {
  const body = m.message ?? {};
  if (body.text) return body.text;
  if (body.media) return `📎 ${body.media.type ?? "media"} · ${String(body.media.url).split("/").pop()}`;
  if (body.pin) return `📍 ${body.pin.name ?? ""} (${body.pin.latitude}, ${body.pin.longitude})`;
  return JSON.stringify(body);
}

function when(m) {
  if (typeof m.timestamp === "number") return new Date(m.timestamp * 1000).toLocaleString();
  if (m.created_at) return new Date(String(m.created_at).replace(" ", "T")).toLocaleString();
  return "";
}

async function loadMessages() {
  if (!state.selected) return;
  const list = $("messages");
  list.replaceChildren(el("li", { class: "skeleton" }));
  try {
    const { messages } = await state.client.messages.list(state.selected);
    list.classList.remove("empty");
    if (!messages.length) list.replaceChildren(el("li", { class: "muted" }, "No messages yet."));
    else list.replaceChildren(...messages.map((m) => el("li", { class: `message ${m.sent_by === "user" ? "in" : "out"}`, "data-uuid": m.uuid },
      el("div", { class: "bubble" }, describeMessage(m)),
      el("div", { class: "meta muted small" }, `${m.sent_by ?? ""} · ${m.remote_phone_number ?? ""} · ${when(m)}`))));
  } catch (e) {
    list.replaceChildren(el("li", {}, errorBox(e)));
  }
}

async function connect(ev) {
  ev?.preventDefault();
  const baseUrl = $("base-url").value.trim();
  const apiKey = $("api-key").value.trim();
  try {
    // A key in a page can be read by anyone; that is acceptable only against the local mock.
    // Against a proxy that adds the key server-side, leave the key empty.
    const local = new URL(baseUrl, location.href).origin === location.origin;
    state.client = new TwoChat({ baseUrl, ...(apiKey ? { apiKey } : {}), dangerouslyAllowBrowser: local });
  } catch (e) {
    setStatus(e.code ?? "error", "bad");
    $("account").replaceChildren(errorBox(e));
    return;
  }
  setStatus("connecting…", "idle");
  const ok = await loadAccount();
  setStatus(ok ? "connected" : "connection failed", ok ? "ok" : "bad");
  for (const id of ["refresh-account", "refresh-numbers", "refresh-messages", "send-button"]) $(id).disabled = !ok;
  if (ok) await loadNumbers();
}

async function send(ev) {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const params = { from_number: f.get("from_number") };
  if (f.get("to_kind") === "group") params.to_group_uuid = f.get("to_group_uuid").trim();
  else params.to_number = f.get("to_number").trim();
  if (f.get("text")) params.text = f.get("text");
  if (f.get("url").trim()) params.url = f.get("url").trim();
  if (f.get("latitude").trim() || f.get("longitude").trim()) params.pin = { latitude: f.get("latitude").trim(), longitude: f.get("longitude").trim() };
  const result = $("send-result");
  await busy($("send-button"), async () => {
    try {
      const res = await state.client.messages.send(params);
      result.replaceChildren(el("div", { class: "ok", "data-testid": "sent" }, "Queued ✓ ", el("code", {}, res.message_uuid ?? "")));
      $("send-text").value = "";
      await Promise.all([loadMessages(), loadAccount()]);
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

await init();
$("base-url").value = new URLSearchParams(location.search).get("baseUrl") ?? location.origin;
$("api-key").value = new URLSearchParams(location.search).get("apiKey") ?? "UAK-mock-demo";
$("connect-form").addEventListener("submit", connect);
$("send-form").addEventListener("submit", send);
for (const r of document.querySelectorAll('input[name="to_kind"]')) r.addEventListener("change", toggleRecipient);
$("refresh-account").addEventListener("click", (e) => busy(e.target, loadAccount));
$("refresh-numbers").addEventListener("click", (e) => busy(e.target, loadNumbers));
$("refresh-messages").addEventListener("click", (e) => busy(e.target, loadMessages));
$("send-group").value = "WAG768beeef-2b96-4bc7-9b7f-045078568723";
connect();
