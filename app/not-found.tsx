import { NotFoundMessage } from "@/components/layout/not-found-message";

// An address no page answers (outside every layout): the message is the page's main content.
export default function NotFound() {
  return (
    <main>
      <NotFoundMessage />
    </main>
  );
}
