"use client";

import { createContext, useContext } from "react";
import { profileOrderValues, type OrderOrganization } from "@/lib/organizations/profile-diff";
import type { FieldKey } from "@/lib/sectigo/registry";
import { getProduct } from "@/lib/sectigo/products";

// The organization an order is for (a company, not the customer's personal organization): its
// profile fills the organization fields once, and the review step shows where the order differs
// from the profile and from what Sectigo last validated.

const OrganizationContext = createContext<OrderOrganization | undefined>(undefined);

export const OrganizationProvider = OrganizationContext.Provider;

/** The organization the order is for; undefined for the customer's personal organization. */
export function useOrderOrganization(): OrderOrganization | undefined {
  return useContext(OrganizationContext);
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * The profile's values for the chosen product that may go into the form: only fields still
 * empty and not filled before (a value the customer deleted stays deleted).
 */
export function organizationPrefill(
  organization: OrderOrganization | undefined,
  values: Record<string, unknown>,
  filledBefore: ReadonlySet<string>,
): [FieldKey, string | boolean][] {
  if (!organization) return [];
  const fill = profileOrderValues(getProduct(values.product), organization.profile);
  return (Object.entries(fill) as [FieldKey, string | boolean][]).filter(
    ([key]) => !filledBefore.has(key) && isEmpty(values[key]),
  );
}
