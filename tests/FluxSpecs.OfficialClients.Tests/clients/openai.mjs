// OpenAI's official client (npm "openai"), unchanged but for baseURL, against Lumenfall's OpenAI-compatible API.
import OpenAI, { toFile } from "openai";
import { download, emulator, expectError, key, main, prompt, saveImage, wrongKey } from "./harness.mjs";

const model = "flux.2-pro";

// maxRetries 0: a refused call must surface as the error the server sent, not after the client's backoff.
const client = (apiKey = key()) => new OpenAI({ apiKey, baseURL: `${emulator()}lumenfall/openai/v1`, maxRetries: 0 });

await main({
  // images.generate, answered with a URL.
  async "generate-url"() {
    const response = await client().images.generate({ model, prompt, size: "1024x768", n: 1 });
    return { created: response.created, count: response.data.length, url: response.data[0].url, image: await download(response.data[0].url) };
  },

  // images.generate, answered with base64 (response_format b64_json).
  async "generate-b64"() {
    const response = await client().images.generate({ model, prompt, size: "512x512", response_format: "b64_json" });
    const image = await saveImage(Buffer.from(response.data[0].b64_json, "base64"), null);
    return { count: response.data.length, url: response.data[0].url ?? null, image };
  },

  // images.edit: a multipart upload of a reference image (the image from a generate call).
  async edit() {
    const openai = client();
    const source = await openai.images.generate({ model, prompt, size: "512x512", response_format: "b64_json", output_format: "png" });
    const image = await toFile(Buffer.from(source.data[0].b64_json, "base64"), "reference.png", { type: "image/png" });
    const response = await openai.images.edit({ model, prompt: "The same lighthouse in winter", image, size: "768x512" });
    return { count: response.data.length, url: response.data[0].url, image: await download(response.data[0].url) };
  },

  // A wrong key: the client's AuthenticationError carries Lumenfall's 401.
  async "wrong-key"() {
    const image = await toFile(Buffer.from("not checked: the key is refused first"), "reference.png", { type: "image/png" });
    return {
      generate: await expectError(() => client(wrongKey).images.generate({ model, prompt })),
      edit: await expectError(() => client(wrongKey).images.edit({ model, prompt, image })),
    };
  },
});
