import type { Metadata } from "next";
import { OrderWizard } from "@/app/(portal)/orders/_wizard/order-wizard";
import { requireUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { wizardPrices } from "@/lib/prices/wizard";
import { isEmailVerified } from "@/lib/users/verification";
import { VerifyEmailNotice } from "../../account/verify-notice";

export const metadata: Metadata = { title: "New order" };

export default async function NewOrderPage() {
  const user = await requireUser();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">New certificate order</h1>
      {(await isEmailVerified(user.id)) ? null : <VerifyEmailNotice email={user.email} />}
      <OrderWizard
        initialValues={{ appRepEmailAddress: user.email }}
        testModeAllowed={env().SECTIGO_TEST_MODE_ALLOWED}
        initialTest={false}
        prices={await wizardPrices(user)}
      />
    </>
  );
}
