import { expect, Page, test } from "@playwright/test";
import { consoleErrors, fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

async function newWorkspace(page: Page): Promise<string> {
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, uniqueEmail("crm"), `Crm Test ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/crm-test-\d+$/);
  return new URL(page.url()).pathname;
}

test("create a company and a contact, find the contact, note on the timeline", async ({ page }) => {
  const errors = consoleErrors(page);
  const base = await newWorkspace(page);

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Companies" }).click();
  await expect(page.getByRole("heading", { name: "No companies yet" })).toBeVisible();
  await page.getByRole("link", { name: "Add your first company" }).click();
  await waitForHydration(page);
  await page.getByLabel("Name").fill("Babbage & Co");
  await page.getByLabel("Domain").fill("https://www.babbage.example/about");
  await page.getByLabel("City").fill("London");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Babbage & Co" })).toBeVisible();
  await expect(page.getByLabel("Domain")).toHaveValue("babbage.example");
  await expect(page.locator("ol.timeline")).toContainText("created");

  await page.getByRole("link", { name: "Add contact" }).click();
  await waitForHydration(page);
  await page.getByLabel("First name").fill("Charles");
  await page.getByLabel("Last name").fill("Babbage");
  await page.getByLabel("Emails 1").fill("charles@babbage.example");
  await expect(page.getByLabel("Company")).toHaveValue(/.+/);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Charles Babbage/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Babbage & Co" })).toBeVisible();

  await page.getByLabel("Add a note").fill("Met at the Royal Society.\nSlides: https://example.com/engine");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.locator(".timeline-note").first()).toContainText("Met at the Royal Society.");
  await expect(page.locator(".timeline-note a[href='https://example.com/engine']")).toBeVisible();
  await expect(page.getByLabel("Add a note")).toHaveValue("");

  await page.goto(`${base}/contacts`);
  await page.getByLabel("Search contacts by name").fill("char");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("link", { name: "Charles Babbage" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "charles@babbage.example" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("edit a contact in place and see the change on its timeline", async ({ page }) => {
  const base = await newWorkspace(page);
  await page.goto(`${base}/contacts/new`);
  await waitForHydration(page);
  await page.getByLabel("First name").fill("Grace");
  await page.getByLabel("Last name").fill("Hopper");
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Grace Hopper/ })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Job title").fill("Rear Admiral");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.locator("ol.timeline")).toContainText("Rear Admiral");
});

test("move a company to the trash and restore it", async ({ page }) => {
  const base = await newWorkspace(page);
  await page.goto(`${base}/companies/new`);
  await waitForHydration(page);
  await page.getByLabel("Name").fill("Ephemeral Ltd");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ephemeral Ltd" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/companies$`));
  await expect(page.getByRole("heading", { name: "No companies yet" })).toBeVisible();

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Trash" }).click();
  await expect(page.getByRole("cell", { name: "Ephemeral Ltd" })).toBeVisible();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("The trash is empty.")).toBeVisible();
  await page.goto(`${base}/companies`);
  await expect(page.getByRole("link", { name: "Ephemeral Ltd" })).toBeVisible();
});

test("drag a deal to another stage and the column totals follow", async ({ page }) => {
  const base = await newWorkspace(page);
  await page.goto(`${base}/deals/new`);
  await waitForHydration(page);
  await page.getByLabel("Deal name").fill("Analytical Engine");
  await page.getByLabel("Amount").fill("12,500.50");
  await expect(page.getByLabel("Stage")).toHaveValue(/.+/);
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Analytical Engine" })).toBeVisible();

  await page.goto(`${base}/deals`);
  await waitForHydration(page);
  const qualification = page.getByRole("listitem", { name: "Qualification" });
  const proposal = page.getByRole("listitem", { name: "Proposal" });
  await expect(qualification.locator(".column-total")).toHaveText("12,500.50 EUR");
  await expect(proposal.locator(".column-total")).toHaveText("—");

  await qualification.locator(".deal-card").dragTo(proposal);
  await expect(proposal.locator(".column-total")).toHaveText("12,500.50 EUR");
  await expect(qualification.locator(".column-total")).toHaveText("—");

  // The keyboard and no-drag way: the card's "Move to" menu.
  await proposal.locator(".deal-card summary").click();
  await proposal.locator(".deal-card select").selectOption({ label: "Negotiation" });
  await proposal.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("listitem", { name: "Negotiation" }).locator(".column-total")).toHaveText("12,500.50 EUR");

  await page.getByRole("link", { name: "Analytical Engine" }).click();
  await expect(page.locator("ol.timeline")).toContainText("Proposal");
  await expect(page.locator("ol.timeline")).toContainText("Negotiation");
});
