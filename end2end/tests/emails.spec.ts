import { expect, Page, test } from "@playwright/test";
import { consoleErrors, fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

const SHOTS = process.env.NEXACRM_E2E_SHOTS;

/** Waits for hydration, unless the test runs without JavaScript. */
async function ready(page: Page, js: boolean): Promise<void> {
  if (js) await waitForHydration(page);
}

async function newWorkspace(page: Page, js = true): Promise<string> {
  await page.goto("/signup");
  await ready(page, js);
  await fillSignUp(page, uniqueEmail("emails"), `Email Test ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/email-test-\d+$/);
  return new URL(page.url()).pathname;
}

/** Creates a contact and returns its id (from the address of its page). */
async function newContact(page: Page, base: string, first: string, last: string, email: string, js = true): Promise<string> {
  await page.goto(`${base}/contacts/new`);
  await ready(page, js);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Emails 1").fill(email);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${first} ${last}`) })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

async function newTemplate(page: Page, base: string, name: string, subject: string, body: string, js = true): Promise<void> {
  await page.goto(`${base}/emails/templates`);
  await ready(page, js);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Body").fill(body);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("region", { name: "Templates" }).getByRole("link", { name, exact: true })).toBeVisible();
}

test("write a draft from a template, preview it with real names, save, find and delete it", async ({ page }) => {
  const errors = consoleErrors(page);
  const base = await newWorkspace(page);
  const contactId = await newContact(page, base, "Grace", "Hopper", "grace@navy.example");
  await newTemplate(page, base, "Intro", "Hello {{contact.first_name}}", "Dear {{contact.first_name}},\n\nBest wishes,\n{{me.name}}");
  await expect(page.getByRole("status").filter({ hasText: "Template saved." })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("");

  // Opened for a contact (as a link from elsewhere would), the page hydrates with their address.
  await page.goto(`${base}/emails/new?contact=${contactId}`);
  await waitForHydration(page);
  await expect(page.getByLabel("To", { exact: true })).toHaveValue("grace@navy.example");

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Emails" }).click();
  await expect(page.getByRole("heading", { name: "No drafts yet" })).toBeVisible();
  await page.getByRole("link", { name: "New draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New draft" })).toBeVisible();
  await waitForHydration(page);

  await page.getByLabel("Contact", { exact: true }).selectOption({ label: "Grace Hopper" });
  await expect(page.getByLabel("To", { exact: true })).toHaveValue("grace@navy.example");
  await page.getByLabel("Template", { exact: true }).selectOption({ label: "Intro" });
  await expect(page.getByLabel("Subject")).toHaveValue("Hello {{contact.first_name}}");
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("Hello Grace");
  await expect(preview).toContainText("Dear Grace,");
  await expect(preview).toContainText("Ada Lovelace");
  await expect(preview).toContainText("grace@navy.example");

  // An unknown merge field is named, and the preview follows the typing.
  await page.getByLabel("Body").fill("Dear {{contact.first_name}},\n\nSee you at {{contact.nickname}}.\n{{me.name}}");
  await expect(preview.getByRole("alert")).toContainText("{{contact.nickname}}");
  await page.getByLabel("Body").fill("Dear {{contact.first_name}},\n\nBest wishes,\n{{me.name}}");
  await expect(preview.getByRole("alert")).toHaveCount(0);

  if (SHOTS) {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.screenshot({ path: `${SHOTS}/draft-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: `${SHOTS}/draft-375.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/emails\/[0-9a-f-]+\?saved=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Hello Grace" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue("Hello Grace");
  await expect(page.getByLabel("Body")).toHaveValue("Dear Grace,\n\nBest wishes,\nAda Lovelace");

  // Edit and save again: the page stays and shows the new text.
  await waitForHydration(page);
  await page.getByLabel("Subject").fill("Hello again, Grace");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hello again, Grace" })).toBeVisible();

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Emails" }).click();
  const row = page.getByRole("row", { name: /Hello again, Grace/ });
  await expect(row).toContainText("Grace Hopper");
  await row.getByRole("link", { name: "Hello again, Grace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hello again, Grace" })).toBeVisible();
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("Ada Lovelace");

  await page.getByText("Delete…").click();
  await page.getByRole("button", { name: "Delete draft" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/emails$`));
  await expect(page.getByRole("heading", { name: "No drafts yet" })).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a draft started for a contact from a template saves and deletes", async ({ page }) => {
    const base = await newWorkspace(page, false);
    const contactId = await newContact(page, base, "Grace", "Hopper", "grace@navy.example", false);
    await newTemplate(page, base, "Intro", "Hello {{contact.first_name}}", "Dear {{contact.first_name}},\n{{me.name}}", false);

    await page.goto(`${base}/emails/new?contact=${contactId}`);
    await expect(page.getByLabel("To", { exact: true })).toHaveValue("grace@navy.example");
    await page.getByLabel("Template", { exact: true }).selectOption({ label: "Intro" });
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Hello Grace" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Preview" })).toContainText("Dear Grace,");
    await expect(page.getByRole("region", { name: "Preview" })).toContainText("Ada Lovelace");

    await page.getByText("Delete…").click();
    await page.getByRole("button", { name: "Delete draft" }).click();
    await expect(page.getByRole("heading", { name: "No drafts yet" })).toBeVisible();
  });
});
