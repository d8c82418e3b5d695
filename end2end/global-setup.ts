// cargo-leptos starts the server and this test command at the same moment: wait for the server.
const baseURL = process.env.NEXACRM_E2E_URL ?? "http://127.0.0.1:3000";

export default async function globalSetup(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseURL}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`NexaCRM did not answer at ${baseURL}/healthz within 60 s`);
}
