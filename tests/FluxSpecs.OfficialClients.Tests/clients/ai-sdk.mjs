// The Vercel AI SDK's generateImage ("ai") with its Black Forest Labs, fal and Replicate providers, unchanged but for
// each provider's baseURL. Each call is the SDK's ordinary one; what the provider package adds to the body (BFL's
// aspect_ratio beside width and height, fal's num_images, Replicate's num_outputs) is sent as the SDK sends it.
import { createBlackForestLabs } from "@ai-sdk/black-forest-labs";
import { createFal } from "@ai-sdk/fal";
import { createReplicate } from "@ai-sdk/replicate";
import { generateImage } from "ai";
import { emulator, expectError, key, main, prompt, saveImage, wrongKey } from "./harness.mjs";

// The SDK prints its warnings to the console; the scenarios return them instead.
globalThis.AI_SDK_LOG_WARNINGS = false;

const calls = {
  // size: width and height, and the aspect_ratio the package derives from them; BFL's polling_url is then polled.
  bfl: (apiKey) => ({
    model: createBlackForestLabs({ apiKey, baseURL: `${emulator()}bfl/v1`, pollIntervalMillis: 50 }).image("flux-2-pro"),
    size: "1024x768",
    providerOptions: { blackForestLabs: { outputFormat: "png" } },
  }),
  // The synchronous fal.run host: image_size {width, height} and num_images.
  fal: (apiKey) => ({
    model: createFal({ apiKey, baseURL: `${emulator()}fal-run` }).image("fal-ai/flux-2-pro"),
    size: "1024x768",
    providerOptions: { fal: { outputFormat: "png" } },
  }),
  // A held create (Prefer: wait) with input.aspect_ratio and input.num_outputs.
  replicate: (apiToken) => ({
    model: createReplicate({ apiToken, baseURL: `${emulator()}replicate/v1` }).image("black-forest-labs/flux-2-pro"),
    aspectRatio: "4:3",
    providerOptions: { replicate: { output_format: "png", pollIntervalMillis: 50 } },
  }),
};

async function generate(provider) {
  const result = await generateImage({ ...calls[provider](key()), prompt, maxRetries: 0 });
  return {
    count: result.images.length,
    image: await saveImage(result.image.uint8Array, result.image.mediaType),
    warnings: result.warnings,
    providerMetadata: result.providerMetadata,
  };
}

const wrong = (provider) => expectError(() => generateImage({ ...calls[provider](wrongKey), prompt, maxRetries: 0 }));

await main({
  bfl: () => generate("bfl"),
  fal: () => generate("fal"),
  replicate: () => generate("replicate"),
  "bfl-wrong-key": () => wrong("bfl"),
  "fal-wrong-key": () => wrong("fal"),
  "replicate-wrong-key": () => wrong("replicate"),
});
