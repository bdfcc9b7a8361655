import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderWizard } from "@/app/(portal)/orders/_wizard/order-wizard";
import { STEPS, stepOf, type StepId } from "@/app/(portal)/orders/_wizard/steps";
import { wizardValuesOf } from "@/app/(portal)/orders/_wizard/form-values";
import { requireUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { wizardPrices } from "@/lib/prices/wizard";
import { getEditableOrder } from "@/lib/orders/commands/drafts";
import { getOrderProfileContext } from "@/lib/organizations/profile";
import { isEmailVerified } from "@/lib/users/verification";
import { VerifyEmailNotice } from "../../../account/verify-notice";

export const metadata: Metadata = { title: "Edit order" };

export default async function EditOrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ step?: string; field?: string }>;
}) {
  const user = await requireUser();
  const { id } = await params;
  const { step, field } = await searchParams;
  const order = await getEditableOrder(user, id);
  if (!order) notFound();
  const organization = await getOrderProfileContext(user, order.organizationId);
  const isStep = (s: string | null | undefined): s is StepId => STEPS.some((d) => d.id === s);
  const fieldStep = field ? stepOf(field) : undefined;
  const initialStep =
    fieldStep ?? (isStep(step) ? step : isStep(order.currentStep) ? order.currentStep : "product");
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">
        {order.status === "REJECTED" ? "Correct and resubmit order " : "Continue order "}
        <span className="font-mono">{order.externalOrderNumber}</span>
      </h1>
      {/* The order pages' only "Send the link again"; a refused submission adds just its message. */}
      {(await isEmailVerified(user.id)) ? null : <VerifyEmailNotice email={user.email} />}
      <OrderWizard
        orderId={order.id}
        version={order.version}
        externalOrderNumber={order.externalOrderNumber}
        initialValues={wizardValuesOf(order.input)}
        initialStep={initialStep}
        focusField={field}
        testModeAllowed={env().SECTIGO_TEST_MODE_ALLOWED}
        initialTest={order.test}
        organization={organization ?? undefined}
        prices={await wizardPrices(user, order.id)}
        rejection={
          order.status === "REJECTED" && order.failureMessage
            ? { message: order.failureMessage, field: order.failureField }
            : undefined
        }
      />
    </>
  );
}
