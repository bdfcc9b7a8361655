import "server-only";
import { env, type Env } from "@/lib/env";
import type { ResellerSettings } from "./registry";

/**
 * The reseller account's settings for every order (the registry's `source: "reseller"` rows),
 * from configuration. The only source of these values: order input never carries them.
 */
export function resellerSettings(config: Env = env()): ResellerSettings {
  return {
    isCustomerValidated: config.SECTIGO_CUSTOMER_VALIDATED,
    isAppRepValidated: config.SECTIGO_APP_REP_VALIDATED,
    isCallbackCompleted: config.SECTIGO_CALLBACK_COMPLETED,
    dcvTemplateId: config.SECTIGO_DCV_TEMPLATE_ID,
    shippingTemplateId: config.SECTIGO_SHIPPING_TEMPLATE_ID,
  };
}
