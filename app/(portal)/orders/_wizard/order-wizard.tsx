"use client";

import { useEffect, useMemo, useRef, useState, useTransition, type RefObject } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { FormProvider, useForm, type FieldPath, type Resolver } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { summaryItems } from "@/components/ui/form-helpers";
import { isFieldKey, PARAMS, type FieldKey, type ParamDef } from "@/lib/sectigo/registry";
import type { DecodedCsr } from "@/lib/csr";
import { saveDraftAction, submitOrderAction } from "../actions";
import { keyGuardMessage } from "./key-store";
import { keyMustBeKept } from "./key-policy";
import { callAction, isCallFailure } from "./action-call";
import { backupKey, clearBackup, hasUnsavedAnswers, readBackup, writeBackup } from "./draft-backup";
import { ProductStep } from "./product-step";
import { STEPS, stepOf, visibleFields, visibleSteps, type StepDef, type StepId } from "./steps";
import { getProduct } from "@/lib/sectigo/products";
import { loadLaterSteps, useLaterSteps } from "./use-later-steps";
import { wizardValuesOf, type WizardValues } from "./form-values";
import { OrganizationProvider, organizationPrefill } from "./organization-profile";
import type { OrderOrganization } from "@/lib/organizations/profile-diff";
import { usePrices, WizardPrices, type PriceTable } from "./prices";
import { staleOnProductSwitch } from "./product-switch";

type Values = WizardValues;

// The schema comes with the later steps' chunk; the first validation waits for it.
const resolver: Resolver<Values> = async (values, context, options) =>
  (await loadLaterSteps()).resolver(values, context, options);

/** Starts fetching the later steps ahead of need; a failure shows when they are needed. */
const preload = () => void loadLaterSteps().catch(() => undefined);

const VALIDATION_MESSAGE = "Please correct the highlighted fields before you continue.";

// The server names a field by its path (an order field, or e.g. "input.csr" for a value the draft
// shape refused); the form shows whatever it names, as the summary lists every error.
const serverField = (name: string) => name as FieldPath<Values>;

const isStepId = (s: string | null): s is StepId => STEPS.some((d) => d.id === s);

/** The browser's storage, or undefined where it is disabled (private modes, policies). */
function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

type Retryable = "next" | "back" | "submit";

const stepUrl = (orderId: string | undefined, step: StepId, organizationId?: string) =>
  orderId
    ? `/orders/${orderId}/edit?step=${step}`
    : `/orders/new?${organizationId ? `for=${encodeURIComponent(organizationId)}&` : ""}step=${step}`;

export interface OrderWizardProps {
  orderId?: string;
  /** The order's version when the page was loaded; every save and the submit carry it. */
  version?: number;
  externalOrderNumber?: string;
  initialValues: Values;
  initialStep?: StepId;
  focusField?: string;
  testModeAllowed: boolean;
  initialTest: boolean;
  /** Whose order a new draft is (chosen before the wizard); the personal organization when absent. */
  organizationId?: string;
  /** Shown above the form when the CA rejected the previous attempt. */
  rejection?: { message: string; field?: string | null };
  /** The company the order is for (none: the customer's personal organization). */
  organization?: OrderOrganization;
  /** Net prices by "product:days" for this order's organization (lib/prices/wizard.ts). */
  prices?: PriceTable;
}

export function OrderWizard(props: OrderWizardProps) {
  const orderIdRef = useRef(props.orderId);
  return (
    <WizardPrices table={props.prices ?? {}} orderIdRef={orderIdRef}>
      <OrderWizardForm {...props} orderIdRef={orderIdRef} />
    </WizardPrices>
  );
}

function OrderWizardForm({
  orderIdRef,
  ...props
}: OrderWizardProps & { orderIdRef: RefObject<string | undefined> }) {
  const router = useRouter();
  const form = useForm<Values>({
    defaultValues: props.initialValues,
    resolver,
    // Errors appear when the customer asks to continue, not on blur: a message appearing on blur
    // shifts the layout under the pointer and swallows the click on "Save and continue".
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldUnregister: false,
  });
  const values = form.watch();
  // The organization's approver sends a company's legal-person order (lib/orders/approval/request.ts).
  const forApproval =
    props.organization?.approvalRequired === true && getProduct(values.product)?.person === "legal";
  const [stepId, setStepId] = useState<StepId>(props.initialStep ?? "product");
  const hasCsr = typeof values.csr === "string" && values.csr.trim() !== "";
  const needed = hasCsr || stepId !== "product";
  const { later, failed } = useLaterSteps(needed);
  const csr = useMemo(() => later?.csrOfInput(values), [later, values.csr]); // eslint-disable-line react-hooks/exhaustive-deps
  // Until the CSR is read, nothing that depends on it (a step's fields and their hints, what
  // "Save and continue" checks) is shown or done as if there were no CSR.
  const pending = needed && !later;
  const steps = visibleSteps(values, csr);
  const step: StepDef = steps.find((s) => s.id === stepId) ?? steps[0]!;
  const index = steps.indexOf(step);
  // A ref, not state: callbacks that run right after the first save (which creates the draft)
  // must already see the new id.
  const setOrderId = (id: string) => {
    orderIdRef.current = id;
  };
  const versionRef = useRef(props.version);
  const [externalNumber, setExternalNumber] = useState(props.externalOrderNumber);
  const [test, setTest] = useState(props.initialTest);
  const prices = usePrices();
  const [message, setMessage] = useState<string>();
  // The step change or submission whose call the server never answered, to run again.
  const [failure, setFailure] = useState<Retryable>();
  const [notice, setNotice] = useState<string>();
  const [saving, startSaving] = useTransition();
  const [submitting, startSubmitting] = useTransition();
  const submittedOnce = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Focus moves after React has committed the step (and re-enabled the buttons), not before.
  const [focusTarget, setFocusTarget] = useState<string>();
  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget === "@heading") headingRef.current?.focus();
    else (document.getElementById(focusTarget) ?? document.getElementsByName(focusTarget)[0])?.focus();
    setFocusTarget(undefined);
  }, [focusTarget, stepId]);

  // A required choice with a single allowed value (e.g. the only known token offer) is preset.
  useEffect(() => {
    if (pending) return;
    for (const { key, rule } of visibleFields(step, values, csr)) {
      const options = (PARAMS as Record<string, ParamDef>)[key]?.values;
      const current = form.getValues(key);
      // A required Y/N checkbox left alone means N (e.g. the PSD2 roles not chosen).
      if (
        rule === "required" &&
        PARAMS[key as keyof typeof PARAMS]?.kind === "flag" &&
        current === undefined
      ) {
        form.setValue(key, false);
      }
      if (rule === "required" && options?.length === 1 && (current === undefined || current === "")) {
        const only = options[0]!.value;
        form.setValue(key, /^-?\d+$/.test(only) ? Number(only) : only, { shouldDirty: true });
      }
    }
  }, [stepId, pending]); // eslint-disable-line react-hooks/exhaustive-deps

  // Reopened to fix a CA rejection: mark the field Sectigo named and put the cursor in it.
  useEffect(() => {
    const field = props.focusField ?? props.rejection?.field ?? undefined;
    if (!field) return;
    if (props.rejection?.field === field)
      form.setError(serverField(field), { type: "server", message: props.rejection.message });
    setFocusTarget(field);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // Each step is an entry of the browser's history: Back and Forward move between steps, and a
  // reload opens the step in the address bar (the edit page reads ?step=).
  function goTo(target: StepId, focusField?: string) {
    setStepId(target);
    setMessage(undefined);
    setFailure(undefined);
    if (target !== stepId)
      window.history.pushState(null, "", stepUrl(orderIdRef.current, target, props.organizationId));
    setFocusTarget(focusField ?? "@heading");
  }

  useEffect(() => {
    const onPopState = () => {
      const fromUrl = new URLSearchParams(window.location.search).get("step");
      setStepId(isStepId(fromUrl) ? fromUrl : "product");
      setMessage(undefined);
      setFailure(undefined);
      setFocusTarget("@heading");
    };
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  // Until the server has them, the answers are also kept in the browser's storage: a failed
  // save, a reload or a portal restart then loses nothing.
  const backupTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  function backUp() {
    clearTimeout(backupTimer.current);
    writeBackup(browserStorage(), backupKey(orderIdRef.current), {
      values: form.getValues(),
      step: stepId,
      at: Date.now(),
    });
  }
  function scheduleBackup() {
    clearTimeout(backupTimer.current);
    // After react-hook-form has taken the new value (its handler runs after this capture one).
    backupTimer.current = setTimeout(backUp, 300);
  }
  useEffect(() => () => clearTimeout(backupTimer.current), []);

  useEffect(() => {
    const storage = browserStorage();
    const key = backupKey(props.orderId);
    const backup = readBackup(storage, key);
    if (!backup) return;
    if (!hasUnsavedAnswers(backup, props.initialValues)) {
      clearBackup(storage, key);
      return;
    }
    form.reset(
      { ...props.initialValues, ...wizardValuesOf(backup.values) },
      { keepDefaultValues: true, keepErrors: true },
    );
    setNotice(
      "Answers you typed here earlier that had not been saved yet are back in the form. They are saved with the next “Save and continue”.",
    );
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  /** Saves the draft; false (with the reason on screen) when it was not saved. */
  async function save(nextStep: StepId, retry: Retryable): Promise<boolean> {
    const sent = structuredClone(form.getValues());
    const result = await callAction(retry === "submit" ? "submit" : "save", () =>
      saveDraftAction(undefined, {
        orderId: orderIdRef.current,
        version: versionRef.current,
        input: form.getValues(),
        step: nextStep,
        test,
        organizationId: orderIdRef.current ? undefined : props.organizationId,
      }),
    );
    if (!result.ok) {
      setMessage(result.message);
      if (isCallFailure(result)) {
        backUp();
        setFailure(retry);
      }
      return false;
    }
    if (result.data) versionRef.current = result.data.version;
    setFailure(undefined);
    setNotice(undefined);
    const storage = browserStorage();
    if (result.data && !orderIdRef.current) {
      setOrderId(result.data.orderId);
      setExternalNumber(result.data.externalOrderNumber);
      clearBackup(storage, backupKey(undefined));
      // The entry of the step just saved becomes the draft's own address, so that Back to it
      // and a reload there open the draft.
      window.history.replaceState(null, "", stepUrl(result.data.orderId, stepId));
    }
    // Whatever was typed while the save was on its way is still only here.
    if (hasUnsavedAnswers({ values: form.getValues(), step: stepId, at: 0 }, sent)) backUp();
    else clearBackup(storage, backupKey(orderIdRef.current));
    return true;
  }

  // A value from a CSR that is replaced by another CSR goes with it: the new CSR's value (or
  // nothing) takes its place. A value the customer typed differs from the old CSR's and stays.
  const previousCsr = useRef<DecodedCsr | undefined>(undefined);
  useEffect(() => {
    if (!csr || !later) return;
    const before = previousCsr.current;
    previousCsr.current = csr;
    if (!before || before.pem === csr.pem) return;
    const product = getProduct(form.getValues("product"));
    const old = later.prefillFromCsr(product, before);
    const now = later.prefillFromCsr(product, csr);
    for (const field of Object.keys(old) as FieldKey[]) {
      if (JSON.stringify(form.getValues(field)) === JSON.stringify(old[field])) {
        form.setValue(field, now[field] ?? (typeof old[field] === "boolean" ? false : ""), {
          shouldDirty: true,
        });
      }
    }
  }, [csr]); // eslint-disable-line react-hooks/exhaustive-deps

  // An error goes as soon as its field is valid again (errors first appear on "Save and
  // continue" only, see mode above).
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      const field = name?.split(".")[0];
      if (field && isFieldKey(field) && form.getFieldState(field).error) void form.trigger(field);
    });
    return () => subscription.unsubscribe();
  }, [form]);

  // Fields the wizard filled in once: a value the customer then deletes stays deleted.
  const prefilled = useRef(new Set<FieldKey>());

  // Switching the product between PSD2 and non-PSD2 clears the answers that no longer apply (the
  // next step derives them again, e.g. from the company profile) and says which were cleared.
  const chosenProduct = useRef(form.getValues("product"));
  useEffect(() => {
    const subscription = form.watch((current, { name }) => {
      if (name !== "product") return;
      const from = getProduct(chosenProduct.current);
      chosenProduct.current = current.product;
      const { clear, notice: cleared } = staleOnProductSwitch(
        from,
        getProduct(current.product),
        form.getValues(),
      );
      if (clear.length === 0) return;
      for (const key of clear) {
        form.setValue(key, undefined as never, { shouldDirty: true });
        prefilled.current.delete(key);
      }
      setNotice(cleared ?? undefined);
    });
    return () => subscription.unsubscribe();
  }, [form]);

  /**
   * Empty fields take what the wizard already knows (the CSR's subject, domain names and PSD2
   * roles and authority; the authority inside a PSD2 authorisation number); typed values are
   * never overwritten.
   */
  function prefill() {
    // The company profile first: a CSR then fills only what the profile leaves empty.
    const fromProfile = organizationPrefill(props.organization, form.getValues(), prefilled.current);
    for (const [field, value] of fromProfile) {
      prefilled.current.add(field);
      form.setValue(field, value as never, { shouldDirty: true });
    }
    if (!later) return;
    const product = getProduct(form.getValues("product"));
    const known = {
      ...later.prefillFromCsr(product, csr),
      ...later.prefillFromIdentifier(product, form.getValues("organizationIdentifier")),
    };
    for (const [field, value] of Object.entries(known) as [FieldKey, unknown][]) {
      if (prefilled.current.has(field) || !later.isEmptyValue(form.getValues(field))) continue;
      prefilled.current.add(field);
      form.setValue(field, value as never, { shouldDirty: true });
    }
  }

  /** Focus goes to the first invalid field of the step, in the order the fields are shown. */
  function focusFirstError(names: FieldKey[]) {
    const errors = form.formState.errors;
    const first = names.find((name) => errors[name]);
    if (first) setFocusTarget(first);
  }

  function fieldsOf(s: StepDef): FieldKey[] {
    return [...visibleFields(s, values, csr), ...visibleFields(s, values, csr, true)].map((f) => f.key);
  }

  function next() {
    startSaving(async () => {
      const names = fieldsOf(step);
      const valid = await form.trigger(names);
      if (!valid) {
        setMessage(VALIDATION_MESSAGE);
        focusFirstError(names);
        return;
      }
      const target = steps[index + 1];
      prefill();
      if (target && (await save(target.id, "next"))) goTo(target.id);
    });
  }

  function back() {
    const target = steps[index - 1];
    if (!target) return;
    startSaving(async () => {
      // A key generated at the CSR step must be saved before leaving it, backwards too.
      const unsavedKey =
        step.id === "csr" && keyMustBeKept(form.getValues())
          ? await keyGuardMessage(form.getValues("csr"))
          : undefined;
      if (unsavedKey) return setMessage(unsavedKey);
      // Going back never validates and never loses input: the draft is saved as it is; when
      // that fails, the step stays with its answers and offers to try again.
      if (await save(target.id, "back")) goTo(target.id);
    });
  }

  function submit() {
    if (submittedOnce.current) return;
    startSubmitting(async () => {
      const valid = await form.trigger();
      if (!valid) {
        const first = Object.keys(form.formState.errors)[0];
        const target = first ? stepOf(first) : undefined;
        setMessage("Some answers need attention before the order can be sent.");
        if (target && target !== "review") goTo(target, first);
        return;
      }
      // One round trip: the submission stores the input it validates, at the version this window
      // last saved. Only an order never saved yet (no id) needs the draft created first.
      if (!orderIdRef.current && !(await save("review", "submit"))) return;
      const orderId = orderIdRef.current;
      if (!orderId) return;
      submittedOnce.current = true;
      const result = await callAction("submit", () =>
        submitOrderAction(undefined, {
          orderId,
          version: versionRef.current,
          input: form.getValues(),
          test,
          // Never empty: a submission before the price was shown is refused like a changed price.
          quoteKey: prices.shownKey() ?? "not-shown",
        }),
      );
      if (result.ok && result.data) {
        clearBackup(browserStorage(), backupKey(orderId));
        router.push(`/orders/${result.data.orderId}`);
        return;
      }
      submittedOnce.current = false;
      // Nothing of this attempt was stored: the answers stay in the browser until the next save.
      backUp();
      if (isCallFailure(result)) {
        setMessage(result.message);
        setFailure("submit");
        return;
      }
      if (!result.ok) {
        setMessage(result.message);
        // The price changed since the review showed it: show the new one (lib/prices/submit-quote.ts).
        if ("quote" in result.fieldErrors) prices.refresh();
        const entries = Object.entries(result.fieldErrors).filter(([k]) => k !== "_form" && k !== "quote");
        for (const [field, messages] of entries)
          form.setError(serverField(field), { type: "server", message: messages[0] });
        const first = entries[0]?.[0];
        const target = first ? stepOf(first) : undefined;
        if (target && target !== "review") goTo(target, first);
      }
    });
  }

  const stepErrors = summaryItems(form.formState.errors).filter(
    (item) => step.id === "review" || fieldsOf(step).some((key) => key === item.field.split(".")[0]),
  );
  // "Correct the highlighted fields" goes with the last highlighted field.
  const shownMessage = message === VALIDATION_MESSAGE && stepErrors.length === 0 ? undefined : message;

  return (
    <FormProvider {...form}>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <nav aria-label="Order steps" className="min-w-0">
          <ol className="flex gap-2 overflow-x-auto text-sm lg:flex-col">
            {steps.map((s, i) => (
              <li key={s.id} className="shrink-0">
                <span
                  aria-current={s.id === step.id ? "step" : undefined}
                  className={`block rounded-md px-3 py-2 ${
                    s.id === step.id
                      ? "bg-brand-600 font-semibold text-white"
                      : i < index
                        ? "text-slate-800"
                        : "text-slate-500"
                  }`}
                >
                  {i + 1}. {s.title}
                </span>
              </li>
            ))}
          </ol>
        </nav>

        <form
          method="post"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (pending) return;
            if (step.id === "review") submit();
            else next();
          }}
          onFocusCapture={preload}
          onPointerDownCapture={preload}
          onChangeCapture={scheduleBackup}
          onInputCapture={scheduleBackup}
          className="min-h-[28rem] rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
        >
          <p className="text-xs text-slate-500">
            {props.organization ? `For ${props.organization.name} · ` : ""}
            Step {index + 1} of {steps.length}
            {externalNumber ? ` · order ${externalNumber} (draft saved)` : ""}
          </p>
          <h2 ref={headingRef} tabIndex={-1} className="mt-1 text-xl font-bold">
            {step.title}
          </h2>
          <p className="mb-4 text-sm text-slate-600">
            {step.id === "review" && forApproval
              ? "Check everything before the order goes to your organization's approvers; Sectigo receives it once one of them approves it."
              : step.intro}
          </p>

          {props.rejection && step.id !== "review" ? (
            <div className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
              <p className="font-semibold">Sectigo could not accept the order:</p>
              <p>{props.rejection.message}</p>
            </div>
          ) : null}

          {notice ? (
            <p role="status" className="mb-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm">
              {notice}
            </p>
          ) : null}

          <div className="mb-4">
            <ErrorSummary items={stepErrors} message={shownMessage} />
            {failure ? (
              <div className="mt-2 flex flex-wrap items-center gap-3">
                <Button
                  type="button"
                  variant="secondary"
                  onClick={{ next, back, submit }[failure]}
                  disabled={saving || submitting}
                >
                  Try again
                </Button>
                {failure === "submit" && orderIdRef.current ? (
                  <Link href={`/orders/${orderIdRef.current}`} className="text-brand-700 text-sm underline">
                    See what the order&apos;s page says
                  </Link>
                ) : null}
              </div>
            ) : null}
          </div>

          {step.id === "product" ? (
            <ProductStep />
          ) : later ? (
            <OrganizationProvider value={props.organization}>
              <later.StepBody
                step={step}
                values={values}
                csr={csr}
                testModeAllowed={props.testModeAllowed}
                test={test}
                onTest={setTest}
                onEdit={goTo}
              />
            </OrganizationProvider>
          ) : failed ? (
            <p role="alert" className="text-sm text-red-700">
              This step could not be loaded. Check your connection and reload the page; your answers so far
              are saved.
            </p>
          ) : (
            <p role="status" className="text-sm text-slate-600">
              {hasCsr ? "Reading your CSR…" : "Loading…"}
            </p>
          )}

          <div className="mt-6 flex flex-wrap justify-between gap-3 border-t border-slate-100 pt-4">
            <Button
              type="button"
              variant="secondary"
              onClick={back}
              disabled={index === 0 || saving || submitting}
            >
              Back
            </Button>
            {step.id === "review" ? (
              <Button type="submit" disabled={submitting || saving || pending || !prices.ready}>
                {forApproval
                  ? submitting
                    ? "Sending the order for approval…"
                    : "Submit for approval"
                  : submitting
                    ? "Sending the order to Sectigo…"
                    : "Place order"}
              </Button>
            ) : (
              <Button type="submit" disabled={saving || pending}>
                {saving ? "Saving…" : "Save and continue"}
              </Button>
            )}
          </div>
        </form>
      </div>
    </FormProvider>
  );
}
