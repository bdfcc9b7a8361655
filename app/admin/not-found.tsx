import { NotFoundMessage } from "@/components/layout/not-found-message";

// notFound() in this area's pages: the message goes inside the layout's <main>, not a second one.
export default function NotFound() {
  return <NotFoundMessage />;
}
