// How the admin pages name the roles.
export const roleOptions = [
  { value: "CUSTOMER", label: "Customer" },
  { value: "SUPPORT", label: "Support" },
  { value: "ADMIN", label: "Administrator" },
] as const;

export function roleLabel(role: string): string {
  return roleOptions.find((o) => o.value === role)?.label ?? role;
}
