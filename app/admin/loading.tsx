export default function Loading() {
  return (
    <p role="status" className="py-8 text-sm text-slate-600">
      Loading the page…
    </p>
  );
}
