import { describe, expect, it } from "vitest";
import { approvalRejected } from "@/lib/mail/templates/approval-rejected";
import { approvalRequested } from "@/lib/mail/templates/approval-requested";

// The approval mails: the approver's link opens the approval view; the requester reads the
// approver's reason, escaped in HTML (it is free text).
const ctx = { portalUrl: "https://portal.example" };
const facts = { orderId: "ord1", orderNumber: "EQ-AAAA-BBBB", label: "Seal Maker BV", test: false };

describe("approval mails", () => {
  it("asks the approver with a link to the approval view", () => {
    const data = approvalRequested.schema.parse({
      ...facts,
      requesterName: "Rita",
      organizationName: "Seal Maker BV",
    });
    const text = approvalRequested.locales.en.text(data, ctx);
    expect(text).toContain("https://portal.example/approvals/ord1");
    expect(text).toContain("Rita asks you to approve the order EQ-AAAA-BBBB");
  });

  it("gives the requester the reason, escaped in HTML", () => {
    const data = approvalRejected.schema.parse({
      ...facts,
      approverName: "Anton",
      reason: "<b>wrong</b> name",
    });
    expect(approvalRejected.locales.en.text(data, ctx)).toContain("Reason: <b>wrong</b> name");
    const html = approvalRejected.locales.en.html(data, ctx).value;
    expect(html).toContain("&lt;b&gt;wrong&lt;/b&gt; name");
    expect(html).not.toContain("<b>wrong</b>");
  });

  it("refuses a rejection without a reason", () => {
    expect(approvalRejected.schema.safeParse({ ...facts, approverName: "Anton", reason: "" }).success).toBe(
      false,
    );
  });
});
