"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "@/components/ui/field";
import { PasswordStrengthMeter } from "@/components/ui/password-strength";
import { userInputsOf } from "@/lib/users/password-policy";
import { PASSWORD_MIN_LENGTH } from "@/lib/users/schemas";

/**
 * A new password, its strength meter and its repetition: the same three fields wherever a
 * password is chosen (sign-up, reset, change), with the person's name and address as words the
 * meter counts against it.
 */
export function NewPasswordFields({
  password,
  account,
  register,
  errors,
  labels = { password: "New password", confirm: "Repeat the new password" },
}: {
  /** The password typed so far (useWatch), for the meter. */
  password: string;
  account: { name?: unknown; email?: unknown };
  register: { password: UseFormRegisterReturn; confirmPassword: UseFormRegisterReturn };
  errors: { password?: string; confirmPassword?: string };
  labels?: { password: string; confirm: string };
}) {
  return (
    <>
      <TextField
        id="password"
        label={labels.password}
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A passphrase of a few words works well.`}
        error={errors.password}
        {...register.password}
      />
      <PasswordStrengthMeter id="password-strength" password={password} userInputs={userInputsOf(account)} />
      <TextField
        id="confirmPassword"
        label={labels.confirm}
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
        {...register.confirmPassword}
      />
    </>
  );
}
