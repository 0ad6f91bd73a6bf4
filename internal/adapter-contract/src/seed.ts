import { DEFAULT_SEED } from '@authkit-ssr/emulator';

/** The emulator's default first user (Ada: admin of Acme, member of Globex). */
export const SEED_USER = {
  email: DEFAULT_SEED.users?.[0]?.email ?? 'ada@example.com',
  password: DEFAULT_SEED.users?.[0]?.password ?? 'password',
};

/** The id of an organization of the emulator's default seed (`Acme`, `Globex`). */
export function seedOrganizationId(name: string): string {
  const id = DEFAULT_SEED.organizations?.find((organization) => organization.name === name)?.id;
  if (!id) throw new Error(`The emulator's default seed has no organization ${name}`);
  return id;
}
