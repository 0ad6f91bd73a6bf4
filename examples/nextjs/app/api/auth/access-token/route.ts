import { handleAccessToken } from '../../../../lib/authkit';

export const GET = handleAccessToken();
