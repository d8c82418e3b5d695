// Browser tests run against a server that `cargo leptos end-to-end` starts (see scripts/test.sh).
// The browser is Debian's Chromium; Playwright never downloads one.
import { defineConfig } from "@playwright/test";
import { readFileSync } from "node:fs";

const baseURL = process.env.NEXACRM_E2E_URL ?? "http://127.0.0.1:3000";

// Every test starts as a visitor who already answered the cookie banner (essential cookies
// only), under the current policy version, so the banner stays out of flows it is not part
// of. `consent.spec.ts` starts from an empty browser instead.
const policyVersion = /POLICY_VERSION: &str = "([^"]+)"/.exec(readFileSync(`${__dirname}/../app/src/content/mod.rs`, "utf8"))![1];
export const answeredBanner = {
  cookies: [{
    name: "nexacrm_consent", value: `e2e0.${policyVersion}.00`, domain: new URL(baseURL).hostname, path: "/",
    expires: -1, httpOnly: false, secure: false, sameSite: "Lax" as const,
  }],
  origins: [],
};

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    storageState: answeredBanner,
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
