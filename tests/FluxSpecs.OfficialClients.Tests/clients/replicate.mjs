// Replicate's official client (npm "replicate"), unchanged but for baseUrl, against the emulator.
import Replicate from "replicate";
import { download, emulator, expectError, key, main, prompt, slowEmulator, wrongKey } from "./harness.mjs";

const model = "black-forest-labs/flux-2-pro";
const input = { prompt, aspect_ratio: "1:1", output_format: "png" };

const client = (auth = key(), base = emulator()) => new Replicate({ auth, baseUrl: `${base}replicate/v1` });

await main({
  // predictions.create without waiting, predictions.get, then replicate.wait's polling until the prediction ends.
  async "create-get-wait"() {
    const replicate = client();
    const created = await replicate.predictions.create({ model, input });
    const fetched = await replicate.predictions.get(created.id);
    const done = await replicate.wait(created, { interval: 100 });
    return {
      created: { id: created.id, status: created.status, urls: created.urls },
      fetched: { id: fetched.id, status: fetched.status },
      done: { id: done.id, status: done.status, output: done.output },
      image: await download(done.output),
    };
  },

  // replicate.run: the held create (Prefer: wait) and, if the job outlasts it, polling; returns the output.
  async run() {
    const replicate = client();
    const updates = [];
    const output = await replicate.run(model, { input }, (prediction) => updates.push(prediction.status));
    return { output, updates, image: await download(String(output)) };
  },

  // predictions.create with wait: the create itself is held open until the prediction has ended.
  async "held-create"() {
    const created = await client().predictions.create({ model, input, wait: 60 });
    return { id: created.id, status: created.status, output: created.output };
  },

  // predictions.cancel on a prediction that has not finished (the slow emulator keeps it queued).
  async cancel() {
    const replicate = client(key(), slowEmulator());
    const created = await replicate.predictions.create({ model, input });
    const canceled = await replicate.predictions.cancel(created.id);
    const fetched = await replicate.predictions.get(created.id);
    return {
      created: { id: created.id, status: created.status },
      canceled: { id: canceled.id, status: canceled.status },
      fetched: { id: fetched.id, status: fetched.status },
    };
  },

  // A create with a webhook (process.env.FLUXSPECS_WEBHOOK) and the default webhook secret, to verify what arrives.
  async webhook() {
    const replicate = client();
    const created = await replicate.predictions.create({
      model,
      input,
      webhook: process.env.FLUXSPECS_WEBHOOK,
      webhook_events_filter: ["completed"],
    });
    const done = await replicate.wait(created, { interval: 100 });
    const { key: secret } = await replicate.webhooks.default.secret.get();
    return { id: created.id, status: done.status, secret };
  },

  // A wrong key on create, get and cancel: the client's ApiError carries Replicate's 401.
  async "wrong-key"() {
    const created = await client().predictions.create({ model, input });
    const replicate = client(wrongKey);
    return {
      create: await expectError(() => replicate.predictions.create({ model, input })),
      run: await expectError(() => replicate.run(model, { input })),
      get: await expectError(() => replicate.predictions.get(created.id)),
      cancel: await expectError(() => replicate.predictions.cancel(created.id)),
    };
  },
});
