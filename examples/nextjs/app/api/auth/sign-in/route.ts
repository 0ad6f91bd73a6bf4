import { handleSignIn } from '../../../../lib/authkit';

export const GET = handleSignIn();
