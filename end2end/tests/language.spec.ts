// The interface language: switching to German in the user menu reloads the app in German (text,
// dates), kept on the account; the banner's preferences offer the same choice.
import { expect, test } from "@playwright/test";
import { consoleErrors, fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

test("switch language in the user menu: the interface text changes, and back", async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, uniqueEmail("sprache"), "Sprache GmbH");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await waitForHydration(page);
  const nav = page.getByRole("navigation", { name: "Workspace" });
  await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();

  await page.locator("details.user-menu summary").click();
  await page.getByRole("form", { name: "Language" }).getByRole("button", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await waitForHydration(page);
  const navDe = page.getByRole("navigation", { name: "Arbeitsbereich" });
  await expect(navDe.getByRole("link", { name: "Kontakte" })).toBeVisible();
  await expect(navDe.getByRole("link", { name: "Contacts" })).toHaveCount(0);

  // Pages opened next are German too, on the server and after hydration.
  await navDe.getByRole("link", { name: "Kontakte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kontakte" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1, name: "Kontakte" })).toBeVisible();

  await waitForHydration(page);
  await page.locator("details.user-menu summary").click();
  await page.getByRole("form", { name: "Sprache" }).getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe("a first visit", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the banner's preferences choose the language", async ({ page, context }) => {
    await page.goto("/privacy");
    await waitForHydration(page);
    const banner = page.getByRole("region", { name: "Cookies and your preferences" });
    await banner.getByText("Choose by category").click();
    await banner.getByLabel(/Preferences/).check();
    await banner.getByLabel("Deutsch").check();
    await banner.getByRole("button", { name: "Save my choices" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "Cookie-Einstellungen" })).toBeVisible();
    const language = (await context.cookies()).find((c) => c.name === "nexacrm_language");
    expect(language?.value).toBe("de");
    expect(language!.expires).toBeGreaterThan(Date.now() / 1000 + 180 * 24 * 3600);
  });
});
