import type { z } from "zod";
import { mailCheck } from "@/lib/mail/templates/mail-check";
import type { MailTemplate } from "@/lib/mail/templates/types";

// The registry of mail templates. To add one: a file in this folder exporting
// defineTemplate({ name, category, schema, locales: { en: { subject, text, html } } }), and one
// entry below whose key is the template's name.
export const templates = {
  "mail-check": mailCheck,
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateData<T extends TemplateName> = z.output<(typeof templates)[T]["schema"]>;

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

export function getTemplate(name: string): MailTemplate | undefined {
  return isTemplateName(name) ? (templates[name] as MailTemplate) : undefined;
}
