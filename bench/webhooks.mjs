// Webhook parsing: `parseWebhook(body, { event })` against `JSON.parse` alone and against
// `JSON.parse` + a zod schema of the same envelope (the checks src/webhook.rs makes for the
// WhatsApp message family: the same fields, the same types, unknown fields kept), all on the same
// string, for a small payload (the documented fixture) and two large ones (an order of 500
// products, a 100 KB text message).
//
// A small payload: each candidate runs in batches sized to ~20 ms; batches of the three candidates
// alternate, and the figure is the median time per operation over the batches. A large payload
// (an operation of 50 µs or more): the three alternate operation by operation, each timed alone,
// and the figure is the median operation. In batches of a large payload each candidate met the
// heap the previous batch left, and runs had zod (JSON.parse plus checks) faster than JSON.parse
// alone; interleaved, every candidate meets the same heap. The median leaves out the operations a
// garbage collection lands on: all three allocate the parsed payload, and zod a copy of each
// object besides, so this can only favour zod.
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { PKG, turns, webhookFixture, median, save, log, fmt } from "./lib.mjs";

const SAMPLES = Number(process.env.BENCH_PARSE_SAMPLES ?? 25);
const BATCH_MS = 20;

const { parseWebhook } = await import(pathToFileURL(join(PKG, "index.mjs")).href);

// --- the zod schema of the WhatsApp message envelope (src/webhook.rs `message_envelope`) --------
const str = z.string().nullish();
const num = z.number().nullish();
const timestamp = z.union([z.string(), z.number()]).nullish();
const Contact = z.looseObject({ uuid: str, first_name: str, last_name: str, name: str, profile_pic_url: str, channel_uuid: str, last_updated: timestamp });
const Product = z.looseObject({ id: z.union([z.string(), z.number()]).nullish(), name: str, currency: str, thumbnail_url: str, price: num, quantity: num });
const Order = z.looseObject({ subtotal: num, total: num, currency: str, created_at: timestamp, products: z.array(Product).nullish() });
const Media = z.looseObject({ url: str, type: str, mime_type: str });
const Message = z.looseObject({ text: str, media: Media.nullish(), order: Order.nullish() });
const MessageEnvelope = z.looseObject({
  event: str,
  id: str,
  uuid: str,
  created_at: timestamp,
  updated_at: timestamp,
  timestamp,
  session_key: str,
  remote_phone_number: str,
  channel_phone_number: str,
  sent_by: str,
  to_number: str,
  _2chat_link: str,
  time_period: str,
  to_group_uuid: str,
  message: Message.nullish(),
  channel: z.looseObject({ uuid: str, friendly_name: str, iso_country_code: str, phone_number: str, connection_status: str, created_at: timestamp, updated_at: timestamp }).nullish(),
  participant: z.looseObject({ phone_number: str, device: str, pushname: str, created_at: timestamp }).nullish(),
  contact: Contact.nullish(),
});

// --- payloads --------------------------------------------------------------------------------------
const small = webhookFixture("whatsapp.message.received.media");

const order = webhookFixture("whatsapp.order.received");
const template = order.message.order.products[0];
order.message.order.products = Array.from({ length: 500 }, (_, i) => ({
  ...template,
  id: String(6562709013816345 + i * 7919),
  name: `${template.name} #${i + 1}`,
  price: Math.round((9.99 + i * 1.37) * 100) / 100,
  quantity: 1 + (i % 4),
  thumbnail_url: `https://2chat-user-data-dev.s3.amazonaws.com/order/product/${6562709013816345 + i * 7919}.jpeg`,
}));
order.message.order.total = order.message.order.subtotal = order.message.order.products.reduce((s, p) => s + p.price * p.quantity, 0);

const words = "hola buenos días señora García quiero confirmar el pedido de mañana por favor envíe la factura 👋 gracias".split(" ");
let text = "";
for (let i = 0; text.length < 100_000; i++) text += (i ? " " : "") + words[(i * 7) % words.length];
const bigText = { ...small, message: { text } };

const payloads = [
  { id: "small", label: "message.received (fixture)", event: "whatsapp.message.received", body: JSON.stringify(small), bad: { ...small, message: { ...small.message, text: 5 } } },
  {
    id: "order",
    label: "order, 500 products",
    event: "whatsapp.order.received",
    body: JSON.stringify(order),
    bad: { ...order, message: { ...order.message, order: { ...order.message.order, products: order.message.order.products.map((p, i) => (i === 499 ? { ...p, price: "free" } : p)) } } },
  },
  { id: "text", label: "message.received, 100 KB text", event: "whatsapp.message.received", body: JSON.stringify(bigText), bad: { ...bigText, contact: { ...bigText.contact, first_name: 7 } } },
];

// --- the three ways to read a delivery ----------------------------------------------------------
const candidates = {
  parseWebhook: (p) => parseWebhook(p.body, { event: p.event }),
  "JSON.parse": (p) => JSON.parse(p.body),
  zod: (p) => MessageEnvelope.parse(JSON.parse(p.body)),
};

// Same verdicts first: each accepts the payload and rejects the same wrong-typed field.
for (const p of payloads) {
  const e = candidates.parseWebhook(p);
  if (e.event !== p.event) throw new Error(`parseWebhook(${p.id}) gave event ${e.event}`);
  if (!isDeepStrictEqual(e.payload, JSON.parse(p.body))) throw new Error(`parseWebhook(${p.id}) changed the payload`);
  if (!isDeepStrictEqual(candidates.zod(p), JSON.parse(p.body))) throw new Error(`zod(${p.id}) changed the payload`);
  const badBody = JSON.stringify(p.bad);
  let sdkRejects = false;
  let zodRejects = false;
  try {
    parseWebhook(badBody, { event: p.event });
  } catch {
    sdkRejects = true;
  }
  zodRejects = !MessageEnvelope.safeParse(JSON.parse(badBody)).success;
  if (!sdkRejects || !zodRejects) throw new Error(`${p.id}: a wrong-typed field: parseWebhook rejects=${sdkRejects}, zod rejects=${zodRejects}`);
}

let sink = 0;
function batch(fn, p, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink += fn(p) ? 1 : 0;
  return performance.now() - t0;
}

const LARGE_US = 50;
const LARGE_OPS = Number(process.env.BENCH_PARSE_LARGE_OPS ?? 2000);

function measure(p) {
  const names = Object.keys(candidates);
  const sizes = {};
  for (const name of names) {
    const fn = candidates[name];
    batch(fn, p, 50); // warm up (JIT, wasm tier-up)
    let n = 1;
    while (batch(fn, p, n) < BATCH_MS) n *= 2;
    sizes[name] = n;
  }
  if ((BATCH_MS / sizes["JSON.parse"]) * 1000 >= LARGE_US) return interleaved(p, names);
  const perOp = Object.fromEntries(names.map((n) => [n, []]));
  const order = turns(names);
  for (let s = 0; s < SAMPLES; s++) {
    for (const name of order()) perOp[name].push(batch(candidates[name], p, sizes[name]) / sizes[name]);
  }
  const out = {};
  for (const name of names) {
    const ms = median(perOp[name]);
    out[name] = { us_per_op: ms * 1000, ops_per_s: 1000 / ms };
  }
  return out;
}

/** One operation of each candidate per turn, each timed alone, in a new order every turn (`turns`). */
function interleaved(p, names) {
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const order = turns(names);
  for (let i = 0; i < LARGE_OPS; i++) {
    for (const name of order()) {
      const t0 = performance.now();
      sink += candidates[name](p) ? 1 : 0;
      times[name].push(performance.now() - t0);
    }
  }
  const out = { interleaved: true };
  for (const name of names) {
    const ms = median(times[name]);
    out[name] = { us_per_op: ms * 1000, ops_per_s: 1000 / ms };
  }
  return out;
}

const results = { samples: SAMPLES, batch_ms: BATCH_MS, large_us: LARGE_US, large_ops: LARGE_OPS, payloads: [] };
for (const p of payloads) {
  const r = measure(p);
  const entry = {
    id: p.id,
    label: p.label,
    event: p.event,
    bytes: Buffer.byteLength(p.body),
    ...r,
    ratio_json: r.parseWebhook.us_per_op / r["JSON.parse"].us_per_op,
    ratio_zod: r.parseWebhook.us_per_op / r.zod.us_per_op,
  };
  results.payloads.push(entry);
  log(
    `webhooks: ${p.label} (${entry.bytes} B): parseWebhook ${fmt(r.parseWebhook.ops_per_s)}/s, JSON.parse ${fmt(r["JSON.parse"].ops_per_s)}/s, zod ${fmt(r.zod.ops_per_s)}/s` +
      ` → ×${fmt(entry.ratio_json)} JSON.parse, ×${fmt(entry.ratio_zod)} zod`,
  );
}
if (sink === 0) throw new Error("nothing was parsed");
save("webhooks", results);
