import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type SummaryItem } from "@/components/ui/error-summary";

export interface FilterFormProps {
  /** The list's path: where the form goes, and what "Clear" links to. */
  action: string;
  /** The search landmark's name. */
  label: string;
  submitLabel?: string;
  /** Filters that were not applied, by field id; given, they are summarised above the fields. */
  errors?: Record<string, string | undefined>;
  /** Values that ride along unchanged (the sort of a list, for instance). */
  hidden?: Record<string, string | undefined>;
  /** The grid's column classes for the fields, e.g. "sm:grid-cols-3". */
  columns: string;
  /** Buttons in the fields' row, aligned to their bottom, instead of below them. */
  inline?: boolean;
  children: ReactNode;
}

/**
 * The filter form of a list page: a plain GET form, so the filters live in the URL, work without
 * JavaScript, survive a reload and can be shared. Fields are labelled (TextField, SelectField);
 * "Clear" goes back to the unfiltered list. New filters start again at the first page (no cursor).
 */
export function FilterForm({
  action,
  label,
  submitLabel = "Filter",
  errors,
  hidden = {},
  columns,
  inline = false,
  children,
}: FilterFormProps) {
  const buttons = (
    <div className="flex gap-2">
      <Button type="submit">{submitLabel}</Button>
      <Link href={action} className="text-brand-700 inline-flex min-h-10 items-center px-2 text-sm underline">
        Clear
      </Link>
    </div>
  );
  const carried = Object.entries(hidden).map(([name, value]) =>
    value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
  );
  if (inline) {
    return (
      <form
        method="get"
        action={action}
        role="search"
        aria-label={label}
        className={`mb-4 grid gap-3 sm:items-end ${columns}`}
      >
        {carried}
        {children}
        {buttons}
      </form>
    );
  }
  const items: SummaryItem[] = Object.entries(errors ?? {}).flatMap(([field, message]) =>
    message ? [{ field, message }] : [],
  );
  return (
    <form method="get" action={action} role="search" aria-label={label} className="mb-4 space-y-3">
      {errors ? (
        <ErrorSummary items={items} message={items.length ? "Some filters were not applied:" : undefined} />
      ) : null}
      {carried}
      <div className={`grid gap-3 ${columns}`}>{children}</div>
      {buttons}
    </form>
  );
}
