import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  server: { host: '127.0.0.1', port: 3000, strictPort: true },
  plugins: [
    sveltekit({
      // server.js serves the build over plain HTTP and tells adapter-node so (it assumes https,
      // which would make SvelteKit refuse same-origin form posts with 403).
      adapter: adapter(),
    }),
  ],
});
