/**
 * A secret just issued (an API key, a webhook signing secret), in a read-only field to copy; it
 * is never shown again.
 */
export function SecretShownOnce({
  id,
  label,
  message,
  secret,
}: {
  id: string;
  label: string;
  message?: string;
  secret: string;
}) {
  return (
    <div
      role="status"
      className="mt-2 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900"
    >
      {message ? <p>{message}</p> : null}
      <label htmlFor={id} className="mt-2 block font-medium">
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={secret}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
      />
    </div>
  );
}
