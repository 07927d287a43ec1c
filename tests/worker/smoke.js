// The runtime smoke Worker: the package as a Worker imports it (the "workerd" condition, no
// initialisation), one call to the mock and one webhook parse. GET / answers what they gave.
import { TwoChat, parseWebhook, TwoChatError } from "twochat";

const FIXTURE = '{"id":"MSGcf20","uuid":"MSGcf20","created_at":"2023-04-18T22:17:50Z","message":{"media":{"url":"https://example.com/a.jpeg","type":"image","mime_type":"image/jpeg"}},"sent_by":"user"}';

export default {
  async fetch(request, env) {
    const client = new TwoChat({ apiKey: env.TWOCHAT_API_KEY, baseUrl: env.TWOCHAT_BASE_URL });
    const info = await client.account.info();
    const event = parseWebhook(FIXTURE, { event: "whatsapp.message.received" });
    const invalid = await client.messages.send({ from_number: "nope" }).catch((e) => (e instanceof TwoChatError ? e.code : String(e)));
    return Response.json({ uuid: info.account.uuid, event: event.event, createdAt: event.createdAt, media: event.payload.message.media.type, invalid });
  },
};
