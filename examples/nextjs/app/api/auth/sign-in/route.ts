import { handleSignIn } from '@authkit-ssr/nextjs';

export const GET = handleSignIn();
