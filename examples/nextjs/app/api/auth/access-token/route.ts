import { handleAccessToken } from '@authkit-ssr/nextjs';

export const GET = handleAccessToken();
