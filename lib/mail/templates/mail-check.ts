import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// A message that proves mail reaches its recipient (tests; the demo mail page). Also the example
// to copy for a new template: a file like this one, then one line in templates/index.ts.
export const mailCheck = defineTemplate({
  name: "mail-check",
  category: "account",
  schema: z.object({ name: z.string().max(200), note: z.string().max(2000), link: z.url().optional() }),
  locales: {
    en: {
      subject: () => "Test message from the eIDAS Certificate Portal",
      text: (d) => [`Hello ${d.name},`, "", d.note, ...(d.link ? ["", `Open: ${d.link}`] : [])].join("\n"),
      html: (d) =>
        html`<p>Hello ${d.name},</p>
          <p>${d.note}</p>
          ${d.link ? html`<p>${link(d.link, "Open")}</p>` : ""}`,
    },
  },
});
