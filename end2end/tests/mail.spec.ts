// Sending email: a saved draft is sent to its contact, kept read-only and marked sent, and shows
// up in the development mailbox (the e2e server runs in development mode without SMTP), which
// works signed out; a contact marked "do not contact" cannot be written to.
import { expect, Page, test } from "@playwright/test";
import { consoleErrors, fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

async function newWorkspace(page: Page): Promise<string> {
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, uniqueEmail("mail"), `Mail Test ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/mail-test-\d+$/);
  return new URL(page.url()).pathname;
}

async function newContact(page: Page, base: string, first: string, last: string, email: string, doNotContact = false): Promise<void> {
  await page.goto(`${base}/contacts/new`);
  await waitForHydration(page);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Emails 1").fill(email);
  if (doNotContact) await page.getByLabel("Do not contact").check();
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${first} ${last}`) })).toBeVisible();
}

async function saveDraft(page: Page, base: string, contact: string, subject: string, body: string): Promise<void> {
  await page.goto(`${base}/emails/new`);
  await waitForHydration(page);
  await page.getByLabel("Contact", { exact: true }).selectOption({ label: contact });
  await expect(page.getByLabel("To", { exact: true })).not.toHaveValue("");
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Body").fill(body);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/emails\/[0-9a-f-]+\?saved=1$/);
  await waitForHydration(page);
}

test("send a draft, see it marked sent and read it in the development mailbox signed out", async ({ page, browser }) => {
  const errors = consoleErrors(page);
  const base = await newWorkspace(page);
  await newContact(page, base, "Grace", "Hopper", "grace@navy.example");
  const title = `Welcome aboard ${Date.now()}`;
  await saveDraft(page, base, "Grace Hopper", title, "Dear {{contact.first_name}},\n\nStart here: https://example.com/welcome\n{{me.name}}");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent. Delivery:" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
  const sent = page.getByRole("region", { name: "Sent email" });
  await expect(sent).toContainText("Dear Grace,");
  await expect(sent).toContainText("grace@navy.example");

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Emails" }).click();
  await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText("Sent");

  // The contact's timeline records the email.
  await page.getByRole("row", { name: new RegExp(title) }).getByRole("link", { name: "Grace Hopper" }).click();
  await expect(page.getByText(/emailed/).first()).toBeVisible();

  // Signed out, in a fresh browser: the development mailbox lists the mail and shows its text part.
  const stranger = await browser.newPage();
  await stranger.goto("/dev/mailbox");
  await expect(stranger.getByRole("heading", { level: 1, name: "Development mailbox" })).toBeVisible();
  const row = stranger.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("grace@navy.example");
  await row.getByRole("link", { name: title }).click();
  await expect(stranger.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const text = stranger.getByRole("region", { name: "Text part" });
  await expect(text).toContainText("Dear Grace,");
  await expect(text.getByRole("link", { name: "https://example.com/welcome" })).toHaveAttribute("href", "https://example.com/welcome");
  await expect(stranger.getByRole("region", { name: "HTML part (source)" })).toContainText('<a href="https://example.com/welcome">');
  await stranger.close();
  expect(errors).toEqual([]);
});

test("a contact marked do not contact cannot be sent to", async ({ page }) => {
  const base = await newWorkspace(page);
  await newContact(page, base, "Charles", "Babbage", "charles@engines.example", true);
  await expect(page.getByText("Do not contact", { exact: true }).first()).toBeVisible();
  await saveDraft(page, base, "Charles Babbage", "Hello Charles", "Dear Charles");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not contact" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save draft" })).toBeVisible();
});
