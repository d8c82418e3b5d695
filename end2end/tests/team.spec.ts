// A team: the owner limits members to their own records and invites a member and a viewer by
// email; each follows the link from the development mailbox, creates an account and lands in
// the workspace; the member sees only their own records, the viewer sees everything and has no
// edit controls, and an edit forced past the missing controls is refused.
import { Browser, expect, Page, test } from "@playwright/test";
import { fillSignUp, PASSWORD, uniqueEmail, waitForHydration, fillNewPassword } from "./helpers";

async function newWorkspace(page: Page): Promise<string> {
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, uniqueEmail("team"), `Team Test ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/team-test-\d+$/);
  return new URL(page.url()).pathname;
}

async function newContact(page: Page, base: string, first: string, last: string): Promise<string> {
  await page.goto(`${base}/contacts/new`);
  await waitForHydration(page);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${first} ${last}`) })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function invite(page: Page, base: string, email: string, role: string): Promise<void> {
  await page.goto(`${base}/settings/members`);
  await waitForHydration(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent." })).toBeVisible();
  await expect(page.getByRole("button", { name: `Revoke invitation of ${email}` })).toBeVisible();
}

/// Opens the invitation mail to `email` in the development mailbox (signed out, in a new browser
/// context), follows its link and signs up; returns the page, now in the workspace.
async function acceptByMail(browser: Browser, email: string, base: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/dev/mailbox");
  await page.getByRole("row", { name: new RegExp(email) }).getByRole("link").first().click();
  const link = page.getByTestId("mail-text").getByRole("link", { name: /\/invite\// });
  const href = await link.getAttribute("href");
  await page.goto(new URL(href!).pathname);
  await expect(page.getByRole("heading", { level: 1, name: /Join Team Test/ })).toBeVisible();
  await page.getByRole("link", { name: "Create account" }).click();
  await waitForHydration(page);
  await expect(page.getByLabel("Work email")).toHaveValue(email);
  await expect(page.getByLabel("Organisation name")).toHaveCount(0);
  await page.getByLabel("Full name").fill("Invited Person");
  await fillNewPassword(page, "Password", PASSWORD);
  await page.getByLabel("I am 16 years of age or older.").check();
  await page.getByLabel(/I agree to the Terms of Service/).check();
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  return page;
}

test("invited members see only their own records and viewers change nothing", async ({ page, browser }) => {
  const base = await newWorkspace(page);
  const secret = await newContact(page, base, "Owner", "Secret");

  await page.goto(`${base}/settings/members`);
  await waitForHydration(page);
  await page.getByLabel("Members see").selectOption("own");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

  const memberEmail = uniqueEmail("member");
  const viewerEmail = uniqueEmail("viewer");
  await invite(page, base, memberEmail, "member");
  await invite(page, base, viewerEmail, "viewer");

  // The member: only their own contact in the list; the owner's contact is not found.
  const member = await acceptByMail(browser, memberEmail, base);
  await newContact(member, base, "Member", "Own");
  await member.goto(`${base}/contacts`);
  await expect(member.getByRole("link", { name: "Member Own" })).toBeVisible();
  await expect(member.getByRole("link", { name: "Owner Secret" })).toHaveCount(0);
  await member.goto(secret);
  await expect(member.getByRole("heading", { name: /not found/i })).toBeVisible();

  // The viewer: sees the owner's contact, without any edit controls; a forced edit is refused.
  const viewer = await acceptByMail(browser, viewerEmail, base);
  await viewer.goto(secret);
  await expect(viewer.getByRole("heading", { level: 1, name: /Owner Secret/ })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Move to trash" })).toHaveCount(0);
  await expect(viewer.getByLabel("First name")).toBeDisabled();
  await viewer.goto(`${base}/contacts`);
  await expect(viewer.getByRole("link", { name: "New contact" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Apply to ticked" })).toHaveCount(0);
  const forced = await viewer.request.post("/api/contacts/update", {
    headers: { accept: "application/json", origin: new URL(viewer.url()).origin },
    form: { slug: base.split("/").pop()!, id: secret.split("/").pop()!, "fields[first_name]": "Hacked", "fields[last_name]": "X", "fields[status]": "lead" },
  });
  expect(forced.status()).toBe(403);

  // The owner sees both members on the members page.
  await page.goto(`${base}/settings/members`);
  await expect(page.getByRole("row", { name: new RegExp(memberEmail) })).toContainText("Member");
  await expect(page.getByRole("row", { name: new RegExp(viewerEmail) })).toContainText("Viewer");
});
