/**
 * A polite live region that stays mounted while its text changes: screen readers announce a
 * change of text in a region they know, not always a region inserted together with its text.
 */
export function LiveStatus({ message, className = "" }: { message?: string; className?: string }) {
  return (
    <p
      role="status"
      className={message ? `rounded-md bg-green-50 p-3 text-sm text-green-900 ${className}` : undefined}
    >
      {message ?? ""}
    </p>
  );
}
