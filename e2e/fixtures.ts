import { expect, test as base, type Page } from "@playwright/test";

export * from "@playwright/test";

/**
 * Every browser test also checks that the pages it visits satisfy the content security policy:
 * Chromium reports each blocked script, style or connection as a console error, and any such
 * report fails the test that caused it.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const found: string[] = [];
      const watch = (page: Page) =>
        page.on("console", (message) => {
          if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
            found.push(`${page.url()}: ${message.text()}`);
          }
        });
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(found);
      expect(found, "content security policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
