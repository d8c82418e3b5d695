// Shared steps: every test makes its own person and workspace.
import { expect, Page } from "@playwright/test";

export const PASSWORD = "violet tractor monsoon ledger";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** Waits until the WASM bundle has hydrated the page (so clicks reach Leptos' handlers). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator("body[data-hydrated=true]").waitFor({ state: "attached", timeout: 15_000 });
}

/**
 * Types a new password and waits for the strength meter's verdict: the meter appears below the
 * field a moment after typing stops and moves what follows, so a click sent before it lands could
 * hit the wrong place.
 */
export async function fillNewPassword(page: Page, label: string, password: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(password);
  // Without JavaScript (no hydration) there is no meter: the server checks on submit.
  if ((await page.locator("body[data-hydrated=true]").count()) > 0) {
    await expect(page.locator(".strength-label")).toBeVisible();
  }
}

export async function fillSignUp(page: Page, email: string, organisation: string): Promise<void> {
  await page.getByLabel("Full name").fill("Ada Lovelace");
  await page.getByLabel("Work email").fill(email);
  await fillNewPassword(page, "Password", PASSWORD);
  await page.getByLabel("Organisation name").fill(organisation);
  await page.getByLabel("Job title (optional)").fill("Founder");
  await page.getByLabel("I am 16 years of age or older.").check();
  await page.getByLabel(/I agree to the Terms of Service/).check();
}

/**
 * Signs a new person up with a new workspace called `name` and a timestamp ("Import Test
 * 1764…"), checks that the browser lands in it, and returns its path (`/w/import-test-1764…`).
 */
export async function signUpToNewWorkspace(page: Page, emailPrefix: string, name: string): Promise<string> {
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, uniqueEmail(emailPrefix), `${name} ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${name.toLowerCase().replace(/ /g, "-")}-\\d+$`));
  return new URL(page.url()).pathname;
}

export async function signOut(page: Page): Promise<void> {
  await page.locator("details.user-menu summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?signed_out=1/);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Collects the page's console errors (a panic in the WASM shows up here). */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
