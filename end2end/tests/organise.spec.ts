import { expect, Page, test } from "@playwright/test";
import { fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

async function newWorkspace(page: Page): Promise<string> {
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, uniqueEmail("org"), `Organise Test ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/organise-test-\d+$/);
  return new URL(page.url()).pathname;
}

test("create a tag, tag ticked contacts in bulk and filter the list by it", async ({ page }) => {
  const base = await newWorkspace(page);
  await page.goto(`${base}/settings/tags`);
  await waitForHydration(page);
  await page.getByLabel("Name").fill("VIP");
  await page.getByLabel("Colour").selectOption("Red");
  await page.getByRole("button", { name: "Create tag" }).click();
  await expect(page.locator(".tag-settings .tag-red")).toHaveText("VIP");

  for (const [first, last] of [["Ann", "Able"], ["Ben", "Baker"], ["Cat", "Cole"]]) {
    await page.goto(`${base}/contacts/new`);
    await waitForHydration(page);
    await page.getByLabel("First name").fill(first);
    await page.getByLabel("Last name").fill(last);
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${first} ${last}`) })).toBeVisible();
  }
  await page.goto(`${base}/contacts`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "Select Ann Able" }).check();
  await page.getByRole("checkbox", { name: "Select Cat Cole" }).check();
  await page.getByLabel("Action for the ticked rows").selectOption("Add tag");
  await page.locator("#bulk-tag").selectOption({ label: "VIP" });
  await page.getByRole("button", { name: "Apply to ticked" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 records changed." })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ann Able/ }).locator(".tag")).toHaveText("VIP");

  await page.locator("#filter-tag").selectOption({ label: "VIP" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/tag=/);
  await expect(page.getByRole("link", { name: "Ann Able" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Cat Cole" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ben Baker" })).toHaveCount(0);

  // Take it off on the contact's page.
  await page.getByRole("link", { name: "Ann Able" }).click();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Remove tag VIP" }).click();
  await expect(page.getByRole("button", { name: "Add tag" })).toBeVisible();
  await expect(page.locator("ol.timeline")).toContainText("VIP");
});

test("rename a stage and add one in the pipeline editor", async ({ page }) => {
  const base = await newWorkspace(page);
  await page.goto(`${base}/deals`);
  await page.getByRole("link", { name: "Edit stages" }).click();
  await waitForHydration(page);
  await page.getByLabel("Stage 1 name").fill("Discovery");
  await page.getByLabel("New stage name").first().fill("Demo");
  await page.getByLabel("New stage probability").first().fill("40");
  await page.getByLabel("New stage order").first().fill("25");
  await page.getByRole("button", { name: "Save stages" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.goto(`${base}/deals`);
  await expect(page.getByRole("listitem", { name: "Discovery" })).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Demo" })).toBeVisible();
});

test("a column heading orders the list and a second click reverses it", async ({ page }) => {
  const base = await newWorkspace(page);
  for (const [first, last, status] of [["Ann", "Able", "Customer"], ["Ben", "Baker", "Lead"], ["Cat", "Cole", "Prospect"]]) {
    await page.goto(`${base}/contacts/new`);
    await waitForHydration(page);
    await page.getByLabel("First name").fill(first);
    await page.getByLabel("Last name").fill(last);
    await page.getByLabel("Status").selectOption(status);
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${first} ${last}`) })).toBeVisible();
  }
  await page.goto(`${base}/contacts`);
  await waitForHydration(page);
  const names = () => page.locator("table.records tbody tr td:nth-child(2) a").allTextContents();
  await expect.poll(names).toEqual(["Ann Able", "Ben Baker", "Cat Cole"]);

  // Statuses in lifecycle order: lead, prospect, customer.
  await page.getByRole("link", { name: "Status", exact: true }).click();
  await expect(page).toHaveURL(/sort=status/);
  await expect(page.getByRole("columnheader", { name: /Status/ })).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(names).toEqual(["Ben Baker", "Cat Cole", "Ann Able"]);
  await page.getByRole("link", { name: /Status ↑/ }).click();
  await expect(page).toHaveURL(/sort=-status/);
  await expect.poll(names).toEqual(["Ann Able", "Cat Cole", "Ben Baker"]);
  await expect(page.locator("#filter-sort")).toHaveValue("-status");
});

test("the deals list filters by stage and switches back to the board", async ({ page }) => {
  const base = await newWorkspace(page);
  for (const [name, stage] of [["Small win", "Won (100 %)"], ["Early talk", "Qualification (10 %)"]]) {
    await page.goto(`${base}/deals/new`);
    await waitForHydration(page);
    await page.getByLabel("Deal name").fill(name);
    await page.getByLabel("Stage").selectOption(stage);
    await page.getByRole("button", { name: "Create deal" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  }
  await page.goto(`${base}/deals`);
  await page.getByRole("navigation", { name: "Pipeline view" }).getByRole("link", { name: "List" }).click();
  await expect(page).toHaveURL(/\/deals\/list$/);
  await expect(page.getByRole("row", { name: /Small win/ })).toContainText("Won");
  await waitForHydration(page);
  await page.getByLabel("Stage").selectOption("Qualification");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("row", { name: /Early talk/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Small win/ })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Pipeline view" }).getByRole("link", { name: "Board" }).click();
  await expect(page.getByRole("list", { name: "Pipeline stages" })).toBeVisible();
});
