// The cookie and preferences banner: a first visit sets nothing but essential cookies and
// stores nothing locally; rejecting keeps it that way; accepting preferences and choosing the
// dark theme survives a reload, rendered dark by the server (no flash); "Cookie settings" in the
// footer reopens the banner; and the banner works without JavaScript.
import { expect, test } from "@playwright/test";
import { consoleErrors, fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

test("a first visit shows the banner and sets no cookie; rejecting keeps only essential ones", async ({ page, context }) => {
  const errors = consoleErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const banner = page.getByRole("region", { name: "Cookies and your preferences" });
  await expect(banner).toBeVisible();
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
  // The policy can be read with the banner there.
  await page.getByRole("link", { name: "How we use cookies (Privacy Policy, section 8)" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "8 Cookies & Tracking" })).toBeVisible();

  await banner.getByRole("button", { name: "Reject non-essential" }).click();
  await expect(banner).toBeHidden();
  const cookies = await context.cookies();
  expect(cookies.map((c) => c.name)).toEqual(["nexacrm_consent"]);
  expect(cookies[0].value).toMatch(/\.00$/);
  await page.reload();
  await expect(page.getByRole("region", { name: "Cookies and your preferences" })).toBeHidden();
  expect(errors).toEqual([]);
});

test("accept preferences, choose dark: a reload is dark from the first byte", async ({ page, context }) => {
  await page.goto("/privacy");
  await waitForHydration(page);
  const banner = page.getByRole("region", { name: "Cookies and your preferences" });
  await banner.getByText("Choose by category").click();
  await banner.getByLabel(/Preferences/).check();
  await banner.getByLabel("Dark").check();
  await banner.getByRole("button", { name: "Save my choices" }).click();
  await expect(banner).toBeHidden();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const theme = (await context.cookies()).find((c) => c.name === "nexacrm_theme");
  expect(theme?.value).toBe("dark");
  expect(theme!.expires).toBeGreaterThan(Date.now() / 1000 + 180 * 24 * 3600);

  // The server renders the theme into the page it sends, so the first paint is already dark.
  const html = await (await page.request.get("/privacy")).text();
  expect(html).toContain('data-theme="dark"');
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(12, 15, 23)");

  // "Cookie settings" in the footer reopens the banner; withdrawing preferences drops the theme cookie.
  await waitForHydration(page);
  await page.getByRole("contentinfo").getByRole("link", { name: "Cookie settings" }).click();
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Reject non-essential" }).click();
  await expect(banner).toBeHidden();
  expect((await context.cookies()).map((c) => c.name)).toEqual(["nexacrm_consent"]);
});

test("the theme switch in the user menu is kept on the account", async ({ page }) => {
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Accept all" }).click();
  await expect(page.getByRole("region", { name: "Cookies and your preferences" })).toBeHidden();
  await fillSignUp(page, uniqueEmail("theme"), "Theme Works");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await waitForHydration(page);
  await page.locator("details.user-menu summary").click();
  await page.getByRole("form", { name: "Theme" }).getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the banner's buttons are plain form posts", async ({ page, context }) => {
    await page.goto("/terms");
    const banner = page.getByRole("region", { name: "Cookies and your preferences" });
    await banner.getByRole("button", { name: "Accept all" }).click();
    await expect(page).toHaveURL(/\/terms\??$/);
    await expect(page.getByRole("region", { name: "Cookies and your preferences" })).toBeHidden();
    expect((await context.cookies()).find((c) => c.name === "nexacrm_consent")?.value).toMatch(/\.11$/);
    // Cookie settings is a page of its own.
    await page.getByRole("contentinfo").getByRole("link", { name: "Cookie settings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Cookie settings" })).toBeVisible();
    await expect(page.getByText("Now: preferences on, analytics on.")).toBeVisible();
  });
});
