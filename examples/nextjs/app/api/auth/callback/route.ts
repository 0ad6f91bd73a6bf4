import { handleAuth } from '../../../../lib/authkit';

export const GET = handleAuth();
