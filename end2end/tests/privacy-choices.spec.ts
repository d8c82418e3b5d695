// Settings → Privacy: opting in to product news and objecting to usage data are saved and shown
// after a reload; a privacy request is listed as open with the date it will be answered by.
import { expect, test } from "@playwright/test";
import { consoleErrors, fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

const DAY_MS = 86_400_000;

test("marketing and usage choices are saved, and a privacy request is listed with its due date", async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, uniqueEmail("privacy"), `Privacy Choices ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  await page.goto(`${page.url()}/privacy`);
  await waitForHydration(page);

  const marketing = page.getByRole("form", { name: "Marketing email" });
  const newsBox = marketing.getByLabel("Email me NexaCRM product news");
  await expect(newsBox).not.toBeChecked();
  await expect(marketing).toContainText("Off: you have not asked for product news.");
  await newsBox.check();
  await marketing.getByRole("button", { name: "Save email choice" }).click();
  await expect(page.getByText("Email choice saved.")).toBeVisible();

  const usage = page.getByRole("form", { name: "Usage data" });
  await usage.getByLabel("Do not record my usage").check();
  await usage.getByRole("button", { name: "Save usage choice" }).click();
  await expect(page.getByText("Usage choice saved.")).toBeVisible();
  await expect(usage).toContainText("your sign-ins and sessions, and the history of the records you change");

  await page.reload();
  await waitForHydration(page);
  await expect(page.getByLabel("Email me NexaCRM product news")).toBeChecked();
  await expect(page.getByLabel("Do not record my usage")).toBeChecked();
  await expect(page.getByRole("form", { name: "Marketing email" })).toContainText("Your choice of");
  await expect(page.getByRole("form", { name: "Usage data" })).toContainText("Your choice of");

  // Where each piece of personal data is corrected, and whom to write to.
  const yourData = page.getByRole("region", { name: "Correct your data" });
  await expect(yourData.getByRole("link", { name: "Email address" })).toHaveAttribute("href", /\/account#change-email$/);
  await expect(yourData.getByRole("link", { name: "privacy@nexacrm.io" })).toHaveAttribute("href", "mailto:privacy@nexacrm.io");
  await expect(yourData.getByRole("link", { name: "security@nexacrm.io" })).toHaveAttribute("href", "mailto:security@nexacrm.io");

  const requests = page.getByRole("region", { name: "Privacy requests" });
  await expect(requests).toContainText("You have not made a privacy request.");
  await page.getByLabel("What are you asking for?").selectOption("access");
  await page.getByLabel("Your request").fill("Please send me a copy of my data.");
  const sentAt = Date.now();
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Request sent.")).toBeVisible();
  const listed = requests.locator("article").filter({ hasText: "Please send me a copy of my data." });
  await expect(listed).toContainText("Access: a copy of the data you hold about me");
  await expect(listed.locator(".badge")).toHaveText("Open");
  // Shown in the person's time zone, UTC for a new account.
  const due = new Date(sentAt + 30 * DAY_MS).toISOString().slice(0, 10);
  await expect(listed).toContainText(`answer due by ${due}`);
  await expect(page.getByLabel("Your request")).toHaveValue("");
  expect(errors).toEqual([]);
});
