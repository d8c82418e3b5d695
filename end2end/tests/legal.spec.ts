import { expect, test } from "@playwright/test";

test("the privacy policy shows all twelve sections and its date", async ({ page }) => {
  await page.goto("/privacy");
  await expect(page.getByRole("heading", { level: 1, name: "Privacy Policy" })).toBeVisible();
  await expect(page.getByText("Last updated: June 10, 2026")).toBeVisible();
  const titles = [
    "Who We Are", "Information We Collect", "How We Use Your Information", "Data Sharing & Disclosure",
    "Data Security", "Data Retention", "Your Rights & Choices", "Cookies & Tracking", "Children's Privacy",
    "International Data Transfers", "Changes to This Policy", "Contact Us",
  ];
  for (const [index, title] of titles.entries()) {
    await expect(page.getByRole("heading", { level: 2, name: `${index + 1} ${title}` })).toBeVisible();
  }
  await expect(page.getByRole("table")).toContainText("Technical data");
});

test("the footer links the home page, the policy and the terms", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Terms of Service" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Terms of Service" })).toBeVisible();
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy Policy" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
});

test("an unknown address shows the not-found page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the home page is usable at 375 px wide", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Create your workspace" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
