// The Standard Webhooks reference library (npm "standardwebhooks") and Replicate's own validateWebhook, verifying a
// webhook the emulator sent. stdin: {"secret", "headers": {name: value}, "body": "<raw body>"}.
import Replicate from "replicate";
import { Webhook } from "standardwebhooks";
import { main } from "./harness.mjs";

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const delivery = JSON.parse(Buffer.concat(chunks).toString("utf8"));

async function verifyBoth(body) {
  const outcome = {};
  try {
    const payload = new Webhook(delivery.secret).verify(body, delivery.headers);
    outcome.standardwebhooks = { verified: true, id: payload.id, status: payload.status, output: payload.output };
  } catch (error) {
    outcome.standardwebhooks = { verified: false, error: String(error?.message ?? error) };
  }
  try {
    const request = new Request("http://127.0.0.1/webhook", { method: "POST", headers: delivery.headers, body });
    outcome.replicate = { verified: await Replicate.validateWebhook(request, delivery.secret) };
  } catch (error) {
    outcome.replicate = { verified: false, error: String(error?.message ?? error) };
  }
  return outcome;
}

await main({
  // The delivery as received, and the same delivery with one byte of its body changed.
  async verify() {
    const tampered = delivery.body.replace("succeeded", "succeedeD");
    return { received: await verifyBoth(delivery.body), tampered: tampered === delivery.body ? null : await verifyBoth(tampered) };
  },
});
