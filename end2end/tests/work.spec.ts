import { expect, Page, test } from "@playwright/test";
import { consoleErrors, fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

async function newWorkspace(page: Page): Promise<string> {
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, uniqueEmail("work"), `Work Test ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/work-test-\d+$/);
  return new URL(page.url()).pathname;
}

async function newContact(page: Page, base: string, first: string, last: string, email: string): Promise<void> {
  await page.goto(`${base}/contacts/new`);
  await waitForHydration(page);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Emails 1").fill(email);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${first} ${last}`) })).toBeVisible();
  await waitForHydration(page);
}

test("find a contact with the global search from the keyboard", async ({ page }) => {
  const errors = consoleErrors(page);
  const base = await newWorkspace(page);
  await newContact(page, base, "Grace", "Hopper", "grace@navy.example");
  await newContact(page, base, "Charles", "Babbage", "charles@engines.example");

  await page.goto(`${base}/companies`);
  await waitForHydration(page);
  await page.locator("main h1").click();
  await page.keyboard.press("/");
  const box = page.getByRole("combobox", { name: /Search contacts/ });
  await expect(box).toBeFocused();
  await box.pressSequentially("navy.ex");
  await expect(box).toHaveValue("navy.ex");
  await expect(box).toBeFocused();
  const results = page.getByRole("listbox", { name: "Search results" });
  await expect(results.getByRole("option", { name: /Grace Hopper/ })).toBeVisible();
  await expect(results.getByRole("option")).toHaveCount(1);
  await box.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: /Grace Hopper/ })).toBeVisible();

  // Ctrl+K from anywhere, arrow keys to choose among several hits.
  await page.keyboard.press("Control+k");
  await expect(box).toBeFocused();
  await box.pressSequentially("example");
  await expect(results.getByRole("option")).toHaveCount(2);
  await box.press("ArrowDown");
  const second = results.getByRole("option").nth(1);
  await expect(second).toHaveAttribute("aria-selected", "true");
  const name = (await second.locator("span").first().textContent()) ?? "";
  await box.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(name) })).toBeVisible();
  expect(errors).toEqual([]);
});

test("plan an activity on a contact and complete it from My work", async ({ page }) => {
  const base = await newWorkspace(page);
  await newContact(page, base, "Ada", "Byron", "ada@byron.example");
  await page.getByRole("link", { name: "Plan an activity" }).click();
  await waitForHydration(page);
  await expect(page.getByLabel("Contact", { exact: true })).toHaveValue(/.+/);
  await page.getByLabel("Kind").selectOption("Call");
  await page.getByLabel("Subject").fill("Call about the engine");
  // A minute ago (UTC), so it is overdue whatever the time of day.
  await page.getByLabel("Due", { exact: true }).fill(new Date(Date.now() - 60_000).toISOString().slice(0, 16));
  await page.getByRole("button", { name: "Save activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Ada Byron/ })).toBeVisible();
  await expect(page.locator(".timeline-activity")).toContainText("Call about the engine");

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "My work" }).click();
  const overdue = page.getByRole("region", { name: /Overdue/ });
  await expect(overdue).toContainText("Call about the engine");
  await waitForHydration(page);
  await overdue.getByRole("button", { name: /Mark done/ }).click();
  const done = page.getByRole("region", { name: /Done lately/ });
  await expect(done).toContainText("Call about the engine");
  await expect(page.getByRole("region", { name: /Overdue/ })).toHaveCount(0);
});

test("convert a lead into a contact, a company and a deal", async ({ page }) => {
  const base = await newWorkspace(page);
  await page.goto(`${base}/leads`);
  await expect(page.getByRole("heading", { name: "No leads yet" })).toBeVisible();
  await page.getByRole("link", { name: "Add your first lead" }).click();
  await waitForHydration(page);
  await page.getByLabel("Name", { exact: true }).fill("Linus Torvalds");
  await page.getByLabel("Company", { exact: true }).fill("Kernel Works");
  await page.getByLabel("Email").fill("linus@kernel.example");
  await page.getByRole("button", { name: "Create lead" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Linus Torvalds" })).toBeVisible();
  await waitForHydration(page);

  await page.getByLabel("Also open a deal").check();
  await page.getByLabel("Amount").fill("5000");
  await page.getByRole("button", { name: "Convert to contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Linus Torvalds/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Kernel Works" }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Deals" })).toContainText("5,000.00 EUR");

  await page.goto(`${base}/leads`);
  await expect(page.getByRole("row", { name: /Linus Torvalds/ })).toContainText("Converted");
});

test("open a ticket for a contact and resolve it", async ({ page }) => {
  const base = await newWorkspace(page);
  await newContact(page, base, "Grace", "Hopper", "grace@navy.example");
  await page.getByRole("link", { name: "Open ticket" }).click();
  await waitForHydration(page);
  await page.getByLabel("Subject").fill("A moth in relay 70");
  await page.getByLabel("Priority").selectOption("Urgent");
  await page.getByRole("button", { name: "Open ticket" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "A moth in relay 70" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Status").selectOption("Resolved");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.locator("ol.timeline")).toContainText("resolved");

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Tickets" }).click();
  await expect(page.getByText("No tickets with this status.")).toBeVisible();
  await page.getByRole("link", { name: /Resolved/ }).click();
  await expect(page.getByRole("link", { name: "A moth in relay 70" })).toBeVisible();
});
