import { expect, test } from "@playwright/test";
import { consoleErrors, fillSignUp, uniqueEmail, waitForHydration } from "./helpers";
// Every page, loaded directly with real data in the workspace, hydrates without a console error.
// (A component that loads its own list inside a page's Suspense breaks hydration; this catches it.)
test("every workspace page hydrates cleanly when it has data", async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto("/signup"); await waitForHydration(page);
  await fillSignUp(page, uniqueEmail("dbg"), `Dbg ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/dbg-\d+$/);
  const base = new URL(page.url()).pathname;
  await page.goto(`${base}/settings/tags`); await waitForHydration(page);
  await page.getByLabel("Name").fill("VIP");
  await page.getByRole("button", { name: "Create tag" }).click();
  await expect(page.locator(".tag-settings .tag")).toHaveText("VIP");
  await page.goto(`${base}/companies/new`); await waitForHydration(page);
  await page.getByLabel("Name").fill("Babbage & Co");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Babbage & Co" })).toBeVisible();
  const company = page.url();
  await page.goto(`${base}/contacts/new`); await waitForHydration(page);
  await page.getByLabel("First name").fill("Charles");
  await page.getByLabel("Company", { exact: true }).selectOption({ label: "Babbage & Co" });
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Charles");
  const contact = page.url();
  await page.getByRole("link", { name: "Open ticket" }).click(); await waitForHydration(page);
  await page.getByLabel("Subject").fill("Broken");
  await page.getByRole("button", { name: "Open ticket" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Broken" })).toBeVisible();
  const ticket = page.url();
  await page.goto(`${base}/deals/new`); await waitForHydration(page);
  await page.getByLabel("Deal name").fill("Engine");
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Engine" })).toBeVisible();
  const deal = page.url();
  await page.goto(`${base}/activities/new`); await waitForHydration(page);
  await page.getByLabel("Subject").fill("Call");
  await page.getByRole("button", { name: "Save activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
  await page.getByRole("link", { name: "Call" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Call" })).toBeVisible();
  const activity = page.url();
  const urls = [company, contact, ticket, deal, activity, `${base}/contacts`, `${base}/companies`, `${base}/deals`, `${base}/deals/list`, `${base}`, `${base}/work`, `${base}/tickets`, `${base}/leads`, `${base}/search?q=charles`, `${base}/settings/pipeline`, `${base}/settings/tags`, `${base}/settings/members`, `${base}/account`, `${base}/privacy`, `/cookies`, `/privacy`, `/privacy/versions/2026-06-10`, `${base}/help`, `${base}/trash`, `${base}/imports`, `${base}/contacts/new`, `${base}/deals/new`, `${base}/tickets/new`, `${base}/activities/new`, `${base}/leads/new`, `${base}/emails`, `${base}/emails/templates`, `${base}/emails/new?contact=${contact.split("/").pop()}`];
  for (const url of urls) {
    await page.goto(url);
    await waitForHydration(page);
    expect(errors, `console errors on ${url}`).toEqual([]);
  }
  // The same pages in German: dates, numbers and texts render alike on the server and in the browser.
  await page.locator("details.user-menu summary").click();
  await page.getByRole("form", { name: "Language" }).getByRole("button", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  for (const url of urls) {
    await page.goto(url);
    await waitForHydration(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    expect(errors, `console errors on ${url} in German`).toEqual([]);
  }
});
