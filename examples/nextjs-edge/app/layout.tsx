import type { ReactNode } from 'react';

export const metadata = { title: 'authkit-ssr · Next.js edge middleware example' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
