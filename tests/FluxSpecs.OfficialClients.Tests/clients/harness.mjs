// What every client script shares: where the emulator is, the keys, and how a scenario's outcome is printed.
// The C# tests start the emulator, run `node <client>.mjs <scenario>` with the environment below, and read the last
// line of stdout: {"ok": true, "result": …} or {"ok": false, "error": {name, message, status, body}}.
//
//   FLUXSPECS_EMULATOR     the emulator's base address, ending with a slash (http://127.0.0.1:PORT/)
//   FLUXSPECS_SLOW_EMULATOR  a second emulator whose jobs stay queued (for cancels); same shape
//   FLUXSPECS_KEY          the key the emulator accepts for the provider under test
//   FLUXSPECS_OUT          a folder where downloaded images are written for the test to inspect
import { writeFile } from "node:fs/promises";
import path from "node:path";

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; these scripts are run by FluxSpecs.OfficialClients.Tests.`);
  }
  return value;
}

/** The emulator's base address for jobs that finish (ends with a slash). */
export const emulator = () => required("FLUXSPECS_EMULATOR");

/** The emulator's base address for jobs that stay queued. */
export const slowEmulator = () => required("FLUXSPECS_SLOW_EMULATOR");

/** The key the emulator accepts for the provider under test. */
export const key = () => required("FLUXSPECS_KEY");

/** A key the emulator refuses. */
export const wrongKey = "not-the-key";

export const prompt = "A lighthouse on a cliff at dusk, oil painting";

let downloads = 0;

/** Saves image bytes for the test to inspect; returns the file's path, the byte count and the media type given. */
export async function saveImage(bytes, mediaType) {
  const file = path.join(required("FLUXSPECS_OUT"), `image-${++downloads}.bin`);
  await writeFile(file, bytes);
  return { file, bytes: bytes.length, mediaType: mediaType ?? null };
}

/** Downloads an image URL a client returned, without credentials (as a browser or CDN fetch would). */
export async function download(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }
  return saveImage(new Uint8Array(await response.arrayBuffer()), response.headers.get("content-type"));
}

/** The parts of a client's error a test asserts on, whichever client threw it. */
export function describeError(error) {
  // The AI SDK wraps retried calls in RetryError (lastError) and some calls in a cause chain.
  const inner = error?.lastError ?? error?.cause ?? null;
  const status = error?.status ?? error?.statusCode ?? error?.response?.status ?? inner?.status ?? inner?.statusCode ?? null;
  let body = error?.body ?? error?.error ?? error?.responseBody ?? inner?.responseBody ?? null;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      // keep the text
    }
  }
  return {
    // The error's class (openai's errors all keep the name "Error") and its name.
    type: error?.constructor?.name ?? typeof error,
    name: error?.name ?? typeof error,
    message: String(error?.message ?? error),
    status,
    body,
    requestId: error?.requestId ?? null,
  };
}

/** Runs the scenario named by the first argument and prints its outcome as one JSON line. */
export async function main(scenarios) {
  const name = process.argv[2];
  const scenario = scenarios[name];
  if (!scenario) {
    console.log(JSON.stringify({ ok: false, error: { name: "UnknownScenario", message: `no scenario '${name}'; known: ${Object.keys(scenarios).join(", ")}` } }));
    process.exitCode = 2;
    return;
  }

  let outcome;
  try {
    outcome = { ok: true, result: await scenario() };
  } catch (error) {
    outcome = { ok: false, error: describeError(error) };
  }

  console.log(JSON.stringify(outcome));
}

/** Runs `call`, expecting it to throw; returns the error's description (or fails the scenario when it succeeds). */
export async function expectError(call) {
  try {
    const value = await call();
    throw Object.assign(new Error(`expected an error, got ${JSON.stringify(value)?.slice(0, 500)}`), { name: "NoErrorThrown" });
  } catch (error) {
    if (error?.name === "NoErrorThrown") {
      throw error;
    }
    return describeError(error);
  }
}
