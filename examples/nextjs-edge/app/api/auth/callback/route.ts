import { handleAuth } from '@authkit-ssr/nextjs';

export const GET = handleAuth();
