// fal's official client (npm "@fal-ai/client"), unchanged but for a request middleware that sends its calls for
// https://queue.fal.run/… and https://fal.run/… to the emulator's /fal/ and /fal-run/ prefixes.
import { createFalClient } from "@fal-ai/client";
import { download, emulator, expectError, key, main, prompt, slowEmulator, wrongKey } from "./harness.mjs";

const endpoint = "fal-ai/flux-2-pro";
const input = { prompt, image_size: "square_hd", output_format: "png" };

function client(credentials = key(), base = emulator()) {
  const hosts = [
    ["https://queue.fal.run/", `${base}fal/`],
    ["https://fal.run/", `${base}fal-run/`],
  ];
  return createFalClient({
    credentials,
    // No retries: a refused call must surface as the error the server sent.
    retry: { maxRetries: 0 },
    requestMiddleware: async (request) => {
      const host = hosts.find(([from]) => request.url.startsWith(from));
      if (!host) {
        throw new Error(`the fal client called ${request.url}, which the emulator does not serve`);
      }
      return { ...request, url: host[1] + request.url.slice(host[0].length) };
    },
  });
}

const imageOf = async (data) => ({ url: data.images[0].url, width: data.images[0].width, height: data.images[0].height, ...(await download(data.images[0].url)) });

await main({
  // queue.submit, queue.status (with logs) until COMPLETED, queue.result.
  async queue() {
    const fal = client();
    const submitted = await fal.queue.submit(endpoint, { input });
    const statuses = [];
    let status;
    do {
      status = await fal.queue.status(endpoint, { requestId: submitted.request_id, logs: true });
      statuses.push(status.status);
      if (status.status !== "COMPLETED") {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } while (status.status !== "COMPLETED");
    const result = await fal.queue.result(endpoint, { requestId: submitted.request_id });
    return {
      submitted: { request_id: submitted.request_id, status_url: submitted.status_url, response_url: submitted.response_url, cancel_url: submitted.cancel_url },
      statuses,
      logs: status.logs ?? null,
      result: { requestId: result.requestId, seed: result.data.seed, image: await imageOf(result.data) },
    };
  },

  // fal.subscribe: submit, poll the status until COMPLETED, fetch the result.
  async subscribe() {
    const fal = client();
    let enqueued = null;
    const updates = [];
    const result = await fal.subscribe(endpoint, {
      input,
      logs: true,
      pollInterval: 50,
      onEnqueue: (requestId) => (enqueued = requestId),
      onQueueUpdate: (update) => updates.push(update.status),
    });
    return { enqueued, updates, requestId: result.requestId, image: await imageOf(result.data) };
  },

  // fal.subscribe in streaming mode: the status arrives as server-sent events from /status/stream.
  async "subscribe-streaming"() {
    const fal = client();
    let enqueued = null;
    const updates = [];
    const result = await fal.subscribe(endpoint, {
      input,
      logs: true,
      mode: "streaming",
      onEnqueue: (requestId) => (enqueued = requestId),
      onQueueUpdate: (update) => updates.push(update.status),
    });
    return { enqueued, updates, requestId: result.requestId, image: await imageOf(result.data) };
  },

  // queue.cancel on a request still in the queue (the slow emulator), then its status and result.
  async cancel() {
    const fal = client(key(), slowEmulator());
    const submitted = await fal.queue.submit(endpoint, { input });
    await fal.queue.cancel(endpoint, { requestId: submitted.request_id });
    const status = await fal.queue.status(endpoint, { requestId: submitted.request_id });
    const result = await expectError(() => fal.queue.result(endpoint, { requestId: submitted.request_id }));
    return { requestId: submitted.request_id, status: status.status, error: status.error ?? null, result };
  },

  // fal.run: one synchronous call to the fal.run host, answered with the output.
  async run() {
    const result = await client().run(endpoint, { input });
    return { requestId: result.requestId, seed: result.data.seed, image: await imageOf(result.data) };
  },

  // A wrong key on every queue call and on the synchronous host: the client's ApiError carries fal's 401.
  async "wrong-key"() {
    const submitted = await client().queue.submit(endpoint, { input });
    const requestId = submitted.request_id;
    const bad = client(wrongKey);
    return {
      submit: await expectError(() => bad.queue.submit(endpoint, { input })),
      status: await expectError(() => bad.queue.status(endpoint, { requestId })),
      stream: await expectError(async () => (await bad.queue.streamStatus(endpoint, { requestId })).done()),
      result: await expectError(() => bad.queue.result(endpoint, { requestId })),
      cancel: await expectError(() => bad.queue.cancel(endpoint, { requestId })),
      run: await expectError(() => bad.run(endpoint, { input })),
    };
  },
});
