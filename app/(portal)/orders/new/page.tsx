import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderWizard } from "@/app/(portal)/orders/_wizard/order-wizard";
import { requireUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { wizardPrices } from "@/lib/prices/wizard";
import { isEmailVerified } from "@/lib/users/verification";
import { getOrderProfileContext } from "@/lib/organizations/profile";
import { VerifyEmailNotice } from "../../account/verify-notice";

export const metadata: Metadata = { title: "New order" };

export default async function NewOrderPage({
  searchParams,
}: {
  searchParams: Promise<{ organization?: string | string[] }>;
}) {
  const user = await requireUser();
  // ?organization=<id>: an order for a company the user may order for (its profile prefills it).
  const { organization: organizationId } = await searchParams;
  const forCompany = typeof organizationId === "string" && organizationId !== user.id;
  const organization = forCompany ? await getOrderProfileContext(user, organizationId) : null;
  if (forCompany && !organization) notFound();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">New certificate order</h1>
      {(await isEmailVerified(user.id)) ? null : <VerifyEmailNotice email={user.email} />}
      <OrderWizard
        initialValues={{ appRepEmailAddress: user.email }}
        testModeAllowed={env().SECTIGO_TEST_MODE_ALLOWED}
        initialTest={false}
        organization={organization ?? undefined}
        prices={await wizardPrices(user)}
      />
    </>
  );
}
