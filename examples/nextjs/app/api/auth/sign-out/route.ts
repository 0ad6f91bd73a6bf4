import { handleSignOut } from '../../../../lib/authkit';

export const POST = handleSignOut({ returnTo: '/' });
