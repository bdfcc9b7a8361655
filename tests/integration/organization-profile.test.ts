import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { saveProfileAction } from "@/app/(portal)/organizations/[id]/profile/actions";
import { saveDraftAction } from "@/app/(portal)/orders/actions";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { claimDueChecks, markDue, runCheck, type TrackingSettings } from "@/lib/orders/lifecycle/track";
import { createDraft } from "@/lib/orders/commands/drafts";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { getOrderProfileContext, getProfileForMember, updateProfile } from "@/lib/organizations/profile";
import { profileDifferences, validatedDifferences } from "@/lib/organizations/profile-diff";
import type { ProfileValues } from "@/lib/organizations/profile-fields";
import { isRefusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { PSD2_IDENTIFIER } from "@/tests/sectigo/support/orders";
import { newUser, startTestbed, submitAs, type Testbed } from "./order-harness";

// Company profiles against real PostgreSQL and the sandbox CA: values are checked by the
// registry's rules before anything is stored, a stale edit is refused, a company's new draft
// starts from its profile, and an order Sectigo issues leaves a validation record written with
// its ISSUED status. Only members see a profile; only owners change it.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth", async () => (await import("@/tests/support/session")).sessionAuth(session));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const settings: TrackingSettings = {
  minSeconds: 60,
  maxSeconds: 3600,
  perMinute: 1000,
  leaseSeconds: 60,
  minGapSeconds: 0,
  trustedRoots: [],
};

const PROFILE: ProfileValues = {
  organizationName: "Example GmbH",
  streetAddress1: "Hauptstr. 1",
  localityName: "Berlin",
  stateOrProvinceName: "Berlin",
  postalCode: "10115",
  countryName: "DE",
  organizationIdentifier: "NTRDE-HRB12345",
  businessCategory: "b",
  dunsNumber: "123456789",
  joiCountryName: "DE",
};

let bed: Testbed;
let prisma: PrismaClient;
let owner: SessionUser;
let requester: SessionUser;
let viewer: SessionUser;
let outsider: SessionUser;
let orgId: string;

async function member(organizationId: string, user: SessionUser, roles: OrgRole[]) {
  await prisma.membership.create({ data: { organizationId, userId: user.id, roles } });
}

beforeAll(async () => {
  bed = await startTestbed("organization_profile");
  prisma = await db();
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  [owner, requester, viewer, outsider] = await Promise.all([
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
  ]);
  const org = await prisma.organization.create({ data: { name: "Example GmbH" } });
  orgId = org.id;
  await member(orgId, owner, ["OWNER"]);
  await member(orgId, requester, ["REQUESTER"]);
  await member(orgId, viewer, ["VIEWER"]);
  const other = await prisma.organization.create({ data: { name: "Other AG" } });
  await member(other.id, outsider, ["OWNER", "REQUESTER"]);
  session.userId = owner.id;
});

const stored = () => prisma.organizationProfile.findUnique({ where: { organizationId: orgId } });

async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isRefusal(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("saving a profile", () => {
  test("valid values are stored, normalised, with version 1 and an audit event", async () => {
    const result = await saveProfileAction(undefined, {
      organizationId: orgId,
      version: 0,
      values: {
        ...PROFILE,
        organizationName: "  Example GmbH  ",
        streetAddress2: "",
        psd2RoleAccountServicing: false,
      },
    });
    expect(result).toMatchObject({ ok: true, data: { version: 1 } });
    const row = await stored();
    expect(row?.version).toBe(1);
    expect(row?.values).toEqual(PROFILE);
    const audit = await prisma.auditEvent.findMany({ where: { action: "organization.profile_updated" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(owner.id);
  });

  const BAD: [string, Record<string, unknown>][] = [
    ["a country outside ISO 3166", { countryName: "XX" }],
    ["a business category not in the registry's list", { businessCategory: "z" }],
    ["a D-U-N-S number of the wrong shape", { dunsNumber: "12-34" }],
    ["an organization identifier without type and country", { organizationIdentifier: "Example GmbH" }],
    ["a name over the registry's length", { organizationName: "x".repeat(65) }],
    [
      "a PSD2 number of another shape",
      { psd2AuthorisationNumber: "DE-123", ncaId: "DE-BAFIN", psd2RoleAccountServicing: true },
    ],
    [
      "a PSD2 authority not on the EBA list",
      { psd2AuthorisationNumber: PSD2_IDENTIFIER, ncaId: "DE-NOPE", psd2RoleAccountServicing: true },
    ],
    ["a PSD2 authorisation without a role", { psd2AuthorisationNumber: PSD2_IDENTIFIER, ncaId: "DE-BAFIN" }],
    [
      "a PSD2 number from another authority",
      { psd2AuthorisationNumber: PSD2_IDENTIFIER, ncaId: "BE-NBB", psd2RolePaymentInitiation: true },
    ],
    ["a date of incorporation in the future", { dateOfIncorporation: "2999-01-01" }],
  ];
  for (const [what, change] of BAD) {
    test(`${what} is refused with a field error and nothing is stored`, async () => {
      const result = await saveProfileAction(undefined, {
        organizationId: orgId,
        version: 0,
        values: { ...PROFILE, ...change },
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const fields = Object.keys(result.fieldErrors).map((k) => k.replace(/^values\./, ""));
      // The error sits on a field of the change (the first PSD2 role when none is ticked).
      expect(fields.some((f) => f in change || (f === "psd2RoleAccountServicing" && "ncaId" in change))).toBe(
        true,
      );
      expect(await stored()).toBeNull();
    });
  }

  test("a PSD2 authorisation is stored with its authority and roles", async () => {
    const psd2 = {
      psd2AuthorisationNumber: PSD2_IDENTIFIER,
      ncaId: "DE-BAFIN",
      ncaName: "Federal Financial Supervisory Authority",
      psd2RolePaymentInitiation: "on",
    };
    const result = await saveProfileAction(undefined, {
      organizationId: orgId,
      version: 0,
      values: { ...PROFILE, ...psd2 },
    });
    expect(result.ok).toBe(true);
    expect((await stored())?.values).toMatchObject({ ...psd2, psd2RolePaymentInitiation: true });
  });

  test("a save from a stale page is refused; the other owner's values stay", async () => {
    const second = await newUser("CUSTOMER");
    await member(orgId, second, ["OWNER"]);
    await updateProfile(owner, orgId, 0, PROFILE);
    // Both owners opened the page at version 1; the first save wins, the second is refused.
    await updateProfile(owner, orgId, 1, { ...PROFILE, postalCode: "10117" });
    const refusal = await refusalOf(updateProfile(second, orgId, 1, { ...PROFILE, postalCode: "99999" }));
    expect(refusal.code).toBe("conflict");
    const row = await stored();
    expect(row?.version).toBe(2);
    expect((row?.values as ProfileValues).postalCode).toBe("10117");
  });

  test("two first saves at once: one profile, the other refused", async () => {
    const second = await newUser("CUSTOMER");
    await member(orgId, second, ["OWNER"]);
    const results = await Promise.allSettled([
      updateProfile(owner, orgId, 0, { ...PROFILE, postalCode: "11111" }),
      updateProfile(second, orgId, 0, { ...PROFILE, postalCode: "22222" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isRefusal(rejected.reason) && rejected.reason.code).toBe("conflict");
    expect((await stored())?.version).toBe(1);
  });
});

describe("who may see and change a profile", () => {
  test("members without manage cannot change it; nothing is stored", async () => {
    for (const user of [requester, viewer]) {
      session.userId = user.id;
      const result = await saveProfileAction(undefined, {
        organizationId: orgId,
        version: 0,
        values: PROFILE,
      });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await stored()).toBeNull();
    // They still read it (it is what their orders start from).
    expect((await getProfileForMember(viewer, orgId))?.canEdit).toBe(false);
    expect((await getProfileForMember(owner, orgId))?.canEdit).toBe(true);
  });

  test("another organization's member gets not-found, reading or writing", async () => {
    await updateProfile(owner, orgId, 0, PROFILE);
    session.userId = outsider.id;
    const result = await saveProfileAction(undefined, {
      organizationId: orgId,
      version: 1,
      values: { ...PROFILE, organizationName: "Hijack" },
    });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await getProfileForMember(outsider, orgId)).toBeNull();
    expect(await getOrderProfileContext(outsider, orgId)).toBeNull();
    expect(((await stored())?.values as ProfileValues).organizationName).toBe("Example GmbH");
  });

  test("a personal organization has no profile, even for its owner", async () => {
    const refusal = await refusalOf(updateProfile(owner, owner.id, 0, PROFILE));
    expect(refusal.code).toBe("not_found");
    expect(await getProfileForMember(owner, owner.id)).toBeNull();
  });
});

describe("drafts and the profile", () => {
  test("a company draft starts with the profile's values; typed values are kept", async () => {
    await updateProfile(owner, orgId, 0, PROFILE);
    session.userId = requester.id;
    const created = await saveDraftAction(undefined, {
      organizationId: orgId,
      input: { product: 781, days: 365, postalCode: "10999" },
      step: "validity",
    });
    if (!created.ok || !created.data)
      throw new Error(`the draft was not created: ${JSON.stringify(created)}`);
    const draft = await prisma.order.findUniqueOrThrow({ where: { id: created.data.orderId } });
    expect(draft.organizationId).toBe(orgId);
    expect(draft.organizationName).toBe("Example GmbH");
    // Jurisdiction of incorporation is for QWAC Legal products only, not this seal.
    const { joiCountryName, ...forSeal } = PROFILE;
    expect(joiCountryName).toBe("DE");
    expect(draft.input).toMatchObject({ ...forSeal, postalCode: "10999" });
    expect((draft.input as Record<string, unknown>).joiCountryName).toBeUndefined();
  });

  test("a PSD2 draft takes the authorisation number as organization identifier; others do not get PSD2 fields", async () => {
    const psd2 = {
      psd2AuthorisationNumber: PSD2_IDENTIFIER,
      ncaId: "DE-BAFIN",
      psd2RoleAccountServicing: true,
    };
    await updateProfile(owner, orgId, 0, { ...PROFILE, ...psd2 });
    const seal = await createDraft(requester, { product: 781 } as DraftInput, "validity", false, {
      organizationId: orgId,
    });
    const psd2Seal = await createDraft(requester, { product: 786 } as DraftInput, "validity", false, {
      organizationId: orgId,
    });
    const inputOf = async (id: string) =>
      (await prisma.order.findUniqueOrThrow({ where: { id } })).input as Record<string, unknown>;
    const sealInput = await inputOf(seal.id);
    expect(sealInput.organizationIdentifier).toBe("NTRDE-HRB12345");
    expect(sealInput.ncaId).toBeUndefined();
    expect(sealInput.psd2RoleAccountServicing).toBeUndefined();
    expect(await inputOf(psd2Seal.id)).toMatchObject({
      organizationIdentifier: PSD2_IDENTIFIER,
      ncaId: "DE-BAFIN",
      psd2RoleAccountServicing: true,
    });
  });

  test("a personal draft is not prefilled; a viewer cannot draft for the company", async () => {
    await updateProfile(owner, orgId, 0, PROFILE);
    const personal = await createDraft(owner, { product: 781 } as DraftInput, "validity", false);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: personal.id } })).input).toEqual({
      product: 781,
    });
    const refusal = await refusalOf(
      createDraft(viewer, { product: 781 } as DraftInput, "validity", false, { organizationId: orgId }),
    );
    expect(refusal.code).toBe("forbidden");
  });

  test("the difference from the profile names each changed value", () => {
    const input = {
      ...PROFILE,
      product: 781,
      organizationName: "Example AG",
      streetAddress2: "Hof 2",
      dunsNumber: "",
    };
    const diff = profileDifferences(PROFILE, input);
    expect(diff.map((d) => [d.key, d.before, d.after])).toEqual([
      ["organizationName", "Example GmbH", "Example AG"],
      ["streetAddress2", null, "Hof 2"],
      ["dunsNumber", "123456789", null],
    ]);
    // Fields the product does not use are no difference (jurisdiction is for QWAC Legal only).
    expect(profileDifferences(PROFILE, { ...PROFILE, product: 781, joiCountryName: "FR" })).toEqual([]);
    expect(
      profileDifferences(PROFILE, { product: 783, ...PROFILE, joiCountryName: "FR" }).map((d) => d.key),
    ).toEqual(["joiCountryName"]);
    expect(profileDifferences({}, input)).toEqual([]);
  });
});

describe("the validation record", () => {
  async function issue(orderId: string) {
    const row = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const sandbox = async (route: string) => {
      const response = await fetch(`${bed.sandbox.url}${route}`, { method: "POST" });
      expect(response.ok).toBe(true);
    };
    await sandbox(`/sandbox/orders/${row.sectigoOrderNumber}/advance?to=issued&force=1`);
    await markDue(prisma, orderId);
    const lease = (await claimDueChecks(prisma, settings)).find((l) => l.orderId === orderId);
    expect(lease).toBeDefined();
    return runCheck(prisma, bed.client, lease!, settings);
  }

  test("an issued company order records its values, with the order, at its issue", async () => {
    await updateProfile(owner, orgId, 0, PROFILE);
    // Sent at once: the approval step (tests/integration/order-approval.test.ts) is not this test's subject.
    await prisma.organization.update({ where: { id: orgId }, data: { approvalRequired: false } });
    const { product, days, csr, appRepEmailAddress } = bed.input as Record<string, unknown>;
    const draft = await createDraft(
      requester,
      { product, days, csr, appRepEmailAddress } as DraftInput,
      "review",
      false,
      {
        organizationId: orgId,
      },
    );
    const input = (await prisma.order.findUniqueOrThrow({ where: { id: draft.id } })).input as DraftInput;
    const sent = await submitAs(requester, { orderId: draft.id, input, test: false });
    expect(sent).toMatchObject({ ok: true, status: "PLACED" });
    expect(await prisma.organizationValidation.count()).toBe(0);

    const checked = await issue(draft.id);
    expect(checked).toMatchObject({ kind: "changed", status: "ISSUED" });
    const records = await prisma.organizationValidation.findMany({
      include: { order: { select: { status: true } } },
    });
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(record.orderId).toBe(draft.id);
    expect(record.order.status).toBe("ISSUED");
    expect(record.values).toMatchObject({
      organizationName: "Example GmbH",
      postalCode: "10115",
      organizationIdentifier: "NTRDE-HRB12345",
    });
    const certificate = await prisma.certificate.findUniqueOrThrow({ where: { orderId: draft.id } });
    expect(record.validatedAt.getTime()).toBeLessThanOrEqual(certificate.collectedAt.getTime() + 1000);

    const page = await getProfileForMember(viewer, orgId);
    expect(page?.validations.map((v) => v.externalOrderNumber)).toEqual([draft.externalOrderNumber]);
    const context = await getOrderProfileContext(requester, orgId);
    expect(context?.lastValidation?.externalOrderNumber).toBe(draft.externalOrderNumber);
    // A later order with another address differs from what was validated.
    const later = { ...(input as Record<string, unknown>), streetAddress1: "Neue Str. 5" };
    expect(validatedDifferences(context!.lastValidation!.values, later).map((d) => [d.key, d.after])).toEqual(
      [["streetAddress1", "Neue Str. 5"]],
    );
    expect(validatedDifferences(context!.lastValidation!.values, input as Record<string, unknown>)).toEqual(
      [],
    );
  });

  test("a personal order leaves no record when issued", async () => {
    const draft = await createDraft(requester, bed.input as DraftInput, "review", false);
    const sent = await submitAs(requester, {
      orderId: draft.id,
      input: bed.input as DraftInput,
      test: false,
    });
    expect(sent).toMatchObject({ ok: true, status: "PLACED" });
    expect(await issue(draft.id)).toMatchObject({ status: "ISSUED" });
    expect(await prisma.organizationValidation.count()).toBe(0);
  });
});
