import { handleSignIn } from '../../../../lib/authkit';

export const GET = handleSignIn({ screenHint: 'sign-up' });
