import { handleSignOut } from '@authkit-ssr/nextjs';

export const POST = handleSignOut({ returnTo: '/' });
