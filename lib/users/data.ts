import "server-only";
import { db } from "@/lib/db";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { normalizeEmail } from "@/lib/users/schemas";
import { Refusal } from "@/lib/refusal";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

const sessionUserSelect = { id: true, email: true, name: true, role: true } as const;

/** The address already has an account: answered on the form's e-mail field. */
export class EmailTakenError extends Refusal {
  constructor() {
    const message = "An account with this e-mail address already exists.";
    super("conflict", message, { email: [message] });
    this.name = "EmailTakenError";
  }
}

/**
 * Creates an account; the caller has already authorised the role being granted. Its address
 * counts as confirmed: whoever creates accounts this way (an admin, a script, a test) vouches for
 * it. Self-registration (lib/users/register.ts) starts unconfirmed instead.
 */
export async function createUser(input: {
  email: string;
  name: string;
  password: string;
  role: Role;
}): Promise<SessionUser> {
  const prisma = await db();
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: {
        email: normalizeEmail(input.email),
        name: input.name,
        passwordHash,
        role: input.role,
        emailVerifiedAt: new Date(),
      },
      select: sessionUserSelect,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new EmailTakenError();
    }
    throw error;
  }
}

/** The credentials row for sign-in; the hash never leaves the auth module. */
export async function findUserForSignIn(email: string) {
  const prisma = await db();
  return prisma.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { ...sessionUserSelect, passwordHash: true, disabled: true },
  });
}

/** The current state of a signed-in user, or null when the account is gone or disabled. */
export async function getActiveUser(id: string): Promise<SessionUser | null> {
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { id },
    select: { ...sessionUserSelect, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
