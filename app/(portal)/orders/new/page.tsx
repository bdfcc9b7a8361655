import type { Metadata } from "next";
import Link from "next/link";
import { OrderWizard } from "@/app/(portal)/orders/_wizard/order-wizard";
import { requireUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { listOrganizationsUserCan } from "@/lib/organizations/queries";
import { wizardPrices } from "@/lib/prices/wizard";
import { isEmailVerified } from "@/lib/users/verification";
import { getOrderProfileContext } from "@/lib/organizations/profile";
import { VerifyEmailNotice } from "../../account/verify-notice";
import { OrderFor } from "./order-for";

export const metadata: Metadata = { title: "New order" };

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<{ for?: string }> }) {
  const user = await requireUser();
  const { for: chosen } = await searchParams;
  // Only someone who may order for a company organization is asked whose order it is.
  const organizations = await listOrganizationsUserCan(user, "request");
  const organization = organizations.find((o) => o.id === chosen);
  const asked = organizations.length > 0 && !organization && chosen !== "personal";
  // A company's order is prefilled from its profile and priced at its prices.
  const profile = organization ? await getOrderProfileContext(user, organization.id) : null;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">New certificate order</h1>
      {(await isEmailVerified(user.id)) ? null : <VerifyEmailNotice email={user.email} />}
      {asked ? (
        <OrderFor organizations={organizations} />
      ) : (
        <>
          {organizations.length > 0 ? (
            <p className="mb-4 text-sm">
              Ordering for <strong>{organization?.name ?? "yourself (personal order)"}</strong> ·{" "}
              <Link href="/orders/new" className="text-brand-700 underline">
                change
              </Link>
            </p>
          ) : null}
          <OrderWizard
            initialValues={{ appRepEmailAddress: user.email }}
            testModeAllowed={env().SECTIGO_TEST_MODE_ALLOWED}
            initialTest={false}
            organizationId={organization?.id}
            organization={profile ?? undefined}
            prices={await wizardPrices(user, undefined, organization?.id)}
          />
        </>
      )}
    </>
  );
}
