import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The app of examples/sveltekit (src is a link to it) on SvelteKit 2. `dedupe`: its files and the
// workspace packages live outside this folder, and their `@sveltejs/kit` imports must reach this
// app's SvelteKit 2, not the SvelteKit 3 next to them (an installed package has only one).
export default defineConfig({
  resolve: { dedupe: ['@sveltejs/kit'] },
  plugins: [sveltekit()],
});
