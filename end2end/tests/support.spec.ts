// Help and feedback: a person opens "Help and feedback" from the user menu on the pipeline, sends a support
// message (an empty one is refused next to the field), sees it listed under "Your messages" with
// the page they came from, and finds the confirmation in the development mailbox.
import { expect, test } from "@playwright/test";
import { fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

test("a support message is sent from the help page and listed", async ({ page }) => {
  const email = uniqueEmail("support");
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, email, `Support Test ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/support-test-\d+$/);
  const base = new URL(page.url()).pathname;

  await page.goto(`${base}/deals`);
  await waitForHydration(page);
  await page.locator("details.user-menu summary").click();
  await page.getByRole("link", { name: "Help and feedback" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Help and feedback" })).toBeVisible();
  await expect(page.getByText("You have not written to us yet.")).toBeVisible();
  const support = page.getByRole("form", { name: "Contact support" });
  await support.getByLabel("Category").selectOption({ label: "Something is not working" });
  await support.getByLabel("Message").fill("   ");
  await support.getByRole("button", { name: "Send to support" }).click();
  await expect(support.getByText("Enter your message.")).toBeVisible();

  await support.getByLabel("Message").fill("The <b>export</b> button does nothing");
  await support.getByRole("button", { name: "Send to support" }).click();
  await expect(support.getByRole("status")).toContainText("Thank you");
  const mine = page.getByRole("region", { name: "Your messages" });
  await expect(mine.getByRole("heading", { name: "Support: Something is not working" })).toBeVisible();
  await expect(mine.getByText("The <b>export</b> button does nothing")).toBeVisible();
  await expect(mine.getByText(`from ${base}/deals`)).toBeVisible();
  await expect(support.getByLabel("Message")).toHaveValue("");

  await page.goto("/dev/mailbox");
  await expect(page.getByRole("row", { name: new RegExp(`We received your support message.*${email}`) })).toBeVisible();
});
