import type { Metadata } from "next";
import { OrderWizard } from "@/app/(portal)/orders/_wizard/order-wizard";
import { requireUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "New order" };

export default async function NewOrderPage() {
  const user = await requireUser();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">New certificate order</h1>
      <OrderWizard
        initialValues={{ appRepEmailAddress: user.email }}
        testModeAllowed={env().SECTIGO_TEST_MODE_ALLOWED}
        initialTest={false}
      />
    </>
  );
}
